package org.asyncio4j.sync;

import java.util.ArrayDeque;
import java.util.Locale;
import org.asyncio4j.Future;

/**
 * A meeting point for a fixed number of tasks: each calls {@link #await()}, which suspends it until
 * {@link #parties()} tasks have arrived; then all of them continue. The barrier can be used again
 * at once: tasks that arrive while the last round is still leaving wait for the next round.
 *
 * <p>States, as in asyncio: <em>filling</em> (tasks arriving), <em>draining</em> (the round is
 * complete and its tasks are leaving), <em>resetting</em> ({@link #reset()} was called while tasks
 * were inside; they leave with {@link BrokenBarrierException}) and <em>broken</em> ({@link
 * #abort()}; every wait fails until {@code reset()}).
 *
 * <p>Loop-confined: use it only from tasks of one loop (see the package notes).
 *
 * <p>Cancellation: a task cancelled while it waits leaves the barrier and no longer counts toward
 * the round; the others keep waiting for a full round.
 *
 * <pre>{@code
 * Barrier barrier = new Barrier(3);
 * for (int i = 0; i < 3; i++) {
 *   Asyncio.createTask(() -> {
 *     prepare();
 *     int index = barrier.await();   // 0, 1, 2 in arrival order
 *     go();
 *   });
 * }
 * }</pre>
 *
 * <p>asyncio: {@code asyncio.Barrier} (Python 3.11). asyncio builds it on a {@link Condition} and
 * makes {@code reset()} and {@code abort()} coroutines only to take that condition's lock; here the
 * state changes need no lock, so those two never suspend.
 */
public final class Barrier {
  private enum State {
    FILLING,
    DRAINING,
    RESETTING,
    BROKEN
  }

  private final int parties;
  private final ArrayDeque<Future<Boolean>> waiters = new ArrayDeque<>();
  private final LoopBinding binding = new LoopBinding();
  private State state = State.FILLING;

  /** Tasks inside the barrier: arrived in this round and not yet left. */
  private int count;

  /**
   * Creates a barrier for {@code parties} tasks.
   *
   * <p>asyncio: {@code asyncio.Barrier(parties)}
   *
   * @param parties how many tasks must arrive before they all continue
   * @throws IllegalArgumentException if it is less than 1
   */
  public Barrier(int parties) {
    if (parties < 1) {
      throw new IllegalArgumentException("Barrier parties must be >= 1, got " + parties);
    }
    this.parties = parties;
  }

  /**
   * Suspends the calling task until {@link #parties()} tasks are waiting, then returns this task's
   * arrival index, from 0 (first) to {@code parties() - 1} (the last, which does not suspend). A
   * task that arrives while the previous round drains or a reset completes waits for that first.
   *
   * <p>asyncio: {@code await barrier.wait()}, or {@code async with barrier as index:}
   *
   * @return the arrival index in this round
   * @throws BrokenBarrierException if the barrier is broken, or is aborted or reset while the task
   *     waits
   * @throws org.asyncio4j.CancelledException if the task is cancelled while it waits
   */
  public int await() {
    while (state == State.DRAINING || state == State.RESETTING) {
      awaitStateChange();
    }
    if (state == State.BROKEN) {
      throw new BrokenBarrierException(
          "Barrier " + this + " was aborted; reset() it before waiting on it again");
    }
    int index = count++;
    try {
      if (index + 1 == parties) {
        state = State.DRAINING; // the round is complete: release everyone
        wakeAll();
      } else {
        while (state == State.FILLING) {
          awaitStateChange();
        }
        if (state == State.BROKEN || state == State.RESETTING) {
          throw new BrokenBarrierException(
              "Barrier "
                  + this
                  + " was "
                  + (state == State.BROKEN ? "aborted" : "reset")
                  + " while the task waited");
        }
      }
      return index;
    } finally {
      count--;
      leave();
    }
  }

  /** The last task out of a draining or resetting barrier opens it for the next round. */
  private void leave() {
    if (count == 0) {
      if (state == State.DRAINING || state == State.RESETTING) {
        state = State.FILLING;
      }
      wakeAll();
    }
  }

  /**
   * Returns the barrier to its initial, filling state. Tasks waiting in it leave with {@link
   * BrokenBarrierException}; tasks arriving meanwhile wait until they have left. Does not suspend.
   *
   * <p>asyncio: {@code await barrier.reset()}
   */
  public void reset() {
    state = count > 0 ? State.RESETTING : State.FILLING;
    wakeAll();
  }

  /**
   * Breaks the barrier: waiting tasks and every later {@link #await()} fail with {@link
   * BrokenBarrierException} until {@link #reset()}. Use it when one party cannot arrive, so the
   * others do not wait forever. Does not suspend.
   *
   * <p>asyncio: {@code await barrier.abort()}
   */
  public void abort() {
    state = State.BROKEN;
    wakeAll();
  }

  /**
   * Returns the number of tasks needed to pass the barrier.
   *
   * <p>asyncio: {@code Barrier.parties}
   *
   * @return the parties
   */
  public int parties() {
    return parties;
  }

  /**
   * Returns the number of tasks waiting in the barrier while it fills (0 while it drains or is
   * broken).
   *
   * <p>asyncio: {@code Barrier.n_waiting}
   *
   * @return the waiting tasks
   */
  public int nWaiting() {
    return state == State.FILLING ? count : 0;
  }

  /**
   * Returns whether the barrier is broken by {@link #abort()}.
   *
   * <p>asyncio: {@code Barrier.broken}
   *
   * @return true when broken
   */
  public boolean isBroken() {
    return state == State.BROKEN;
  }

  private void awaitStateChange() {
    binding.awaitNewWaiter(this, waiters);
  }

  private void wakeAll() {
    for (Future<Boolean> w : waiters) {
      if (!w.isDone()) {
        w.setResult(true);
      }
    }
  }

  @Override
  public String toString() {
    String extra = state.name().toLowerCase(Locale.ROOT);
    if (state != State.BROKEN) {
      extra += ", waiters:" + nWaiting() + "/" + parties;
    }
    return "<Barrier [" + extra + "]>";
  }
}

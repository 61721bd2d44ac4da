package org.asyncio4j.sync;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.asyncio4j.Asyncio;
import org.asyncio4j.CancelledException;
import org.asyncio4j.Coroutine;
import org.asyncio4j.ExceptionGroup;
import org.asyncio4j.Future;
import org.asyncio4j.VoidCoroutine;
import org.jspecify.annotations.Nullable;

/**
 * A condition variable: tasks holding its {@link Lock} wait with {@link #await()} until another
 * task signals them with {@link #signal(int)} or {@link #signalAll()}. {@code await()} releases the
 * lock while the task waits and takes it back before returning, so the waiting task always holds
 * the lock when it checks its condition. Wake-ups may be spurious: check the condition in a loop,
 * or use {@link #awaitFor(BooleanSupplier)}.
 *
 * <p>Java's {@code Object.wait/notify/notifyAll} are final, so asyncio's {@code wait()}, {@code
 * notify(n)} and {@code notify_all()} are named {@code await()}, {@code signal(n)} and {@code
 * signalAll()} here, as in {@code java.util.concurrent.locks.Condition}.
 *
 * <p>Loop-confined: use it only from tasks of one loop (see the package notes). {@code await},
 * {@code awaitFor}, {@code signal} and {@code signalAll} require that the lock is acquired; as in
 * asyncio, whose lock has no owner, they do not check by whom (acquire it in the calling task, as
 * in the example: an {@code await()} releases the lock whoever took it).
 *
 * <p>Cancellation: a task cancelled in {@code await()} still takes the lock back before the {@link
 * CancelledException} leaves {@code await()}, so the code around it keeps its locking invariant;
 * and if it had been signalled, it passes the signal on to another waiter, so a cancellation never
 * loses a wake-up (gh-112202).
 *
 * <pre>{@code
 * Condition nonEmpty = new Condition();
 * // consumer
 * try (Held held = nonEmpty.acquire()) {
 *   nonEmpty.awaitFor(() -> !items.isEmpty());
 *   item = items.removeFirst();
 * }
 * // producer
 * try (Held held = nonEmpty.acquire()) {
 *   items.addLast(item);
 *   nonEmpty.signal();
 * }
 * }</pre>
 *
 * <p>asyncio: {@code asyncio.Condition}
 */
public final class Condition {
  private final Lock lock;
  private final ArrayDeque<Future<Boolean>> waiters = new ArrayDeque<>();
  private final LoopBinding binding = new LoopBinding();

  /**
   * Creates a condition with a new lock of its own.
   *
   * <p>asyncio: {@code asyncio.Condition()}
   */
  public Condition() {
    this(new Lock());
  }

  /**
   * Creates a condition over an existing lock, so that several conditions can share one lock.
   *
   * <p>asyncio: {@code asyncio.Condition(lock)}
   *
   * @param lock the lock that {@link #acquire()} takes and {@link #await()} releases
   */
  public Condition(Lock lock) {
    this.lock = Objects.requireNonNull(lock, "lock");
  }

  /**
   * Returns the underlying lock.
   *
   * @return the lock
   */
  public Lock lock() {
    return lock;
  }

  /**
   * Takes the underlying lock; see {@link Lock#acquire()}.
   *
   * <p>asyncio: {@code await cond.acquire()}, or entering {@code async with cond:}
   *
   * @return the hold, whose {@code close()} releases the lock
   */
  public Held acquire() {
    return lock.acquire();
  }

  /**
   * Releases the underlying lock; see {@link Lock#release()}.
   *
   * <p>asyncio: {@code Condition.release()}
   */
  public void release() {
    lock.release();
  }

  /**
   * Returns whether the underlying lock is held.
   *
   * <p>asyncio: {@code Condition.locked()}
   *
   * @return true while held
   */
  public boolean isLocked() {
    return lock.isLocked();
  }

  /**
   * Runs {@code body} while holding the underlying lock.
   *
   * <p>asyncio: {@code async with cond: return await body()}
   *
   * @param body what to run
   * @param <T> its result type
   * @return the body's result
   */
  public <T extends @Nullable Object> T withLock(Coroutine<T> body) {
    return lock.withLock(body);
  }

  /**
   * Like {@link #withLock(Coroutine)} for a body without a result.
   *
   * @param body what to run
   */
  public void withLock(VoidCoroutine body) {
    lock.withLock(body);
  }

  /**
   * Releases the lock, suspends the calling task until it is signalled, then takes the lock back
   * and returns. The lock is held again when this returns or throws, cancellation included.
   *
   * <p>asyncio: {@code await cond.wait()}
   *
   * @throws IllegalStateException if the lock is not acquired, or the caller is not a task
   * @throws CancelledException if the task is cancelled while it waits (it holds the lock again)
   */
  public void await() {
    checkHeld("await()");
    if (Asyncio.currentTask() == null) {
      throw new IllegalStateException(
          "Condition.await() suspends and must be called from a task, not a callback: " + this);
    }
    lock.release();
    try {
      try {
        binding.awaitNewWaiter(this, waiters);
      } finally {
        reacquire();
      }
    } catch (Throwable e) {
      // We may have been signalled before the exception (a cancellation right after signal()):
      // pass one wake-up on rather than lose it. A spurious wake-up is allowed, a lost one is not.
      wake(1);
      throw e;
    }
  }

  /**
   * Takes the lock back however often the task is cancelled meanwhile, then rethrows the latest
   * cancellation, as CPython does, so the caller's locking invariant holds on every exit.
   */
  private void reacquire() {
    RuntimeException cancellation = null;
    while (true) {
      try {
        lock.acquireLock();
        break;
      } catch (CancelledException | ExceptionGroup e) {
        // Only cancellations (a timeout's is a CancelledException, a task group's abort an
        // ExceptionGroup) are retried: a misuse error would fail again at once and spin.
        cancellation = e;
      }
    }
    if (cancellation != null) {
      throw cancellation;
    }
  }

  /**
   * Waits, as {@link #await()} does, until {@code predicate} is true; returns at once if it already
   * is. The predicate is evaluated with the lock held.
   *
   * <p>asyncio: {@code await cond.wait_for(predicate)}
   *
   * @param predicate the condition to wait for
   * @throws IllegalStateException if the predicate is false and the lock is not acquired
   */
  public void awaitFor(BooleanSupplier predicate) {
    while (!predicate.getAsBoolean()) {
      await();
    }
  }

  /**
   * Wakes up to {@code n} tasks waiting in {@link #await()}, longest-waiting first. They return
   * only once they get the lock back, so the caller should release it soon.
   *
   * <p>asyncio: {@code cond.notify(n)}
   *
   * @param n how many to wake at most
   * @throws IllegalStateException if the lock is not acquired
   */
  public void signal(int n) {
    checkHeld("signal()");
    wake(n);
  }

  /**
   * Wakes one waiting task; same as {@code signal(1)}.
   *
   * <p>asyncio: {@code cond.notify()}
   */
  public void signal() {
    signal(1);
  }

  /**
   * Wakes every waiting task.
   *
   * <p>asyncio: {@code cond.notify_all()}
   *
   * @throws IllegalStateException if the lock is not acquired
   */
  public void signalAll() {
    checkHeld("signalAll()");
    wake(waiters.size());
  }

  private void wake(int n) {
    int woken = 0;
    for (Future<Boolean> w : waiters) {
      if (woken >= n) {
        break;
      }
      if (!w.isDone()) {
        woken++;
        w.setResult(false);
      }
    }
  }

  /** As asyncio's: the lock must be locked, by whoever (a lock has no owner). */
  private void checkHeld(String what) {
    if (!lock.isLocked()) {
      throw new IllegalStateException(
          "Condition."
              + what
              + " needs the condition's lock to be acquired, and it is not: call it inside"
              + " try (Held h = condition.acquire()) {...}; "
              + this);
    }
  }

  @Override
  public String toString() {
    String extra = lock.isLocked() ? "locked" : "unlocked";
    if (!waiters.isEmpty()) {
      extra += ", waiters:" + waiters.size();
    }
    return "<Condition [" + extra + "]>";
  }
}

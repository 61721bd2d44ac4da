package org.asyncio4j.sync;

import org.asyncio4j.Coroutine;
import org.asyncio4j.VoidCoroutine;
import org.jspecify.annotations.Nullable;

/**
 * A counter of permits for the tasks of one event loop: {@link #acquire()} takes one, suspending
 * the calling task while none is free, and {@link #release()} gives one back. Use it to bound how
 * many tasks do something at once (open connections, requests in flight).
 *
 * <p>Fair, with no queue jumping: while tasks wait, a released permit goes to the longest-waiting
 * one, even if another task asks for a permit before that waiter has run (gh-90155, bpo-45997).
 *
 * <p>Loop-confined: use it only from tasks of one loop (see the package notes). Like a {@link Lock}
 * it has no owner: any task or callback may release.
 *
 * <p>Cancellation: a task cancelled while it waits does not get a permit; if a permit had already
 * been handed to it, the permit goes back and on to the next waiter, so none is lost.
 *
 * <pre>{@code
 * Semaphore limit = new Semaphore(2);   // at most two downloads at once
 * String page = limit.withPermit(() -> download(url));
 * }</pre>
 *
 * <p>asyncio: {@code asyncio.Semaphore}
 */
public sealed class Semaphore permits BoundedSemaphore {
  private final WaiterQueue waiters = new WaiterQueue(this, this::abandoned);

  /** {@link #release()}, created once: every {@link Held} of this semaphore shares it. */
  private final Runnable releaser = this::release;

  /**
   * Free permits, minus those handed to woken waiters that have not run yet: a woken waiter's
   * permit is taken out when it is woken, so that no newcomer can take it first.
   */
  int value;

  /**
   * Creates a semaphore with one permit.
   *
   * <p>asyncio: {@code asyncio.Semaphore()}
   */
  public Semaphore() {
    this(1);
  }

  /**
   * Creates a semaphore with {@code permits} permits.
   *
   * <p>asyncio: {@code asyncio.Semaphore(value)}
   *
   * @param permits the initial number of permits
   * @throws IllegalArgumentException if it is negative
   */
  public Semaphore(int permits) {
    if (permits < 0) {
      throw new IllegalArgumentException(
          getClass().getSimpleName() + " initial value must be >= 0, got " + permits);
    }
    this.value = permits;
  }

  /**
   * Returns whether {@link #acquire()} would suspend: no permit is free, or tasks wait for one (and
   * keep their turn).
   *
   * <p>asyncio: {@code Semaphore.locked()}
   *
   * @return true when an acquire would wait
   */
  public boolean isLocked() {
    return value == 0 || waiters.hasLiveWaiter();
  }

  /**
   * Returns the number of permits free now, not counting those already handed to woken tasks.
   *
   * @return the free permits
   */
  public int availablePermits() {
    return value;
  }

  /**
   * Takes a permit, suspending the calling task until one is free and its turn has come, and
   * returns a {@link Held} whose {@link Held#close()} gives it back.
   *
   * <p>asyncio: {@code await sem.acquire()}, or entering {@code async with sem:}
   *
   * @return the hold, to close (best with try-with-resources)
   * @throws org.asyncio4j.CancelledException if the task is cancelled while it waits; it then holds
   *     no permit
   */
  public Held acquire() {
    acquirePermit();
    return new Held(this, releaser);
  }

  /**
   * Runs {@code body} in the calling task while holding a permit.
   *
   * <p>asyncio: {@code async with sem: return await body()}
   *
   * @param body what to run
   * @param <T> its result type
   * @return the body's result
   * @throws java.util.concurrent.CompletionException wrapping a checked exception of the body
   */
  public <T extends @Nullable Object> T withPermit(Coroutine<T> body) {
    return Held.callHolding(acquire(), body);
  }

  /**
   * Like {@link #withPermit(Coroutine)} for a body without a result.
   *
   * @param body what to run
   */
  public void withPermit(VoidCoroutine body) {
    Held.runHolding(acquire(), body);
  }

  /**
   * Gives a permit back and hands it to the longest-waiting task, if any. Does not suspend.
   *
   * <p>asyncio: {@code Semaphore.release()}
   */
  public void release() {
    value++;
    wakeUpNext();
  }

  private void acquirePermit() {
    if (!isLocked()) {
      value--;
      return;
    }
    try {
      waiters.await();
    } finally {
      // Tasks that arrived while permits were free but had to queue behind us (FIFO) can go now.
      while (value > 0 && wakeUpNext()) {
        // each turn hands one permit to one waiter
      }
    }
  }

  /**
   * A waiter was cancelled (or timed out). gh-90155: if wakeUpNext() had already taken a permit out
   * for it, it is leaving without it, so put it back; acquirePermit's finally block hands it to the
   * next waiter.
   */
  private void abandoned(boolean handedOver) {
    if (handedOver) {
      value++;
    }
  }

  /** Hands a permit to the first waiter not yet woken; returns false if there is none. */
  private boolean wakeUpNext() {
    if (!waiters.wakeFirstNotWoken()) {
      return false;
    }
    value--; // the woken waiter's permit: taken out now so that no newcomer can take it first
    return true;
  }

  String describe() {
    String extra = isLocked() ? "locked" : "unlocked, value:" + value;
    if (waiters.size() > 0) {
      extra += ", waiters:" + waiters.size();
    }
    return extra;
  }

  @Override
  public String toString() {
    return "<Semaphore [" + describe() + "]>";
  }
}

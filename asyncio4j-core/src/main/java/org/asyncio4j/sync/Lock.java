package org.asyncio4j.sync;

import org.asyncio4j.Asyncio;
import org.asyncio4j.Coroutine;
import org.asyncio4j.Task;
import org.asyncio4j.VoidCoroutine;
import org.jspecify.annotations.Nullable;

/**
 * A mutual-exclusion lock for the tasks of one event loop: at most one task holds it, and tasks
 * that wait for it get it in the order they asked (FIFO). It is not reentrant: a task that holds it
 * and asks again gets an {@link IllegalStateException} instead of waiting for itself forever. Only
 * the task that holds it may release it.
 *
 * <p>Loop-confined: use it only from tasks of one loop (see the package notes). It does not block a
 * thread; a task waiting for it is suspended and the loop runs other tasks.
 *
 * <p>Cancellation: a task cancelled while it waits does not get the lock; if the lock had already
 * been handed to it, it passes it on to the next waiter (bpo-27585, gh-90155), so a cancellation
 * never leaves the lock free with tasks waiting for it.
 *
 * <pre>{@code
 * Lock lock = new Lock();
 * try (Held held = lock.acquire()) {
 *   // only one task at a time runs this block
 * }
 * int n = lock.withLock(() -> counter.incrementAndGet());
 * }</pre>
 *
 * <p>asyncio: {@code asyncio.Lock}. asyncio's lock has no owner; this one remembers the task that
 * holds it so that a release from another task, a common bug, fails where it happens.
 */
public final class Lock {
  private final WaiterQueue waiters = new WaiterQueue(this, this::abandoned);

  /** {@link #release()}, created once: every {@link Held} of this lock shares it. */
  private final Runnable releaser = this::release;

  private boolean locked;
  private @Nullable Task<?> owner;

  /**
   * Creates an unlocked lock, not yet bound to a loop.
   *
   * <p>asyncio: {@code asyncio.Lock()}
   */
  public Lock() {}

  /**
   * Returns whether some task holds the lock.
   *
   * <p>asyncio: {@code Lock.locked()}
   *
   * @return true while held
   */
  public boolean isLocked() {
    return locked;
  }

  /**
   * Suspends the calling task until it holds the lock, and returns a {@link Held} whose {@link
   * Held#close()} releases it. Does not suspend when the lock is free and nobody waits for it.
   *
   * <p>asyncio: {@code await lock.acquire()}, or entering {@code async with lock:}
   *
   * @return the hold, to close (best with try-with-resources)
   * @throws IllegalStateException if the calling task already holds the lock (it is not reentrant),
   *     or the lock belongs to another loop
   * @throws org.asyncio4j.CancelledException if the task is cancelled while it waits; it then does
   *     not hold the lock
   */
  public Held acquire() {
    acquireLock();
    return new Held(this, releaser);
  }

  /**
   * Runs {@code body} in the calling task while holding the lock, and releases it however the body
   * ends.
   *
   * <p>asyncio: {@code async with lock: return await body()}
   *
   * @param body what to run
   * @param <T> its result type
   * @return the body's result
   * @throws java.util.concurrent.CompletionException wrapping a checked exception of the body
   */
  public <T extends @Nullable Object> T withLock(Coroutine<T> body) {
    return Held.callHolding(acquire(), body);
  }

  /**
   * Like {@link #withLock(Coroutine)} for a body without a result.
   *
   * <p>asyncio: {@code async with lock: await body()}
   *
   * @param body what to run
   */
  public void withLock(VoidCoroutine body) {
    Held.runHolding(acquire(), body);
  }

  /**
   * Releases the lock, and hands it to the longest-waiting task, if any. Does not suspend.
   *
   * <p>asyncio: {@code Lock.release()}
   *
   * @throws IllegalStateException if the lock is not held, or is held by another task
   */
  public void release() {
    if (!locked) {
      throw new IllegalStateException(
          "Lock " + this + " is not acquired: release() must follow a successful acquire()");
    }
    Task<?> me = Asyncio.currentTask();
    if (owner != me) {
      throw new IllegalStateException(
          "Lock "
              + this
              + " is held by "
              + describe(owner)
              + ", not by "
              + describe(me)
              + ": only the task that acquired it may release it");
    }
    locked = false;
    owner = null;
    waiters.wakeFirst();
  }

  /** Whether the calling task (or callback, when no task runs) holds the lock. */
  boolean isHeldByCaller() {
    return locked && owner == Asyncio.currentTask();
  }

  /** Acquires without creating a {@link Held}; for {@link Condition}, which reacquires. */
  void acquireLock() {
    Task<?> me = Asyncio.currentTask();
    if (locked && me != null && owner == me) {
      throw new IllegalStateException(
          "Lock "
              + this
              + " is already held by the calling task "
              + describe(me)
              + ": it is not reentrant; release it first or restructure the code to acquire once");
    }
    // A waiter whose future is done was handed the lock and has not run yet: it keeps its turn
    // (FIFO), so a newcomer queues behind it even though the lock looks free.
    if (!locked && !waiters.hasLiveWaiter()) {
      locked = true;
      owner = me;
      return;
    }
    waiters.await();
    locked = true;
    owner = me;
  }

  /**
   * A waiter was cancelled (or timed out). If release() had already woken it, the lock is free and
   * nobody else was woken: wake the next waiter, or it would wait forever (bpo-27585). If it was
   * not woken, waking the first is harmless: it finds the lock free.
   */
  private void abandoned(boolean handedOver) {
    if (!locked) {
      waiters.wakeFirst();
    }
  }

  private static String describe(@Nullable Task<?> task) {
    return task == null ? "a callback (no task)" : "task '" + task.getName() + "'";
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("<Lock [").append(locked ? "locked" : "unlocked");
    if (locked && owner != null) {
      sb.append(", owner:").append(owner.getName());
    }
    if (waiters.size() > 0) {
      sb.append(", waiters:").append(waiters.size());
    }
    return sb.append("]>").toString();
  }
}

package org.asyncio4j.sync;

import java.util.function.Supplier;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Coroutine;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Task;
import org.asyncio4j.VoidCoroutine;
import org.jspecify.annotations.Nullable;

/**
 * A mutual-exclusion lock for the tasks of one event loop: at most one holder at a time, and tasks
 * that wait for it get it in the order they asked (FIFO).
 *
 * <p>As asyncio's, the lock has no owner: any task or callback may {@link #release()} it, not only
 * the one that acquired it, so a lock can be taken in one task and released in another or in a
 * callback. It is not reentrant: a task that holds it and acquires it again waits until someone
 * else releases it, which is a deadlock unless something else does ({@link
 * org.asyncio4j.Asyncio#waitFor} can bound that wait, and leaves no waiter behind). In {@linkplain
 * org.asyncio4j.EventLoop#isDebug() debug mode} both cases, a task acquiring a lock it already
 * acquired and a release by another task or a callback, are logged as warnings (logger {@code
 * org.asyncio4j}), since they are most often mistakes; they are never refused.
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
 * <p>asyncio: {@code asyncio.Lock}
 */
public final class Lock {
  private static final System.Logger LOG = System.getLogger("org.asyncio4j");

  private final WaiterQueue waiters = new WaiterQueue(this, this::abandoned);

  /** {@link #release()}, created once: every {@link Held} of this lock shares it. */
  private final Runnable releaser = this::release;

  private boolean locked;

  /**
   * The task that acquired the lock (null for none, or when it was not a task): not an owner, since
   * the lock has none, but what the debug-mode warnings compare against.
   */
  private @Nullable Task<?> acquirer;

  /**
   * Creates an unlocked lock, not yet bound to a loop.
   *
   * <p>asyncio: {@code asyncio.Lock()}
   */
  public Lock() {}

  /**
   * Returns whether the lock is acquired.
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
   * @throws IllegalStateException if the lock belongs to another loop, or the lock is taken and the
   *     caller is not a task (a callback cannot wait)
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
   * Releases the lock, and hands it to the longest-waiting task, if any. Does not suspend. Any task
   * or callback may release it, not only the one that acquired it, as in asyncio.
   *
   * <p>asyncio: {@code Lock.release()}
   *
   * @throws IllegalStateException if the lock is not held
   */
  public void release() {
    if (!locked) {
      throw new IllegalStateException(
          "Lock " + this + " is not acquired: release() must follow a successful acquire()");
    }
    Task<?> me = callerTask();
    if (me != acquirer) {
      warnInDebugMode(() ->
          "Lock "
              + this
              + " acquired by "
              + describe(acquirer)
              + " is released by "
              + describe(me)
              + "; asyncio allows it, but it is often a mistake");
    }
    locked = false;
    acquirer = null;
    waiters.wakeFirst();
  }

  /**
   * Whether the lock is acquired and the calling task (or callback, when no task runs) was the one
   * that acquired it; for tests and diagnostics only, since the lock has no owner to enforce.
   */
  boolean isHeldByCaller() {
    return locked && acquirer == callerTask();
  }

  /** Acquires without creating a {@link Held}; for {@link Condition}, which reacquires. */
  void acquireLock() {
    Task<?> me = callerTask();
    // A waiter whose future is done was handed the lock and has not run yet: it keeps its turn
    // (FIFO), so a newcomer queues behind it even though the lock looks free.
    if (!locked && !waiters.hasLiveWaiter()) {
      locked = true;
      acquirer = me;
      return;
    }
    if (me != null && me == acquirer) {
      warnInDebugMode(() ->
          describe(me)
              + " acquires Lock "
              + this
              + " that it acquired already: the lock is not reentrant, so the task waits"
              + " until another task or a callback releases it (a deadlock if none does)");
    }
    waiters.await();
    locked = true;
    acquirer = me;
  }

  /**
   * The calling task, or null in a callback or outside a loop: a release outside a running loop is
   * not refused for want of a current task (it is only compared, for the debug-mode warnings).
   */
  private static @Nullable Task<?> callerTask() {
    try {
      return Asyncio.currentTask();
    } catch (IllegalStateException outsideALoop) {
      return null;
    }
  }

  /**
   * Logs {@code message} as a warning when the running loop is in debug mode. Off the fast path.
   */
  private static void warnInDebugMode(Supplier<String> message) {
    EventLoop loop;
    try {
      loop = Asyncio.getRunningLoop();
    } catch (IllegalStateException outsideALoop) {
      return; // no loop, so no debug mode to follow
    }
    if (loop.isDebug()) {
      LOG.log(System.Logger.Level.WARNING, message.get());
    }
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
    if (waiters.size() > 0) {
      sb.append(", waiters:").append(waiters.size());
    }
    return sb.append("]>").toString();
  }
}

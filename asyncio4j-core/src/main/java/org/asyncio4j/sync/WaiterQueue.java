package org.asyncio4j.sync;

import java.util.ArrayDeque;
import org.asyncio4j.Future;

/**
 * The first-come first-served queue of tasks waiting for a {@link Lock} or a {@link Semaphore},
 * with the waiting and leaving rules both share (CPython's {@code locks.py}). Each waiting task
 * parks on its own future; waking it completes that future, which only queues the task, so the
 * primitive's state may be updated before or after a wake with the same effect.
 *
 * <p>A woken task stays in the queue until it runs and takes what it was handed: until then it
 * keeps its turn, so that a newcomer cannot overtake it (gh-90155).
 *
 * <p>Loop-confined, as its primitive.
 */
final class WaiterQueue {
  /** What a primitive does when a task leaves the queue without taking its turn. */
  @FunctionalInterface
  interface Abandonment {
    /**
     * Called in the leaving task, after it left the queue and before its exception propagates.
     *
     * @param handedOver whether the task had already been woken, and so handed the lock or permit
     */
    void abandoned(boolean handedOver);
  }

  private final ArrayDeque<Future<Boolean>> waiters = new ArrayDeque<>();
  private final LoopBinding binding = new LoopBinding();
  private final Object primitive;
  private final Abandonment abandonment;

  /**
   * @param primitive the lock or semaphore, named in error messages
   * @param abandonment what to do when a waiting task is cancelled or times out
   */
  WaiterQueue(Object primitive, Abandonment abandonment) {
    this.primitive = primitive;
    this.abandonment = abandonment;
  }

  /**
   * Queues the calling task at the back and suspends it until it is woken. If the wait ends with an
   * exception instead (the task is cancelled, or a timeout fires), the task leaves the queue, the
   * primitive's {@link Abandonment} runs, and the exception propagates.
   *
   * @throws IllegalStateException outside a task, or when the primitive belongs to another loop
   */
  void await() {
    Future<Boolean> fut = binding.newWaiter(primitive);
    waiters.addLast(fut);
    try {
      try {
        fut.await();
      } finally {
        waiters.remove(fut);
      }
    } catch (Throwable e) {
      abandonment.abandoned(fut.isDone() && !fut.isCancelled());
      throw e;
    }
  }

  /**
   * Whether some queued task still waits for its turn or has been handed it: a cancelled waiter
   * that has not left yet does not count.
   */
  boolean hasLiveWaiter() {
    for (Future<Boolean> w : waiters) {
      if (!w.isCancelled()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Wakes the task at the front, unless it is already woken (or cancelled and about to leave, in
   * which case its own {@link Abandonment} passes the turn on). The lock's rule: one holder.
   */
  void wakeFirst() {
    Future<Boolean> first = waiters.peekFirst();
    if (first != null && !first.isDone()) {
      first.setResult(true);
    }
  }

  /**
   * Wakes the longest-waiting task that is not woken yet, and returns whether there was one. The
   * semaphore's rule: several woken tasks may be on their way at once.
   */
  boolean wakeFirstNotWoken() {
    for (Future<Boolean> w : waiters) {
      if (!w.isDone()) {
        w.setResult(true);
        return true;
      }
    }
    return false;
  }

  /** How many tasks are queued, woken ones included. */
  int size() {
    return waiters.size();
  }
}

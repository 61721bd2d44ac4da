package org.asyncio4j;

/**
 * Raised by {@link EventLoop#runUntilComplete} and {@link Asyncio#run} when nothing can ever wake
 * any task again: no ready callback, no timer, no registered I/O, no job in an executor, no pending
 * cross-thread submission and no wrapped external future, while the awaited future is not done.
 * asyncio hangs forever in that state; asyncio4j reports it, listing every task and what it waits
 * on, and leaves the loop usable (the tasks stay suspended; closing the loop cancels them).
 *
 * <p>The loop cannot see a thread of the application that will later call {@link
 * EventLoop#callSoonThreadsafe}; a program built that way turns the check off with {@link
 * EventLoop.Builder#deadlockDetection(boolean)}.
 *
 * <pre>{@code
 * Asyncio.run(() -> loopFuture.await());   // nobody completes loopFuture
 * // DeadlockException: no task can make progress; 1 task is waiting:
 * //   <Task pending name='Task-1' ... wait_for=<Future pending>>
 * }</pre>
 */
public class DeadlockException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates one.
   *
   * @param message the report of every task and what it waits on
   */
  public DeadlockException(String message) {
    super(message);
  }
}

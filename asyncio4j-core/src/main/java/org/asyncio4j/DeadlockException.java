package org.asyncio4j;

import java.util.List;

/**
 * The deadlock report of {@link EventLoop#runUntilComplete}: nothing registered with the loop can
 * wake any task again (no ready callback, no timer, no registered I/O, no job in an executor, no
 * pending cross-thread submission, no wrapped external future, no Flow subscription waiting for
 * another thread), while the awaited future is not done. It lists every task, what it waits on, and
 * every await cycle it found ("task-a awaits task-b awaits task-a"), also through {@code gather}
 * and {@code shield} futures.
 *
 * <p>The loop cannot see a thread of the application that will later call {@link
 * EventLoop#callSoonThreadsafe} (a JDBC driver's callback, a GUI thread), so where it cannot be
 * sure it does not end the program:
 *
 * <ul>
 *   <li>A loop on real time (the default) keeps waiting, as asyncio does; once it has waited {@link
 *       EventLoop.Builder#deadlockQuietPeriod(java.time.Duration) the quiet period} (1 s by
 *       default) it passes this report, not thrown, to the loop's exception handler as the
 *       context's exception, once per quiet episode, and goes on normally if work arrives later.
 *   <li>It is <b>thrown</b> by a loop on virtual time ({@link EventLoop.Builder#virtualTime}, the
 *       {@code TestLoop} of asyncio4j-test), where nothing from outside can come, and by a loop
 *       built with {@link EventLoop.Builder#strictDeadlockDetection(boolean)}; both at once,
 *       without a quiet period. While a Flow subscription waits for a subscriber on another thread,
 *       even these loops only wait and report, since that thread may still act.
 * </ul>
 *
 * <p>After it is thrown the loop stays usable: the tasks stay suspended, and closing the loop
 * cancels them. asyncio has no such report: it hangs silently.
 *
 * <pre>{@code
 * EventLoop loop = EventLoop.builder().strictDeadlockDetection(true).build();
 * Future<String> never = loop.createFuture();   // nobody completes it
 * loop.runUntilComplete(never::await);
 * // DeadlockException: no task can make progress: nothing is ready, ...; 1 task is waiting:
 * //   <Task pending name='Task-1' coro=... wait_for=<Future pending cb=[1]>>
 * }</pre>
 */
public class DeadlockException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /** Not serialized: tasks are not serializable, and a deserialized report keeps its text. */
  private final transient List<Task<?>> tasks;

  private final transient List<List<Task<?>>> cycles;

  /**
   * Creates one without a task list.
   *
   * @param message the report of every task and what it waits on
   */
  public DeadlockException(String message) {
    super(message);
    this.tasks = List.of();
    this.cycles = List.of();
  }

  /**
   * The loop's report: thrown ones keep their stack trace; the one passed to the exception handler
   * has none, since where the loop noticed the quiet is no help to anyone reading it.
   */
  DeadlockException(
      String message, List<Task<?>> tasks, List<List<Task<?>>> cycles, boolean thrown) {
    super(message);
    this.tasks = List.copyOf(tasks);
    this.cycles = List.copyOf(cycles);
    if (!thrown) {
      setStackTrace(new StackTraceElement[0]);
    }
  }

  /**
   * Returns the tasks that were waiting when the report was made, oldest first.
   *
   * @return the tasks (empty for an instance made by the public constructor or deserialized)
   */
  public List<Task<?>> tasks() {
    List<Task<?>> t = tasks;
    return t == null ? List.of() : t;
  }

  /**
   * Returns the await cycles found: each lists the tasks of one cycle in await order, starting at
   * its oldest task (task-a awaits task-b awaits task-a gives {@code [task-a, task-b]}). A gather
   * or shield future between two tasks of a cycle is not listed; the message names it.
   *
   * @return the cycles, possibly empty
   */
  public List<List<Task<?>>> cycles() {
    List<List<Task<?>>> c = cycles;
    return c == null ? List.of() : c;
  }
}

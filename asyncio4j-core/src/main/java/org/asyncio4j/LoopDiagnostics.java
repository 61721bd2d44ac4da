package org.asyncio4j;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The texts of an event loop's diagnostics: the slow-step warning of debug mode (asyncio's
 * "Executing ... took ... seconds"), the stall report of debug mode's watchdog, and the {@link
 * DeadlockException} of {@link EventLoop#runUntilComplete}. Separate from {@link EventLoop} because
 * they only render state the loop hands them: the timing and the decision to report stay in the
 * loop, next to the turn logic they measure. Stateless; the stall report runs on the watchdog's
 * thread, the others on the loop's.
 */
final class LoopDiagnostics {
  private static final System.Logger LOG = System.getLogger("org.asyncio4j");

  private LoopDiagnostics() {}

  /** Logs that running {@code what} took {@code took} nanoseconds, with where its task now is. */
  static void logSlowStep(String what, long took, @Nullable Task<?> task) {
    StringBuilder msg =
        new StringBuilder("Executing ")
            .append(what)
            .append(" took ")
            .append(String.format(java.util.Locale.ROOT, "%.3f", took / 1e9))
            .append(" seconds");
    if (task != null && !task.isDone()) {
      msg.append("; the task is now at:");
      for (StackTraceElement e : task.getStack()) {
        msg.append("\n\tat ").append(e);
      }
    }
    LOG.log(System.Logger.Level.WARNING, msg.toString());
  }

  /**
   * The watchdog's report on loop {@code name}: the loop thread's stack and every task in a step.
   *
   * @param liveHead the head of the loop's list of live tasks
   */
  static String stallReport(String name, Thread loopThread, @Nullable Task<?> liveHead) {
    StringBuilder sb = new StringBuilder();
    sb.append("Event loop ")
        .append(name)
        .append(" has been stuck in one step; a task may be pinned (file I/O, a class")
        .append(" initialiser or a native frame) or computing without suspending.");
    sb.append("\nLoop thread ").append(loopThread.getName()).append(':');
    for (StackTraceElement e : loopThread.getStackTrace()) {
      sb.append("\n\tat ").append(e);
    }
    for (Task<?> t = liveHead; t != null; t = t.nextLive) {
      Thread.State state = t.thread.getState();
      if (state == Thread.State.RUNNABLE) {
        sb.append("\nRunning task ").append(t.getName()).append(':');
      } else if (t.runState == Task.RUN_RUNNING) {
        // In a step but not running: blocked in a JDK call. A pinned one (the usual culprit)
        // holds the loop; its thread is WAITING, so RUNNABLE alone would leave it out.
        sb.append("\nTask ")
            .append(t.getName())
            .append(", blocked in a step (")
            .append(state)
            .append("; pinned if it holds the loop):");
      } else {
        continue;
      }
      for (StackTraceElement e : t.thread.getStackTrace()) {
        sb.append("\n\tat ").append(e);
      }
    }
    return sb.toString();
  }

  /**
   * The deadlock report: every live task and the first user frames of where it waits.
   *
   * @param liveTasks how many tasks the list starting at {@code liveHead} holds
   */
  static DeadlockException deadlock(int liveTasks, @Nullable Task<?> liveHead) {
    StringBuilder sb =
        new StringBuilder("no task can make progress: nothing is ready, no timer is set, no I/O")
            .append(" is registered, no executor job or cross-thread submission is pending; ")
            .append(liveTasks)
            .append(liveTasks == 1 ? " task is" : " tasks are")
            .append(" waiting:");
    for (Task<?> t = liveHead; t != null; t = t.nextLive) {
      sb.append("\n  ").append(t);
      List<StackTraceElement> stack = t.getStack();
      int shown = 0;
      for (StackTraceElement e : stack) {
        if (e.getClassName().startsWith("org.asyncio4j.")
            || e.getClassName().startsWith("java.")
            || e.getClassName().startsWith("jdk.")) {
          continue;
        }
        sb.append("\n      at ").append(e);
        if (++shown == 3) {
          break;
        }
      }
    }
    return new DeadlockException(sb.toString());
  }
}

package org.asyncio4j;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The texts of an event loop's diagnostics: the slow-step warning of debug mode (asyncio's
 * "Executing ... took ... seconds"), the stall report of debug mode's watchdog, and the {@link
 * DeadlockException} of {@link EventLoop#runUntilComplete} (thrown, or passed to the exception
 * handler). Separate from {@link EventLoop} because they only render state the loop hands them: the
 * timing and the decision to report stay in the loop, next to the turn logic they measure.
 * Stateless; the stall report runs on the watchdog's thread, the others on the loop's.
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
   * The deadlock report: what runUntilComplete waits for, every live task and the first user frames
   * of where it waits, and every await cycle among them.
   *
   * @param target the future runUntilComplete waits for, or null
   * @param tasks the loop's live tasks, oldest first
   * @param quietNanos how long the loop waited before this report; 0 for one thrown at once
   * @param thrown whether the report is thrown (else it goes to the exception handler)
   */
  static DeadlockException deadlock(
      String name,
      @Nullable Future<?> target,
      List<Task<?>> tasks,
      long quietNanos,
      boolean thrown) {
    StringBuilder sb = new StringBuilder();
    if (thrown) {
      sb.append("no task can make progress: nothing is ready, no timer is set, no I/O")
          .append(" is registered, no executor job or cross-thread submission is pending");
      if (quietNanos > 0) {
        sb.append(", and nothing came for ").append(seconds(quietNanos)).append(" s");
      }
    } else {
      sb.append("no task has made progress for ")
          .append(seconds(quietNanos))
          .append(" s, and nothing registered with event loop ")
          .append(name)
          .append(" can wake one: nothing is ready, no timer is set, no I/O is registered, no")
          .append(" executor job or cross-thread submission is pending. A thread the loop cannot")
          .append(" see may still call callSoonThreadsafe, so the loop keeps waiting, as asyncio")
          .append(" does; this is reported once, and again only if it recurs after progress");
    }
    if (target != null) {
      sb.append("; runUntilComplete waits for ")
          .append(target instanceof Task<?> t ? t.nameRepr() : target.toString());
    }
    int n = tasks.size();
    sb.append("; ").append(n).append(n == 1 ? " task is" : " tasks are").append(" waiting:");
    for (Task<?> t : tasks) {
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
    List<List<Future<?>>> cycles = AwaitCycles.find(tasks);
    List<List<Task<?>>> cycleTasks = new ArrayList<>(cycles.size());
    if (!cycles.isEmpty()) {
      sb.append("\nawait cycles (their tasks can never finish unless cancelled):");
      for (List<Future<?>> c : cycles) {
        sb.append("\n  ").append(AwaitCycles.describe(c));
        cycleTasks.add(AwaitCycles.tasksOf(c));
      }
    }
    if (!thrown) {
      sb.append("\nIf another thread will complete this work, the report is a false alarm: give")
          .append(" the loop a longer EventLoop.builder().deadlockQuietPeriod(...), or turn the")
          .append(" report off with deadlockDetection(false); to raise DeadlockException here")
          .append(" instead, build the loop with strictDeadlockDetection(true).");
    }
    return new DeadlockException(sb.toString(), tasks, cycleTasks, thrown);
  }

  private static String seconds(long nanos) {
    return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e9);
  }
}

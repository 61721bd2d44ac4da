package org.asyncio4j;

import java.util.concurrent.Executor;

/**
 * The scheduler and body of one task's virtual thread in the fast mode: it hands the thread's
 * continuations to the loop's {@link HookScheduler}, and being the thread's own scheduler object it
 * tells {@link Task#currentRaw()} which task a thread runs, from the thread alone (a field read),
 * with no scoped value bound for the task's life (a scoped value cost each task about 220 bytes,
 * the JDK's per-thread cache of scoped values among them, and 3 frames on its parked stack).
 *
 * <p>A virtual thread that the task starts inherits this executor as its scheduler (JDK 25): its
 * continuations go to the same loop, as before, and {@link #taskOf} does not mistake it for the
 * task's own thread.
 */
final class HookTaskExecutor implements Executor, Runnable {
  private final HookScheduler scheduler;
  final Task<?> task;

  HookTaskExecutor(HookScheduler scheduler, Task<?> task) {
    this.scheduler = scheduler;
    this.task = task;
  }

  /** Called by the JDK with a continuation of the task's thread (or of one it started). */
  @Override
  public void execute(Runnable continuation) {
    scheduler.execute(continuation);
  }

  /** The task's thread's body. */
  @Override
  public void run() {
    task.runBodyInScope();
  }

  /** The task whose own thread {@code thread} is, when this executor schedules it, else null. */
  @SuppressWarnings("ReferenceEquality") // identity: the same Thread object
  static @org.jspecify.annotations.Nullable Task<?> taskOf(Thread thread, Object scheduler) {
    if (scheduler instanceof HookTaskExecutor h && h.task.thread == thread) {
      return h.task;
    }
    return null;
  }
}

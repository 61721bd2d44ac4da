package org.asyncio4j;

/**
 * How the tasks of one loop get the loop's thread: the one internal interface behind which the two
 * scheduler modes sit (DEVELOPERS.md, "The design").
 *
 * <ul>
 *   <li>{@link HookScheduler}: each task is a virtual thread whose scheduler is the loop, reached
 *       through the JDK's package-private custom-scheduler constructor (needs {@code --add-opens
 *       java.base/java.lang}). The loop's thread runs every continuation.
 *   <li>{@link BatonScheduler}: public APIs only. Tasks are ordinary virtual threads and a baton,
 *       handed from thread to thread at every suspension, lets exactly one of them (or the loop's
 *       own thread) run at a time.
 * </ul>
 *
 * <p>Every method but {@link #newTaskThread} is called by whoever holds the loop: the loop's thread
 * or, in baton mode, the task that holds the baton.
 */
abstract class Scheduler {
  final EventLoop loop;

  Scheduler(EventLoop loop) {
    this.loop = loop;
  }

  /** "hook" or "public", as the benchmarks and warnings name the modes. */
  abstract String modeName();

  /** The task's thread, unstarted; its body calls {@link Task#runBodyInScope} (or runBody). */
  abstract Thread newTaskThread(Task<?> task);

  /** Makes the task's first step a ready-queue entry at the back of the queue. */
  abstract void startTask(Task<?> task);

  /**
   * Runs the task's first step now, before anything else, and returns when it suspends or ends
   * (asyncio's eager task factory). Called from a task or from the loop's thread.
   */
  abstract void startTaskEagerly(Task<?> task);

  /** Makes the task's first step the next entry to run, at the front of the ready queue. */
  abstract void startTaskFront(Task<?> task);

  /** Makes a suspended task the next entry to run: one entry at the front of the ready queue. */
  abstract void wakeFront(Task<?> task);

  /** Makes a suspended task ready: one entry at the back of the ready queue. */
  abstract void wake(Task<?> task);

  /** Called by the task itself: suspends it until {@link #wake} is called for it. */
  abstract void suspend(Task<?> task);

  /** Called by the task itself: goes to the back of the ready queue and lets others run. */
  abstract void yieldNow(Task<?> task);

  /** Called by the task's thread as its very last action. */
  abstract void exitTask(Task<?> task);

  /** Runs a ready-queue entry that is not a {@link Handle}. Called on the loop's thread. */
  abstract void runEntry(Object entry);

  /** Whether the calling thread holds the loop right now. */
  abstract boolean holdsLoop();

  /** Called when the loop is closed: later continuations must not land in the dead loop. */
  void onClose() {}
}

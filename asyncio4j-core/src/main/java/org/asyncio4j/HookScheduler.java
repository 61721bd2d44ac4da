package org.asyncio4j;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.asyncio4j.internal.loop.VirtualThreadHook;
import org.jspecify.annotations.Nullable;

/**
 * Tasks are virtual threads whose scheduler is this loop: the JDK hands every continuation to
 * {@link #execute}, which queues it on the loop's ready queue when called on the loop's thread and
 * in the thread-safe inbox otherwise (the JDK's unparker, unblocker and poller threads).
 */
final class HookScheduler extends Scheduler implements Executor {
  /** Set while an eager first step is being started from the loop's own (platform) thread. */
  private boolean runInline;

  /** Set while a continuation must go to the front of the queue (eager start from a task). */
  private int frontInsertions;

  private volatile @Nullable ExecutorService orphanCarrier;

  HookScheduler(EventLoop loop) {
    super(loop);
  }

  @Override
  String modeName() {
    return "hook";
  }

  @Override
  Thread newTaskThread(Task<?> task) {
    HookTaskExecutor scheduling = new HookTaskExecutor(this, task); // also the thread's body
    return VirtualThreadHook.newThread(scheduling, scheduling);
  }

  @Override
  @SuppressWarnings("ReferenceEquality") // identity: the same Thread object
  public void execute(Runnable continuation) {
    // Called by the JDK, possibly with the caller's continuation pinned: must never block.
    if (carrier() == loop.ownerThread && !loop.isClosed()) {
      if (runInline) {
        runInline = false;
        continuation.run(); // on the loop's platform thread: mounts the task right here
      } else if (frontInsertions > 0) {
        frontInsertions--;
        loop.pushFront(continuation);
      } else {
        loop.ready.addLast(continuation);
      }
    } else if (!loop.enqueueFromOtherThread(continuation)) {
      orphanCarrier().execute(continuation);
    }
  }

  private static Thread carrier() {
    return VirtualThreadHook.currentCarrier();
  }

  /**
   * After close, a task that ignored its cancellation, or a virtual thread a task started (it
   * inherits the loop as its scheduler), may still be parked in a JDK call; when it wakes, its
   * continuation runs here instead of landing in the dead loop. Created only after close, when
   * onClose() has already run, so its one thread must end by itself once idle, not leak.
   */
  private ExecutorService orphanCarrier() {
    ExecutorService ex = orphanCarrier;
    if (ex == null) {
      synchronized (this) {
        ex = orphanCarrier;
        if (ex == null) {
          ex =
              new ThreadPoolExecutor(
                  0,
                  1,
                  1,
                  TimeUnit.SECONDS,
                  new LinkedBlockingQueue<>(),
                  r -> {
                    Thread t = new Thread(r, "asyncio4j-orphan-carrier");
                    t.setDaemon(true);
                    return t;
                  });
          orphanCarrier = ex;
        }
      }
    }
    return ex;
  }

  @Override
  void startTask(Task<?> task) {
    task.thread.start(); // the JDK calls execute(): one entry at the back of the ready queue
  }

  @Override
  void startTaskEagerly(Task<?> task) {
    Task<?> parent = Task.currentOrNull();
    if (parent == null) {
      runInline = true; // loop thread, no task mounted: run the first step right now
      task.thread.start();
      runInline = false;
      return;
    }
    // A task cannot mount another on the same carrier: the parent steps aside instead. The
    // child's first step goes to the front of the queue, the parent's resumption right after.
    frontInsertions = 1;
    task.thread.start();
    parent.woken = false;
    loop.pushSecond(
        new Handle(
            () -> {
              frontInsertions = 1;
              parent.woken = true;
              LockSupport.unpark(parent.thread);
            },
            null));
    parkUntilWoken(parent);
  }

  @Override
  void startTaskFront(Task<?> task) {
    frontInsertions = 1;
    task.thread.start();
  }

  @Override
  void wakeFront(Task<?> task) {
    frontInsertions = 1;
    LockSupport.unpark(task.thread);
  }

  @Override
  void wake(Task<?> task) {
    LockSupport.unpark(task.thread);
  }

  @Override
  void suspend(Task<?> task) {
    parkUntilWoken(task);
  }

  private static void parkUntilWoken(Task<?> task) {
    boolean interrupted = false;
    while (!task.woken) {
      LockSupport.park(task);
      if (Thread.interrupted()) {
        interrupted = true; // park returns at once while interrupted: clear, restore below
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  @SuppressWarnings("ThreadPriorityCheck") // yielding the carrier is what yieldNow means here
  void yieldNow(Task<?> task) {
    Thread.yield(); // the JDK resubmits the continuation through execute(): back of the queue
  }

  @Override
  void exitTask(Task<?> task) {}

  @Override
  void runEntry(Object entry) {
    ((Runnable) entry).run();
  }

  @Override
  @SuppressWarnings("ReferenceEquality") // identity: the same Thread object
  boolean holdsLoop() {
    return carrier() == loop.ownerThread;
  }

  @Override
  void onClose() {
    ExecutorService ex = orphanCarrier;
    if (ex != null) {
      ex.shutdown();
    }
  }
}

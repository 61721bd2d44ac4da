package org.asyncio4j;

import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * The public-API mode: tasks are ordinary virtual threads (default scheduler), and a baton lets
 * exactly one thread run the loop at a time: the loop's own thread or one task.
 *
 * <p>Whoever holds the baton drives the loop. When a task suspends it pops the next ready entry
 * itself: a callback runs inline on the task's thread; another task's entry gets the baton handed
 * straight to it (one park/unpark, no trip through the loop's thread); a turn boundary that needs
 * no blocking wait (timers due, inbox, I/O poll) is done inline too. Only when the loop must block,
 * stop or check for deadlock does the baton go back to the loop's thread.
 *
 * <p>A task that hands the baton to the task it takes turns with (its entry is next after that
 * task's) waits by yielding a few times before it parks: the two virtual threads then share one
 * carrier of the default scheduler instead of migrating between carriers at every switch (see
 * {@link #yieldForBaton}).
 *
 * <p>Memory visibility: {@code owner} is volatile; every hand-off writes it after the loop's plain
 * fields were last touched and the receiver reads it before touching them, so each holder sees what
 * the previous one wrote (happens-before through the volatile write/read).
 *
 * <p>A blocking JDK call inside a task keeps the baton: no other task of the loop runs until it
 * returns (asyncio's rule that a blocking call blocks the loop).
 */
final class BatonScheduler extends Scheduler {
  /**
   * How many times a task that handed the baton to its turn-taking partner yields before it parks
   * (W2 at parallelism 2 needs about 1.3 yields per switch; 32 measured slower than 8).
   */
  private static final int YIELD_WAITS = 8;

  private volatile @Nullable Thread owner;

  BatonScheduler(EventLoop loop) {
    super(loop);
  }

  /** One per task: the task's ready-queue entry, reused for every wake-up. */
  static final class Resume {
    final Task<?> task;
    boolean started;

    Resume(Task<?> task) {
      this.task = task;
    }

    @Override
    public String toString() {
      return "<resume " + task.getName() + ">";
    }
  }

  @Override
  String modeName() {
    return "public";
  }

  @Override
  Thread newTaskThread(Task<?> task) {
    task.schedulerEntry = new Resume(task);
    return Thread.ofVirtual().unstarted(task::runBody);
  }

  private static Resume entryOf(Task<?> task) {
    if (task.schedulerEntry instanceof Resume r) {
      return r;
    }
    throw new IllegalStateException(
        task + " has no baton entry: it was not started by the public-API scheduler of its loop");
  }

  /** Called by the loop's thread when it starts running: it holds the baton. */
  void takeBaton() {
    owner = Thread.currentThread();
  }

  @Override
  void startTask(Task<?> task) {
    loop.ready.addLast(entryOf(task));
  }

  @Override
  void startTaskEagerly(Task<?> task) {
    Thread me = Thread.currentThread();
    Task<?> parent = Task.currentOrNull();
    loop.pushFront(entryOf(task));
    if (parent != null && !loop.inCallback) {
      loop.pushSecond(entryOf(parent));
      parent.woken = false;
      drive(parent);
    } else {
      // The loop's thread (or a callback run inline): run the child's first step, then take
      // the baton back before anything else runs.
      loop.pushSecond(new LoopResume(me));
      Object next = loop.nextEntryForBaton();
      handTo(next);
      awaitBaton(me);
    }
  }

  /** An entry that gives the baton back to a thread outside any task (eager start). */
  private record LoopResume(Thread thread) {}

  @Override
  void startTaskFront(Task<?> task) {
    loop.pushFront(entryOf(task));
  }

  @Override
  void wakeFront(Task<?> task) {
    loop.pushFront(entryOf(task));
  }

  @Override
  void wake(Task<?> task) {
    loop.ready.addLast(entryOf(task));
  }

  @Override
  void suspend(Task<?> task) {
    drive(task);
  }

  @Override
  void yieldNow(Task<?> task) {
    loop.ready.addLast(entryOf(task));
    drive(task);
  }

  @Override
  void exitTask(Task<?> task) {
    loop.taskStepEnded(task);
    while (true) {
      Object entry = loop.nextEntryForBaton();
      if (entry == null || entry instanceof Resume || entry instanceof LoopResume) {
        handTo(entry);
        return; // the thread ends; it holds nothing any more
      }
      loop.runHandle((Handle) entry);
    }
  }

  /** Runs the loop on this task's thread until the task's own entry comes up. */
  private void drive(Task<?> me) {
    loop.taskStepEnded(me);
    Resume mine = entryOf(me);
    Thread self = Thread.currentThread();
    while (true) {
      Object entry = loop.nextEntryForBaton();
      if (entry == mine) {
        return; // nothing else was ready before us: no switch at all
      }
      if (entry == null || entry instanceof Resume || entry instanceof LoopResume) {
        // Decided before the hand-off: once the baton is gone, the ready queue is not ours.
        boolean backSoon = entry instanceof Resume && isNextAfterHandOff(mine);
        handTo(entry);
        if (backSoon) {
          yieldForBaton(self);
        }
        awaitBaton(self);
        return;
      }
      loop.runHandle((Handle) entry);
    }
  }

  /**
   * Whether this task's entry comes right after the one being handed the baton (two tasks taking
   * turns, as in a ping-pong or a producer and its consumer), so that the baton is likely back
   * within one step of the other task.
   */
  private boolean isNextAfterHandOff(Resume mine) {
    Object after = loop.ready.peekFirst();
    return after == null || after == mine;
  }

  /**
   * Waits for the baton by yielding, a few times, before parking. Why: the hand-off's unpark put
   * the next task in this carrier's local queue; parking here lets the default scheduler's other
   * carrier (woken by that push) steal it, so every switch moves both tasks to another core
   * (measured: W2 at parallelism 2 costs 2.4x what it costs at parallelism 1). A yield instead puts
   * this thread behind the next task in the same local queue, without waking another carrier, and
   * the carrier runs the next task right away (FIFO). When the baton comes back within those
   * yields, the switch was a yield on one carrier, as with parallelism 1. The bound keeps a task
   * whose baton stays away (a long step, a blocking call) from burning a carrier: it then parks.
   */
  @SuppressWarnings({
    "ReferenceEquality", // identity: the same Thread object
    "ThreadPriorityCheck" // the yield is the point: see above
  })
  private void yieldForBaton(Thread self) {
    for (int i = 0; i < YIELD_WAITS && owner != self; i++) {
      Thread.yield();
    }
  }

  /** Hands the baton to the thread of {@code entry}, or to the loop's thread when null. */
  private void handTo(@Nullable Object entry) {
    Thread next;
    boolean start = false;
    if (entry instanceof Resume r) {
      next = r.task.thread;
      if (!r.started) {
        r.started = true;
        start = true;
      }
    } else if (entry instanceof LoopResume lr) {
      next = lr.thread();
    } else {
      next = loop.ownerThread;
    }
    owner = next; // volatile write: publishes the loop's state to the next holder
    if (start) {
      next.start();
    } else {
      LockSupport.unpark(next);
    }
  }

  @SuppressWarnings("ReferenceEquality") // identity: the same Thread object
  private void awaitBaton(Thread self) {
    boolean interrupted = false;
    while (owner != self) {
      LockSupport.park(this);
      if (Thread.interrupted()) {
        interrupted = true;
      }
    }
    if (interrupted) {
      self.interrupt();
    }
  }

  @Override
  void runEntry(Object entry) {
    // On the loop's own thread: a task (or eager resume) entry gets the baton; we wait for it
    // to come back, then carry on from wherever the loop's state is now.
    handTo(entry);
    awaitBaton(Thread.currentThread());
  }

  @Override
  @SuppressWarnings("ReferenceEquality") // identity: the same Thread object
  boolean holdsLoop() {
    return owner == Thread.currentThread();
  }
}

package org.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * After {@link EventLoop#close()}, a continuation that wakes up later must not land in the dead
 * loop, where nothing would ever run it: the thread would hang forever. Hook mode only: there a
 * virtual thread started inside a task inherits the loop as its scheduler (RUNTIME.md part 2), so
 * it can outlive the loop while parked in a JDK call; the public-API mode's threads run on the
 * JDK's own scheduler, and a blocking call there holds the loop, so close cannot happen under it.
 */
@Timeout(60)
class LoopCloseTrapsTest {

  private static EventLoop hookLoop() {
    EventLoop loop = EventLoop.create();
    if (!TestLoops.hookMode(loop)) {
      loop.close();
      assumeTrue(
          false,
          "hook mode only: in the public-API mode nothing parks on the loop's scheduler, so no"
              + " continuation can land in a closed loop");
    }
    return loop;
  }

  /**
   * Starts, from a task, a virtual thread that inherits the loop's scheduler and runs {@code body};
   * returns once the thread is inside {@code body}'s blocking call (it signals the task just
   * before, and the loop cannot run the task until the thread has unmounted in that call).
   */
  private static Thread startChildInLoop(
      EventLoop loop, Blocking body, AtomicReference<String> ranOn) {
    return loop.runUntilComplete(() -> {
      EventLoop l = Asyncio.getRunningLoop();
      Future<@Nullable Void> blocking = l.createFuture();
      Thread child =
          Thread.ofVirtual()
              .start(() -> {
                l.callSoonThreadsafe(() -> blocking.setResult(null));
                try {
                  body.run();
                } catch (Exception e) {
                  ranOn.set("failed: " + e);
                  return;
                }
                ranOn.set(
                    Thread.currentThread().toString()); // "VirtualThread[#n]/runnable@carrier"
              });
      blocking.await();
      return child;
    });
  }

  /** A blocking JDK call. */
  private interface Blocking {
    void run() throws Exception;
  }

  @Test
  void aThreadParkedInAQueueTakeWhenTheLoopClosesResumesOnTheOrphanCarrierAndEnds()
      throws Exception {
    BlockingQueue<String> queue = new LinkedBlockingQueue<>();
    AtomicReference<String> ranOn = new AtomicReference<>("not resumed");
    Thread child;
    try (EventLoop loop = hookLoop()) {
      child = startChildInLoop(loop, queue::take, ranOn);
      assertThat(child.getState()).isEqualTo(Thread.State.WAITING);
    }
    // Released by this thread, which was the loop's thread: the continuation must still not be
    // queued in the closed loop.
    queue.put("go");
    assertThat(child.join(Duration.ofSeconds(20))).as("the orphaned thread ended").isTrue();
    assertThat(ranOn.get()).endsWith("@asyncio4j-orphan-carrier");
    assertOrphanCarriersEnd();
  }

  /** The orphan carrier is created after close, so nothing shuts it down: it must end when idle. */
  private static void assertOrphanCarriersEnd() throws InterruptedException {
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().equals("asyncio4j-orphan-carrier")) {
        assertThat(t.join(Duration.ofSeconds(20))).as("%s ended once idle", t).isTrue();
      }
    }
  }

  @Test
  void aThreadInThreadSleepWhenTheLoopClosesIsWokenOnTheOrphanCarrierAndEnds() throws Exception {
    AtomicReference<String> ranOn = new AtomicReference<>("not resumed");
    Thread child;
    try (EventLoop loop = hookLoop()) {
      // The JDK's unparker thread wakes it, after close: the sleep is the behaviour under test.
      child = startChildInLoop(loop, () -> Thread.sleep(200), ranOn);
    }
    assertThat(child.join(Duration.ofSeconds(20))).as("the orphaned thread ended").isTrue();
    assertThat(ranOn.get()).endsWith("@asyncio4j-orphan-carrier");
    assertOrphanCarriersEnd();
  }

  /**
   * close() cancels a task blocked in a JDK call by interrupting it; the task ends cancelled and
   * its thread ends.
   */
  @Test
  void aTaskInABlockingCallAtCloseIsInterruptedAndItsThreadEnds() throws Exception {
    List<ExceptionContext> reports = new ArrayList<>();
    AtomicReference<@Nullable Throwable> raised = new AtomicReference<>();
    Task<Void> sleeper;
    try (EventLoop loop = hookLoop()) {
      loop.setExceptionHandler((l, c) -> reports.add(c));
      sleeper =
          loop.createTask(() -> {
            try {
              Thread.sleep(Duration.ofHours(1));
            } catch (InterruptedException e) {
              raised.set(e);
              throw e;
            }
          });
      loop.runUntilIdle(); // its first step parks it in Thread.sleep, off the loop
      assertThat(sleeper.isDone()).isFalse();
    }
    assertThat(sleeper.thread.join(Duration.ofSeconds(20))).as("the task's thread ended").isTrue();
    assertThat(raised.get()).isInstanceOf(InterruptedException.class);
    // The interrupt was close()'s cancellation arriving: the task ends cancelled, and nothing
    // reports an "unhandled exception during shutdown".
    assertThat(sleeper.isCancelled()).isTrue();
    assertThat(reports)
        .extracting(ExceptionContext::message)
        .containsExactly("Task was destroyed but it is pending!");
  }
}

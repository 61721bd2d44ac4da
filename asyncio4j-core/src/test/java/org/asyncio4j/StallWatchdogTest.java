package org.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Debug mode's stall watchdog: while a task is stuck in one step (computing without suspending, or
 * pinned in a blocking call that cannot unmount), a report with the task's name and stack is
 * logged, from the watchdog's own thread. Both scheduler modes.
 *
 * <p>The watchdog reports a step that has lasted over a second; the stuck steps below end as soon
 * as the report has arrived (or after 20 s, and then the test fails), so nothing waits on a clock.
 */
@Timeout(60)
class StallWatchdogTest {
  private static final String STALL = "has been stuck in one step";
  private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(20);

  private static EventLoop debugLoop() {
    // A slow-step threshold above the 20 s limit: only the watchdog reports here.
    EventLoop loop =
        EventLoop.builder().debug(true).slowCallbackDuration(Duration.ofMinutes(1)).build();
    TestLoops.hookMode(loop);
    return loop;
  }

  @Test
  void aTaskComputingWithoutSuspendingIsReportedWhileItIsStuck() throws Exception {
    try (LogCapture log = LogCapture.warnings();
        EventLoop loop = debugLoop()) {
      String report =
          loop.runUntilComplete(loop.createTask(() -> spinUntilReported(log), "spinning-task"));
      assertThat(report)
          .as("the watchdog's report, while the task spun")
          .isNotNull()
          .contains(STALL)
          .contains("Running task spinning-task:")
          .contains(StallWatchdogTest.class.getName() + ".spinUntilReported(");
    }
  }

  private static @Nullable String spinUntilReported(LogCapture log) throws InterruptedException {
    long start = System.nanoTime();
    while (System.nanoTime() - start < GIVE_UP_NANOS) {
      String report = log.await(m -> m.contains(STALL), Duration.ZERO);
      if (report != null) {
        return report;
      }
      Thread.onSpinWait();
    }
    return null;
  }

  /**
   * A task blocked in a class initialiser cannot unmount: its thread is parked (not RUNNABLE) while
   * it holds its carrier (hook mode: the loop's thread). The report must still name it.
   */
  @Test
  void aTaskPinnedInAClassInitialiserIsReportedWithItsStack() throws Exception {
    AtomicReference<@Nullable String> report = new AtomicReference<>();
    Consumer<String> releaseOnReport =
        m -> {
          if (m.contains(STALL) && report.compareAndSet(null, m)) {
            RELEASE_PINNED_INIT.countDown();
          }
        };
    try (LogCapture _ = LogCapture.warnings();
        EventLoop loop = debugLoop()) {
      CapturingLoggerFinder.LISTENERS.add(releaseOnReport);
      try {
        Task<Boolean> pinned = loop.createTask(() -> PinnedInit.RELEASED_BY_REPORT, "pinned-task");
        assertThat(loop.runUntilComplete(pinned)).as("released by the report").isTrue();
      } finally {
        CapturingLoggerFinder.LISTENERS.remove(releaseOnReport);
      }
    }
    assertThat(report.get())
        .isNotNull()
        .contains("pinned-task")
        .contains(PinnedInit.class.getName() + ".<clinit>");
  }

  /**
   * Counted down by the report; outside {@link PinnedInit}, since touching that class from the
   * watchdog's thread would wait for the very initialiser that is stuck.
   */
  private static final CountDownLatch RELEASE_PINNED_INIT = new CountDownLatch(1);

  /** Its initialiser blocks until the stall report arrives (or 20 s pass). */
  private static final class PinnedInit {
    static final boolean RELEASED_BY_REPORT;

    static {
      boolean released;
      try {
        released = RELEASE_PINNED_INIT.await(20, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        released = false;
      }
      RELEASED_BY_REPORT = released;
    }

    private PinnedInit() {}
  }
}

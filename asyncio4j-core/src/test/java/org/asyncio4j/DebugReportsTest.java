package org.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Debug mode's slow-step report: a callback or task step that runs longer than {@code
 * slowCallbackDuration} is logged (WARNING, logger {@code org.asyncio4j}), a task step with the
 * task's stack; a fast one is not. Both scheduler modes.
 *
 * <p>The slow steps busy-spin on {@code System.nanoTime()}: the time a step takes is the behaviour
 * under test, not something the test waits for.
 */
@Timeout(30)
class DebugReportsTest {
  private static final Duration THRESHOLD = Duration.ofMillis(20);
  private static final Duration SLOW_STEP = Duration.ofMillis(60);

  static void spin(Duration d) {
    long end = System.nanoTime() + d.toNanos();
    while (System.nanoTime() - end < 0) {
      Thread.onSpinWait();
    }
  }

  /** The slow-step reports among the warnings (the public mode's fallback warning is not one). */
  private static List<String> slowStepReports(LogCapture log) {
    return log.messages().stream().filter(m -> m.startsWith("Executing ")).toList();
  }

  private static EventLoop debugLoop(Duration threshold) {
    EventLoop loop =
        EventLoop.builder().virtualTime(true).debug(true).slowCallbackDuration(threshold).build();
    TestLoops.hookMode(loop); // checks the mode this Surefire execution expects
    return loop;
  }

  // asyncio: test_base_events.py::test_run_once_logging (slow callback in debug mode)
  @Test
  void aSlowCallbackIsReported() {
    try (LogCapture log = LogCapture.warnings();
        EventLoop loop = debugLoop(THRESHOLD)) {
      loop.callSoon(() -> spin(SLOW_STEP));
      loop.runUntilIdle();
      List<String> reports = slowStepReports(log);
      assertThat(reports).hasSize(1);
      assertThat(reports.get(0)).startsWith("Executing ").contains(" took ").endsWith(" seconds");
    }
  }

  @Test
  void aSlowTaskStepIsReportedWithTheTasksStack() {
    try (LogCapture log = LogCapture.warnings();
        EventLoop loop = debugLoop(THRESHOLD)) {
      Task<Void> slow =
          loop.createTask(
              () -> {
                spin(SLOW_STEP);
                parkedHere();
              },
              "slow-stepper");
      loop.runUntilIdle(); // one step: the spin, then the task sleeps on the virtual clock
      assertThat(slow.isDone()).isFalse();
      List<String> reports = slowStepReports(log);
      assertThat(reports).hasSize(1);
      assertThat(reports.get(0))
          .startsWith("Executing <Task")
          .contains("name='slow-stepper'")
          .contains("; the task is now at:")
          .contains(DebugReportsTest.class.getName() + ".parkedHere(");
      slow.cancel();
      loop.runUntilIdle();
      assertThat(slow.isCancelled()).isTrue();
    }
  }

  /** A frame the slow task is parked in, so that the report's stack can be recognised. */
  private static void parkedHere() {
    Asyncio.sleep(Duration.ofHours(1));
  }

  @Test
  void fastCallbacksAndStepsAreNotReported() {
    try (LogCapture log = LogCapture.warnings();
        EventLoop loop = debugLoop(Duration.ofSeconds(1))) {
      loop.runUntilComplete(() -> {
        loop.callSoon(() -> {});
        Task<Integer> other =
            Asyncio.createTask(() -> {
              for (int i = 0; i < 10; i++) {
                Asyncio.sleep(Duration.ZERO);
              }
              return 10;
            });
        Asyncio.sleep(Duration.ofMillis(5));
        return other.await();
      });
      assertThat(slowStepReports(log)).isEmpty();
    }
  }

  /**
   * Many fast steps in a row, together much longer than the threshold: no single step is slow, so
   * nothing is reported. In the public-API mode the loop's thread may not see the steps one by one
   * (the baton goes from task to task), which must not add them up into one "slow step".
   */
  @Test
  void manyFastStepsInARowAreNotReportedAsOneSlowStep() {
    Duration threshold = Duration.ofMillis(50);
    try (LogCapture log = LogCapture.warnings();
        EventLoop loop = debugLoop(threshold)) {
      VoidCoroutine pingPong =
          () -> {
            for (int i = 0; i < 100; i++) {
              spin(Duration.ofMillis(1));
              Asyncio.sleep(Duration.ZERO);
            }
          };
      loop.runUntilComplete(() -> {
        Task<Void> a = Asyncio.createTask(pingPong, "ping");
        Task<Void> b = Asyncio.createTask(pingPong, "pong");
        Asyncio.gather(a, b).await();
      });
      assertThat(slowStepReports(log)).isEmpty();
    }
  }
}

package org.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.asyncio4j.sync.Held;
import org.asyncio4j.sync.Lock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A {@link Lock} has no owner (asyncio's rule), but in debug mode the two uses that are most often
 * mistakes, a release by another task or a callback and a second acquire by the acquirer, are
 * logged as warnings; outside debug mode nothing is logged. Neither is ever refused.
 */
@Timeout(30)
class LockDebugWarningsTest {

  private static List<String> lockWarnings(LogCapture log) {
    return log.messages().stream().filter(m -> m.contains("Lock <Lock")).toList();
  }

  private static void releaseByOthersAndReacquire() {
    Lock lock = new Lock();
    Task<Held> holder = Asyncio.createTask(lock::acquire, "holder");
    holder.await();
    lock.release(); // by the main task, not the acquirer
    lock.acquire();
    assertThatThrownBy(() -> Asyncio.waitFor(() -> lock.acquire(), Duration.ofMillis(10)))
        .isInstanceOf(AsyncTimeoutException.class);
    lock.release(); // by the acquirer: no warning
  }

  @Test
  void debugModeWarnsOfAReleaseByAnotherTaskAndOfAReentrantAcquire() {
    try (LogCapture log = LogCapture.warnings();
        EventLoop loop = EventLoop.builder().virtualTime(true).debug(true).build()) {
      loop.runUntilComplete(
          loop.createTask(LockDebugWarningsTest::releaseByOthersAndReacquire, "main"));
      List<String> warnings = lockWarnings(log);
      assertThat(warnings).hasSize(2);
      assertThat(warnings.get(0))
          .contains("acquired by task 'holder'")
          .contains("released by task 'main'");
      assertThat(warnings.get(1)).contains("task 'main' acquires").contains("not reentrant");
    }
  }

  @Test
  void withoutDebugModeNothingIsLogged() {
    try (LogCapture log = LogCapture.warnings();
        EventLoop loop = EventLoop.builder().virtualTime(true).build()) {
      loop.runUntilComplete(
          loop.createTask(LockDebugWarningsTest::releaseByOthersAndReacquire, "main"));
      assertThat(lockWarnings(log)).isEmpty();
    }
  }
}

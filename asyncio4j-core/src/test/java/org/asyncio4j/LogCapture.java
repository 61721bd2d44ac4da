package org.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Captures the warnings the runtime logs through {@code System.getLogger("org.asyncio4j")}, from
 * any thread (the loop, a task, the stall watchdog), through the test JVM's {@link
 * CapturingLoggerFinder}. While a capture is open, those warnings are not printed. A message logged
 * with an exception is captured as the message, a newline and the exception's {@code toString()}.
 */
final class LogCapture implements AutoCloseable {
  private final LinkedBlockingQueue<String> incoming = new LinkedBlockingQueue<>();
  private final List<String> seen = new ArrayList<>();
  private final Consumer<String> listener = incoming::add;

  private LogCapture() {
    CapturingLoggerFinder.LISTENERS.add(listener);
  }

  /** Starts capturing the runtime's warnings. */
  static LogCapture warnings() {
    assertThat(System.LoggerFinder.getLoggerFinder())
        .as("the test resources register CapturingLoggerFinder as the System.LoggerFinder")
        .isInstanceOf(CapturingLoggerFinder.class);
    return new LogCapture();
  }

  /** Every message captured so far, oldest first. */
  synchronized List<String> messages() {
    incoming.drainTo(seen);
    return List.copyOf(seen);
  }

  /** Waits up to {@code timeout} for a message matching {@code wanted}; null if none came. */
  synchronized @Nullable String await(Predicate<String> wanted, Duration timeout)
      throws InterruptedException {
    incoming.drainTo(seen);
    for (String m : seen) {
      if (wanted.test(m)) {
        return m;
      }
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      String m = incoming.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (m == null) {
        return null;
      }
      seen.add(m);
      if (wanted.test(m)) {
        return m;
      }
    }
  }

  @Override
  public void close() {
    CapturingLoggerFinder.LISTENERS.remove(listener);
  }
}

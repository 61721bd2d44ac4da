package org.asyncio4j.examples;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Supplier;
import org.asyncio4j.Asyncio;
import org.asyncio4j.EventLoop;
import org.asyncio4j.VoidCoroutine;

/**
 * What the ported programs share: Python's clocks and number formats, and a timed {@code
 * asyncio.run}.
 *
 * <p>Clocks read the running loop's clock rather than {@code System.nanoTime()}, so a program run
 * on a virtual-time loop prints exact figures ("executed in 1.00 seconds.") and its tests can
 * assert them.
 */
final class Programs {
  /** {@code time.strftime('%X')} in the C locale. */
  private static final DateTimeFormatter STRFTIME_X = DateTimeFormatter.ofPattern("HH:mm:ss");

  private static final double NANOS_PER_SECOND = 1e9;

  private Programs() {}

  /**
   * Runs {@code main} with {@code Asyncio.run} on a loop built from {@code settings}, and returns
   * how long its body took on the loop's clock.
   */
  static Duration runTimed(VoidCoroutine main, EventLoop.Builder settings) {
    return Asyncio.run(
        () -> {
          EventLoop loop = Asyncio.getRunningLoop();
          long start = loop.timeNanos();
          main.run();
          return Duration.ofNanos(loop.timeNanos() - start);
        },
        settings);
  }

  /** {@code time.perf_counter()}: the running loop's clock, in seconds. */
  static double perfCounter() {
    return Asyncio.getRunningLoop().timeNanos() / NANOS_PER_SECOND;
  }

  /** Python's {@code f"{x:0.2f}"}. */
  static String twoDecimals(double x) {
    return String.format(Locale.ROOT, "%.2f", x);
  }

  /** Python's {@code f"{d:0.2f}"} of a duration in seconds. */
  static String twoDecimals(Duration d) {
    return twoDecimals(seconds(d));
  }

  /** A duration in seconds, as Python measures time. */
  static double seconds(Duration d) {
    return d.toNanos() / NANOS_PER_SECOND;
  }

  /** The wall clock in the local time zone, the one {@code time.strftime} uses. */
  static Clock localClock() {
    return Clock.system(ZoneId.systemDefault());
  }

  /**
   * Returns {@code time.strftime('%X')} for the running program: the time of day of {@code wall}
   * when this is called, moved on by the running loop's clock. On a real-time loop that is the time
   * of day; on a virtual-time loop with a fixed {@code wall} it is exact.
   */
  static Supplier<String> strftimeX(Clock wall) {
    EventLoop loop = Asyncio.getRunningLoop();
    LocalTime start = LocalTime.now(wall);
    long startNanos = loop.timeNanos();
    return () -> start.plusNanos(loop.timeNanos() - startNanos).format(STRFTIME_X);
  }
}

package org.asyncio4j.examples;

import java.io.PrintStream;
import java.time.Duration;

/**
 * {@code countsync.py} of seed 001 ({@code 001_f66b504bd9bf19c7.txt}, "Asyncio" by Lyz): the
 * synchronous version of {@link CountAsync}, with a blocking sleep; it prints One Two three times
 * and takes three seconds.
 *
 * <pre>{@code
 * def count():
 *     print("One")
 *     time.sleep(1)
 *     print("Two")
 *
 * def main():
 *     for _ in range(3):
 *         count()
 * }</pre>
 *
 * <p>Mapping: no event loop at all; {@code time.sleep} and {@code time.perf_counter} are those of a
 * {@link SyncClock}, {@link SyncClock#SYSTEM} ({@code Thread.sleep}) outside tests.
 */
public final class CountSync {
  private static final Duration COUNT_SLEEP = Duration.ofSeconds(1);
  private static final int COUNTS = 3;

  private CountSync() {}

  /**
   * Runs the program.
   *
   * @param args unused
   * @throws InterruptedException if interrupted while it sleeps
   */
  public static void main(String[] args) throws InterruptedException {
    run(System.out, SyncClock.SYSTEM);
  }

  /**
   * Runs the program.
   *
   * @param out where it prints
   * @param clock its clock and sleep
   * @return how long it took on {@code clock}
   * @throws InterruptedException if interrupted while it sleeps
   */
  public static Duration run(PrintStream out, SyncClock clock) throws InterruptedException {
    long s = clock.nanoTime();
    for (int i = 0; i < COUNTS; i++) {
      count(out, clock);
    }
    Duration elapsed = Duration.ofNanos(clock.nanoTime() - s);
    out.println("CountSync executed in " + Programs.twoDecimals(elapsed) + " seconds.");
    return elapsed;
  }

  private static void count(PrintStream out, SyncClock clock) throws InterruptedException {
    out.println("One");
    clock.sleep(COUNT_SLEEP);
    out.println("Two");
  }
}

package org.asyncio4j.examples;

import static org.asyncio4j.Asyncio.createTask;
import static org.asyncio4j.Asyncio.sleep;

import java.io.PrintStream;
import java.time.Duration;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Task;

/**
 * The quarter- and half-second printers of seed 000 ({@code 000_981efa2c5fa7ddef.txt}, "asyncio —
 * Asynchronous I/O" by Ashok Tankala), started as two tasks and awaited one after the other: 2.5
 * seconds instead of 3.75.
 *
 * <pre>{@code
 * async def print_at_quarter_sec_speed(count):
 *    for index in range(count):
 *        await asyncio.sleep(0.25)
 *        print(f"Quarter Sec: {index}")
 *
 * async def print_at_half_sec_speed(count):   # the same, sleeping 0.5 s, printing "Half Sec"
 *
 * async def main():
 *    quarter_sec_task = asyncio.create_task(print_at_quarter_sec_speed(5))
 *    half_sec_task = asyncio.create_task(print_at_half_sec_speed(5))
 *    await quarter_sec_task
 *    await half_sec_task
 *
 * start_time = time.time()
 * asyncio.run(main())
 * print(f"Total time taken: {time.time() - start_time} seconds")
 * }</pre>
 *
 * <p>Mapping: {@code await quarter_sec_task} is {@code quarterSecTask.await()}; the time is the
 * loop's clock and prints as a plain double, as Python prints a float. When both printers wake at
 * the same instant (0.5 s, 1 s), the timer set first fires first, here the half-second one, as in
 * asyncio. {@link QuarterHalfGather} is the {@code gather} version.
 */
public final class QuarterHalfTasks {
  static final int COUNT = 5;
  static final Duration QUARTER = Duration.ofMillis(250);
  static final Duration HALF = Duration.ofMillis(500);

  private QuarterHalfTasks() {}

  /**
   * Runs the program on a real-time loop.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    run(System.out, EventLoop.builder());
  }

  /**
   * Runs the program.
   *
   * @param out where it prints
   * @param settings its loop's settings
   * @return how long it took on the loop's clock
   */
  public static Duration run(PrintStream out, EventLoop.Builder settings) {
    Duration elapsed = Programs.runTimed(() -> main(out), settings);
    out.println("Total time taken: " + Programs.seconds(elapsed) + " seconds");
    return elapsed;
  }

  /**
   * Returns what the program takes without asyncio: the sum of the sleeps.
   *
   * @return 3.75 seconds
   */
  public static Duration synchronousTime() {
    return QUARTER.plus(HALF).multipliedBy(COUNT);
  }

  private static void main(PrintStream out) {
    Task<Void> quarterSecTask = createTask(() -> printAtQuarterSecSpeed(out, COUNT));
    Task<Void> halfSecTask = createTask(() -> printAtHalfSecSpeed(out, COUNT));
    quarterSecTask.await();
    halfSecTask.await();
  }

  static void printAtQuarterSecSpeed(PrintStream out, int count) {
    for (int index = 0; index < count; index++) {
      sleep(QUARTER);
      out.println("Quarter Sec: " + index);
    }
  }

  static void printAtHalfSecSpeed(PrintStream out, int count) {
    for (int index = 0; index < count; index++) {
      sleep(HALF);
      out.println("Half Sec: " + index);
    }
  }
}

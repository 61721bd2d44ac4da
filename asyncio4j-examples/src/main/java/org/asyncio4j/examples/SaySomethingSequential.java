package org.asyncio4j.examples;

import static org.asyncio4j.Asyncio.sleep;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import org.asyncio4j.EventLoop;

/**
 * {@code say_something} awaited twice in a row, of seed 003 ({@code 003_bf66a19daa3f8f0d.txt},
 * "Intro to Asynchronous Programming in Python with Async IO"): task 1 (one second), then task 2
 * (two seconds), three seconds between Started and Finished.
 *
 * <pre>{@code
 * async def say_something(delay, words):
 *     print(f"Before {words}")
 *     await asyncio.sleep(delay)
 *     print(f"After {words}")
 *
 * async def main():
 *     print(f"Started: {time.strftime('%X')}")
 *     await say_something(1, "Task 1")
 *     await say_something(2, "Task 2")
 *     print(f"Finished: {time.strftime('%X')}")
 * }</pre>
 *
 * <p>Mapping: {@code await say_something(...)} is the plain call; {@code time.strftime('%X')} is
 * the time of day as {@code HH:mm:ss}, moved on by the loop's clock (exact on virtual time). {@link
 * SaySomethingTasks} is the concurrent version.
 */
public final class SaySomethingSequential {
  static final Duration DELAY_1 = Duration.ofSeconds(1);
  static final Duration DELAY_2 = Duration.ofSeconds(2);

  private SaySomethingSequential() {}

  /**
   * Runs the program on a real-time loop.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    run(System.out, EventLoop.builder(), Programs.localClock());
  }

  /**
   * Runs the program.
   *
   * @param out where it prints
   * @param settings its loop's settings
   * @param wall the time of day at the start
   * @return how long it took on the loop's clock
   */
  public static Duration run(PrintStream out, EventLoop.Builder settings, Clock wall) {
    return Programs.runTimed(() -> main(out, wall), settings);
  }

  /**
   * Returns what the program takes: it is sequential, so the sum of the sleeps.
   *
   * @return three seconds
   */
  public static Duration synchronousTime() {
    return DELAY_1.plus(DELAY_2);
  }

  private static void main(PrintStream out, Clock wall) {
    Supplier<String> strftimeX = Programs.strftimeX(wall);
    out.println("Started: " + strftimeX.get());
    saySomething(out, DELAY_1, "Task 1");
    saySomething(out, DELAY_2, "Task 2");
    out.println("Finished: " + strftimeX.get());
  }

  static void saySomething(PrintStream out, Duration delay, String words) {
    out.println("Before " + words);
    sleep(delay);
    out.println("After " + words);
  }
}

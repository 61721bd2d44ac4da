package org.asyncio4j.examples;

import static org.asyncio4j.Asyncio.sleep;

import java.io.PrintStream;
import java.time.Duration;
import org.asyncio4j.EventLoop;

/**
 * {@code mult} and {@code add} awaited one after the other, of seed 003 ({@code
 * 003_bf66a19daa3f8f0d.txt}, "Intro to Asynchronous Programming in Python with Async IO") (its
 * "Coroutines" section): two seconds.
 *
 * <pre>{@code
 * async def mult(first, second):
 *     print("Calculating multiplication...")
 *     await asyncio.sleep(1)
 *     mul = first * second
 *     print(f"{first} multiplied by {second} is {mul}")
 *     return mul
 *
 * async def add(first, second):   # the same with "Calculating sum..." and "Sum of ..."
 *
 * async def main(first, second):
 *     await mult(first, second)
 *     await add(first, second)
 *
 * asyncio.run(main(10, 20))
 * }</pre>
 *
 * <p>Mapping: {@code await mult(first, second)} is the plain call. {@link MultAddTasks} is the
 * version with tasks.
 */
public final class MultAddAwaited {
  static final int FIRST = 10;
  static final int SECOND = 20;
  static final Duration STEP_SLEEP = Duration.ofSeconds(1);

  private MultAddAwaited() {}

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
    return Programs.runTimed(() -> main(out, FIRST, SECOND), settings);
  }

  /**
   * Returns what the program takes: it is sequential, so the sum of the sleeps.
   *
   * @return two seconds
   */
  public static Duration synchronousTime() {
    return STEP_SLEEP.multipliedBy(2);
  }

  private static void main(PrintStream out, int first, int second) {
    mult(out, first, second);
    add(out, first, second);
  }

  static int mult(PrintStream out, int first, int second) {
    out.println("Calculating multiplication...");
    sleep(STEP_SLEEP);
    int mul = first * second;
    out.println(first + " multiplied by " + second + " is " + mul);
    return mul;
  }

  static int add(PrintStream out, int first, int second) {
    out.println("Calculating sum...");
    sleep(STEP_SLEEP);
    int sum = first + second;
    out.println("Sum of " + first + " and " + second + " is " + sum);
    return sum;
  }
}

package org.asyncio4j.examples;

import static org.asyncio4j.Asyncio.createTask;
import static org.asyncio4j.Asyncio.gather;
import static org.asyncio4j.Asyncio.sleep;

import java.io.PrintStream;
import java.time.Duration;
import org.asyncio4j.EventLoop;

/**
 * {@code countasync.py} of seed 001 ({@code 001_f66b504bd9bf19c7.txt}, "Asyncio" by Lyz, after Real
 * Python): three {@code count()} coroutines gathered print One One One, then, one second later, Two
 * Two Two.
 *
 * <pre>{@code
 * async def count():
 *     print("One")
 *     await asyncio.sleep(1)
 *     print("Two")
 *
 * async def main():
 *     await asyncio.gather(count(), count(), count())
 *
 * s = time.perf_counter()
 * asyncio.run(main())
 * elapsed = time.perf_counter() - s
 * print(f"{__file__} executed in {elapsed:0.2f} seconds.")
 * }</pre>
 *
 * <p>Mapping: {@code asyncio.gather(count(), ...)} wraps each coroutine in a task, so here it is
 * {@code gather(createTask(() -> count(out)), ...).await()}; {@code await asyncio.sleep(1)} is
 * {@code sleep(Duration.ofSeconds(1))}; {@code __file__} is the class name; the elapsed time is
 * measured on the loop's clock. {@link CountSync} is the synchronous version.
 */
public final class CountAsync {
  private static final Duration COUNT_SLEEP = Duration.ofSeconds(1);
  private static final int COUNTS = 3;

  private CountAsync() {}

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
   * @param settings its loop's settings ({@code virtualTime(true)} in tests)
   * @return how long it took on the loop's clock
   */
  public static Duration run(PrintStream out, EventLoop.Builder settings) {
    Duration elapsed = Programs.runTimed(() -> main(out), settings);
    out.println("CountAsync executed in " + Programs.twoDecimals(elapsed) + " seconds.");
    return elapsed;
  }

  /**
   * Returns what the synchronous version takes: the sum of the sleeps.
   *
   * @return three seconds
   */
  public static Duration synchronousTime() {
    return COUNT_SLEEP.multipliedBy(COUNTS);
  }

  private static void main(PrintStream out) {
    gather(createTask(() -> count(out)), createTask(() -> count(out)), createTask(() -> count(out)))
        .await();
  }

  private static void count(PrintStream out) {
    out.println("One");
    sleep(COUNT_SLEEP);
    out.println("Two");
  }
}

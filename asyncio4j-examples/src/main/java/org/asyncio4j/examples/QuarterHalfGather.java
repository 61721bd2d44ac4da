package org.asyncio4j.examples;

import static org.asyncio4j.Asyncio.createTask;
import static org.asyncio4j.Asyncio.gather;

import java.io.PrintStream;
import java.time.Duration;
import org.asyncio4j.EventLoop;

/**
 * The {@code gather} variant of the quarter- and half-second printers of seed 000 ({@code
 * 000_981efa2c5fa7ddef.txt}, "asyncio — Asynchronous I/O" by Ashok Tankala): the same output and
 * the same 2.5 seconds as {@link QuarterHalfTasks}.
 *
 * <pre>{@code
 * async def main():
 *    await asyncio.gather(print_at_quarter_sec_speed(5), print_at_half_sec_speed(5))
 * }</pre>
 *
 * <p>Mapping: {@code asyncio.gather(coro1, coro2)} wraps each coroutine in a task, in order: {@code
 * gather(createTask(...), createTask(...)).await()}.
 */
public final class QuarterHalfGather {
  private QuarterHalfGather() {}

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
    return QuarterHalfTasks.synchronousTime();
  }

  private static void main(PrintStream out) {
    int count = QuarterHalfTasks.COUNT;
    gather(
            createTask(() -> QuarterHalfTasks.printAtQuarterSecSpeed(out, count)),
            createTask(() -> QuarterHalfTasks.printAtHalfSecSpeed(out, count)))
        .await();
  }
}

package org.asyncio4j.examples;

import static org.asyncio4j.Asyncio.gatherReturnExceptions;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import org.asyncio4j.EventLoop;
import org.jspecify.annotations.Nullable;

/**
 * {@code gather(..., return_exceptions=True)}, of seed 004 ({@code 004_cdffe39465920a00.txt},
 * "Asynchronous Programming in python with AsyncIO (For Beginners)" by MG): the exception of {@code
 * some_async_task2} becomes its element of the results list, beside the result of {@code
 * some_async_task}.
 *
 * <p>The article shows its code as an image; this reconstruction uses the coroutines of {@link
 * GatherException}:
 *
 * <pre>{@code
 * async def main():
 *     results = await asyncio.gather(some_async_task(), some_async_task2(),
 *                                    return_exceptions=True)
 *     print(f"results: {results}")
 * }</pre>
 *
 * <p>Mapping: {@code asyncio.gather(..., return_exceptions=True)} is {@code
 * gatherReturnExceptions(...)}, whose list holds results and {@code Throwable}s; the list prints
 * the Java way: {@code [some_async_task result, java.lang.IllegalArgumentException: ...]}.
 */
public final class GatherReturnExceptions {
  private GatherReturnExceptions() {}

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
    return Programs.runTimed(() -> main(out), settings);
  }

  /**
   * Returns what the program takes without asyncio: the sum of the sleeps.
   *
   * @return 1.5 seconds
   */
  public static Duration synchronousTime() {
    return GatherException.TASK_SLEEP.plus(GatherException.TASK2_SLEEP);
  }

  private static void main(PrintStream out) {
    List<@Nullable Object> results =
        gatherReturnExceptions(
                () -> GatherException.someAsyncTask(out), () -> GatherException.someAsyncTask2(out))
            .await();
    out.println("results: " + results);
  }
}

package org.asyncio4j.examples;

import static org.asyncio4j.Asyncio.gather;
import static org.asyncio4j.Asyncio.sleep;

import java.io.PrintStream;
import java.time.Duration;
import org.asyncio4j.EventLoop;

/**
 * {@code gather} with a failing awaitable, of seed 004 ({@code 004_cdffe39465920a00.txt},
 * "Asynchronous Programming in python with AsyncIO (For Beginners)" by MG): the exception of {@code
 * some_async_task2} propagates out of {@code await gather(...)} at once, but {@code
 * some_async_task} is not cancelled: it goes on and finishes while {@code main} keeps the program
 * alive with a sleep.
 *
 * <p>The article shows its code as an image; this is a reconstruction from its text ("if there is
 * an exception in some_async_task2(), it won't cancel some_async_task()"; "await asyncio.gather()
 * returns immediately"; "we are awaiting another coroutine ... to make sure that program doesn't
 * exit"), with shorter sleeps:
 *
 * <pre>{@code
 * async def some_async_task():
 *     print("some_async_task started")
 *     await asyncio.sleep(1)
 *     print("some_async_task finished")
 *     return "some_async_task result"
 *
 * async def some_async_task2():
 *     print("some_async_task2 started")
 *     await asyncio.sleep(0.5)
 *     raise ValueError("some_async_task2 failed")
 *
 * async def main():
 *     try:
 *         await asyncio.gather(some_async_task(), some_async_task2())
 *     except ValueError as e:
 *         print(f"gather raised {e!r}")
 *     await asyncio.sleep(1)  # the program stays alive while some_async_task finishes
 * }</pre>
 *
 * <p>Mapping: {@code asyncio.gather(coro1(), coro2())} is {@code gather(() -> ..., () ->
 * ...).await()}; {@code ValueError} is {@link IllegalArgumentException}, printed with its {@code
 * toString()}. {@link GatherReturnExceptions} is the {@code return_exceptions=True} version.
 */
public final class GatherException {
  static final Duration TASK_SLEEP = Duration.ofSeconds(1);
  static final Duration TASK2_SLEEP = Duration.ofMillis(500);
  private static final Duration KEEP_ALIVE = Duration.ofSeconds(1);

  private GatherException() {}

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
   * @return 2.5 seconds
   */
  public static Duration synchronousTime() {
    return TASK_SLEEP.plus(TASK2_SLEEP).plus(KEEP_ALIVE);
  }

  private static void main(PrintStream out) {
    try {
      gather(() -> someAsyncTask(out), () -> someAsyncTask2(out)).await();
    } catch (IllegalArgumentException e) {
      out.println("gather raised " + e);
    }
    sleep(KEEP_ALIVE); // the program stays alive while some_async_task finishes
  }

  static String someAsyncTask(PrintStream out) {
    out.println("some_async_task started");
    sleep(TASK_SLEEP);
    out.println("some_async_task finished");
    return "some_async_task result";
  }

  static String someAsyncTask2(PrintStream out) {
    out.println("some_async_task2 started");
    sleep(TASK2_SLEEP);
    throw new IllegalArgumentException("some_async_task2 failed");
  }
}

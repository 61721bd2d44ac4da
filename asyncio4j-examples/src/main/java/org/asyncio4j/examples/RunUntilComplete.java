package org.asyncio4j.examples;

import static org.asyncio4j.Asyncio.sleep;

import java.io.PrintStream;
import java.time.Duration;
import org.asyncio4j.EventLoop;

/**
 * The explicit event loop of seed 004 ({@code 004_cdffe39465920a00.txt}, "Asynchronous Programming
 * in python with AsyncIO (For Beginners)" by MG): before Python 3.7, a program got a loop and ran
 * one coroutine on it with {@code run_until_complete}.
 *
 * <p>The article shows its code as an image; this is a reconstruction from its text ("get the event
 * loop, then schedule this task with loop.run_until_complete"; the coroutine awaits {@code
 * asyncio.sleep()} between two statements), written with {@code async def} because the
 * generator-based {@code @asyncio.coroutine} is gone from Python:
 *
 * <pre>{@code
 * async def some_async_task():
 *     print("some_async_task started")
 *     await asyncio.sleep(1)
 *     print("some_async_task finished")
 *
 * loop = asyncio.new_event_loop()
 * loop.run_until_complete(some_async_task())
 * loop.close()
 * }</pre>
 *
 * <p>Mapping: {@code asyncio.new_event_loop()} is {@code EventLoop.create()} ({@code
 * EventLoop.builder()...build()} for other settings), {@code loop.run_until_complete(coro)} is
 * {@code loop.runUntilComplete(() -> ...)}, and {@code loop.close()} is the end of a
 * try-with-resources block.
 */
public final class RunUntilComplete {
  private static final Duration TASK_SLEEP = Duration.ofSeconds(1);

  private RunUntilComplete() {}

  /**
   * Runs the program.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    try (EventLoop loop = EventLoop.create()) {
      loop.runUntilComplete(() -> someAsyncTask(System.out));
    }
  }

  /**
   * Runs the program on a loop built from {@code settings}.
   *
   * @param out where it prints
   * @param settings its loop's settings
   * @return how long it took on the loop's clock
   */
  public static Duration run(PrintStream out, EventLoop.Builder settings) {
    try (EventLoop loop = settings.build()) {
      long start = loop.timeNanos();
      loop.runUntilComplete(() -> someAsyncTask(out));
      return Duration.ofNanos(loop.timeNanos() - start);
    }
  }

  /**
   * Returns what the program takes without asyncio: the sum of the sleeps.
   *
   * @return one second
   */
  public static Duration synchronousTime() {
    return TASK_SLEEP;
  }

  private static void someAsyncTask(PrintStream out) {
    out.println("some_async_task started");
    sleep(TASK_SLEEP);
    out.println("some_async_task finished");
  }
}

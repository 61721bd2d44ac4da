package org.asyncio4j.examples;

import static org.asyncio4j.Asyncio.createTask;
import static org.asyncio4j.Asyncio.sleep;
import static org.asyncio4j.Asyncio.waitFor;

import java.io.PrintStream;
import java.time.Duration;
import org.asyncio4j.AsyncTimeoutException;
import org.asyncio4j.EventLoop;

/**
 * {@code wait_for} with a timeout, of seed 003 ({@code 003_bf66a19daa3f8f0d.txt}, "Intro to
 * Asynchronous Programming in Python with Async IO"): a 400-second operation given one second
 * prints "Timed out!" after one second and is cancelled, so "Completed." is never printed.
 *
 * <pre>{@code
 * async def slow_operation():
 *     await asyncio.sleep(400)
 *     print("Completed.")
 *
 * async def main():
 *     try:
 *         await asyncio.wait_for(slow_operation(), timeout=1.0)
 *     except asyncio.TimeoutError:
 *         print("Timed out!")
 * }</pre>
 *
 * <p>Mapping: {@code asyncio.wait_for(slow_operation(), timeout=1.0)} wraps the coroutine in a
 * task: {@code waitFor(createTask(() -> slowOperation(out)), Duration.ofSeconds(1))}; {@code
 * asyncio.TimeoutError} is {@link AsyncTimeoutException}.
 */
public final class WaitForTimeout {
  private static final Duration OPERATION_SLEEP = Duration.ofSeconds(400);
  private static final Duration TIMEOUT = Duration.ofSeconds(1);

  private WaitForTimeout() {}

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
   * Returns what the program takes without asyncio, where nothing can time the operation out: its
   * sleep.
   *
   * @return 400 seconds
   */
  public static Duration synchronousTime() {
    return OPERATION_SLEEP;
  }

  private static void main(PrintStream out) {
    try {
      waitFor(createTask(() -> slowOperation(out)), TIMEOUT);
    } catch (AsyncTimeoutException e) {
      out.println("Timed out!");
    }
  }

  private static void slowOperation(PrintStream out) {
    sleep(OPERATION_SLEEP);
    out.println("Completed.");
  }
}

package org.asyncio4j.examples;

import static org.asyncio4j.Asyncio.sleep;

import java.io.PrintStream;
import java.time.Duration;
import org.asyncio4j.EventLoop;

/**
 * The sequential {@code foo} of seed 000 ({@code 000_981efa2c5fa7ddef.txt}, "asyncio — Asynchronous
 * I/O" by Ashok Tankala): {@code foo} awaits {@code some_slow_task()} directly, so the program is
 * as sequential as synchronous code and takes one second.
 *
 * <pre>{@code
 * async def foo():
 *    print("foo function Start")
 *    await some_slow_task()
 *    print("foo function Finish")
 *
 * async def some_slow_task():
 *    print("Slow Function Started")
 *    await asyncio.sleep(1)
 *    print("Slow Function Finished")
 *
 * asyncio.run(foo())
 * }</pre>
 *
 * <p>Mapping: {@code await some_slow_task()} is the plain call {@code someSlowTask(out)}: it runs
 * in the calling task. {@link SlowTaskCreated} is the concurrent version.
 */
public final class SlowTaskAwaited {
  private static final Duration SLOW_TASK_SLEEP = Duration.ofSeconds(1);

  private SlowTaskAwaited() {}

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
    return Programs.runTimed(() -> foo(out), settings);
  }

  /**
   * Returns what the program takes without asyncio: the sum of the sleeps.
   *
   * @return one second
   */
  public static Duration synchronousTime() {
    return SLOW_TASK_SLEEP;
  }

  private static void foo(PrintStream out) {
    out.println("foo function Start");
    someSlowTask(out);
    out.println("foo function Finish");
  }

  static void someSlowTask(PrintStream out) {
    out.println("Slow Function Started");
    sleep(SLOW_TASK_SLEEP);
    out.println("Slow Function Finished");
  }
}

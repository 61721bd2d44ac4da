package org.asyncio4j.examples;

import static org.asyncio4j.Asyncio.sleep;

import java.io.PrintStream;
import java.time.Duration;
import org.asyncio4j.EventLoop;

/**
 * The await keyword of seed 002 ({@code 002_2af6f5ad09b238fc.txt}, "Asynchronous Programming in
 * Python" by Aryaman): {@code main} awaits {@code foo}, which sleeps one second, so it runs as
 * sequentially as synchronous code.
 *
 * <pre>{@code
 * async def main():
 *     print("awaiting foo...")
 *     await foo("inside foo")
 *     print("finished awaiting foo")
 *
 * async def foo(text):
 *     print(text)
 *     await asyncio.sleep(1)
 *
 * asyncio.run(main())
 * }</pre>
 *
 * <p>Mapping: {@code await foo("inside foo")} is the plain call {@code foo(out, "inside foo")} in
 * the calling task.
 */
public final class AwaitFoo {
  static final Duration FOO_SLEEP = Duration.ofSeconds(1);

  private AwaitFoo() {}

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
   * @return one second
   */
  public static Duration synchronousTime() {
    return FOO_SLEEP;
  }

  private static void main(PrintStream out) {
    out.println("awaiting foo...");
    foo(out, "inside foo");
    out.println("finished awaiting foo");
  }

  private static void foo(PrintStream out, String text) {
    out.println(text);
    sleep(FOO_SLEEP);
  }
}

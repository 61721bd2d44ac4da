package org.asyncio4j.examples;

import static org.asyncio4j.Asyncio.sleep;

import java.io.PrintStream;
import java.time.Duration;
import org.asyncio4j.EventLoop;

/**
 * The async hello-world of seed 003 ({@code 003_bf66a19daa3f8f0d.txt}, "Intro to Asynchronous
 * Programming in Python with Async IO"): Hello world!, one second, Hello again!
 *
 * <pre>{@code
 * async def hello():
 *     print('Hello world!')
 *     await asyncio.sleep(1)
 *     print('Hello again!')
 *
 * asyncio.run(hello())
 * }</pre>
 *
 * <p>Mapping: {@code asyncio.run(hello())} is {@code Asyncio.run(() -> hello(out))}.
 */
public final class HelloAgain {
  private static final Duration HELLO_SLEEP = Duration.ofSeconds(1);

  private HelloAgain() {}

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
    return Programs.runTimed(() -> hello(out), settings);
  }

  /**
   * Returns what the program takes without asyncio: the sum of the sleeps.
   *
   * @return one second
   */
  public static Duration synchronousTime() {
    return HELLO_SLEEP;
  }

  private static void hello(PrintStream out) {
    out.println("Hello world!");
    sleep(HELLO_SLEEP);
    out.println("Hello again!");
  }
}

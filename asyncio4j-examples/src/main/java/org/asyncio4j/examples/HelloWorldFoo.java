package org.asyncio4j.examples;

import java.io.PrintStream;
import java.time.Duration;
import org.asyncio4j.EventLoop;

/**
 * The first runnable coroutine of seed 000 ({@code 000_981efa2c5fa7ddef.txt}, "asyncio —
 * Asynchronous I/O" by Ashok Tankala): {@code asyncio.run(foo())} prints Hello World.
 *
 * <pre>{@code
 * async def foo():
 *    print("Hello World")
 *
 * asyncio.run(foo())
 * }</pre>
 *
 * <p>Mapping: {@code asyncio.run(foo())} is {@code Asyncio.run(() -> foo(out))}. Calling {@code
 * foo()} without running it only warns in Python ("coroutine 'foo' was never awaited"); in Java the
 * lambda simply never runs.
 */
public final class HelloWorldFoo {
  private HelloWorldFoo() {}

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
   * @return how long it took on the loop's clock (no time)
   */
  public static Duration run(PrintStream out, EventLoop.Builder settings) {
    return Programs.runTimed(() -> foo(out), settings);
  }

  private static void foo(PrintStream out) {
    out.println("Hello World");
  }
}

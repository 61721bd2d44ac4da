package org.asyncio4j.examples;

import java.io.PrintStream;
import java.time.Duration;
import org.asyncio4j.EventLoop;

/**
 * The first event loop of seed 002 ({@code 002_2af6f5ad09b238fc.txt}, "Asynchronous Programming in
 * Python" by Aryaman): {@code asyncio.run(main())} prints hello world.
 *
 * <pre>{@code
 * async def main():
 *     print("hello world")
 *
 * asyncio.run(main())
 * }</pre>
 *
 * <p>Mapping: {@code asyncio.run(main())} is {@code Asyncio.run(() -> main(out))}. The article's
 * failing variants ({@code print(main())}, a top-level {@code await main()}) have no twin: Java
 * does not compile the second, and a lambda that is never run is the first.
 */
public final class HelloWorldMain {
  private HelloWorldMain() {}

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
    return Programs.runTimed(() -> main(out), settings);
  }

  private static void main(PrintStream out) {
    out.println("hello world");
  }
}

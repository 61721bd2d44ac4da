package org.asyncio4j.examples;

import java.io.PrintStream;
import java.time.Duration;

/**
 * The synchronous {@code foo} of seed 002 ({@code 002_2af6f5ad09b238fc.txt}, "Asynchronous
 * Programming in Python" by Aryaman): a blocking sleep holds the whole program for ten seconds.
 *
 * <pre>{@code
 * def foo():
 *     print("in foo")
 *     sleep(10)  # mimicking some blocking operation
 *     print("end foo")
 *
 * foo()
 * print("Termination of the program")
 * }</pre>
 *
 * <p>Mapping: no event loop; {@code time.sleep} is {@link SyncClock#sleep}. The demo runs it with a
 * one-second block.
 */
public final class BlockingFoo {
  /** How long {@code foo} blocks in the original. */
  public static final Duration BLOCK = Duration.ofSeconds(10);

  private BlockingFoo() {}

  /**
   * Runs the program.
   *
   * @param args unused
   * @throws InterruptedException if interrupted while it sleeps
   */
  public static void main(String[] args) throws InterruptedException {
    run(System.out, SyncClock.SYSTEM, BLOCK);
  }

  /**
   * Runs the program.
   *
   * @param out where it prints
   * @param clock its clock and sleep
   * @param block how long {@code foo} blocks ({@link #BLOCK} in the original)
   * @return how long it took on {@code clock}
   * @throws InterruptedException if interrupted while it sleeps
   */
  public static Duration run(PrintStream out, SyncClock clock, Duration block)
      throws InterruptedException {
    long start = clock.nanoTime();
    foo(out, clock, block);
    out.println("Termination of the program");
    return Duration.ofNanos(clock.nanoTime() - start);
  }

  private static void foo(PrintStream out, SyncClock clock, Duration block)
      throws InterruptedException {
    out.println("in foo");
    clock.sleep(block); // mimicking some blocking operation
    out.println("end foo");
  }
}

package org.asyncio4j.examples;

import static org.asyncio4j.Asyncio.createTask;
import static org.asyncio4j.Asyncio.gather;
import static org.asyncio4j.Asyncio.sleep;

import java.io.PrintStream;
import java.time.Duration;
import org.asyncio4j.EventLoop;

/**
 * {@code greetings()} gathered twice, of seed 003 ({@code 003_bf66a19daa3f8f0d.txt}, "Intro to
 * Asynchronous Programming in Python with Async IO"): Welcome Welcome, one second, Goodbye Goodbye.
 *
 * <pre>{@code
 * async def greetings():
 *     print("Welcome")
 *     await asyncio.sleep(1)
 *     print("Goodbye")
 *
 * async def main():
 *     start = time.time()
 *     await asyncio.gather(greetings(), greetings())
 *     elapsed = time.time() - start
 *     print(f"{__name__} executed in {elapsed:0.2f} seconds.")
 * }</pre>
 *
 * <p>Mapping: {@code asyncio.gather(greetings(), greetings())} is {@code gather(createTask(...),
 * createTask(...)).await()}; {@code time.time()} is the loop's clock; a script's {@code __name__}
 * is {@code __main__}, printed as such.
 */
public final class Greetings {
  private static final Duration GREETING_SLEEP = Duration.ofSeconds(1);

  private Greetings() {}

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
   * @return two seconds
   */
  public static Duration synchronousTime() {
    return GREETING_SLEEP.multipliedBy(2);
  }

  private static void main(PrintStream out) {
    double start = Programs.perfCounter();
    gather(createTask(() -> greetings(out)), createTask(() -> greetings(out))).await();
    double elapsed = Programs.perfCounter() - start;
    out.println("__main__ executed in " + Programs.twoDecimals(elapsed) + " seconds.");
  }

  private static void greetings(PrintStream out) {
    out.println("Welcome");
    sleep(GREETING_SLEEP);
    out.println("Goodbye");
  }
}

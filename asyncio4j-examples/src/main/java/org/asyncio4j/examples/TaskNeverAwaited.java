package org.asyncio4j.examples;

import static org.asyncio4j.Asyncio.createTask;
import static org.asyncio4j.Asyncio.sleep;

import java.io.PrintStream;
import java.time.Duration;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Task;

/**
 * The task that is never awaited, of seed 002 ({@code 002_2af6f5ad09b238fc.txt}, "Asynchronous
 * Programming in Python" by Aryaman): {@code main} creates a task and returns; the task prints
 * "inside foo" and starts its one-second sleep, then {@code asyncio.run} ends the program and
 * cancels it, so "Ending foo" is never printed and the program takes no time.
 *
 * <pre>{@code
 * async def main():
 *     print("awaiting foo...")
 *     task = asyncio.create_task(foo("inside foo"))
 *     print("finished awaiting foo")
 *
 * async def foo(text):
 *     print(text)
 *     await asyncio.sleep(1)
 *     print("Ending foo")
 *
 * asyncio.run(main())
 * }</pre>
 *
 * <p>Mapping: {@code asyncio.create_task(foo(...))} is {@code createTask(() -> foo(out, ...))};
 * {@code Asyncio.run} cancels the tasks left when {@code main} returns, as {@code asyncio.run}
 * does. {@link TaskAwaited} is the version that awaits the task.
 */
public final class TaskNeverAwaited {
  static final Duration FOO_SLEEP = Duration.ofSeconds(1);

  private TaskNeverAwaited() {}

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

  /**
   * Returns what the program takes without asyncio: {@code foo}'s sleep.
   *
   * @return one second
   */
  public static Duration synchronousTime() {
    return FOO_SLEEP;
  }

  private static void main(PrintStream out) {
    out.println("awaiting foo...");
    // the Python binds the task to a name it never reads; so does the twin
    @SuppressWarnings("UnusedVariable")
    Task<Void> task = createTask(() -> foo(out, "inside foo"));
    out.println("finished awaiting foo");
  }

  static void foo(PrintStream out, String text) {
    out.println(text);
    sleep(FOO_SLEEP);
    out.println("Ending foo");
  }
}

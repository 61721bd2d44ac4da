package org.asyncio4j.examples;

import static org.asyncio4j.Asyncio.createTask;

import java.io.PrintStream;
import java.time.Duration;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Task;

/**
 * The awaited task of seed 002 ({@code 002_2af6f5ad09b238fc.txt}, "Asynchronous Programming in
 * Python" by Aryaman): as {@link TaskNeverAwaited}, but {@code main} awaits the task at the end, so
 * "Ending foo" is printed and the program takes one second.
 *
 * <pre>{@code
 * async def main():
 *     print("awaiting foo...")
 *     task = asyncio.create_task(foo("inside foo"))
 *     print("finished awaiting foo")
 *     await task
 * }</pre>
 *
 * <p>Mapping: {@code await task} is {@code task.await()}.
 */
public final class TaskAwaited {
  private TaskAwaited() {}

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
   * Returns what the program takes without asyncio: {@code foo}'s sleep.
   *
   * @return one second
   */
  public static Duration synchronousTime() {
    return TaskNeverAwaited.FOO_SLEEP;
  }

  private static void main(PrintStream out) {
    out.println("awaiting foo...");
    Task<Void> task = createTask(() -> TaskNeverAwaited.foo(out, "inside foo"));
    out.println("finished awaiting foo");
    task.await();
  }
}

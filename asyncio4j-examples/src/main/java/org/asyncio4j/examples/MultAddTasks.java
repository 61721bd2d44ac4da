package org.asyncio4j.examples;

import static org.asyncio4j.Asyncio.createTask;

import java.io.PrintStream;
import java.time.Duration;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Task;

/**
 * {@code mult} and {@code add} as two tasks, of seed 003 ({@code 003_bf66a19daa3f8f0d.txt}, "Intro
 * to Asynchronous Programming in Python with Async IO") (its "Tasks" section): both calculations
 * start at once; one second instead of two.
 *
 * <pre>{@code
 * async def main(first, second):
 *     mult_task = asyncio.create_task(mult(first, second))
 *     add_task = asyncio.create_task(add(first, second))
 *     await mult_task
 *     await add_task
 *
 * asyncio.run(main(10, 20))
 * }</pre>
 *
 * <p>Mapping: {@code asyncio.create_task(mult(first, second))} is {@code createTask(() -> mult(out,
 * first, second))}, a {@code Task<Integer>}; {@code await mult_task} is {@code multTask.await()}.
 */
public final class MultAddTasks {
  private MultAddTasks() {}

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
    return Programs.runTimed(
        () -> main(out, MultAddAwaited.FIRST, MultAddAwaited.SECOND), settings);
  }

  /**
   * Returns what the program takes without asyncio: the sum of the sleeps.
   *
   * @return two seconds
   */
  public static Duration synchronousTime() {
    return MultAddAwaited.synchronousTime();
  }

  private static void main(PrintStream out, int first, int second) {
    Task<Integer> multTask = createTask(() -> MultAddAwaited.mult(out, first, second));
    Task<Integer> addTask = createTask(() -> MultAddAwaited.add(out, first, second));
    multTask.await();
    addTask.await();
  }
}

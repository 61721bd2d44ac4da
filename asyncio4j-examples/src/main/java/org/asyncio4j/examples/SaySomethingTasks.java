package org.asyncio4j.examples;

import static org.asyncio4j.Asyncio.createTask;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Task;

/**
 * {@code say_something} run as two tasks, of seed 003 ({@code 003_bf66a19daa3f8f0d.txt}, "Intro to
 * Asynchronous Programming in Python with Async IO"): both start at once, so Started and Finished
 * are two seconds apart instead of three.
 *
 * <pre>{@code
 * async def main():
 *     print(f"Started: {time.strftime('%X')}")
 *     task1 = asyncio.create_task(say_something(1, "Task 1"))
 *     task2 = asyncio.create_task(say_something(2, "Task 2"))
 *     await task1
 *     await task2
 *     print(f"Finished: {time.strftime('%X')}")
 * }</pre>
 *
 * <p>Mapping: {@code asyncio.create_task(say_something(1, "Task 1"))} is {@code createTask(() ->
 * saySomething(out, ofSeconds(1), "Task 1"))}; {@code await task1} is {@code task1.await()}.
 */
public final class SaySomethingTasks {
  private SaySomethingTasks() {}

  /**
   * Runs the program on a real-time loop.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    run(System.out, EventLoop.builder(), Programs.localClock());
  }

  /**
   * Runs the program.
   *
   * @param out where it prints
   * @param settings its loop's settings
   * @param wall the time of day at the start
   * @return how long it took on the loop's clock
   */
  public static Duration run(PrintStream out, EventLoop.Builder settings, Clock wall) {
    return Programs.runTimed(() -> main(out, wall), settings);
  }

  /**
   * Returns what the program takes without asyncio: the sum of the sleeps.
   *
   * @return three seconds
   */
  public static Duration synchronousTime() {
    return SaySomethingSequential.synchronousTime();
  }

  private static void main(PrintStream out, Clock wall) {
    Supplier<String> strftimeX = Programs.strftimeX(wall);
    out.println("Started: " + strftimeX.get());
    Task<Void> task1 =
        createTask(() ->
            SaySomethingSequential.saySomething(out, SaySomethingSequential.DELAY_1, "Task 1"));
    Task<Void> task2 =
        createTask(() ->
            SaySomethingSequential.saySomething(out, SaySomethingSequential.DELAY_2, "Task 2"));
    task1.await();
    task2.await();
    out.println("Finished: " + strftimeX.get());
  }
}

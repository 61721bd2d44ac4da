package org.asyncio4j.examples;

import static org.asyncio4j.Asyncio.createTask;
import static org.asyncio4j.Asyncio.sleep;

import java.io.PrintStream;
import java.time.Duration;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Task;

/**
 * The concurrent {@code foo} of seed 000 ({@code 000_981efa2c5fa7ddef.txt}, "asyncio — Asynchronous
 * I/O" by Ashok Tankala): {@code foo} starts {@code some_slow_task()} as a task and sleeps 1.1
 * seconds itself, so the whole program takes 1.1 seconds instead of 2.1.
 *
 * <pre>{@code
 * async def foo():
 *   print("foo function Start")
 *   task = asyncio.create_task(some_slow_task())
 *   print("Another slow task at foo")
 *   await asyncio.sleep(1.1)
 *   print("foo function Finish")
 *
 * async def some_slow_task():
 *   print("Slow Function Started")
 *   await asyncio.sleep(1)
 *   print("Slow Function Finished")
 *
 * asyncio.run(foo())
 * }</pre>
 *
 * <p>Mapping: {@code asyncio.create_task(some_slow_task())} is {@code createTask(() ->
 * someSlowTask(out))}; the task starts when {@code foo} first suspends, as in asyncio.
 */
public final class SlowTaskCreated {
  private static final Duration FOO_SLEEP = Duration.ofMillis(1100);
  private static final Duration SLOW_TASK_SLEEP = Duration.ofSeconds(1);

  private SlowTaskCreated() {}

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
    return Programs.runTimed(() -> foo(out), settings);
  }

  /**
   * Returns what the program takes without asyncio: the sum of the sleeps.
   *
   * @return 2.1 seconds
   */
  public static Duration synchronousTime() {
    return FOO_SLEEP.plus(SLOW_TASK_SLEEP);
  }

  private static void foo(PrintStream out) {
    out.println("foo function Start");
    // the Python binds the task to a name it never reads; so does the twin
    @SuppressWarnings("UnusedVariable")
    Task<Void> task = createTask(() -> someSlowTask(out));
    out.println("Another slow task at foo");
    sleep(FOO_SLEEP);
    out.println("foo function Finish");
  }

  private static void someSlowTask(PrintStream out) {
    out.println("Slow Function Started");
    sleep(SLOW_TASK_SLEEP);
    out.println("Slow Function Finished");
  }
}

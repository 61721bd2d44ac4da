package org.asyncio4j.examples;

import static org.asyncio4j.Asyncio.createTask;
import static org.asyncio4j.Asyncio.sleep;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Task;

/**
 * {@code fetch_data} and {@code print_numbers} of seed 002 ({@code 002_2af6f5ad09b238fc.txt},
 * "Asynchronous Programming in Python" by Aryaman): while {@code fetch_data} "fetches" for two
 * seconds, {@code print_numbers} prints 0 to 7 every quarter second; then Done fetching, the
 * fetched value and 8 around the two-second mark, and 9. 2.5 seconds instead of 4.5.
 *
 * <pre>{@code
 * async def fetch_data():
 *     print('Start fetching')
 *     await asyncio.sleep(2)  # mimicking fetching data via some request
 *     print('Done fetching')
 *     return {'data': 1}
 *
 * async def print_numbers():
 *     for i in range(10):
 *         print(i)
 *         await asyncio.sleep(0.25)  # mimicking waiting for a response
 *
 * async def main():
 *     task1 = asyncio.create_task(fetch_data())
 *     task2 = asyncio.create_task(print_numbers())
 *     value = await task1
 *     print(value)
 *     await task2
 * }</pre>
 *
 * <p>Mapping: {@code value = await task1} is {@code task1.await()}; the dict {@code {'data': 1}} is
 * a {@code Map}, printed the Java way: {@code {data=1}}.
 *
 * <p>Order at two seconds: both tasks are due then. On real time, {@code print_numbers}' eighth
 * sleep ends a little later (each sleep starts when the previous one ended, plus the loop's
 * latency), so the value is printed before 8, as Python prints it. On a virtual-time loop both wake
 * in the same turn, fetching first (its timer was set first), and {@code print_numbers} prints 8
 * before {@code main} resumes with the value: what asyncio does with an exact clock.
 */
public final class FetchData {
  private static final Duration FETCH_SLEEP = Duration.ofSeconds(2);
  private static final Duration NUMBER_SLEEP = Duration.ofMillis(250);
  private static final int NUMBERS = 10;

  private FetchData() {}

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
   * @return 4.5 seconds
   */
  public static Duration synchronousTime() {
    return FETCH_SLEEP.plus(NUMBER_SLEEP.multipliedBy(NUMBERS));
  }

  private static void main(PrintStream out) {
    Task<Map<String, Integer>> task1 = createTask(() -> fetchData(out));
    Task<Void> task2 = createTask(() -> printNumbers(out));
    Map<String, Integer> value = task1.await();
    out.println(value);
    task2.await();
  }

  private static Map<String, Integer> fetchData(PrintStream out) {
    out.println("Start fetching");
    sleep(FETCH_SLEEP); // mimicking fetching data via some request
    out.println("Done fetching");
    return Map.of("data", 1);
  }

  private static void printNumbers(PrintStream out) {
    for (int i = 0; i < NUMBERS; i++) {
      out.println(i);
      sleep(NUMBER_SLEEP); // mimicking waiting for a response
    }
  }
}

package org.asyncio4j.examples;

import static org.asyncio4j.Asyncio.createTask;
import static org.asyncio4j.Asyncio.gather;
import static org.asyncio4j.Asyncio.sleep;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Task;
import org.asyncio4j.sync.Held;
import org.asyncio4j.sync.Semaphore;

/**
 * The rate limit of seed 000 ({@code 000_981efa2c5fa7ddef.txt}, "asyncio — Asynchronous I/O" by
 * Tankala): five fetches gathered, at most two at a time through {@code asyncio.Semaphore(2)}, so
 * they take three rounds.
 *
 * <pre>{@code
 * async def fetch_data(semaphore, session, url):
 *    async with semaphore, session.get(url) as response:
 *        return await response.json()
 *
 * async def main():
 *   url_list = [
 *       "https://backend.piptrends.com//is-package-exists/boto3",
 *       ...  # botocore, urllib3, requests, setuptools
 *   ]
 *   start_time = time.time()
 *   async with aiohttp.ClientSession() as session:
 *       semaphore = asyncio.Semaphore(2)
 *       tasks = [fetch_data(semaphore, session, url) for url in url_list]
 *       results = await asyncio.gather(*tasks)
 *       for url, result in zip(url_list, results):
 *           print(f"Data from {url}: {result}")
 *   end_time = time.time()
 *   elapsed_time = end_time - start_time
 *   print(f"Total time taken: {elapsed_time} seconds")
 * }</pre>
 *
 * <p>asyncio4j has no HTTP client yet, so the fetch is simulated: the session's {@code get(url)}
 * plus {@code response.json()} is a {@link Session} whose standard one sleeps {@link #FETCH_TIME}
 * (one second) and returns a small JSON text naming the package, such as {@code {"package":
 * "boto3", "exists": true}}; nothing goes over the network.
 *
 * <p>Mapping: {@code async with semaphore:} is {@code try (Held permit = semaphore.acquire())}
 * ({@code semaphore.withPermit(() -> ...)} is the same, as a call); {@code asyncio.gather(*tasks)}
 * wraps each coroutine in a task; {@code time.time()} is the loop's clock, and the elapsed seconds
 * print as Python prints a float ({@code 3.0} on virtual time, {@code 3.0041234} on a real one).
 */
public final class SemaphoreFetch {
  /** The URLs of the original, in its order. */
  public static final List<String> URL_LIST =
      List.of(
          "https://backend.piptrends.com//is-package-exists/boto3",
          "https://backend.piptrends.com//is-package-exists/botocore",
          "https://backend.piptrends.com//is-package-exists/urllib3",
          "https://backend.piptrends.com//is-package-exists/requests",
          "https://backend.piptrends.com//is-package-exists/setuptools");

  /** The permits of the original's {@code asyncio.Semaphore(2)}. */
  public static final int LIMIT = 2;

  /** How long one simulated fetch takes. */
  public static final Duration FETCH_TIME = Duration.ofSeconds(1);

  /**
   * A simulated {@code session.get(url)} followed by {@code response.json()}: runs in the calling
   * task and may suspend.
   */
  @FunctionalInterface
  interface Session {
    /**
     * Fetches {@code url}.
     *
     * @param url the address
     * @return the response's JSON text
     */
    String getJson(String url);
  }

  private SemaphoreFetch() {}

  /**
   * Runs the program on a real-time loop.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    run(System.out, EventLoop.builder());
  }

  /**
   * Runs the program: the original's five URLs, two fetches at a time, each a simulated one-second
   * call.
   *
   * @param out where it prints
   * @param settings its loop's settings ({@code virtualTime(true)} in tests)
   * @return how long it took on the loop's clock
   */
  public static Duration run(PrintStream out, EventLoop.Builder settings) {
    return run(out, settings, LIMIT, SemaphoreFetch::simulatedGet);
  }

  /**
   * Returns what the synchronous version takes: one fetch after the other.
   *
   * @return five seconds
   */
  public static Duration synchronousTime() {
    return FETCH_TIME.multipliedBy(URL_LIST.size());
  }

  /** Runs the program with {@code limit} permits and {@code session} doing the fetches. */
  static Duration run(PrintStream out, EventLoop.Builder settings, int limit, Session session) {
    Duration elapsed = Programs.runTimed(() -> main(out, limit, session), settings);
    out.println("Total time taken: " + Programs.seconds(elapsed) + " seconds");
    return elapsed;
  }

  private static void main(PrintStream out, int limit, Session session) {
    Semaphore semaphore = new Semaphore(limit);
    List<Task<String>> tasks = new ArrayList<>(URL_LIST.size());
    for (String url : URL_LIST) {
      tasks.add(createTask(() -> fetchData(semaphore, session, url)));
    }
    List<String> results = gather(tasks).await();
    for (int k = 0; k < URL_LIST.size(); k++) {
      out.println("Data from " + URL_LIST.get(k) + ": " + results.get(k));
    }
  }

  // The permit is held for the block, never read in it: javac's lint would flag that.
  @SuppressWarnings("try")
  private static String fetchData(Semaphore semaphore, Session session, String url) {
    try (Held permit = semaphore.acquire()) {
      return session.getJson(url);
    }
  }

  /** The standard session: a slow call, as a request to a distant server would be. */
  static String simulatedGet(String url) {
    sleep(FETCH_TIME);
    String name = url.substring(url.lastIndexOf('/') + 1);
    return "{\"package\": \"" + name + "\", \"exists\": true}";
  }
}

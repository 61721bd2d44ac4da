package org.asyncio4j.examples;

import static org.asyncio4j.Asyncio.sleep;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.asyncio4j.AsyncGenerator;
import org.asyncio4j.EventLoop;

/**
 * A producer/consumer pipeline of async generators (issue 3; no seed program has one, so the Python
 * original is ours, run on CPython 3.11): log lines arrive one every half second, a stage parses
 * them, a stage keeps the errors, and the consumer stops after the first two. Each stage runs only
 * when the next one asks, so only the four lines needed are read, not all seven.
 *
 * <pre>{@code
 * async def read_lines(n):
 *     try:
 *         for i in range(n):
 *             await asyncio.sleep(0.5)
 *             line = f"GET /page/{i} {200 if i % 3 else 404}"
 *             print(f"read    {line}")
 *             yield line
 *     finally:
 *         print("read    closed")
 *
 * async def parse(lines):
 *     async for line in lines:
 *         method, path, status = line.split()
 *         yield path, int(status)
 *
 * async def errors_only(records):
 *     async for path, status in records:
 *         if status >= 400:
 *             yield path
 *
 * async def main():
 *     start = time.perf_counter()
 *     found = []
 *     async for path in errors_only(parse(read_lines(7))):
 *         print(f"error   {path}")
 *         found.append(path)
 *         if len(found) == 2:
 *             break
 *     print(f"first two errors in {time.perf_counter() - start:0.1f} s: {found}")
 *
 * asyncio.run(main())
 * }</pre>
 *
 * <p>It prints {@code read closed} last: breaking out of the loop does not close the generators (in
 * Java as in Python); {@code asyncio.run} closes the ones left open when {@code main} has returned.
 * Wrap the loop in {@code try (var errors = errorsOnly(...)) {...}} to close the outermost stage at
 * once instead.
 */
public final class LogPipeline {
  private static final Duration LINE_INTERVAL = Duration.ofMillis(500);
  private static final int LINES = 7;
  private static final int WANTED = 2;

  private LogPipeline() {}

  /** A parsed log line. */
  record Hit(String path, int status) {}

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
   * @param settings its loop's settings ({@code virtualTime(true)} in tests)
   * @return how long {@code main} took on the loop's clock
   */
  public static Duration run(PrintStream out, EventLoop.Builder settings) {
    return Programs.runTimed(() -> main(out), settings);
  }

  /**
   * Returns what a version that reads every line before filtering would take.
   *
   * @return 3.5 seconds: seven lines, half a second each
   */
  public static Duration synchronousTime() {
    return LINE_INTERVAL.multipliedBy(LINES);
  }

  static AsyncGenerator<String> readLines(PrintStream out, int n) {
    return AsyncGenerator.of(lines -> {
      try {
        for (int i = 0; i < n; i++) {
          sleep(LINE_INTERVAL);
          String line = "GET /page/" + i + " " + (i % 3 != 0 ? 200 : 404);
          out.println("read    " + line);
          lines.yield(line);
        }
      } finally {
        out.println("read    closed");
      }
    });
  }

  static AsyncGenerator<Hit> parse(AsyncGenerator<String> lines) {
    return AsyncGenerator.of(hits -> {
      for (String line : lines) {
        String[] fields = line.split(" ", -1); // -1: keep empty fields, as Python does
        hits.yield(new Hit(fields[1], Integer.parseInt(fields[2])));
      }
    });
  }

  static AsyncGenerator<String> errorsOnly(AsyncGenerator<Hit> hits) {
    return AsyncGenerator.of(paths -> {
      for (Hit hit : hits) {
        if (hit.status() >= 400) {
          paths.yield(hit.path());
        }
      }
    });
  }

  private static void main(PrintStream out) {
    double start = Programs.perfCounter();
    List<String> found = new ArrayList<>();
    for (String path : errorsOnly(parse(readLines(out, LINES)))) {
      out.println("error   " + path);
      found.add(path);
      if (found.size() == WANTED) {
        break;
      }
    }
    out.println(
        String.format(
            Locale.ROOT,
            "first two errors in %.1f s: %s",
            Programs.perfCounter() - start,
            pythonList(found)));
  }

  /** Python's repr of a list of strings: {@code ['/page/0', '/page/3']}. */
  private static String pythonList(List<String> items) {
    StringBuilder sb = new StringBuilder("[");
    for (String s : items) {
      if (sb.length() > 1) {
        sb.append(", ");
      }
      sb.append('\'').append(s).append('\'');
    }
    return sb.append(']').toString();
  }
}

package org.asyncio4j.examples;

import static org.asyncio4j.Asyncio.createTask;
import static org.asyncio4j.Asyncio.gather;
import static org.asyncio4j.Asyncio.sleep;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.asyncio4j.Asyncio;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Task;
import org.asyncio4j.sync.Queue;

/**
 * {@code asyncq.py} of seed 001 ({@code 001_f66b504bd9bf19c7.txt}, "Asyncio" by Lyz, after Real
 * Python): producers put random items on an {@code asyncio.Queue} at random times, consumers take
 * them greedily; once every producer is done, {@code q.join()} waits until every item was handled,
 * and the consumers, which loop forever, are cancelled.
 *
 * <pre>{@code
 * async def makeitem(size: int = 5) -> str:
 *     return os.urandom(size).hex()
 *
 * async def randsleep(caller=None) -> None:
 *     i = random.randint(0, 10)
 *     if caller:
 *         print(f"{caller} sleeping for {i} seconds.")
 *     await asyncio.sleep(i)
 *
 * async def produce(name: int, q: asyncio.Queue) -> None:
 *     n = random.randint(0, 10)
 *     for _ in it.repeat(None, n):  # Synchronous loop for each single producer
 *         await randsleep(caller=f"Producer {name}")
 *         i = await makeitem()
 *         t = time.perf_counter()
 *         await q.put((i, t))
 *         print(f"Producer {name} added <{i}> to queue.")
 *
 * async def consume(name: int, q: asyncio.Queue) -> None:
 *     while True:
 *         await randsleep(caller=f"Consumer {name}")
 *         i, t = await q.get()
 *         now = time.perf_counter()
 *         print(f"Consumer {name} got element <{i}>"
 *               f" in {now-t:0.5f} seconds.")
 *         q.task_done()
 *
 * async def main(nprod: int, ncon: int):
 *     q = asyncio.Queue()
 *     producers = [asyncio.create_task(produce(n, q)) for n in range(nprod)]
 *     consumers = [asyncio.create_task(consume(n, q)) for n in range(ncon)]
 *     await asyncio.gather(*producers)
 *     await q.join()  # Implicitly awaits consumers, too
 *     for c in consumers:
 *         c.cancel()
 *
 * if __name__ == "__main__":
 *     import argparse
 *     random.seed(444)
 *     parser = argparse.ArgumentParser()
 *     parser.add_argument("-p", "--nprod", type=int, default=5)
 *     parser.add_argument("-c", "--ncon", type=int, default=10)
 *     ns = parser.parse_args()
 *     start = time.perf_counter()
 *     asyncio.run(main(**ns.__dict__))
 *     elapsed = time.perf_counter() - start
 *     print(f"Program completed in {elapsed:0.5f} seconds.")
 * }</pre>
 *
 * <p>The seed's text ends at {@code if __name__ == "__main__":} and has lost the {@code <{i}>} of
 * the two item prints; both are as in the Real Python article the seed copies.
 *
 * <p>Mapping: {@code asyncio.Queue()} is an unbounded {@link Queue}, so {@code put} never suspends;
 * the {@code (i, t)} tuple is a small record; {@code random.randint(0, 10)} is {@code
 * random.nextInt(0, 11)} on one {@link Random}, seeded with 444 unless {@code --seed} says
 * otherwise. Java's generator is not Python's, so the draws differ from the article's. {@code
 * os.urandom(5).hex()} draws its five bytes from the same {@link Random}, so that a seed fixes the
 * whole run, items included. {@code perf_counter} is the loop's clock, so that on virtual time the
 * waits print as exact figures ({@code 0.00000} for an item taken by a waiting consumer).
 */
public final class AsyncQ {
  /** The seed of asyncq.py's {@code random.seed(444)}. */
  public static final long SEED = 444;

  /** The largest sleep, in seconds: {@code random.randint(0, 10)} in {@code randsleep}. */
  public static final int MAX_SLEEP_SECONDS = 10;

  /** The most items one producer makes: {@code random.randint(0, 10)} in {@code produce}. */
  public static final int MAX_ITEMS = 10;

  /** {@code --nprod} when not given. */
  public static final int DEFAULT_NPROD = 5;

  /** {@code --ncon} when not given. */
  public static final int DEFAULT_NCON = 10;

  /** {@code makeitem(size=5)}: five random bytes, ten hex digits. */
  private static final int ITEM_BYTES = 5;

  private static final String USAGE =
      "usage: AsyncQ [-p NPROD | --nprod NPROD] [-c NCON | --ncon NCON] [--seed SEED]";

  private final PrintStream out;
  private final Random random;
  private final int maxSleepSeconds;

  // Only the loop's tasks touch these, one at a time.
  private final List<String> produced = new ArrayList<>();
  private final List<String> consumed = new ArrayList<>();
  private int sleptSeconds;
  private int tasksDone;
  private long lastTaskDoneNanos;
  private int doneAtJoin;

  private AsyncQ(PrintStream out, Random random, int maxSleepSeconds) {
    this.out = out;
    this.random = random;
    this.maxSleepSeconds = maxSleepSeconds;
  }

  /**
   * The command line: asyncq.py's {@code -p}/{@code --nprod} and {@code -c}/{@code --ncon}, and
   * {@code --seed} for {@code random.seed}.
   *
   * @param nprod the number of producers
   * @param ncon the number of consumers
   * @param seed the seed of the {@link Random}
   */
  public record Options(int nprod, int ncon, long seed) {}

  /**
   * What one run did, for tests and the demo.
   *
   * @param elapsed the time of {@code main} on the loop's clock
   * @param synchronousTime the sum of the sleeps that led to an item being put or taken: what doing
   *     the same work one step after the other would take
   * @param produced the items, in the order they were put
   * @param consumed the items, in the order they were taken
   * @param doneAtJoin how many {@code taskDone} calls had been made when {@code q.join()} returned
   * @param lastTaskDone when the last {@code taskDone} was called, from the start of {@code main};
   *     zero when no item was made
   * @param consumers the consumer tasks, finished once the program has returned
   */
  public record Run(
      Duration elapsed,
      Duration synchronousTime,
      List<String> produced,
      List<String> consumed,
      int doneAtJoin,
      Duration lastTaskDone,
      List<Task<Void>> consumers) {}

  /** An item on the queue: asyncq.py's {@code (i, t)} tuple. */
  private record Item(String hex, long putNanos) {}

  /**
   * Runs the program on a real-time loop, with asyncq.py's command line ({@code -p 2 -c 5} is the
   * article's sample run).
   *
   * @param args {@code -p NPROD}, {@code -c NCON}, {@code --seed SEED}, all optional
   */
  public static void main(String[] args) {
    Options options;
    try {
      options = parseArgs(args);
    } catch (IllegalArgumentException e) {
      System.err.println(USAGE);
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    run(
        System.out,
        EventLoop.builder(),
        new Random(options.seed()),
        MAX_SLEEP_SECONDS,
        options.nprod(),
        options.ncon());
  }

  /**
   * Parses the command line as asyncq.py's argparse does: {@code -p N}, {@code --nprod N} or {@code
   * --nprod=N} (default 5), the same for {@code -c}/{@code --ncon} (default 10), and {@code --seed
   * N} (default 444).
   *
   * @param args the arguments
   * @return the options
   * @throws IllegalArgumentException naming the argument that is unknown, lacks its value, or is
   *     not a number (a negative count included)
   */
  public static Options parseArgs(String... args) {
    int nprod = DEFAULT_NPROD;
    int ncon = DEFAULT_NCON;
    long seed = SEED;
    for (int k = 0; k < args.length; k++) {
      String arg = args[k];
      String name = arg;
      String value;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      } else if (k + 1 < args.length) {
        value = args[++k];
      } else {
        throw new IllegalArgumentException(
            "AsyncQ: argument " + arg + " expects a number after it, as in " + arg + " 3");
      }
      switch (name) {
        case "-p", "--nprod" -> nprod = count(name, value);
        case "-c", "--ncon" -> ncon = count(name, value);
        case "--seed" -> seed = number(name, value);
        default ->
            throw new IllegalArgumentException(
                "AsyncQ: unrecognized argument " + arg + "; use -p, -c or --seed");
      }
    }
    return new Options(nprod, ncon, seed);
  }

  /**
   * Runs the program.
   *
   * @param out where it prints
   * @param settings its loop's settings ({@code virtualTime(true)} in tests)
   * @param random where the sleeps, item counts and items come from
   * @param maxSleepSeconds the largest sleep ({@link #MAX_SLEEP_SECONDS} in the original)
   * @param nprod the number of producers
   * @param ncon the number of consumers
   * @return what the run did
   */
  public static Run run(
      PrintStream out,
      EventLoop.Builder settings,
      Random random,
      int maxSleepSeconds,
      int nprod,
      int ncon) {
    AsyncQ program = new AsyncQ(out, random, maxSleepSeconds);
    List<Task<Void>> consumers = new ArrayList<>(ncon);
    Duration elapsed = Programs.runTimed(() -> program.main(nprod, ncon, consumers), settings);
    out.println("Program completed in " + fiveDecimals(elapsed) + " seconds.");
    return new Run(
        elapsed,
        Duration.ofSeconds(program.sleptSeconds),
        List.copyOf(program.produced),
        List.copyOf(program.consumed),
        program.doneAtJoin,
        Duration.ofNanos(program.lastTaskDoneNanos),
        List.copyOf(consumers));
  }

  private void main(int nprod, int ncon, List<Task<Void>> consumers) {
    long start = Asyncio.getRunningLoop().timeNanos();
    Queue<Item> q = new Queue<>();
    List<Task<Void>> producers = new ArrayList<>(nprod);
    for (int n = 0; n < nprod; n++) {
      int name = n;
      producers.add(createTask(() -> produce(name, q)));
    }
    for (int n = 0; n < ncon; n++) {
      int name = n;
      consumers.add(createTask(() -> consume(name, q, start)));
    }
    gather(producers).await();
    q.join(); // implicitly awaits the consumers, too
    doneAtJoin = tasksDone;
    for (Task<Void> c : consumers) {
      c.cancel();
    }
  }

  private void produce(int name, Queue<Item> q) {
    int n = random.nextInt(0, MAX_ITEMS + 1);
    for (int k = 0; k < n; k++) { // a synchronous loop in each producer
      int slept = randsleep("Producer " + name);
      String i = makeitem();
      long t = Asyncio.getRunningLoop().timeNanos();
      q.put(new Item(i, t));
      sleptSeconds += slept;
      produced.add(i);
      out.println("Producer " + name + " added <" + i + "> to queue.");
    }
  }

  private void consume(int name, Queue<Item> q, long start) {
    while (true) {
      int slept = randsleep("Consumer " + name);
      Item item = q.get();
      long now = Asyncio.getRunningLoop().timeNanos();
      sleptSeconds += slept;
      consumed.add(item.hex());
      out.println(
          "Consumer "
              + name
              + " got element <"
              + item.hex()
              + "> in "
              + fiveDecimals(Duration.ofNanos(now - item.putNanos()))
              + " seconds.");
      q.taskDone();
      tasksDone++;
      lastTaskDoneNanos = now - start;
    }
  }

  private String makeitem() {
    byte[] bytes = new byte[ITEM_BYTES];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** Sleeps a random 0 to {@code maxSleepSeconds} seconds and returns how many. */
  private int randsleep(String caller) {
    int i = random.nextInt(0, maxSleepSeconds + 1);
    out.println(caller + " sleeping for " + i + " seconds.");
    sleep(Duration.ofSeconds(i));
    return i;
  }

  /** Python's {@code f"{x:0.5f}"} of a duration in seconds. */
  static String fiveDecimals(Duration d) {
    return String.format(Locale.ROOT, "%.5f", Programs.seconds(d));
  }

  private static int count(String option, String value) {
    long n = number(option, value);
    if (n < 0 || n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "AsyncQ: argument " + option + " must be a count >= 0, got " + value);
    }
    return (int) n;
  }

  private static long number(String option, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "AsyncQ: argument " + option + ": invalid int value: '" + value + "'", e);
    }
  }
}

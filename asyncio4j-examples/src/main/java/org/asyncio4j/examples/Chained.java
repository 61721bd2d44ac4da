package org.asyncio4j.examples;

import static org.asyncio4j.Asyncio.createTask;
import static org.asyncio4j.Asyncio.gather;
import static org.asyncio4j.Asyncio.sleep;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Task;

/**
 * {@code chained.py} of seed 001 ({@code 001_f66b504bd9bf19c7.txt}, "Asyncio" by Lyz, after Real
 * Python): for each argument {@code n}, a chain {@code part1(n)} then {@code part2(n, p1)}, each
 * sleeping a random 0 to 10 seconds; the chains are gathered, so each {@code part2} starts as soon
 * as its {@code part1} is done.
 *
 * <pre>{@code
 * async def part1(n: int) -> str:
 *     i = random.randint(0, 10)
 *     print(f"part1({n}) sleeping for {i} seconds.")
 *     await asyncio.sleep(i)
 *     result = f"result{n}-1"
 *     print(f"Returning part1({n}) == {result}.")
 *     return result
 *
 * async def part2(n: int, arg: str) -> str:   # the same, printing part2{n, arg}
 *
 * async def chain(n: int) -> None:
 *     start = time.perf_counter()
 *     p1 = await part1(n)
 *     p2 = await part2(n, p1)
 *     end = time.perf_counter() - start
 *     print(f"-->Chained result{n} => {p2} (took {end:0.2f} seconds).")
 *
 * async def main(*args):
 *     await asyncio.gather(*(chain(n) for n in args))
 *
 * random.seed(444)
 * args = [1, 2, 3] if len(sys.argv) == 1 else map(int, sys.argv[1:])
 * }</pre>
 *
 * <p>Mapping: {@code random.randint(0, 10)} is {@code random.nextInt(0, 11)} on a {@link Random}
 * seeded with 444; Java's generator is not Python's, so the sleeps differ from the article's, but
 * the lines have the same shape and the same order rules. {@code await part1(n)} is a plain call in
 * the chain's task; {@code perf_counter} is the loop's clock. Arguments are ints, as in Python
 * ({@code 9 6 3}).
 */
public final class Chained {
  /** The seed of chained.py's {@code random.seed(444)}. */
  public static final long SEED = 444;

  /** The largest sleep, in seconds: {@code random.randint(0, 10)}. */
  public static final int MAX_SLEEP_SECONDS = 10;

  private static final List<Integer> DEFAULT_ARGS = List.of(1, 2, 3);

  private final PrintStream out;
  private final Random random;
  private final int maxSleepSeconds;

  /** Seconds slept by all parts; only the loop's tasks touch it, one at a time. */
  private int sleptSeconds;

  private Chained(PrintStream out, Random random, int maxSleepSeconds) {
    this.out = out;
    this.random = random;
    this.maxSleepSeconds = maxSleepSeconds;
  }

  /**
   * What one run did: how long it took, and how long the synchronous version would take.
   *
   * @param elapsed the time on the loop's clock
   * @param synchronousTime the sum of all the sleeps
   */
  public record Run(Duration elapsed, Duration synchronousTime) {}

  /**
   * Runs the program with {@code args} (ints; default 1 2 3) on a real-time loop.
   *
   * @param args the chain numbers
   */
  public static void main(String[] args) {
    run(System.out, EventLoop.builder(), new Random(SEED), MAX_SLEEP_SECONDS, parseArgs(args));
  }

  /**
   * Parses the command line as chained.py does: no arguments means 1 2 3.
   *
   * @param args the arguments
   * @return the chain numbers
   * @throws NumberFormatException if one is not an int
   */
  public static List<Integer> parseArgs(String... args) {
    if (args.length == 0) {
      return DEFAULT_ARGS;
    }
    List<Integer> ns = new ArrayList<>(args.length);
    for (String a : args) {
      ns.add(Integer.parseInt(a));
    }
    return ns;
  }

  /**
   * Runs the program.
   *
   * @param out where it prints
   * @param settings its loop's settings
   * @param random where the sleeps come from
   * @param maxSleepSeconds the largest sleep ({@link #MAX_SLEEP_SECONDS} in the original)
   * @param ns the chain numbers
   * @return the elapsed time and the sum of the sleeps
   */
  public static Run run(
      PrintStream out,
      EventLoop.Builder settings,
      Random random,
      int maxSleepSeconds,
      List<Integer> ns) {
    Chained program = new Chained(out, random, maxSleepSeconds);
    Duration elapsed = Programs.runTimed(() -> program.main(ns), settings);
    out.println("Program finished in " + Programs.twoDecimals(elapsed) + " seconds.");
    return new Run(elapsed, Duration.ofSeconds(program.sleptSeconds));
  }

  private void main(List<Integer> ns) {
    List<Task<Void>> chains = new ArrayList<>(ns.size());
    for (int n : ns) {
      chains.add(createTask(() -> chain(n)));
    }
    gather(chains).await();
  }

  private void chain(int n) {
    double start = Programs.perfCounter();
    String p1 = part1(n);
    String p2 = part2(n, p1);
    double end = Programs.perfCounter() - start;
    out.println(
        "-->Chained result"
            + n
            + " => "
            + p2
            + " (took "
            + Programs.twoDecimals(end)
            + " seconds).");
  }

  private String part1(int n) {
    int i = randomSleep();
    out.println("part1(" + n + ") sleeping for " + i + " seconds.");
    sleep(Duration.ofSeconds(i));
    String result = "result" + n + "-1";
    out.println("Returning part1(" + n + ") == " + result + ".");
    return result;
  }

  private String part2(int n, String arg) {
    int i = randomSleep();
    // Python prints the tuple {n, arg}: (3, 'result3-1')
    String args = "(" + n + ", '" + arg + "')";
    out.println("part2" + args + " sleeping for " + i + " seconds.");
    sleep(Duration.ofSeconds(i));
    String result = "result" + n + "-2 derived from " + arg;
    out.println("Returning part2" + args + " == " + result + ".");
    return result;
  }

  private int randomSleep() {
    int i = random.nextInt(0, maxSleepSeconds + 1);
    sleptSeconds += i;
    return i;
  }
}

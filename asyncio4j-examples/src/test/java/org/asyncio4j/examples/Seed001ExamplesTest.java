package org.asyncio4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.asyncio4j.EventLoop;
import org.junit.jupiter.api.Test;

/** The programs of seed 001 (Lyz, after Real Python). */
class Seed001ExamplesTest {
  private final Output output = new Output();

  private static EventLoop.Builder virtualTime() {
    return EventLoop.builder().virtualTime(true);
  }

  @Test
  void countAsyncInterleaves() {
    Duration took = CountAsync.run(output.out, virtualTime());
    assertThat(output.lines())
        .containsExactly(
            "One", "One", "One", "Two", "Two", "Two", "CountAsync executed in 1.00 seconds.");
    assertThat(took).isEqualTo(Duration.ofSeconds(1));
    assertThat(CountAsync.synchronousTime()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void countAsyncOnRealTimeTakesAboutOneSecond() {
    long start = System.nanoTime();
    CountAsync.run(output.out, EventLoop.builder());
    Duration wall = Duration.ofNanos(System.nanoTime() - start);
    assertThat(output.lines().subList(0, 6))
        .containsExactly("One", "One", "One", "Two", "Two", "Two");
    assertThat(output.lines().get(6)).matches("CountAsync executed in 1\\.\\d\\d seconds\\.");
    assertThat(wall).isLessThan(Duration.ofMillis(2500));
  }

  @Test
  void countSyncRunsOneAfterTheOther() throws InterruptedException {
    Duration took = CountSync.run(output.out, new FakeSyncClock());
    assertThat(output.lines())
        .containsExactly(
            "One", "Two", "One", "Two", "One", "Two", "CountSync executed in 3.00 seconds.");
    assertThat(took).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void chainedDefaultArgs() {
    Chained.Run run =
        Chained.run(
            output.out,
            virtualTime(),
            new Random(Chained.SEED),
            Chained.MAX_SLEEP_SECONDS,
            Chained.parseArgs());
    assertThat(output.lines()).containsExactly(CHAINED_1_2_3);
    assertThat(run.elapsed()).isEqualTo(Duration.ofSeconds(CHAINED_1_2_3_SECONDS));
    assertThat(run.synchronousTime()).isEqualTo(Duration.ofSeconds(CHAINED_1_2_3_SLEPT));
  }

  // java.util.Random(444) draws 8, 8, 10 for the part1s, then 5, 6, 10 for the part2s in the
  // order they start; at 8 s both part1(1) and part1(2) wake, the one that slept first first.
  private static final String[] CHAINED_1_2_3 = {
    "part1(1) sleeping for 8 seconds.",
    "part1(2) sleeping for 8 seconds.",
    "part1(3) sleeping for 10 seconds.",
    "Returning part1(1) == result1-1.",
    "part2(1, 'result1-1') sleeping for 5 seconds.",
    "Returning part1(2) == result2-1.",
    "part2(2, 'result2-1') sleeping for 6 seconds.",
    "Returning part1(3) == result3-1.",
    "part2(3, 'result3-1') sleeping for 10 seconds.",
    "Returning part2(1, 'result1-1') == result1-2 derived from result1-1.",
    "-->Chained result1 => result1-2 derived from result1-1 (took 13.00 seconds).",
    "Returning part2(2, 'result2-1') == result2-2 derived from result2-1.",
    "-->Chained result2 => result2-2 derived from result2-1 (took 14.00 seconds).",
    "Returning part2(3, 'result3-1') == result3-2 derived from result3-1.",
    "-->Chained result3 => result3-2 derived from result3-1 (took 20.00 seconds).",
    "Program finished in 20.00 seconds."
  };
  private static final long CHAINED_1_2_3_SECONDS = 20;
  private static final long CHAINED_1_2_3_SLEPT = 8 + 8 + 10 + 5 + 6 + 10;

  @Test
  void chainedTakesIntArgs() {
    Chained.Run run =
        Chained.run(
            output.out,
            virtualTime(),
            new Random(Chained.SEED),
            Chained.MAX_SLEEP_SECONDS,
            Chained.parseArgs("9", "6", "3"));
    List<String> lines = output.lines();
    assertThat(lines).hasSize(3 * 5 + 1);
    assertThat(lines.subList(0, 3))
        .allMatch(l -> l.matches("part1\\([963]\\) sleeping for \\d+ seconds\\."));
    assertThat(lines)
        .filteredOn(l -> l.startsWith("-->Chained result"))
        .extracting(l -> l.substring(0, "-->Chained result9".length()))
        .containsExactlyInAnyOrder(
            "-->Chained result9", "-->Chained result6", "-->Chained result3");
    assertThat(lines.getLast())
        .isEqualTo("Program finished in " + Programs.twoDecimals(run.elapsed()) + " seconds.");
  }

  @Test
  void chainedRejectsNonInts() {
    assertThatThrownBy(() -> Chained.parseArgs("9", "six"))
        .isInstanceOf(NumberFormatException.class);
  }
}

package org.asyncio4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** asyncq.py of seed 001 (Lyz, after Real Python), on virtual time. */
class AsyncQTest {
  private final Output output = new Output();

  private static EventLoop.Builder virtualTime() {
    return EventLoop.builder().virtualTime(true);
  }

  private AsyncQ.Run run(long seed, int maxSleepSeconds, int nprod, int ncon) {
    return AsyncQ.run(output.out, virtualTime(), new Random(seed), maxSleepSeconds, nprod, ncon);
  }

  // java.util.Random(444) with one producer and two consumers. The producer makes 8 items, sleeping
  // 8, 4, 2, 9, 9, 7, 7 and 0 s before them: it puts them at 8, 12, 14, 23, 32, 39, 46 and 46 s,
  // and the last one is taken at once by consumer 0 (waiting since 42 s), so the run takes 46 s.
  // Item 3 waits 1 s: put at 14 s while both consumers sleep, consumer 1 wakes at 8 + 7 = 15 s.
  // At 46 s the producer and consumer 1 wake together (both timers were set at 39 s, the
  // producer's first): the producer's put wakes consumer 0, but consumer 1 runs first and finds the
  // item in the queue, as in asyncio, where a get() on a non-empty queue takes at once.
  private static final String[] ONE_PRODUCER_TWO_CONSUMERS = {
    "Producer 0 sleeping for 8 seconds.",
    "Consumer 0 sleeping for 10 seconds.",
    "Consumer 1 sleeping for 5 seconds.",
    "Producer 0 added <45958d9ca7> to queue.",
    "Producer 0 sleeping for 4 seconds.",
    "Consumer 1 got element <45958d9ca7> in 0.00000 seconds.",
    "Consumer 1 sleeping for 7 seconds.",
    "Producer 0 added <6dcb74cd28> to queue.",
    "Producer 0 sleeping for 2 seconds.",
    "Consumer 0 got element <6dcb74cd28> in 0.00000 seconds.",
    "Consumer 0 sleeping for 8 seconds.",
    "Producer 0 added <b02b026f96> to queue.",
    "Producer 0 sleeping for 9 seconds.",
    "Consumer 1 got element <b02b026f96> in 1.00000 seconds.",
    "Consumer 1 sleeping for 4 seconds.",
    "Producer 0 added <8468b1aaf8> to queue.",
    "Producer 0 sleeping for 9 seconds.",
    "Consumer 1 got element <8468b1aaf8> in 0.00000 seconds.",
    "Consumer 1 sleeping for 5 seconds.",
    "Producer 0 added <ee8fb6c340> to queue.",
    "Producer 0 sleeping for 7 seconds.",
    "Consumer 0 got element <ee8fb6c340> in 0.00000 seconds.",
    "Consumer 0 sleeping for 10 seconds.",
    "Producer 0 added <474c09a7bd> to queue.",
    "Producer 0 sleeping for 7 seconds.",
    "Consumer 1 got element <474c09a7bd> in 0.00000 seconds.",
    "Consumer 1 sleeping for 7 seconds.",
    "Producer 0 added <43eddce6d4> to queue.",
    "Producer 0 sleeping for 0 seconds.",
    "Consumer 1 got element <43eddce6d4> in 0.00000 seconds.",
    "Consumer 1 sleeping for 4 seconds.",
    "Producer 0 added <2f7da161ee> to queue.",
    "Consumer 0 got element <2f7da161ee> in 0.00000 seconds.",
    "Consumer 0 sleeping for 10 seconds.",
    "Program completed in 46.00000 seconds."
  };

  @Test
  void oneProducerTwoConsumersPrintsTheRunExactly() {
    AsyncQ.Run run = run(AsyncQ.SEED, AsyncQ.MAX_SLEEP_SECONDS, 1, 2);
    assertThat(output.lines()).containsExactly(ONE_PRODUCER_TWO_CONSUMERS);
    assertThat(run.elapsed()).isEqualTo(Duration.ofSeconds(46));
    // the producer's 46 s, and the sleeps that led the consumers to their 8 gets
    assertThat(run.synchronousTime())
        .isEqualTo(Duration.ofSeconds(46 + 5 + 10 + 7 + 4 + 8 + 5 + 7 + 10));
    assertThat(run.produced())
        .containsExactly(
            "45958d9ca7",
            "6dcb74cd28",
            "b02b026f96",
            "8468b1aaf8",
            "ee8fb6c340",
            "474c09a7bd",
            "43eddce6d4",
            "2f7da161ee");
    assertInvariants(run, 2);
  }

  @ParameterizedTest(name = "seed {0}, -p {1} -c {2}, sleeps up to {3} s")
  @CsvSource({
    "444, 5, 10, 10",
    "444, 2, 5, 10",
    "444, 5, 10, 2",
    "1, 5, 10, 10",
    "6, 5, 10, 10",
    "7, 3, 1, 10",
    "8, 10, 2, 3",
    "9, 1, 1, 0"
  })
  void everyItemIsConsumedOnceAndTheTimeIsWhatTheSleepsGive(
      long seed, int nprod, int ncon, int maxSleepSeconds) {
    AsyncQ.Run run = run(seed, maxSleepSeconds, nprod, ncon);
    assertInvariants(run, ncon);
  }

  @Test
  void theDefaultRunOfTheArticleMakesItemsAndEnds() {
    AsyncQ.Options options = AsyncQ.parseArgs();
    AsyncQ.Run run = run(options.seed(), AsyncQ.MAX_SLEEP_SECONDS, options.nprod(), options.ncon());
    assertThat(run.produced()).hasSizeGreaterThan(10);
    assertThat(run.consumers()).hasSize(10);
    assertInvariants(run, 10);
  }

  @Test
  void aSeedFixesTheWholeRun() {
    run(7, AsyncQ.MAX_SLEEP_SECONDS, 3, 4);
    List<String> first = output.lines();
    Output again = new Output();
    AsyncQ.run(again.out, virtualTime(), new Random(7), AsyncQ.MAX_SLEEP_SECONDS, 3, 4);
    Output otherSeed = new Output();
    AsyncQ.run(otherSeed.out, virtualTime(), new Random(8), AsyncQ.MAX_SLEEP_SECONDS, 3, 4);
    assertThat(again.lines()).isEqualTo(first);
    assertThat(otherSeed.lines()).isNotEqualTo(first);
  }

  @Test
  void withoutProducersJoinReturnsAtOnceAndTheConsumersNeverRun() {
    AsyncQ.Run run = run(AsyncQ.SEED, AsyncQ.MAX_SLEEP_SECONDS, 0, 3);
    // gather() of nothing and join() of an empty queue do not suspend, so main cancels the
    // consumers before they start, as asyncio does
    assertThat(output.lines()).containsExactly("Program completed in 0.00000 seconds.");
    assertThat(run.elapsed()).isZero();
    assertThat(run.consumers()).hasSize(3).allMatch(Task::isCancelled);
  }

  @Test
  void runsOnARealTimeLoop() {
    AsyncQ.Run run = AsyncQ.run(output.out, EventLoop.builder(), new Random(AsyncQ.SEED), 0, 2, 2);
    assertThat(run.produced()).isNotEmpty();
    assertThat(run.consumed()).containsExactlyInAnyOrderElementsOf(run.produced());
    assertThat(run.consumers()).allMatch(Task::isCancelled);
    assertThat(output.lines().getLast()).matches("Program completed in \\d+\\.\\d{5} seconds\\.");
  }

  @Test
  void parsesTheArticlesCommandLine() {
    assertThat(AsyncQ.parseArgs()).isEqualTo(new AsyncQ.Options(5, 10, 444));
    assertThat(AsyncQ.parseArgs("-p", "2", "-c", "5")).isEqualTo(new AsyncQ.Options(2, 5, 444));
    assertThat(AsyncQ.parseArgs("--ncon", "100", "--nprod=5", "--seed", "-3"))
        .isEqualTo(new AsyncQ.Options(5, 100, -3));
  }

  @Test
  void rejectsABadCommandLineNamingTheArgument() {
    assertThatThrownBy(() -> AsyncQ.parseArgs("-p", "two"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-p")
        .hasMessageContaining("'two'");
    assertThatThrownBy(() -> AsyncQ.parseArgs("-c"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-c 3");
    assertThatThrownBy(() -> AsyncQ.parseArgs("-x", "1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unrecognized argument -x");
    assertThatThrownBy(() -> AsyncQ.parseArgs("--ncon=-1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--ncon must be a count >= 0");
  }

  /** The sleep {@code task} printed before {@code line}; every put and get follows one. */
  private static long sleepBefore(Map<String, Long> pendingSleep, String task, String line) {
    return Objects.requireNonNull(
        pendingSleep.remove(task), line + ": " + task + " did not print its sleep before");
  }

  private static final Pattern SLEEPING =
      Pattern.compile("(Producer|Consumer) (\\d+) sleeping for (\\d+) seconds\\.");
  private static final Pattern ADDED =
      Pattern.compile("Producer (\\d+) added <(\\w+)> to queue\\.");
  private static final Pattern GOT =
      Pattern.compile("Consumer (\\d+) got element <(\\w+)> in (\\d+\\.\\d{5}) seconds\\.");
  private static final Pattern COMPLETED =
      Pattern.compile("Program completed in (\\d+\\.\\d{5}) seconds\\.");

  /**
   * Checks a run against its own output, replaying the printed sleeps on a clock per task:
   *
   * <ul>
   *   <li>every item printed as added is printed as got exactly once, and the run's lists agree;
   *   <li>a producer puts an item when its sleeps so far are over (the queue is unbounded);
   *   <li>a consumer that wakes at {@code ready} gets an item put at {@code t} at {@code max(ready,
   *       t)}: it waits in get() if it wakes first, the item waits in the queue otherwise, so the
   *       printed wait is {@code max(0, ready - t)};
   *   <li>the run takes until the last item is got: join() returns after the last taskDone(), and
   *       nothing later keeps main waiting;
   *   <li>the consumers end cancelled and the program returns.
   * </ul>
   */
  private void assertInvariants(AsyncQ.Run run, int ncon) {
    List<String> lines = output.lines();
    Map<String, Long> clock = new HashMap<>(); // seconds: when a task is done with what it printed
    Map<String, Long> putAt = new HashMap<>();
    List<String> added = new ArrayList<>();
    List<String> got = new ArrayList<>();
    long slept = 0;
    long lastGet = 0;
    Map<String, Long> pendingSleep = new HashMap<>();
    for (String line : lines.subList(0, lines.size() - 1)) {
      Matcher sleepingLine = SLEEPING.matcher(line);
      Matcher addedLine = ADDED.matcher(line);
      Matcher gotLine = GOT.matcher(line);
      if (sleepingLine.matches()) {
        Matcher m = sleepingLine;
        String task = m.group(1) + " " + m.group(2);
        assertThat(pendingSleep).as(line).doesNotContainKey(task);
        pendingSleep.put(task, Long.parseLong(m.group(3)));
      } else if (addedLine.matches()) {
        Matcher m = addedLine;
        String task = "Producer " + m.group(1);
        long sleep = sleepBefore(pendingSleep, task, line);
        long t = clock.getOrDefault(task, 0L) + sleep;
        clock.put(task, t);
        slept += sleep;
        assertThat(putAt).as("item %s is added once", m.group(2)).doesNotContainKey(m.group(2));
        putAt.put(m.group(2), t);
        added.add(m.group(2));
      } else if (gotLine.matches()) {
        Matcher m = gotLine;
        String task = "Consumer " + m.group(1);
        long sleep = sleepBefore(pendingSleep, task, line);
        long ready = clock.getOrDefault(task, 0L) + sleep;
        long t = Objects.requireNonNull(putAt.get(m.group(2)), line + ": the item was never added");
        long now = Math.max(ready, t);
        assertThat(m.group(3)).as(line).isEqualTo(AsyncQ.fiveDecimals(Duration.ofSeconds(now - t)));
        clock.put(task, now);
        slept += sleep;
        lastGet = Math.max(lastGet, now);
        got.add(m.group(2));
      } else {
        throw new AssertionError("unexpected line: " + line);
      }
    }
    assertThat(got).as("every item is consumed exactly once").hasSameElementsAs(added);
    assertThat(got).hasSameSizeAs(added).doesNotHaveDuplicates();
    assertThat(run.produced()).isEqualTo(added);
    assertThat(run.consumed()).isEqualTo(got);
    assertThat(run.doneAtJoin())
        .as("taskDone() calls when join() returned")
        .isEqualTo(added.size());
    assertThat(run.lastTaskDone()).isEqualTo(Duration.ofSeconds(lastGet));
    assertThat(run.elapsed()).as("the time the sleeps give").isEqualTo(Duration.ofSeconds(lastGet));
    assertThat(run.synchronousTime()).isEqualTo(Duration.ofSeconds(slept));
    assertThat(lines.getLast()).matches(COMPLETED);
    assertThat(lines.getLast())
        .isEqualTo("Program completed in " + AsyncQ.fiveDecimals(run.elapsed()) + " seconds.");
    assertThat(run.consumers()).hasSize(ncon).allMatch(Task::isCancelled);
  }
}

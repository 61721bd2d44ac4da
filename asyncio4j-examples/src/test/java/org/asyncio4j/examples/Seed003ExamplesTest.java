package org.asyncio4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.asyncio4j.EventLoop;
import org.junit.jupiter.api.Test;

/** The programs of seed 003 (Intro to Async IO), on virtual time. */
class Seed003ExamplesTest {
  /** The article's first Started: line, 15:59:52. */
  private static final Clock AT_15_59_52 =
      Clock.fixed(Instant.parse("2022-05-22T15:59:52Z"), ZoneOffset.UTC);

  private final Output output = new Output();

  private static EventLoop.Builder virtualTime() {
    return EventLoop.builder().virtualTime(true);
  }

  @Test
  void helloAgain() {
    Duration took = HelloAgain.run(output.out, virtualTime());
    assertThat(output.lines()).containsExactly("Hello world!", "Hello again!");
    assertThat(took).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void saySomethingSequentialTakesThreeSeconds() {
    Duration took = SaySomethingSequential.run(output.out, virtualTime(), AT_15_59_52);
    assertThat(output.lines())
        .containsExactly(
            "Started: 15:59:52",
            "Before Task 1",
            "After Task 1",
            "Before Task 2",
            "After Task 2",
            "Finished: 15:59:55");
    assertThat(took).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void saySomethingTasksTakeTwoSeconds() {
    Duration took = SaySomethingTasks.run(output.out, virtualTime(), AT_15_59_52);
    assertThat(output.lines())
        .containsExactly(
            "Started: 15:59:52",
            "Before Task 1",
            "Before Task 2",
            "After Task 1",
            "After Task 2",
            "Finished: 15:59:54");
    assertThat(took).isEqualTo(Duration.ofSeconds(2));
    assertThat(SaySomethingTasks.synchronousTime()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void greetingsGathered() {
    Duration took = Greetings.run(output.out, virtualTime());
    assertThat(output.lines())
        .containsExactly(
            "Welcome", "Welcome", "Goodbye", "Goodbye", "__main__ executed in 1.00 seconds.");
    assertThat(took).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void multAddAwaitedInSequence() {
    Duration took = MultAddAwaited.run(output.out, virtualTime());
    assertThat(output.lines())
        .containsExactly(
            "Calculating multiplication...",
            "10 multiplied by 20 is 200",
            "Calculating sum...",
            "Sum of 10 and 20 is 30");
    assertThat(took).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void multAddAsTasks() {
    Duration took = MultAddTasks.run(output.out, virtualTime());
    assertThat(output.lines())
        .containsExactly(
            "Calculating multiplication...",
            "Calculating sum...",
            "10 multiplied by 20 is 200",
            "Sum of 10 and 20 is 30");
    assertThat(took).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void futureStatesOutsideAnyLoop() {
    FutureStates.run(output.out);
    assertThat(output.lines()).containsExactly("false", "false", "true", "true");
  }

  @Test
  void waitForTimesOutAfterOneSecond() {
    Duration took = WaitForTimeout.run(output.out, virtualTime());
    assertThat(output.lines()).containsExactly("Timed out!");
    assertThat(took).isEqualTo(Duration.ofSeconds(1));
  }
}

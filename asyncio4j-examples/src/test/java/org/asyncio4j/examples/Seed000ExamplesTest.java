package org.asyncio4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.asyncio4j.EventLoop;
import org.junit.jupiter.api.Test;

/** The programs of seed 000 (Tankala), on virtual time: exact output and exact duration. */
class Seed000ExamplesTest {
  private final Output output = new Output();

  private static EventLoop.Builder virtualTime() {
    return EventLoop.builder().virtualTime(true);
  }

  @Test
  void helloWorldFoo() {
    Duration took = HelloWorldFoo.run(output.out, virtualTime());
    assertThat(output.lines()).containsExactly("Hello World");
    assertThat(took).isZero();
  }

  @Test
  void slowTaskAwaitedIsSequential() {
    Duration took = SlowTaskAwaited.run(output.out, virtualTime());
    assertThat(output.lines())
        .containsExactly(
            "foo function Start",
            "Slow Function Started",
            "Slow Function Finished",
            "foo function Finish");
    assertThat(took).isEqualTo(Duration.ofSeconds(1));
    assertThat(SlowTaskAwaited.synchronousTime()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void slowTaskCreatedOverlapsTheSleeps() {
    Duration took = SlowTaskCreated.run(output.out, virtualTime());
    assertThat(output.lines())
        .containsExactly(
            "foo function Start",
            "Another slow task at foo",
            "Slow Function Started",
            "Slow Function Finished",
            "foo function Finish");
    assertThat(took).isEqualTo(Duration.ofMillis(1100));
    assertThat(SlowTaskCreated.synchronousTime()).isEqualTo(Duration.ofMillis(2100));
  }

  private static final String[] QUARTER_HALF = {
    "Quarter Sec: 0",
    "Half Sec: 0", // 0.5 s: the half-second timer was set first (at 0 s)
    "Quarter Sec: 1",
    "Quarter Sec: 2",
    "Half Sec: 1", // 1 s: set at 0.5 s, before the quarter's (set at 0.75 s)
    "Quarter Sec: 3",
    "Quarter Sec: 4",
    "Half Sec: 2",
    "Half Sec: 3",
    "Half Sec: 4",
    "Total time taken: 2.5 seconds"
  };

  @Test
  void quarterHalfTasksTakeTheLongerTime() {
    Duration took = QuarterHalfTasks.run(output.out, virtualTime());
    assertThat(output.lines()).containsExactly(QUARTER_HALF);
    assertThat(took).isEqualTo(Duration.ofMillis(2500));
    assertThat(QuarterHalfTasks.synchronousTime()).isEqualTo(Duration.ofMillis(3750));
  }

  @Test
  void quarterHalfGatherPrintsTheSame() {
    Duration took = QuarterHalfGather.run(output.out, virtualTime());
    assertThat(output.lines()).containsExactly(QUARTER_HALF);
    assertThat(took).isEqualTo(Duration.ofMillis(2500));
  }

  @Test
  void quarterHalfOnRealTime() {
    long start = System.nanoTime();
    Duration took = QuarterHalfGather.run(output.out, EventLoop.builder());
    Duration wall = Duration.ofNanos(System.nanoTime() - start);
    assertThat(output.lines()).hasSize(QUARTER_HALF.length);
    // The figure itself is bounded below, not by its digits: on a loaded machine (CI's 2 shared
    // cores) a real-time run of 2.5 s prints 2.7 now and then.
    assertThat(output.lines().getLast()).matches("Total time taken: \\d+\\.\\d+ seconds");
    assertThat(took).isBetween(Duration.ofMillis(2500), Duration.ofMillis(3500));
    assertThat(wall).isLessThan(Duration.ofMillis(3700)); // the synchronous version takes 3.75 s
  }
}

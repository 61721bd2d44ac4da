package org.asyncio4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.asyncio4j.EventLoop;
import org.junit.jupiter.api.Test;

/** The programs of seed 004 (MG), on virtual time. */
class Seed004ExamplesTest {
  private final Output output = new Output();

  private static EventLoop.Builder virtualTime() {
    return EventLoop.builder().virtualTime(true);
  }

  @Test
  void runUntilCompleteOnAnExplicitLoop() {
    Duration took = RunUntilComplete.run(output.out, virtualTime());
    assertThat(output.lines())
        .containsExactly("some_async_task started", "some_async_task finished");
    assertThat(took).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void gatherRaisesWhileTheOtherTaskRunsOn() {
    Duration took = GatherException.run(output.out, virtualTime());
    assertThat(output.lines())
        .containsExactly(
            "some_async_task started",
            "some_async_task2 started",
            "gather raised java.lang.IllegalArgumentException: some_async_task2 failed",
            "some_async_task finished");
    assertThat(took).isEqualTo(Duration.ofMillis(1500));
    assertThat(GatherException.synchronousTime()).isEqualTo(Duration.ofMillis(2500));
  }

  @Test
  void gatherReturnExceptionsPutsTheExceptionInTheList() {
    Duration took = GatherReturnExceptions.run(output.out, virtualTime());
    assertThat(output.lines())
        .containsExactly(
            "some_async_task started",
            "some_async_task2 started",
            "some_async_task finished",
            "results: [some_async_task result,"
                + " java.lang.IllegalArgumentException: some_async_task2 failed]");
    assertThat(took).isEqualTo(Duration.ofSeconds(1));
    assertThat(GatherReturnExceptions.synchronousTime()).isEqualTo(Duration.ofMillis(1500));
  }
}

package org.asyncio4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.asyncio4j.EventLoop;
import org.junit.jupiter.api.Test;

/** The async-generator pipeline: the output CPython 3.11 prints for the Python original. */
class LogPipelineTest {
  private final Output output = new Output();

  @Test
  void readsOnlyTheLinesItNeedsAndClosesTheSourceWhenTheRunEnds() {
    Duration took = LogPipeline.run(output.out, EventLoop.builder().virtualTime(true));
    assertThat(output.lines())
        .containsExactly(
            "read    GET /page/0 404",
            "error   /page/0",
            "read    GET /page/1 200",
            "read    GET /page/2 200",
            "read    GET /page/3 404",
            "error   /page/3",
            "first two errors in 2.0 s: ['/page/0', '/page/3']",
            "read    closed");
    assertThat(took).isEqualTo(Duration.ofSeconds(2));
    assertThat(LogPipeline.synchronousTime()).isEqualTo(Duration.ofMillis(3500));
  }
}

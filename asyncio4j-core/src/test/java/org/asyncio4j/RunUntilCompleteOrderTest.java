package org.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** asyncio stops run_until_complete from a done callback, one turn after the future is done. */
class RunUntilCompleteOrderTest {
  @Test
  void taskCreatedByFinishingMainGetsItsFirstStep() {
    // seed 002's never-awaited task: Python prints "inside foo", then asyncio.run cancels foo
    List<String> out = new ArrayList<>();
    Asyncio.run(
        () -> {
          out.add("awaiting foo...");
          var _ =
              Asyncio.createTask(() -> {
                out.add("inside foo");
                Asyncio.sleep(Duration.ofSeconds(1));
                out.add("Ending foo");
              });
          out.add("finished awaiting foo");
          return null;
        },
        EventLoop.builder().virtualTime(true));
    assertThat(out).containsExactly("awaiting foo...", "finished awaiting foo", "inside foo");
  }
}

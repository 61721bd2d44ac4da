package org.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmokeTest {
  @Test
  void countTasksInterleave() {
    List<String> out = new ArrayList<>();
    long t0 = System.nanoTime();
    Asyncio.run(() -> {
      VoidCoroutine count =
          () -> {
            out.add("One");
            Asyncio.sleep(Duration.ofMillis(100));
            out.add("Two");
          };
      Asyncio.gather(
              Asyncio.createTask(count), Asyncio.createTask(count), Asyncio.createTask(count))
          .await();
    });
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertThat(out).containsExactly("One", "One", "One", "Two", "Two", "Two");
    assertThat(ms).isLessThan(2000);
    System.out.println("mode=" + System.getProperty("asyncio4j.test.expectedMode") + " took " + ms);
  }

  @Test
  void virtualTimeSleepsAnHour() {
    EventLoop loop = EventLoop.builder().virtualTime(true).build();
    try (loop) {
      String r =
          loop.runUntilComplete(() -> {
            Asyncio.sleep(Duration.ofHours(1));
            return "done";
          });
      assertThat(r).isEqualTo("done");
      assertThat(loop.timeNanos()).isGreaterThanOrEqualTo(Duration.ofHours(1).toNanos());
    }
  }
}

package org.asyncio4j.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestLoopExtension.class)
class TestLoopTest {
  @Test
  void advanceRunsExactlyWhatIsDue(TestLoop loop) {
    Task<String> t =
        loop.createTask(() -> {
          Asyncio.sleep(Duration.ofSeconds(5));
          return "done";
        });
    loop.advance(Duration.ofSeconds(4));
    assertThat(t.isDone()).isFalse();
    loop.advance(Duration.ofSeconds(1));
    assertThat(t.result()).isEqualTo("done");
    assertThat(loop.elapsed()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void anHourOfSleepsTakesNoRealTimeAndKeepsOrder(TestLoop loop) {
    List<String> order = new ArrayList<>();
    long realStart = System.nanoTime();
    loop.run(() -> {
      Task<Void> slow =
          Asyncio.createTask(() -> {
            Asyncio.sleep(Duration.ofMinutes(60));
            order.add("slow");
          });
      Task<Void> fast =
          Asyncio.createTask(() -> {
            Asyncio.sleep(Duration.ofMinutes(59));
            order.add("fast");
          });
      Asyncio.gather(slow, fast).await();
    });
    assertThat(order).containsExactly("fast", "slow");
    assertThat(loop.elapsed()).isEqualTo(Duration.ofMinutes(60));
    assertThat(Duration.ofNanos(System.nanoTime() - realStart)).isLessThan(Duration.ofSeconds(10));
  }
}

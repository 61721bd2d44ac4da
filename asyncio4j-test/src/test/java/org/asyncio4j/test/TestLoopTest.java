package org.asyncio4j.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.Asyncio;
import org.asyncio4j.DeadlockException;
import org.asyncio4j.EventLoop;
import org.asyncio4j.ExceptionContext;
import org.asyncio4j.Future;
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

  /** asyncio4j's own addition: nothing can come to a virtual-time loop from outside. */
  @Test
  void aTaskNobodyCanWakeIsADeadlockAtOnce() {
    List<ExceptionContext> reports = new ArrayList<>();
    try (TestLoop loop =
        TestLoop.create(
            EventLoop.builder()
                .deadlockQuietPeriod(Duration.ofHours(1)) // not waited for
                .exceptionHandler((l, c) -> reports.add(c)))) {
      Future<String> never = loop.loop().createFuture();
      assertThatThrownBy(() -> loop.run(never::await))
          .isInstanceOf(DeadlockException.class)
          .hasMessageContaining("1 task is waiting")
          .hasMessageContaining("wait_for=<Future pending");
      // advance() is no deadlock: its own timer wakes it
      loop.advance(Duration.ofMinutes(5));
      assertThat(loop.elapsed()).isEqualTo(Duration.ofMinutes(5));
    }
    assertThat(reports) // close() reports the task left pending
        .extracting(ExceptionContext::message)
        .containsExactly("Task was destroyed but it is pending!");
  }
}

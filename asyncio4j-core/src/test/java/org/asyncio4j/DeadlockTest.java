package org.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** asyncio4j's own addition: asyncio hangs where these tests expect a DeadlockException. */
@Timeout(30)
class DeadlockTest {

  @Test
  void aTaskAwaitingAFutureNobodyCompletesIsReported() {
    try (EventLoop loop = TestLoops.virtual()) {
      Future<String> never = loop.createFuture();
      assertThatThrownBy(() -> loop.runUntilComplete(never::await))
          .isInstanceOf(DeadlockException.class)
          .hasMessageContaining("1 task is waiting")
          .hasMessageContaining("wait_for=<Future pending");
    }
  }

  @Test
  void theReportListsEveryWaitingTask() {
    try (EventLoop loop = TestLoops.virtual()) {
      Future<String> never = loop.createFuture();
      assertThatThrownBy(() ->
              loop.runUntilComplete(() -> {
                Asyncio.createTask(never::await, "helper");
                return Asyncio.createTask(never::await, "other").await();
              }))
          .isInstanceOf(DeadlockException.class)
          .hasMessageContaining("3 tasks are waiting")
          .hasMessageContaining("name='helper'")
          .hasMessageContaining("name='other'");
    }
  }

  @Test
  void theLoopStaysUsableAfterADeadlock() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (EventLoop loop = TestLoops.virtual()) {
      Future<String> f = loop.createFuture();
      Task<String> waiter = loop.createTask(f::await);
      assertThatThrownBy(() -> loop.runUntilComplete(waiter)).isInstanceOf(DeadlockException.class);
      Thread completer =
          Thread.ofPlatform()
              .start(() -> {
                try {
                  release.await();
                  loop.callSoonThreadsafe(() -> f.setResult("late"));
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      release.countDown();
      completer.join(TimeUnit.SECONDS.toMillis(20));
      assertThat(loop.runUntilComplete(waiter)).isEqualTo("late");
    }
  }

  @Test
  void aPendingTimerIsNotADeadlock() {
    try (EventLoop loop = TestLoops.virtual()) {
      Future<String> f = loop.createFuture();
      loop.callLater(Duration.ofHours(2), () -> f.setResult("timer"));
      assertThat(loop.runUntilComplete(f::await)).isEqualTo("timer");
    }
  }

  @Test
  void aPendingExecutorJobIsNotADeadlock() {
    CountDownLatch release = new CountDownLatch(1);
    try (EventLoop loop = TestLoops.virtual()) {
      String r =
          loop.runUntilComplete(() -> {
            Future<String> job =
                loop.runInExecutor(
                    null,
                    () -> {
                      release.await();
                      return "job";
                    });
            loop.callLater(Duration.ofMillis(10), release::countDown);
            return job.await();
          });
      assertThat(r).isEqualTo("job");
    }
  }

  @Test
  void aPendingWrappedCompletableFutureIsNotADeadlock() {
    try (EventLoop loop = TestLoops.virtual()) {
      String r =
          loop.runUntilComplete(() -> {
            CompletableFuture<String> cf = new CompletableFuture<>();
            CompletableFuture.runAsync(
                () -> cf.complete("wrapped"),
                CompletableFuture.delayedExecutor(10, TimeUnit.MILLISECONDS));
            return Future.wrap(cf).await();
          });
      assertThat(r).isEqualTo("wrapped");
    }
  }

  @Test
  void deadlockDetectionCanBeTurnedOff() {
    try (EventLoop loop = EventLoop.builder().virtualTime(true).deadlockDetection(false).build()) {
      Future<String> f = loop.createFuture();
      // a thread the loop cannot see completes the future later
      CompletableFuture.runAsync(
          () -> loop.callSoonThreadsafe(() -> f.setResult("from outside")),
          CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS));
      assertThat(loop.runUntilComplete(f::await)).isEqualTo("from outside");
    }
  }

  @Test
  void asyncioRunReportsADeadlockToo() {
    assertThatThrownBy(() -> Asyncio.run(() -> Asyncio.getRunningLoop().createFuture().await()))
        .isInstanceOf(DeadlockException.class);
  }
}

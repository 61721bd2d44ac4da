package org.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ShieldTest {

  // ported from test_tasks.py::test_shield_result
  @Test
  void theShieldCompletesWithTheInnerResult() {
    TestLoops.run(() -> {
      Future<String> inner = Asyncio.getRunningLoop().createFuture();
      Future<String> outer = Asyncio.shield(inner);
      assertThat(outer).isNotSameAs(inner);
      inner.setResult("42");
      assertThat(outer.await()).isEqualTo("42");
    });
  }

  // ported from test_tasks.py::test_shield_exception
  @Test
  void theShieldCompletesWithTheInnerException() {
    TestLoops.run(() -> {
      Future<String> inner = Asyncio.getRunningLoop().createFuture();
      Future<String> outer = Asyncio.shield(inner);
      IllegalStateException boom = new IllegalStateException("boom");
      inner.setException(boom);
      assertThatThrownBy(outer::await).isSameAs(boom);
    });
  }

  // ported from test_tasks.py::test_shield_cancel_inner
  @Test
  void cancellingTheInnerCancelsTheShield() {
    TestLoops.run(() -> {
      Future<String> inner = Asyncio.getRunningLoop().createFuture();
      Future<String> outer = Asyncio.shield(inner);
      inner.cancel();
      assertThatThrownBy(outer::await).isInstanceOf(CancelledException.class);
      assertThat(outer.isCancelled()).isTrue();
    });
  }

  // ported from test_tasks.py::test_shield_cancel_outer
  @Test
  void cancellingTheShieldLeavesTheInnerAlone() {
    TestLoops.run(() -> {
      Future<String> inner = Asyncio.getRunningLoop().createFuture();
      Future<String> outer = Asyncio.shield(inner);
      assertThat(outer.cancel()).isTrue();
      Asyncio.sleep(Duration.ZERO);
      assertThat(inner.isCancelled()).isFalse();
      inner.setResult("still fine");
      Asyncio.sleep(Duration.ZERO);
      assertThat(inner.result()).isEqualTo("still fine");
    });
  }

  // ported from test_tasks.py::test_shield_shortcut
  @Test
  void aDoneFutureIsItsOwnShield() {
    TestLoops.run(() -> {
      Future<String> done = Asyncio.getRunningLoop().createFuture();
      done.setResult("r");
      assertThat(Asyncio.shield(done)).isSameAs(done);
    });
  }

  // ported from test_tasks.py::test_shield_effect
  @Test
  void cancellingATaskAwaitingAShieldDoesNotCancelTheShieldedTask() {
    try (EventLoop loop = TestLoops.virtual()) {
      loop.runUntilComplete(() -> {
        Task<String> work = Asyncio.createTask(() -> Asyncio.sleep(Duration.ofSeconds(5), "work"));
        Task<String> waiter = Asyncio.createTask(() -> Asyncio.shield(work).await());
        Asyncio.sleep(Duration.ofSeconds(1));
        waiter.cancel();
        assertThatThrownBy(waiter::await).isInstanceOf(CancelledException.class);
        assertThat(work.isCancelled()).isFalse();
        assertThat(work.await()).isEqualTo("work");
        assertThat(loop.timeNanos()).isEqualTo(Duration.ofSeconds(5).toNanos());
      });
    }
  }

  // ported from test_tasks.py::test_shield_coroutine_without_loop (coroutine form)
  @Test
  void aShieldedCoroutineRunsAsItsOwnTask() {
    String r =
        TestLoops.run(
            () -> Asyncio.shield(() -> Asyncio.sleep(Duration.ofSeconds(1), "c")).await());
    assertThat(r).isEqualTo("c");
  }
}

package org.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class WaitTest {

  private static Coroutine<String> after(int seconds, String value) {
    return () -> Asyncio.sleep(Duration.ofSeconds(seconds), value);
  }

  // ported from test_tasks.py::test_wait
  @Test
  void allCompletedWaitsForEveryFuture() {
    try (EventLoop loop = TestLoops.virtual()) {
      loop.runUntilComplete(() -> {
        Task<String> a = Asyncio.createTask(after(1, "a"));
        Task<String> b = Asyncio.createTask(after(2, "b"));
        DoneAndPending<Task<String>> r =
            Asyncio.wait(List.of(b, a), null, ReturnWhen.ALL_COMPLETED);
        assertThat(r.done()).containsExactly(b, a);
        assertThat(r.pending()).isEmpty();
        assertThat(loop.timeNanos()).isEqualTo(Duration.ofSeconds(2).toNanos());
      });
    }
  }

  // ported from test_tasks.py::test_wait_first_completed
  @Test
  void firstCompletedReturnsAfterTheFirstOne() {
    try (EventLoop loop = TestLoops.virtual()) {
      loop.runUntilComplete(() -> {
        Task<String> slow = Asyncio.createTask(after(10, "slow"));
        Task<String> fast = Asyncio.createTask(after(1, "fast"));
        DoneAndPending<Task<String>> r =
            Asyncio.wait(List.of(slow, fast), null, ReturnWhen.FIRST_COMPLETED);
        assertThat(r.done()).containsExactly(fast);
        assertThat(r.pending()).containsExactly(slow);
        assertThat(slow.isCancelled()).isFalse();
        assertThat(loop.timeNanos()).isEqualTo(Duration.ofSeconds(1).toNanos());
        slow.cancel();
      });
    }
  }

  // ported from test_tasks.py::test_wait_first_exception
  @Test
  void firstExceptionReturnsAtTheFirstFailure() {
    try (EventLoop loop = TestLoops.virtual()) {
      loop.runUntilComplete(() -> {
        Task<String> ok = Asyncio.createTask(after(1, "ok"));
        Task<String> failing =
            Asyncio.createTask(() -> {
              Asyncio.sleep(Duration.ofSeconds(2));
              throw new IllegalStateException("boom");
            });
        Task<String> slow = Asyncio.createTask(after(10, "slow"));
        DoneAndPending<Task<String>> r =
            Asyncio.wait(List.of(ok, failing, slow), null, ReturnWhen.FIRST_EXCEPTION);
        assertThat(r.done()).containsExactly(ok, failing);
        assertThat(r.pending()).containsExactly(slow);
        assertThat(failing.exception()).hasMessage("boom");
        assertThat(loop.timeNanos()).isEqualTo(Duration.ofSeconds(2).toNanos());
        slow.cancel();
      });
    }
  }

  // ported from test_tasks.py::test_wait_first_exception_in_wait (no failure: waits for all)
  @Test
  void firstExceptionWithoutFailuresWaitsForAll() {
    TestLoops.run(() -> {
      Task<String> a = Asyncio.createTask(after(1, "a"));
      Task<String> b = Asyncio.createTask(after(2, "b"));
      DoneAndPending<Task<String>> r =
          Asyncio.wait(List.of(a, b), null, ReturnWhen.FIRST_EXCEPTION);
      assertThat(r.done()).containsExactly(a, b);
    });
  }

  // ported from test_tasks.py::test_wait_with_timeout
  @Test
  void aTimeoutReturnsThePendingOnesWithoutCancellingOrRaising() {
    try (EventLoop loop = TestLoops.virtual()) {
      loop.runUntilComplete(() -> {
        Task<String> a = Asyncio.createTask(after(1, "a"));
        Task<String> b = Asyncio.createTask(after(10, "b"));
        DoneAndPending<Task<String>> r =
            Asyncio.wait(List.of(a, b), Duration.ofSeconds(3), ReturnWhen.ALL_COMPLETED);
        assertThat(r.done()).containsExactly(a);
        assertThat(r.pending()).containsExactly(b);
        assertThat(loop.timeNanos()).isEqualTo(Duration.ofSeconds(3).toNanos());
        assertThat(b.isCancelled()).isFalse();
        assertThat(b.await()).isEqualTo("b");
      });
    }
  }

  // ported from test_tasks.py::test_wait_really_done (already done: returns at once)
  @Test
  void alreadyDoneFuturesReturnWithoutWaiting() {
    try (EventLoop loop = TestLoops.virtual()) {
      loop.runUntilComplete(() -> {
        Future<String> done = loop.createFuture();
        done.setResult("x");
        Task<String> pending = Asyncio.createTask(after(5, "p"));
        DoneAndPending<Future<String>> r =
            Asyncio.wait(List.of(done, pending), null, ReturnWhen.FIRST_COMPLETED);
        assertThat(r.done()).containsExactly(done);
        assertThat(loop.timeNanos()).isZero();
        pending.cancel();
      });
    }
  }

  // ported from test_tasks.py::test_wait_errors
  @Test
  void anEmptySetIsRejected() {
    TestLoops.run(() -> {
      assertThatThrownBy(() -> Asyncio.wait(List.<Future<?>>of(), null, ReturnWhen.ALL_COMPLETED))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("empty");
    });
  }

  // ported from test_tasks.py::test_wait_duplicate_coroutines
  @Test
  void duplicatesCountOnce() {
    TestLoops.run(() -> {
      Task<String> a = Asyncio.createTask(after(1, "a"));
      DoneAndPending<Task<String>> r = Asyncio.wait(List.of(a, a), null, ReturnWhen.ALL_COMPLETED);
      assertThat(r.done()).containsExactly(a);
    });
  }

  // ported from test_tasks.py::test_wait (cancelling the waiter leaves the futures alone)
  @Test
  void cancellingTheWaitingTaskDoesNotCancelTheFutures() {
    TestLoops.run(() -> {
      Task<String> a = Asyncio.createTask(after(10, "a"));
      Task<DoneAndPending<Task<String>>> waiter =
          Asyncio.createTask(() -> Asyncio.wait(List.of(a), null, ReturnWhen.ALL_COMPLETED));
      Asyncio.sleep(Duration.ofSeconds(1));
      waiter.cancel();
      assertThatThrownBy(waiter::await).isInstanceOf(CancelledException.class);
      assertThat(a.isCancelled()).isFalse();
      assertThat(a.await()).isEqualTo("a");
    });
  }
}

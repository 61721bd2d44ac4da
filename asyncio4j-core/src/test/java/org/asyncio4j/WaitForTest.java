package org.asyncio4j;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class WaitForTest {

  // ported from test_waitfor.py::test_wait_for
  @Test
  void onTimeoutTheTaskIsCancelledAndAsyncTimeoutExceptionRaised() {
    List<String> log = new ArrayList<>();
    try (EventLoop loop = TestLoops.virtual()) {
      loop.runUntilComplete(() -> {
        Task<String> foo =
            Asyncio.createTask(() -> {
              try {
                Asyncio.sleep(Duration.ofSeconds(10));
              } finally {
                log.add("foo finally");
              }
              return "done";
            });
        assertThatThrownBy(() -> Asyncio.waitFor(foo, Duration.ofMillis(100)))
            .isInstanceOf(AsyncTimeoutException.class);
        assertThat(foo.isCancelled()).isTrue();
        assertThat(loop.timeNanos()).isEqualTo(Duration.ofMillis(100).toNanos());
        assertThat(requireNonNull(Asyncio.currentTask()).cancelling()).isZero();
      });
    }
    assertThat(log).containsExactly("foo finally");
  }

  // ported from test_waitfor.py::test_wait_for_waits_for_task_cancellation
  @Test
  void waitForWaitsUntilTheCancelledTaskHasFinished() {
    List<String> log = new ArrayList<>();
    try (EventLoop loop = TestLoops.virtual()) {
      loop.runUntilComplete(() -> {
        Task<Void> inner =
            Asyncio.createTask(() -> {
              try {
                Asyncio.sleep(Duration.ofSeconds(10));
              } catch (CancelledException e) {
                Asyncio.sleep(Duration.ofSeconds(1)); // slow clean-up
                log.add("inner cleaned up");
                throw e;
              }
            });
        try {
          Asyncio.waitFor(inner, Duration.ofSeconds(1));
        } catch (AsyncTimeoutException e) {
          log.add("timeout");
        }
        assertThat(loop.timeNanos()).isEqualTo(Duration.ofSeconds(2).toNanos());
      });
    }
    assertThat(log).containsExactly("inner cleaned up", "timeout");
  }

  // ported from test_waitfor.py::test_wait_for_reraises_exception_during_cancellation
  @Test
  @SuppressWarnings({"finally", "Finally"}) // the task's finally block fails on purpose
  void anExceptionRaisedDuringTheCancellationPassesThrough() {
    IllegalStateException foo = new IllegalStateException("foo");
    @Nullable Throwable e =
        TestLoops.run(() -> {
          Task<Void> inner =
              Asyncio.createTask(() -> {
                try {
                  Asyncio.sleep(Duration.ofSeconds(10));
                } finally {
                  throw foo;
                }
              });
          try {
            Asyncio.waitFor(inner, Duration.ofSeconds(1));
            return null;
          } catch (RuntimeException ex) {
            return ex;
          }
        });
    assertThat(e).isSameAs(foo);
  }

  // ported from test_waitfor.py::test_wait_for_race_condition / test_wait_for_blocking
  @Test
  void theResultComesBackWhenInTime() {
    TestLoops.run(() -> {
      EventLoop loop = Asyncio.getRunningLoop();
      Future<String> f = loop.createFuture();
      loop.callLater(Duration.ofMillis(100), () -> f.setResult("ok"));
      assertThat(Asyncio.waitFor(f, Duration.ofMillis(200))).isEqualTo("ok");
      assertThat(Asyncio.waitFor(() -> "coro", null)).isEqualTo("coro");
      assertThat(Asyncio.waitFor(() -> Asyncio.sleep(Duration.ofHours(1), "slow"), null))
          .isEqualTo("slow");
    });
  }

  // ported from test_waitfor.py::test_wait_for (an inner exception passes through unchanged)
  @Test
  void anInnerExceptionPassesThrough() {
    IllegalArgumentException boom = new IllegalArgumentException("boom");
    TestLoops.run(() -> {
      Task<String> failing =
          Asyncio.createTask(() -> {
            Asyncio.sleep(Duration.ofSeconds(1));
            throw boom;
          });
      assertThatThrownBy(() -> Asyncio.waitFor(failing, Duration.ofSeconds(5))).isSameAs(boom);
      assertThatThrownBy(() ->
              Asyncio.waitFor(
                  () -> {
                    Asyncio.sleep(Duration.ofSeconds(1));
                    throw boom;
                  },
                  Duration.ofSeconds(5)))
          .isSameAs(boom);
    });
  }

  // ported from test_waitfor.py::test_wait_for_cancel_suppressed
  @Test
  void aValueReturnedInsteadOfTheCancellationIsReturned() {
    int r =
        TestLoops.run(() ->
            Asyncio.waitFor(
                () -> {
                  try {
                    Asyncio.sleep(Duration.ofSeconds(10));
                  } catch (CancelledException e) {
                    return 42;
                  }
                  return 0;
                },
                Duration.ofMillis(100)));
    assertThat(r).isEqualTo(42);
  }

  // ported from test_waitfor.py::test_wait_for_timeout_less_then_0_or_0_future_done
  @Test
  void aZeroTimeoutReturnsTheResultOfADoneFuture() {
    String r =
        TestLoops.run(() -> {
          Future<String> f = Asyncio.getRunningLoop().createFuture();
          f.setResult("done");
          return Asyncio.waitFor(f, Duration.ZERO);
        });
    assertThat(r).isEqualTo("done");
  }

  // ported from test_waitfor.py::test_wait_for_timeout_less_then_0_or_0_coroutine_do_not_started
  @Test
  void aZeroTimeoutNeverStartsTheCoroutine() {
    List<String> log = new ArrayList<>();
    TestLoops.run(() -> {
      assertThatThrownBy(() ->
              Asyncio.waitFor(
                  () -> {
                    log.add("started");
                    return "x";
                  },
                  Duration.ZERO))
          .isInstanceOf(AsyncTimeoutException.class);
    });
    assertThat(log).isEmpty();
  }

  // ported from test_waitfor.py::test_wait_for_timeout_less_then_0_or_0
  @Test
  void aZeroOrNegativeTimeoutCancelsARunningTask() {
    for (Duration timeout : List.of(Duration.ZERO, Duration.ofSeconds(-1))) {
      List<String> log = new ArrayList<>();
      TestLoops.run(() -> {
        Future<@Nullable Void> started = Asyncio.getRunningLoop().createFuture();
        Task<String> foo =
            Asyncio.createTask(() -> {
              started.setResult(null);
              try {
                Asyncio.sleep(Duration.ofSeconds(10));
              } finally {
                log.add("foo stopped");
              }
              return "done";
            });
        started.await();
        assertThatThrownBy(() -> Asyncio.waitFor(foo, timeout))
            .isInstanceOf(AsyncTimeoutException.class);
        assertThat(foo.isCancelled()).isTrue();
      });
      assertThat(log).as("timeout %s", timeout).containsExactly("foo stopped");
    }
  }

  // ported from test_waitfor.py::test_cancel_wait_for
  @Test
  void cancellingTheWaitingTaskCancelsTheInnerTask() {
    TestLoops.run(() -> {
      Task<Object> blocking =
          Asyncio.createTask(() -> Asyncio.getRunningLoop().createFuture().await());
      Task<Object> wait =
          Asyncio.createTask(() -> Asyncio.waitFor(blocking, Duration.ofSeconds(60)));
      Asyncio.getRunningLoop().callSoon(wait::cancel);
      assertThatThrownBy(wait::await)
          .isInstanceOf(CancelledException.class)
          .isNotInstanceOf(AsyncTimeoutException.class);
      assertThat(blocking.isCancelled()).isTrue();
    });
  }

  // ported from test_waitfor.py::test_cancel_blocking_wait_for
  @Test
  void cancellingAWaitWithoutTimeoutCancelsTheInnerTask() {
    TestLoops.run(() -> {
      Task<Object> blocking =
          Asyncio.createTask(() -> Asyncio.getRunningLoop().createFuture().await());
      Task<Object> wait = Asyncio.createTask(() -> Asyncio.waitFor(blocking, null));
      Asyncio.getRunningLoop().callSoon(wait::cancel);
      assertThatThrownBy(wait::await).isInstanceOf(CancelledException.class);
      assertThat(blocking.isCancelled()).isTrue();
    });
  }

  // ported from test_waitfor.py::test_wait_for_issue86296
  @Test
  void aCancellationAfterAFinishedWaitForIsNotLost() {
    List<String> log = new ArrayList<>();
    TestLoops.run(() -> {
      Task<Void> task =
          Asyncio.createTask(() -> {
            Asyncio.waitFor(() -> "quick", Duration.ofSeconds(100));
            Asyncio.sleep(Duration.ofSeconds(1));
            log.add("reached the end");
          });
      Asyncio.sleep(Duration.ZERO);
      assertThat(task.isDone()).isFalse();
      task.cancel();
      assertThatThrownBy(task::await).isInstanceOf(CancelledException.class);
    });
    assertThat(log).isEmpty();
  }

  // ported from test_waitfor.py::test_wait_for_self_cancellation
  @Test
  void waitForItselfIsCancellableWhileTheInnerTaskHoldsOut() {
    TestLoops.run(() -> {
      Task<Integer> inner =
          Asyncio.createTask(() -> {
            try {
              Asyncio.sleep(Duration.ofMillis(300));
            } catch (CancelledException e) {
              try {
                Asyncio.sleep(Duration.ofMillis(300));
              } catch (CancelledException e2) {
                Asyncio.sleep(Duration.ofMillis(300));
              }
            }
            return 42;
          });
      Task<Integer> wait = Asyncio.createTask(() -> Asyncio.waitFor(inner, Duration.ofMillis(100)));
      wait.cancel();
      assertThatThrownBy(wait::await).isInstanceOf(CancelledException.class);
      assertThat(inner.await()).isEqualTo(42);
    });
  }
}

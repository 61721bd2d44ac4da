package org.asyncio4j;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.Timeout(30)
class TimeoutTest {

  private static final long SECOND = Duration.ofSeconds(1).toNanos();

  // ported from test_timeouts.py::test_timeout_basic / test_waiter_cancelled
  @Test
  void theBlockEndsWithAsyncTimeoutExceptionAtTheDeadline() {
    List<String> log = new ArrayList<>();
    try (EventLoop loop = TestLoops.virtual()) {
      loop.runUntilComplete(() -> {
        Timeout[] cm = new Timeout[1];
        try (Timeout t = Asyncio.timeout(Duration.ofMillis(10))) {
          cm[0] = t;
          try {
            Asyncio.sleep(Duration.ofSeconds(10));
          } catch (CancelledException e) {
            log.add("body saw a cancellation"); // AsyncTimeoutException is a CancelledException
            throw e;
          }
        } catch (AsyncTimeoutException e) {
          log.add("timed out");
        }
        assertThat(cm[0].expired()).isTrue();
        assertThat(loop.timeNanos()).isEqualTo(Duration.ofMillis(10).toNanos());
        assertThat(requireNonNull(Asyncio.currentTask()).cancelling()).isZero();
      });
    }
    assertThat(log).containsExactly("body saw a cancellation", "timed out");
  }

  // ported from test_timeouts.py::test_timeout_at_basic
  @Test
  void timeoutAtUsesTheLoopClock() {
    try (EventLoop loop = TestLoops.virtual()) {
      loop.runUntilComplete(() -> {
        long deadline = loop.timeNanos() + 5 * SECOND;
        Timeout[] cm = new Timeout[1];
        assertThatThrownBy(
                () -> {
                  try (Timeout t = Asyncio.timeoutAt(deadline)) {
                    cm[0] = t;
                    Asyncio.sleep(Duration.ofSeconds(10));
                  }
                })
            .isInstanceOf(AsyncTimeoutException.class);
        assertThat(cm[0].expired()).isTrue();
        assertThat(cm[0].when()).isEqualTo(deadline);
        assertThat(loop.timeNanos()).isEqualTo(deadline);
      });
    }
  }

  // ported from test_timeouts.py::test_timeout_not_called / test_repr_finished
  @Test
  void aBlockThatFinishesInTimeIsNotAffected() {
    try (EventLoop loop = TestLoops.virtual()) {
      loop.runUntilComplete(() -> {
        Timeout cm;
        try (Timeout t = Asyncio.timeout(Duration.ofSeconds(10))) {
          cm = t;
          assertThat(t.toString()).contains("[active]");
          Asyncio.sleep(Duration.ofMillis(10));
        }
        assertThat(cm.expired()).isFalse();
        assertThat(cm.when()).isGreaterThan(loop.timeNanos());
        assertThat(cm.toString()).contains("[finished]");
        Asyncio.sleep(Duration.ofSeconds(20)); // the cancelled deadline never fires
      });
    }
  }

  // ported from test_timeouts.py::test_timeout_disabled / test_timeout_at_disabled
  @Test
  void aNullDelayMeansNoDeadline() {
    TestLoops.run(() -> {
      try (Timeout t = Asyncio.timeout(null)) {
        assertThat(t.when()).isNull();
        Asyncio.sleep(Duration.ofDays(1));
        assertThat(t.expired()).isFalse();
      }
      try (Timeout t = Asyncio.timeoutAt(null)) {
        Asyncio.sleep(Duration.ofDays(1));
        assertThat(t.when()).isNull();
      }
    });
  }

  // ported from test_timeouts.py::test_timeout_zero / test_timeout_zero_sleep_zero
  @Test
  void aZeroDelayExpiresAtTheNextSuspension() {
    try (EventLoop loop = TestLoops.virtual()) {
      loop.runUntilComplete(() -> {
        for (Duration d : List.of(Duration.ZERO, Duration.ofSeconds(-11))) {
          long t0 = loop.timeNanos();
          Timeout[] cm = new Timeout[1];
          assertThatThrownBy(
                  () -> {
                    try (Timeout t = Asyncio.timeout(d)) {
                      cm[0] = t;
                      Asyncio.sleep(Duration.ZERO);
                    }
                  })
              .isInstanceOf(AsyncTimeoutException.class);
          assertThat(cm[0].expired()).isTrue();
          assertThat(cm[0].when()).isLessThanOrEqualTo(loop.timeNanos());
          assertThat(loop.timeNanos()).isEqualTo(t0);
        }
      });
    }
  }

  // ported from test_timeouts.py::test_foreign_exception_passed
  @Test
  void anExceptionOfTheBlockPassesThrough() {
    TestLoops.run(() -> {
      Timeout[] cm = new Timeout[1];
      assertThatThrownBy(
              () -> {
                try (Timeout t = Asyncio.timeout(Duration.ofMillis(10))) {
                  cm[0] = t;
                  throw new IllegalStateException("key");
                }
              })
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("key");
      assertThat(cm[0].expired()).isFalse();
    });
  }

  // ported from test_timeouts.py::test_foreign_exception_on_timeout
  @Test
  @SuppressWarnings({"finally", "Finally"}) // the finally block fails on purpose
  void anExceptionRaisedWhileHandlingTheTimeoutWins() {
    TestLoops.run(() -> {
      assertThatThrownBy(
              () -> {
                try (Timeout _ = Asyncio.timeout(Duration.ofMillis(10))) {
                  try {
                    Asyncio.sleep(Duration.ofSeconds(1));
                  } finally {
                    throw new ArithmeticException("/ by zero");
                  }
                }
              })
          .isInstanceOf(ArithmeticException.class);
    });
  }

  // ported from test_timeouts.py::test_foreign_cancel_doesnt_timeout_if_not_expired
  @Test
  void anOuterCancellationPassesThroughAsCancelledException() {
    TestLoops.run(() -> {
      Timeout[] cm = new Timeout[1];
      assertThatThrownBy(
              () -> {
                try (Timeout t = Asyncio.timeout(Duration.ofSeconds(10))) {
                  cm[0] = t;
                  requireNonNull(Asyncio.currentTask()).cancel();
                  Asyncio.sleep(Duration.ofSeconds(10));
                }
              })
          .isInstanceOf(CancelledException.class)
          .isNotInstanceOf(AsyncTimeoutException.class);
      assertThat(cm[0].expired()).isFalse();
      assertThat(Asyncio.getRunningLoop().timeNanos()).isZero(); // cancelled at once
      requireNonNull(Asyncio.currentTask()).uncancel();
    });
  }

  // ported from test_timeouts.py::test_outer_task_is_not_cancelled
  @Test
  void aTaskEndingWithATimeoutIsFailedNotCancelled() {
    TestLoops.run(() -> {
      Task<Void> outer =
          Asyncio.createTask(() -> {
            try (Timeout _ = Asyncio.timeout(Duration.ofMillis(1))) {
              Asyncio.sleep(Duration.ofSeconds(10));
            }
          });
      assertThatThrownBy(outer::await).isInstanceOf(AsyncTimeoutException.class);
      assertThat(outer.isDone()).isTrue();
      assertThat(outer.isCancelled()).isFalse();
      assertThat(outer.exception()).isInstanceOf(AsyncTimeoutException.class);
    });
  }

  // ported from test_timeouts.py::test_nested_timeouts (the outer deadline comes first)
  @Test
  void anOuterDeadlineEndsTheOuterBlockThroughAnInnerOne() {
    List<String> log = new ArrayList<>();
    TestLoops.run(() -> {
      Timeout[] cms = new Timeout[2];
      try (Timeout outer = Asyncio.timeout(Duration.ofMillis(10))) {
        cms[0] = outer;
        try (Timeout inner = Asyncio.timeout(Duration.ofSeconds(1))) {
          cms[1] = inner;
          Asyncio.sleep(Duration.ofSeconds(10));
        } catch (CancelledException e) {
          log.add("inner block saw the cancellation");
          throw e;
        }
      } catch (AsyncTimeoutException e) {
        log.add("outer timed out");
      }
      assertThat(cms[0].expired()).isTrue();
      assertThat(cms[1].expired()).isFalse();
    });
    assertThat(log).containsExactly("inner block saw the cancellation", "outer timed out");
  }

  /*
   * async with asyncio.timeout(0.1) as outer:
   *     try:
   *         async with asyncio.timeout(0.1) as inner:
   *             await asyncio.sleep(10)
   *     except asyncio.CancelledError:
   *         print("inner let CancelledError out"); raise
   * -> CPython 3.11: "inner let CancelledError out", then the outer raises TimeoutError
   */
  @Test
  void twoTimeoutsExpiringInTheSameTurnEndAsInAsyncioInTheLambdaForm() {
    List<String> log = new ArrayList<>();
    TestLoops.run(() -> {
      Duration d = Duration.ofMillis(100);
      try {
        Asyncio.timeout(
            d,
            () -> {
              try {
                return Asyncio.timeout(d, () -> Asyncio.sleep(Duration.ofSeconds(10), "late"));
              } catch (AsyncTimeoutException e) {
                log.add("inner raised the timeout");
                throw e;
              } catch (CancelledException e) {
                log.add("inner let CancelledException out");
                throw e;
              }
            });
      } catch (AsyncTimeoutException e) {
        log.add("outer raised the timeout");
      }
      assertThat(requireNonNull(Asyncio.currentTask()).cancelling()).isZero();
    });
    assertThat(log).containsExactly("inner let CancelledException out", "outer raised the timeout");
  }

  // ported from test_timeouts.py::test_nested_timeouts_loop_busy (the inner one expires first)
  @Test
  void anInnerTimeoutHandledInsideLeavesTheOuterOneWorking() {
    List<String> log = new ArrayList<>();
    try (EventLoop loop = TestLoops.virtual()) {
      loop.runUntilComplete(() -> {
        try (Timeout _ = Asyncio.timeout(Duration.ofSeconds(1))) {
          try (Timeout _ = Asyncio.timeout(Duration.ofMillis(10))) {
            Asyncio.sleep(Duration.ofSeconds(10));
          } catch (AsyncTimeoutException e) {
            log.add("inner at " + loop.timeNanos() / 1_000_000 + "ms");
          }
          Asyncio.sleep(Duration.ofSeconds(10));
        } catch (AsyncTimeoutException e) {
          log.add("outer at " + loop.timeNanos() / 1_000_000 + "ms");
        }
      });
    }
    assertThat(log).containsExactly("inner at 10ms", "outer at 1000ms");
  }

  // ported from test_timeouts.py::test_reschedule
  @Test
  void rescheduleMovesOrRemovesTheDeadline() {
    try (EventLoop loop = TestLoops.virtual()) {
      loop.runUntilComplete(() -> {
        Future<Timeout> entered = loop.createFuture();
        long deadline1 = loop.timeNanos() + 10 * SECOND;
        long deadline2 = deadline1 + 20 * SECOND;
        Task<Void> task =
            Asyncio.createTask(() -> {
              try (Timeout t = Asyncio.timeoutAt(deadline1)) {
                entered.setResult(t);
                Asyncio.sleep(Duration.ofSeconds(50));
              }
            });
        Timeout cm = entered.await();
        assertThat(cm.when()).isEqualTo(deadline1);
        cm.reschedule(deadline2);
        assertThat(cm.when()).isEqualTo(deadline2);
        cm.reschedule(null);
        assertThat(cm.when()).isNull();
        Asyncio.sleep(Duration.ofSeconds(40)); // past both deadlines: nothing fires
        assertThat(task.isDone()).isFalse();
        task.cancel();
        assertThatThrownBy(task::await)
            .isInstanceOf(CancelledException.class)
            .isNotInstanceOf(AsyncTimeoutException.class);
        assertThat(cm.expired()).isFalse();
      });
    }
  }

  // ported from test_timeouts.py::test_reschedule (extending a deadline)
  @Test
  void reschedulingLaterExtendsTheBlock() {
    try (EventLoop loop = TestLoops.virtual()) {
      String r =
          loop.runUntilComplete(() -> {
            try (Timeout t = Asyncio.timeout(Duration.ofSeconds(1))) {
              t.reschedule(loop.timeNanos() + 3 * SECOND);
              Asyncio.sleep(Duration.ofSeconds(2));
              return "finished at " + loop.timeNanos() / SECOND + "s";
            }
          });
      assertThat(r).isEqualTo("finished at 2s");
    }
  }

  // ported from test_timeouts.py::test_timeout_finished / test_repr_expired
  @Test
  void aFinishedOrExpiredTimeoutCannotBeRescheduled() {
    TestLoops.run(() -> {
      Timeout cm;
      try (Timeout t = Asyncio.timeout(Duration.ofMillis(10))) {
        cm = t;
      }
      Timeout finished = cm;
      assertThatThrownBy(() -> finished.reschedule(0L))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("finished");

      Timeout[] expired = new Timeout[1];
      assertThatThrownBy(
              () -> {
                try (Timeout t = Asyncio.timeout(Duration.ofMillis(10))) {
                  expired[0] = t;
                  Asyncio.sleep(Duration.ofSeconds(10));
                }
              })
          .isInstanceOf(AsyncTimeoutException.class);
      assertThat(expired[0].toString()).contains("[expired]");
      assertThatThrownBy(() -> expired[0].reschedule(null))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("expired");
    });
  }

  // ported from test_timeouts.py::test_nested_timeout_in_finally
  @Test
  void aTimeoutInsideAFinallyOfAnExpiredOneWorks() {
    List<String> log = new ArrayList<>();
    TestLoops.run(() -> {
      try (Timeout _ = Asyncio.timeout(Duration.ofMillis(10))) {
        try {
          Asyncio.sleep(Duration.ofSeconds(1));
        } finally {
          try (Timeout _ = Asyncio.timeout(Duration.ofMillis(10))) {
            Asyncio.sleep(Duration.ofSeconds(10));
          } catch (AsyncTimeoutException e) {
            log.add("inner timed out");
          }
        }
      } catch (AsyncTimeoutException e) {
        log.add("outer timed out");
      }
    });
    assertThat(log).containsExactly("inner timed out", "outer timed out");
  }

  // ported from test_timeouts.py::test_timeout_after_cancellation
  @Test
  void aTimeoutAfterAHandledCancellationStillTimesOut() {
    List<String> log = new ArrayList<>();
    TestLoops.run(() -> {
      try {
        requireNonNull(Asyncio.currentTask()).cancel();
        Asyncio.sleep(Duration.ofSeconds(1));
      } catch (CancelledException e) {
        log.add("cancelled");
      } finally {
        try (Timeout _ = Asyncio.timeout(Duration.ZERO)) {
          Asyncio.sleep(Duration.ofSeconds(1));
        } catch (AsyncTimeoutException e) {
          log.add("clean-up timed out");
        }
      }
      requireNonNull(Asyncio.currentTask()).uncancel();
    });
    assertThat(log).containsExactly("cancelled", "clean-up timed out");
  }

  // ported from test_timeouts.py::test_cancel_in_timeout_after_cancellation
  @Test
  void aCancellationInsideATimeoutAfterAHandledOneIsNotATimeout() {
    List<String> log = new ArrayList<>();
    TestLoops.run(() -> {
      try {
        requireNonNull(Asyncio.currentTask()).cancel();
        Asyncio.sleep(Duration.ofSeconds(1));
      } catch (CancelledException e) {
        log.add("cancelled");
      } finally {
        try (Timeout _ = Asyncio.timeout(Duration.ofSeconds(1))) {
          requireNonNull(Asyncio.currentTask()).cancel();
          Asyncio.sleep(Duration.ofSeconds(2));
        } catch (AsyncTimeoutException e) {
          log.add("wrongly converted");
        } catch (CancelledException e) {
          log.add("cancelled again");
        }
      }
      requireNonNull(Asyncio.currentTask()).uncancel();
      requireNonNull(Asyncio.currentTask()).uncancel();
    });
    assertThat(log).containsExactly("cancelled", "cancelled again");
  }

  // ported from test_timeouts.py::test_timeout_without_task
  @Test
  void aTimeoutOutsideATaskThrows() {
    assertThatThrownBy(() -> Asyncio.timeout(Duration.ofSeconds(1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("task");
  }

  // ported from test_timeouts.py::test_timeout_basic (the lambda form)
  @Test
  void theLambdaFormReturnsTheResultOrTimesOut() {
    TestLoops.run(() -> {
      assertThat(
              Asyncio.timeout(
                  Duration.ofSeconds(1), () -> Asyncio.sleep(Duration.ofMillis(1), "r")))
          .isEqualTo("r");
      assertThatThrownBy(() ->
              Asyncio.timeout(
                  Duration.ofSeconds(1), () -> Asyncio.sleep(Duration.ofSeconds(2), "r")))
          .isInstanceOf(AsyncTimeoutException.class);
    });
  }
}

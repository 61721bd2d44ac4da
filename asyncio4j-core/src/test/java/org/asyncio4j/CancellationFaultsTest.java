package org.asyncio4j;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The cancellation faults that random stress found (issue 7), each against what CPython 3.13 does
 * with the same program; the twin is quoted above each test.
 */
@org.junit.jupiter.api.Timeout(30)
class CancellationFaultsTest {

  private static Duration ms(long millis) {
    return Duration.ofMillis(millis);
  }

  private static Task<?> current() {
    return requireNonNull(Asyncio.currentTask());
  }

  private static VoidCoroutine failAfter(long millis, RuntimeException e) {
    return () -> {
      Asyncio.sleep(ms(millis));
      throw e;
    };
  }

  /*
   * CPython:
   *   t = create_task(body()); await sleep(0); t.cancel(); t.cancel()
   *   body: try: await sleep(10) except CancelledError: log(cancelling())   -> 2
   *         await sleep(0)                                                  -> no second raise
   */
  @Test
  void twoCancelsOfAParkedTaskRaiseOneCancellation() {
    List<String> log = new ArrayList<>();
    TestLoops.run(() -> {
      Task<Void> t =
          Asyncio.createTask(() -> {
            try {
              Asyncio.sleep(Duration.ofSeconds(10));
            } catch (CancelledException e) {
              log.add("first, cancelling=" + current().cancelling());
            }
            try {
              Asyncio.sleep(Duration.ZERO);
              log.add("second await ok");
            } catch (CancelledException e) {
              log.add("second raised");
            }
          });
      Asyncio.sleep(Duration.ZERO);
      t.cancel();
      t.cancel();
      t.await();
    });
    assertThat(log).containsExactly("first, cancelling=2", "second await ok");
  }

  /*
   * CPython: async with TaskGroup() as outer:
   *            outer.create_task(boom_after_1s())
   *            async with TaskGroup() as inner: ic = inner.create_task(sleep_10s_logging_cancel())
   * -> 'inner child cancelled', the inner block is left with ic done, the outer raises
   *    ExceptionGroup([ValueError]), cancelling() back to 0.
   */
  @Test
  void anOuterFailureWaitsForTheInnerGroupsChildrenTryForm() {
    List<String> log = new ArrayList<>();
    RuntimeException boom = new IllegalArgumentException("boom");
    TestLoops.run(() -> {
      Task<?>[] innerChild = new Task<?>[1];
      try (var outer = new TaskGroup()) {
        var _ = outer.createTask(failAfter(1000, boom));
        try (var inner = new TaskGroup()) {
          innerChild[0] =
              inner.createTask(() -> {
                try {
                  Asyncio.sleep(Duration.ofSeconds(10));
                } catch (CancelledException e) {
                  log.add("inner child cancelled");
                  throw e;
                }
              });
        } catch (RuntimeException e) {
          log.add("inner block left, child done=" + innerChild[0].isDone());
          throw e;
        }
      } catch (ExceptionGroup e) {
        log.add("outer: " + e.exceptions());
      }
      log.add("cancelling=" + current().cancelling());
      Asyncio.sleep(Duration.ofSeconds(20)); // nothing orphaned fails later
    });
    assertThat(log)
        .containsExactly(
            "inner child cancelled",
            "inner block left, child done=true",
            "outer: [" + boom + "]",
            "cancelling=0");
  }

  @Test
  void anOuterFailureWaitsForTheInnerGroupsChildrenLambdaForm() {
    List<String> log = new ArrayList<>();
    RuntimeException boom = new IllegalArgumentException("boom");
    TestLoops.run(() -> {
      try {
        TaskGroup.run(outer -> {
          var _ = outer.createTask(failAfter(1000, boom));
          try {
            TaskGroup.run(inner -> {
              var _ =
                  inner.createTask(() -> {
                    try {
                      Asyncio.sleep(Duration.ofSeconds(10));
                    } catch (CancelledException e) {
                      log.add("inner child cancelled");
                      throw e;
                    }
                  });
            });
          } catch (RuntimeException e) {
            log.add("inner left with " + e.getClass().getSimpleName());
            throw e;
          }
        });
      } catch (ExceptionGroup e) {
        log.add("outer: " + e.exceptions());
      }
      log.add("cancelling=" + current().cancelling());
    });
    assertThat(log)
        .containsExactly(
            "inner child cancelled",
            "inner left with CancelledException",
            "outer: [" + boom + "]",
            "cancelling=0");
  }

  /*
   * CPython: worker: try: async with timeout(1): async with TaskGroup() as g: g.create_task(child)
   *                   except TimeoutError: return 'returned'
   *          child: sleep(10); on cancel: sleep(0.5) then raise
   *          a sibling of worker in an outer group fails at 1.2 s
   * -> worker ends cancelled (log empty), the outer group raises ExceptionGroup([ValueError]).
   */
  @Test
  @SuppressWarnings("FutureReturnValueIgnored") // the group awaits the tasks its lambdas create
  void aGroupCancellationThatArrivesAfterATimeoutExpiredSurvivesTheTimeout() {
    List<String> log = new ArrayList<>();
    RuntimeException boom = new IllegalArgumentException("boom");
    for (boolean lambdaForm : new boolean[] {false, true}) {
      log.clear();
      TestLoops.run(() -> {
        VoidCoroutine child =
            () -> {
              try {
                Asyncio.sleep(Duration.ofSeconds(10));
              } catch (CancelledException e) {
                Asyncio.sleep(ms(500));
                throw e;
              }
            };
        Coroutine<String> worker =
            () -> {
              try {
                if (lambdaForm) {
                  Asyncio.timeout(
                      Duration.ofSeconds(1),
                      () -> {
                        TaskGroup.run(g -> g.createTask(child));
                        return null;
                      });
                } else {
                  try (Timeout _ = Asyncio.timeout(Duration.ofSeconds(1))) {
                    try (var g = new TaskGroup()) {
                      var _ = g.createTask(child);
                    }
                  }
                }
              } catch (AsyncTimeoutException e) {
                log.add("caught timeout");
                return "returned";
              }
              return "fell through";
            };
        Task<String>[] w = newTaskArray();
        try (var outer = new TaskGroup()) {
          w[0] = outer.createTask(worker);
          var _ = outer.createTask(failAfter(1200, boom));
        } catch (ExceptionGroup e) {
          log.add("outer: " + e.exceptions());
        }
        log.add("worker cancelled=" + w[0].isCancelled());
      });
      assertThat(log)
          .as("lambda form: %s", lambdaForm)
          .containsExactly("outer: [" + boom + "]", "worker cancelled=true");
    }
  }

  @SuppressWarnings("unchecked")
  private static Task<String>[] newTaskArray() {
    return (Task<String>[]) new Task<?>[1];
  }

  /*
   * CPython: worker: async with TaskGroup() as g:
   *                    g.create_task(boom_after_1s()); await sleep(0)
   *                    async with timeout(1): await sleep(10)
   * -> the worker fails with ExceptionGroup([ValueError, TimeoutError]), not cancelled.
   */
  @Test
  void aChildFailingInTheTurnATimeoutInTheBlockExpiresFailsTheTask() {
    RuntimeException boom = new IllegalArgumentException("boom");
    for (boolean lambdaForm : new boolean[] {false, true}) {
      Throwable[] outcome = new Throwable[1];
      boolean[] cancelled = new boolean[1];
      TestLoops.run(() -> {
        Task<Void> t =
            Asyncio.createTask(() -> {
              if (lambdaForm) {
                TaskGroup.run(g -> {
                  var _ = g.createTask(failAfter(1000, boom));
                  Asyncio.sleep(Duration.ZERO);
                  Asyncio.timeout(
                      Duration.ofSeconds(1), () -> Asyncio.sleep(Duration.ofSeconds(10), 1));
                });
              } else {
                try (var g = new TaskGroup()) {
                  var _ = g.createTask(failAfter(1000, boom));
                  Asyncio.sleep(Duration.ZERO);
                  try (Timeout _ = Asyncio.timeout(Duration.ofSeconds(1))) {
                    Asyncio.sleep(Duration.ofSeconds(10));
                  }
                }
              }
            });
        try {
          t.await();
        } catch (Throwable e) {
          outcome[0] = e;
        }
        cancelled[0] = t.isCancelled();
      });
      assertThat(cancelled[0]).as("lambda form: %s", lambdaForm).isFalse();
      assertThat(outcome[0]).as("lambda form: %s", lambdaForm).isInstanceOf(ExceptionGroup.class);
      List<Throwable> failures = ((ExceptionGroup) outcome[0]).exceptions();
      assertThat(failures).as("lambda form: %s", lambdaForm).contains(boom);
      assertThat(failures)
          .as("lambda form: %s", lambdaForm)
          .anyMatch(AsyncTimeoutException.class::isInstance);
    }
  }

  /*
   * CPython 3.12+: await wait_for(body(), 1) where body: async with timeout(1): await sleep(10)
   * -> TimeoutError from CancelledError.
   */
  @Test
  void waitForRaisesTheTimeoutWhenItsBodysTimeoutExpiresInTheSameTurn() {
    TestLoops.run(() -> {
      for (boolean lambdaForm : new boolean[] {false, true}) {
        assertThatThrownBy(() ->
                Asyncio.waitFor(
                    () -> {
                      if (lambdaForm) {
                        return Asyncio.timeout(
                            Duration.ofSeconds(1), () -> Asyncio.sleep(Duration.ofSeconds(10), 1));
                      }
                      try (Timeout _ = Asyncio.timeout(Duration.ofSeconds(1))) {
                        return Asyncio.sleep(Duration.ofSeconds(10), 1);
                      }
                    },
                    Duration.ofSeconds(1)))
            .as("lambda form: %s", lambdaForm)
            .isInstanceOf(AsyncTimeoutException.class)
            .hasCauseInstanceOf(CancelledException.class);
        assertThat(current().cancelling()).isZero();
      }
    });
  }

  /*
   * CPython: async with timeout(1):
   *            try: async with timeout(INNER): await sleep(10)
   *            except TimeoutError: 'wrong' except CancelledError: 'between sees CancelledError'
   * with INNER = 1 (equal deadlines) and INNER = 5 (the outer fires through a longer inner one)
   * -> between sees CancelledError; the outer raises TimeoutError from a CancelledError.
   */
  @Test
  void anInnerTimeoutDoesNotConvertWhileAnOuterOneIsPending() {
    for (int innerSeconds : new int[] {1, 5}) {
      List<String> log = new ArrayList<>();
      TestLoops.run(() -> {
        try {
          Asyncio.timeout(
              Duration.ofSeconds(1),
              () -> {
                try {
                  Asyncio.timeout(
                      Duration.ofSeconds(innerSeconds),
                      () -> Asyncio.sleep(Duration.ofSeconds(10), 1));
                } catch (AsyncTimeoutException e) {
                  log.add("between sees a timeout");
                } catch (CancelledException e) {
                  log.add("between sees a cancellation");
                  throw e;
                }
                return null;
              });
        } catch (AsyncTimeoutException e) {
          log.add(
              "outer timed out, cause " + requireNonNull(e.getCause()).getClass().getSimpleName());
        }
        assertThat(current().cancelling()).isZero();
      });
      assertThat(log)
          .as("inner deadline %s s", innerSeconds)
          .containsExactly(
              "between sees a cancellation", "outer timed out, cause CancelledException");
    }
  }

  /*
   * CPython: w: try: async with timeout(0): await sleep(10)  except TimeoutError: return 'swallowed'
   *          t = create_task(w()); await sleep(0); t.cancel()
   * -> t ends cancelled.
   */
  @Test
  void aTimeoutExpiringWhileAnOutsideCancelIsPendingDoesNotSwallowIt() {
    for (boolean lambdaForm : new boolean[] {false, true}) {
      boolean[] cancelled = new boolean[1];
      TestLoops.run(() -> {
        Task<String> t =
            Asyncio.createTask(() -> {
              try {
                if (lambdaForm) {
                  Asyncio.timeout(Duration.ZERO, () -> Asyncio.sleep(Duration.ofSeconds(10), 1));
                } else {
                  try (Timeout _ = Asyncio.timeout(Duration.ZERO)) {
                    Asyncio.sleep(Duration.ofSeconds(10));
                  }
                }
              } catch (AsyncTimeoutException e) {
                return "swallowed";
              }
              return "fell through";
            });
        Asyncio.sleep(Duration.ZERO);
        t.cancel();
        try {
          t.await();
        } catch (CancelledException e) {
          // expected
        }
        cancelled[0] = t.isCancelled();
      });
      assertThat(cancelled[0]).as("lambda form: %s", lambdaForm).isTrue();
    }
  }

  /*
   * CPython: async with TaskGroup() as outer:
   *            outer.create_task(boom_after_1s())
   *            try: async with TaskGroup() as inner: inner.create_task(sleep(10)); await sleep(10)
   *            except BaseException as e: 'inner left with CancelledError'; raise
   * -> the outer raises ExceptionGroup([ValueError]), not nested.
   */
  @Test
  void anOuterAbortReachingANestedGroupsBodyIsACancellationOfIt() {
    List<String> log = new ArrayList<>();
    RuntimeException boom = new IllegalArgumentException("boom");
    TestLoops.run(() -> {
      try {
        TaskGroup.run(outer -> {
          var _ = outer.createTask(failAfter(1000, boom));
          try {
            TaskGroup.run(inner -> {
              var _ = inner.createTask(() -> Asyncio.sleep(Duration.ofSeconds(10)));
              Asyncio.sleep(Duration.ofSeconds(10));
            });
          } catch (RuntimeException e) {
            log.add("inner left with " + e.getClass().getSimpleName());
            throw e;
          }
        });
      } catch (ExceptionGroup e) {
        log.add("outer: " + e.exceptions());
      }
    });
    assertThat(log).containsExactly("inner left with CancelledException", "outer: [" + boom + "]");
  }

  /*
   * CPython: j: async with TaskGroup() as g: g.create_task(sleep(10)); await sleep(5)
   *          t = create_task(j()); await sleep(1); t.cancel()  -> t cancelled
   */
  @Test
  void aTryFormGroupNeverSwallowsACancellationOfItsBlock() {
    boolean[] cancelled = new boolean[1];
    TestLoops.run(() -> {
      Task<String> t =
          Asyncio.createTask(() -> {
            try (var g = new TaskGroup()) {
              var _ = g.createTask(() -> Asyncio.sleep(Duration.ofSeconds(10)));
              Asyncio.sleep(Duration.ofSeconds(5));
            }
            return "returned";
          });
      Asyncio.sleep(Duration.ofSeconds(1));
      t.cancel();
      try {
        t.await();
      } catch (CancelledException e) {
        // expected
      }
      cancelled[0] = t.isCancelled();
    });
    assertThat(cancelled[0]).isTrue();
  }

  /*
   * CPython 3.13: j2: try: async with TaskGroup() as g:
   *                        g.create_task(slow_to_cancel()); await sleep(0); raise KeyError
   *                   except* KeyError: pass
   *                   await sleep(0); return 'returned'
   *               t = create_task(j2()); await sleep(0.5); t.cancel()
   * -> t ends cancelled (the cancellation that came while the group waited is not lost).
   */
  @Test
  void aCancellationWhileCloseWaitsAfterTheBlockThrewIsNotLost() {
    for (boolean lambdaForm : new boolean[] {false, true}) {
      boolean[] cancelled = new boolean[1];
      List<String> log = new ArrayList<>();
      TestLoops.run(() -> {
        VoidCoroutine slow =
            () -> {
              try {
                Asyncio.sleep(Duration.ofSeconds(10));
              } catch (CancelledException e) {
                Asyncio.sleep(Duration.ofSeconds(1));
                throw e;
              }
            };
        Task<String> t =
            Asyncio.createTask(() -> {
              try {
                if (lambdaForm) {
                  TaskGroup.run(g -> {
                    var _ = g.createTask(slow);
                    Asyncio.sleep(Duration.ZERO);
                    throw new IllegalStateException("body");
                  });
                } else {
                  try (var g = new TaskGroup()) {
                    var _ = g.createTask(slow);
                    Asyncio.sleep(Duration.ZERO);
                    throw new IllegalStateException("body");
                  }
                }
              } catch (ExceptionGroup | IllegalStateException e) {
                log.add("caught " + e.getClass().getSimpleName());
              }
              log.add("after the block");
              Asyncio.sleep(Duration.ZERO);
              return "returned";
            });
        Asyncio.sleep(ms(500));
        t.cancel();
        try {
          t.await();
        } catch (CancelledException e) {
          // expected
        }
        cancelled[0] = t.isCancelled();
      });
      assertThat(cancelled[0]).as("lambda form: %s", lambdaForm).isTrue();
      // asyncio: the group raises ExceptionGroup([KeyError]); the try form lets the block's own
      // exception leave (close() cannot replace it)
      assertThat(log)
          .containsExactly(
              "caught " + (lambdaForm ? "ExceptionGroup" : "IllegalStateException"),
              "after the block");
    }
  }

  /*
   * CPython: a child raising KeyboardInterrupt/SystemExit: the group cancels the others, waits for
   * them, then raises that exception unwrapped. Ours: a VirtualMachineError does the same; any
   * other Error is a failure like the rest, inside the ExceptionGroup.
   */
  @Test
  @SuppressWarnings("FutureReturnValueIgnored") // the group awaits the tasks its lambdas create
  void aVirtualMachineErrorInAChildLeavesTheGroupUnwrappedAfterTheOthersEnd() {
    StackOverflowError fatal = new StackOverflowError("deep");
    AssertionError ordinary = new AssertionError("plain error");
    List<String> log = new ArrayList<>();
    TestLoops.run(() -> {
      assertThatThrownBy(() ->
              TaskGroup.run(g -> {
                var _ =
                    g.createTask(() -> {
                      try {
                        Asyncio.sleep(Duration.ofSeconds(10));
                      } catch (CancelledException e) {
                        log.add("sibling cancelled");
                        throw e;
                      }
                    });
                var _ =
                    g.createTask(() -> {
                      Asyncio.sleep(ms(10));
                      throw fatal;
                    });
              }))
          .isSameAs(fatal);
      assertThatThrownBy(
              () -> TaskGroup.run(g -> g.createTask(failAfter(10, new RuntimeException()))))
          .isInstanceOf(ExceptionGroup.class);
      assertThatThrownBy(() ->
              TaskGroup.run(g -> {
                var _ =
                    g.createTask(() -> {
                      Asyncio.sleep(ms(10));
                      throw ordinary;
                    });
              }))
          .isInstanceOfSatisfying(
              ExceptionGroup.class, e -> assertThat(e.exceptions()).containsExactly(ordinary));
      assertThat(current().cancelling()).isZero();
    });
    assertThat(log).containsExactly("sibling cancelled");
  }

  @Test
  void theLambdaFormsHandTheBodyItsTimeoutAndSayHowLongTheyWaited() {
    TestLoops.run(() -> {
      EventLoop loop = Asyncio.getRunningLoop();
      long start = loop.timeNanos();
      int value =
          Asyncio.timeout(
              Duration.ofSeconds(1),
              t -> {
                t.reschedule(requireNonNull(t.when()) + Duration.ofSeconds(1).toNanos());
                Asyncio.sleep(ms(1500));
                assertThat(t.expired()).isFalse();
                return 7;
              });
      assertThat(value).isEqualTo(7);
      long deadline = loop.timeNanos() + ms(1500).toNanos();
      assertThatThrownBy(
              () -> Asyncio.timeoutAt(deadline, () -> Asyncio.sleep(Duration.ofSeconds(9), 1)))
          .isInstanceOf(AsyncTimeoutException.class)
          .hasMessage("timed out after 1.5 s")
          .hasCauseInstanceOf(CancelledException.class);
      assertThatThrownBy(
              () -> {
                try (Timeout _ = Asyncio.timeout(ms(250))) {
                  Asyncio.sleep(Duration.ofSeconds(9));
                }
              })
          .isInstanceOf(AsyncTimeoutException.class)
          .hasMessage("timed out after 250 ms")
          .hasCauseInstanceOf(CancelledException.class);
      assertThatThrownBy(() ->
              Asyncio.waitFor(
                  Asyncio.createTask(() -> Asyncio.sleep(Duration.ofSeconds(9), 1)), ms(100)))
          .isInstanceOf(AsyncTimeoutException.class)
          .hasMessage("timed out after 100 ms")
          .hasCauseInstanceOf(CancelledException.class);
      assertThat(loop.timeNanos() - start).isEqualTo(ms(1500 + 1500 + 250 + 100).toNanos());
    });
  }

  /*
   * Equal deadlines, and both expiring while the loop was busy: CPython's outer and inner
   * timeout(1) with a blocking step in between: the inner handler sees CancelledError, the outer
   * raises TimeoutError (same as anInnerTimeoutDoesNotConvertWhileAnOuterOneIsPending).
   */
  @Test
  void nestedTimeoutsThatExpireWhileTheLoopIsBusyConvertOnlyAtTheOuter() {
    List<String> log = new ArrayList<>();
    Asyncio.run(() -> {
      try {
        Asyncio.timeout(
            ms(20),
            () -> {
              try {
                return Asyncio.timeout(
                    ms(30),
                    () -> {
                      long until = System.nanoTime() + ms(80).toNanos();
                      while (System.nanoTime() < until) {
                        Thread.onSpinWait(); // the loop is busy: both deadlines pass meanwhile
                      }
                      return Asyncio.sleep(Duration.ofSeconds(5), 1);
                    });
              } catch (AsyncTimeoutException e) {
                log.add("inner timed out");
                throw e;
              } catch (CancelledException e) {
                log.add("between sees a cancellation");
                throw e;
              }
            });
      } catch (AsyncTimeoutException e) {
        log.add("outer timed out");
      }
    });
    assertThat(log).containsExactly("between sees a cancellation", "outer timed out");
  }
}

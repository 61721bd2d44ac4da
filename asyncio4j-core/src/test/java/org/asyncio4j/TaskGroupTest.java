package org.asyncio4j;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class TaskGroupTest {

  private static Coroutine<Integer> after(int millis, int value) {
    return () -> Asyncio.sleep(Duration.ofMillis(millis), value);
  }

  private static VoidCoroutine failAfter(int millis, RuntimeException e) {
    return () -> {
      Asyncio.sleep(Duration.ofMillis(millis));
      throw e;
    };
  }

  // ported from test_taskgroups.py::test_taskgroup_01
  @Test
  void theGroupWaitsForItsTasksInBothForms() {
    try (EventLoop loop = TestLoops.virtual()) {
      loop.runUntilComplete(() -> {
        List<Task<Integer>> tasks = new ArrayList<>();
        TaskGroup.run(g -> {
          tasks.add(g.createTask(after(100, 42)));
          tasks.add(g.createTask(after(200, 11)));
        });
        assertThat(tasks.get(0).result()).isEqualTo(42);
        assertThat(tasks.get(1).result()).isEqualTo(11);
        assertThat(loop.timeNanos()).isEqualTo(Duration.ofMillis(200).toNanos());

        Task<Integer> t1;
        Task<Integer> t2;
        try (var g = new TaskGroup()) {
          t1 = g.createTask(after(100, 1));
          Asyncio.sleep(Duration.ofMillis(150));
          t2 = g.createTask(after(200, 2)); // ported from test_taskgroup_02
        }
        assertThat(t1.result()).isEqualTo(1);
        assertThat(t2.result()).isEqualTo(2);
        assertThat(loop.timeNanos()).isEqualTo(Duration.ofMillis(550).toNanos());
      });
    }
  }

  // ported from test_taskgroups.py::test_taskgroup_03
  @Test
  void cancellingOneTaskExplicitlyDoesNotAffectTheOthers() {
    TestLoops.run(() -> {
      Task<?>[] t = new Task<?>[2];
      TaskGroup.run(g -> {
        t[0] = g.createTask(after(1000, 42));
        Asyncio.sleep(Duration.ofMillis(150));
        t[0].cancel();
        t[1] = g.createTask(after(200, 11));
      });
      assertThat(t[0].isCancelled()).isTrue();
      assertThat(t[1].result()).isEqualTo(11);
    });
  }

  // ported from test_taskgroups.py::test_cancel_children_on_child_error
  @Test
  void theFirstFailureCancelsTheSiblingsAndTheBodyLambdaForm() {
    List<String> log = new ArrayList<>();
    ArithmeticException zero = new ArithmeticException("/ by zero");
    TestLoops.run(() -> {
      Task<?>[] sibling = new Task<?>[1];
      @Nullable ExceptionGroup eg = null;
      try {
        TaskGroup.run(g -> {
          var _ = g.createTask(failAfter(100, zero));
          sibling[0] =
              g.createTask(() -> {
                try {
                  Asyncio.sleep(Duration.ofSeconds(5));
                } catch (CancelledException e) {
                  log.add("sibling cancelled");
                  throw e;
                }
                log.add("sibling finished");
              });
          try {
            Asyncio.sleep(Duration.ofSeconds(10));
          } catch (CancelledException e) {
            log.add("body cancelled");
            throw e;
          }
          log.add("body finished");
        });
      } catch (ExceptionGroup e) {
        eg = e;
      }
      ExceptionGroup group = requireNonNull(eg, "no ExceptionGroup");
      assertThat(group.exceptions()).containsExactly(zero);
      assertThat(group.getCause()).isSameAs(zero);
      assertThat(sibling[0].isCancelled()).isTrue();
      assertThat(requireNonNull(Asyncio.currentTask()).cancelling()).isZero();
    });
    assertThat(log).containsExactlyInAnyOrder("sibling cancelled", "body cancelled");
  }

  // ported from test_taskgroups.py::test_taskgroup_04 (try-with-resources form)
  @Test
  void theFirstFailureCancelsTheSiblingsAndTheBodyTryForm() {
    List<String> log = new ArrayList<>();
    ArithmeticException zero = new ArithmeticException("/ by zero");
    TestLoops.run(() -> {
      @Nullable Task<?> sibling = null;
      @Nullable ExceptionGroup eg = null;
      try (var g = new TaskGroup()) {
        var _ = g.createTask(failAfter(100, zero));
        sibling = g.createTask(after(1000, 1));
        try {
          Asyncio.sleep(Duration.ofSeconds(10));
        } finally {
          log.add("body interrupted at " + Asyncio.getRunningLoop().timeNanos() / 1_000_000);
        }
        log.add("body finished");
      } catch (ExceptionGroup e) {
        eg = e;
      }
      ExceptionGroup group = requireNonNull(eg, "no ExceptionGroup");
      assertThat(group.exceptions()).containsExactly(zero);
      assertThat(requireNonNull(sibling).isCancelled()).isTrue();
      assertThat(requireNonNull(Asyncio.currentTask()).cancelling()).isZero();
    });
    assertThat(log).containsExactly("body interrupted at 100");
  }

  // ported from test_taskgroups.py::test_taskgroup_19 (every failure in one group)
  @Test
  void everyFailureEndsUpInOneExceptionGroup() {
    IllegalStateException a = new IllegalStateException("a");
    IllegalArgumentException b = new IllegalArgumentException("b");
    TestLoops.run(() -> {
      assertThatThrownBy(() ->
              TaskGroup.run(g -> {
                var _ = g.createTask(failAfter(100, a));
                var _ = g.createTask(failAfter(100, b));
                var _ = g.createTask(after(50, 1));
              }))
          .isInstanceOfSatisfying(
              ExceptionGroup.class,
              eg -> {
                assertThat(eg.exceptions()).containsExactly(a, b);
                assertThat(eg.getSuppressed()).contains(a, b);
                assertThat(eg.getMessage()).contains("2 sub-exceptions");
              });
    });
  }

  // ported from test_taskgroups.py::test_taskgroup_19 (a failing clean-up joins the group)
  @Test
  @SuppressWarnings("finally") // the block's finally fails on purpose, as in the CPython test
  void aBodyFailingWhileCancelledJoinsTheGroup() {
    ArithmeticException zero = new ArithmeticException("/ by zero");
    IllegalStateException myExc = new IllegalStateException("MyExc");
    TestLoops.run(() -> {
      assertThatThrownBy(() ->
              TaskGroup.run(g -> {
                var _ = g.createTask(failAfter(100, zero));
                try {
                  Asyncio.sleep(Duration.ofSeconds(10));
                } finally {
                  throw myExc;
                }
              }))
          .isInstanceOfSatisfying(
              ExceptionGroup.class,
              eg -> assertThat(eg.exceptions()).containsExactlyInAnyOrder(zero, myExc));
    });
  }

  // ported from test_taskgroups.py::test_taskgroup_10 (the body's own failure, lambda form)
  @Test
  void aBodyFailureCancelsTheTasksInTheLambdaForm() {
    ArithmeticException zero = new ArithmeticException("/ by zero");
    TestLoops.run(() -> {
      Task<?>[] t = new Task<?>[2];
      assertThatThrownBy(() ->
              TaskGroup.run(g -> {
                t[0] = g.createTask(after(1000, 42));
                t[1] = g.createTask(after(2000, 11));
                throw zero;
              }))
          .isInstanceOfSatisfying(
              ExceptionGroup.class, eg -> assertThat(eg.exceptions()).containsExactly(zero));
      assertThat(t[0].isCancelled()).isTrue();
      assertThat(t[1].isCancelled()).isTrue();
    });
  }

  // TaskGroup Javadoc: in the try form the body's own exception does not cancel the tasks
  @Test
  void aBodyFailureLetsTheTasksFinishInTheTryForm() {
    IllegalStateException bodyFailure = new IllegalStateException("body");
    TestLoops.run(() -> {
      Task<?>[] t = new Task<?>[1];
      assertThatThrownBy(
              () -> {
                try (var g = new TaskGroup()) {
                  t[0] = g.createTask(after(1000, 42));
                  throw bodyFailure;
                }
              })
          .isSameAs(bodyFailure);
      assertThat(t[0].result()).isEqualTo(42);
    });
  }

  // ported from test_taskgroups.py::test_cancellation
  @Test
  void cancellingTheParentCancelsEveryTaskAndKeepsTheMessage() {
    AtomicInteger cancelled = new AtomicInteger();
    TestLoops.run(() -> {
      Task<Void> runner =
          Asyncio.createTask(() ->
              TaskGroup.run(g -> {
                for (int i = 0; i < 5; i++) {
                  var _ =
                      g.createTask(() -> {
                        try {
                          Asyncio.sleep(Duration.ofSeconds(5));
                        } catch (CancelledException e) {
                          cancelled.incrementAndGet();
                          throw e;
                        }
                      });
                }
              }));
      Asyncio.sleep(Duration.ofMillis(100));
      assertThat(runner.isDone()).isFalse();
      runner.cancel("test");
      assertThatThrownBy(runner::await).isInstanceOf(CancelledException.class).hasMessage("test");
    });
    assertThat(cancelled.get()).isEqualTo(5);
  }

  // ported from test_taskgroups.py::test_taskgroup_07 (try form)
  @Test
  void cancellingTheParentCancelsTheBodyAndTheTasksTryForm() {
    AtomicInteger num = new AtomicInteger();
    TestLoops.run(() -> {
      Task<Void> runner =
          Asyncio.createTask(() -> {
            try (var g = new TaskGroup()) {
              for (int i = 0; i < 5; i++) {
                var _ =
                    g.createTask(() -> {
                      try {
                        Asyncio.sleep(Duration.ofSeconds(5));
                      } catch (CancelledException e) {
                        num.incrementAndGet();
                        throw e;
                      }
                    });
              }
              try {
                Asyncio.sleep(Duration.ofSeconds(10));
              } catch (CancelledException e) {
                num.addAndGet(10);
                throw e;
              }
            }
          });
      Asyncio.sleep(Duration.ofMillis(100));
      runner.cancel();
      assertThatThrownBy(runner::await).isInstanceOf(CancelledException.class);
      assertThat(runner.isCancelled()).isTrue();
    });
    assertThat(num.get()).isEqualTo(15);
  }

  // ported from test_taskgroups.py::test_taskgroup_14 (a nested group's failure is nested)
  @Test
  @SuppressWarnings("FutureReturnValueIgnored") // the group awaits the task its lambda creates
  void aNestedGroupsFailureArrivesAsANestedExceptionGroup() {
    IllegalArgumentException inner = new IllegalArgumentException("0.1");
    TestLoops.run(() -> {
      assertThatThrownBy(() ->
              TaskGroup.run(g1 -> {
                var _ = g1.createTask(failAfter(10_000, new IllegalArgumentException("10")));
                TaskGroup.run(g2 -> g2.createTask(failAfter(100, inner)));
              }))
          .isInstanceOfSatisfying(
              ExceptionGroup.class,
              eg -> {
                assertThat(eg.exceptions()).singleElement().isInstanceOf(ExceptionGroup.class);
                ExceptionGroup nested = (ExceptionGroup) eg.exceptions().get(0);
                assertThat(nested.exceptions()).containsExactly(inner);
              });
    });
  }

  // ported from test_taskgroups.py::test_taskgroup_task_name / test_create_task_after_exit
  @Test
  void noNewTaskAfterTheGroupHasFinished() {
    TestLoops.run(() -> {
      TaskGroup[] saved = new TaskGroup[1];
      TaskGroup.run(g -> {
        saved[0] = g;
        Task<Integer> t = g.createTask(after(10, 1), "named");
        assertThat(t.getName()).isEqualTo("named");
      });
      assertThatThrownBy(() -> saved[0].createTask(after(10, 2)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("finished");

      TaskGroup closed;
      try (var g = new TaskGroup()) {
        closed = g;
      }
      assertThatThrownBy(() -> closed.createTask(after(10, 3)))
          .isInstanceOf(IllegalStateException.class);
    });
  }

  // ported from test_taskgroups.py::test_taskgroup_cancel_children_on_error (shutting down)
  @Test
  void noNewTaskWhileTheGroupIsShuttingDown() {
    List<Throwable> seen = new ArrayList<>();
    TestLoops.run(() -> {
      assertThatThrownBy(() ->
              TaskGroup.run(g -> {
                var _ = g.createTask(failAfter(10, new IllegalStateException("first")));
                try {
                  Asyncio.sleep(Duration.ofSeconds(1));
                } finally {
                  try {
                    var _ = g.createTask(after(10, 1));
                  } catch (IllegalStateException e) {
                    seen.add(e);
                  }
                }
              }))
          .isInstanceOf(ExceptionGroup.class);
    });
    assertThat(seen)
        .singleElement()
        .extracting(Throwable::getMessage)
        .asString()
        .contains("shutting down");
  }

  // ported from test_taskgroups.py::test_taskgroup_cancel (Python 3.15 TaskGroup.cancel)
  @Test
  void cancelEndsTheGroupEarlyWithoutAnErrorInTheLambdaForm() {
    List<String> log = new ArrayList<>();
    try (EventLoop loop = TestLoops.virtual()) {
      loop.runUntilComplete(() -> {
        Task<?>[] t = new Task<?>[1];
        TaskGroup.run(g -> {
          t[0] = g.createTask(after(10_000, 1));
          var _ =
              g.createTask(() -> {
                Asyncio.sleep(Duration.ofSeconds(1));
                g.cancel();
                g.cancel(); // idempotent
              });
          try {
            Asyncio.sleep(Duration.ofSeconds(100));
          } catch (CancelledException e) {
            log.add("body cancelled");
            throw e;
          }
          log.add("body finished");
        });
        log.add("after the group");
        assertThat(t[0].isCancelled()).isTrue();
        assertThat(loop.timeNanos()).isEqualTo(Duration.ofSeconds(1).toNanos());
        assertThat(requireNonNull(Asyncio.currentTask()).cancelling()).isZero();
        Asyncio.sleep(Duration.ofSeconds(1)); // not cancelled any more
      });
    }
    assertThat(log).containsExactly("body cancelled", "after the group");
  }

  // TaskGroup Javadoc: after cancel() the try form ends with a CancelledException
  @Test
  void cancelEndsTheTryFormWithCancelledException() {
    TestLoops.run(() -> {
      Task<?>[] t = new Task<?>[1];
      assertThatThrownBy(
              () -> {
                try (var g = new TaskGroup()) {
                  t[0] = g.createTask(after(10_000, 1));
                  g.cancel();
                  Asyncio.sleep(Duration.ofSeconds(100));
                }
              })
          .isInstanceOf(CancelledException.class);
      assertThat(t[0].isCancelled()).isTrue();
      assertThat(requireNonNull(Asyncio.currentTask()).cancelling()).isZero();
    });
  }

  // ported from test_taskgroups.py::test_taskgroup_cancel_after_exit
  @Test
  void cancelAfterTheGroupHasFinishedDoesNothing() {
    TestLoops.run(() -> {
      TaskGroup[] saved = new TaskGroup[1];
      TaskGroup.run(g -> {
        saved[0] = g;
        var _ = g.createTask(after(10, 1));
      });
      saved[0].cancel();
      Asyncio.sleep(Duration.ofSeconds(1)); // the parent was not cancelled
      assertThat(requireNonNull(Asyncio.currentTask()).cancelling()).isZero();
    });
  }

  @Test
  void aGroupOutsideATaskThrows() {
    assertThatThrownBy(TaskGroup::new)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("inside a task");
  }
}

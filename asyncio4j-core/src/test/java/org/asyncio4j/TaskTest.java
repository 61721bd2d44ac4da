package org.asyncio4j;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class TaskTest {

  // ported from test_tasks.py::test_task_default_name / test_task_set_name
  @Test
  void tasksAreNamedTaskNUnlessNamed() {
    TestLoops.run(() -> {
      Task<String> a = Asyncio.createTask(() -> "a");
      Task<String> b = Asyncio.createTask(() -> "b");
      assertThat(a.getName()).matches("Task-\\d+");
      long na = Long.parseLong(a.getName().substring(5));
      assertThat(b.getName()).isEqualTo("Task-" + (na + 1));
      Task<String> named = Asyncio.createTask(() -> "c", "worker");
      assertThat(named.getName()).isEqualTo("worker");
      named.setName("renamed");
      assertThat(named.getName()).isEqualTo("renamed");
      assertThat(named.toString()).contains("name='renamed'");
      Asyncio.gather(a, b, named).await();
    });
  }

  // ported from test_tasks.py::test_task_repr
  @Test
  void toStringShowsTheStateAsAsyncioReprDoes() {
    TestLoops.run(() -> {
      EventLoop loop = Asyncio.getRunningLoop();
      Future<String> gate = loop.createFuture();
      Task<String> t = Asyncio.createTask(gate::await, "t");
      assertThat(t.toString()).startsWith("<Task pending name='t' coro=");
      Asyncio.sleep(Duration.ZERO);
      assertThat(t.toString()).contains("wait_for=<Future pending");
      gate.setResult("value");
      t.await();
      assertThat(t.toString()).startsWith("<Task finished name='t'").contains("result=");

      Task<Void> failing =
          Asyncio.createTask(
              () -> {
                throw new IllegalStateException("bad");
              },
              "f");
      assertThatThrownBy(failing::await).isInstanceOf(IllegalStateException.class);
      assertThat(failing.toString()).startsWith("<Task finished name='f'").contains("exception=");

      Task<String> cancelled = Asyncio.createTask(gate::await, "c");
      cancelled.cancel();
      assertThatThrownBy(cancelled::await).isInstanceOf(CancelledException.class);
      assertThat(cancelled.toString()).startsWith("<Task cancelled name='c'");
    });
  }

  // ported from test_tasks.py::test_cancel (a task cancelled before its first step)
  @Test
  void aTaskCancelledBeforeItsFirstStepNeverRunsItsBody() {
    List<String> log = new ArrayList<>();
    TestLoops.run(() -> {
      Task<Void> t =
          Asyncio.createTask(() -> {
            log.add("body ran");
          });
      assertThat(t.cancel()).isTrue();
      assertThat(t.isDone()).isFalse(); // cancellation is delivered by the task's next step
      assertThatThrownBy(t::await).isInstanceOf(CancelledException.class);
      assertThat(t.isCancelled()).isTrue();
      assertThat(t.cancel()).isFalse(); // done: nothing to cancel
    });
    assertThat(log).isEmpty();
  }

  // ported from test_tasks.py::test_cancel_yield / test_cancel_inner_future
  @Test
  void cancellingAnAwaitingTaskCancelsWhatItAwaits() {
    TestLoops.run(() -> {
      EventLoop loop = Asyncio.getRunningLoop();
      Future<String> inner = loop.createFuture();
      Task<String> t = Asyncio.createTask(inner::await);
      Asyncio.sleep(Duration.ZERO);
      assertThat(t.cancel("stop it")).isTrue();
      assertThat(inner.isCancelled()).isTrue();
      assertThatThrownBy(t::await).isInstanceOf(CancelledException.class).hasMessage("stop it");
      assertThat(t.isCancelled()).isTrue();
    });
  }

  // ported from test_tasks.py::test_cancel_current_task
  @Test
  void aTaskThatCancelsItselfIsCancelledAtItsNextAwait() {
    try (EventLoop loop = TestLoops.virtual()) {
      List<String> log = new ArrayList<>();
      Task<Void> t =
          loop.createTask(() -> {
            requireNonNull(Asyncio.currentTask()).cancel("self");
            log.add("still running after cancel()");
            try {
              loop.createFuture().await(); // nobody completes it: the cancellation must end it
            } catch (CancelledException e) {
              log.add("cancelled: " + e.getMessage());
              throw e;
            }
          });
      assertThatThrownBy(() -> loop.runUntilComplete(t))
          .isInstanceOf(CancelledException.class)
          .hasMessage("self");
      assertThat(t.isCancelled()).isTrue();
      assertThat(log).containsExactly("still running after cancel()", "cancelled: self");
    }
  }

  // ported from test_tasks.py::test_cancel_current_task (the awaited task is cancelled too)
  @Test
  void aTaskThatCancelsItselfCancelsTheTaskItAwaitsNext() {
    TestLoops.run(() -> {
      Task<String> inner = Asyncio.createTask(() -> Asyncio.sleep(Duration.ofHours(1), "inner"));
      Task<String> outer =
          Asyncio.createTask(() -> {
            requireNonNull(Asyncio.currentTask()).cancel();
            return inner.await();
          });
      assertThatThrownBy(outer::await).isInstanceOf(CancelledException.class);
      assertThat(inner.isCancelled()).isTrue();
      assertThat(Asyncio.getRunningLoop().timeNanos()).isZero();
    });
  }

  // ported from test_tasks.py::test_cancel_with_message_then_future_result
  @Test
  void cancelMessageReachesTheTaskBodyAndItsAwaiters() {
    List<String> seen = new ArrayList<>();
    TestLoops.run(() -> {
      Task<Void> t =
          Asyncio.createTask(() -> {
            try {
              Asyncio.sleep(Duration.ofHours(1));
            } catch (CancelledException e) {
              seen.add(e.getMessage());
              throw e;
            }
          });
      Asyncio.sleep(Duration.ZERO);
      t.cancel("my message");
      assertThatThrownBy(t::await).isInstanceOf(CancelledException.class).hasMessage("my message");
    });
    assertThat(seen).containsExactly("my message");
  }

  // ported from test_tasks.py::test_cancel_task_catching / test_cancel_both_task_and_inner_future
  @Test
  void aTaskThatSwallowsItsCancellationKeepsRunning() {
    String r =
        TestLoops.run(() -> {
          Task<String> t =
              Asyncio.createTask(() -> {
                try {
                  Asyncio.sleep(Duration.ofHours(1));
                } catch (CancelledException e) {
                  Asyncio.sleep(Duration.ofSeconds(1));
                  return "survived";
                }
                return "slept";
              });
          Asyncio.sleep(Duration.ZERO);
          t.cancel();
          return t.await();
        });
    assertThat(r).isEqualTo("survived");
  }

  // ported from test_tasks.py::test_cancelling / test_uncancel_basic
  @Test
  void cancellingCountsRequestsAndUncancelWithdrawsThem() {
    TestLoops.run(() -> {
      Task<String> t =
          Asyncio.createTask(() -> {
            Task<?> me = requireNonNull(Asyncio.currentTask());
            try {
              Asyncio.sleep(Duration.ofHours(1));
            } catch (CancelledException e) {
              assertThat(me.cancelling()).isEqualTo(2);
              assertThat(me.uncancel()).isEqualTo(1);
              assertThat(me.uncancel()).isZero();
              assertThat(me.uncancel()).isZero(); // never below zero
            }
            Asyncio.sleep(Duration.ofSeconds(1)); // not cancelled again
            return "done";
          });
      Asyncio.sleep(Duration.ZERO);
      assertThat(t.cancelling()).isZero();
      t.cancel();
      t.cancel();
      assertThat(t.cancelling()).isEqualTo(2);
      assertThat(t.await()).isEqualTo("done");
      assertThat(t.cancelling()).isZero();
    });
  }

  // ported from test_tasks.py::test_uncancel_resets_must_cancel
  @Test
  void uncancelToZeroForgetsAPendingCancellation() {
    String r =
        TestLoops.run(() -> {
          Task<String> t =
              Asyncio.createTask(() -> {
                Asyncio.sleep(Duration.ZERO);
                return "not cancelled";
              });
          Asyncio.sleep(Duration.ZERO); // t is now parked in its sleep(0), ready again
          t.cancel();
          t.uncancel();
          return t.await();
        });
    assertThat(r).isEqualTo("not cancelled");
  }

  // ported from test_tasks.py::test_exception_traceback (same instance for every awaiter)
  @Test
  void everyAwaiterGetsTheSameExceptionInstance() {
    TestLoops.run(() -> {
      IllegalStateException boom = new IllegalStateException("boom");
      Task<String> failing =
          Asyncio.createTask(() -> {
            Asyncio.sleep(Duration.ofSeconds(1));
            throw boom;
          });
      Coroutine<@Nullable Throwable> awaiter =
          () -> {
            try {
              failing.await();
              return null;
            } catch (IllegalStateException e) {
              return e;
            }
          };
      List<@Nullable Throwable> seen =
          Asyncio.<@Nullable Throwable>gather(awaiter, awaiter, awaiter).await();
      assertThat(seen).containsExactly(boom, boom, boom);
      assertThat(failing.exception()).isSameAs(boom);
      assertThatThrownBy(failing::result).isSameAs(boom);
    });
  }

  // ported from test_tasks.py::test_exception_chaining_after_await (checked: Java's difference)
  @Test
  void aCheckedExceptionIsWrappedInCompletionException() {
    TestLoops.run(() -> {
      IOException io = new IOException("io");
      Task<String> t =
          Asyncio.createTask(() -> {
            Asyncio.sleep(Duration.ofSeconds(1));
            throw io;
          });
      assertThatThrownBy(t::await).isInstanceOf(CompletionException.class).cause().isSameAs(io);
      assertThat(t.exception()).isSameAs(io);
    });
  }

  // ported from test_tasks.py::test_await_itself / test_task_await_on_itself
  @Test
  void aTaskAwaitingItselfThrows() {
    @Nullable Throwable e =
        TestLoops.run(() -> {
          try {
            requireNonNull(Asyncio.currentTask()).await();
            return null;
          } catch (IllegalStateException ex) {
            return ex;
          }
        });
    assertThat(e).hasMessageContaining("cannot await on itself");
  }

  // ported from test_tasks.py::test_sleep_zero / test_step_result (sleep(0) yields exactly once)
  @Test
  void sleepZeroYieldsExactlyOnceSoTwoTasksAlternate() {
    List<String> log = new ArrayList<>();
    TestLoops.run(() -> {
      VoidCoroutine a =
          () -> {
            for (int i = 0; i < 4; i++) {
              log.add("A");
              Asyncio.sleep(Duration.ZERO);
            }
          };
      VoidCoroutine b =
          () -> {
            for (int i = 0; i < 4; i++) {
              log.add("B");
              Asyncio.sleep(Duration.ZERO);
            }
          };
      Asyncio.gather(Asyncio.createTask(a), Asyncio.createTask(b)).await();
    });
    assertThat(String.join("", log)).isEqualTo("ABABABAB");
  }

  // ported from test_tasks.py::test_sleep
  @Test
  void sleepTakesExactlyItsDelayOnTheVirtualClock() {
    try (EventLoop loop = TestLoops.virtual()) {
      String r = loop.runUntilComplete(() -> Asyncio.sleep(Duration.ofMillis(100), "yeah"));
      assertThat(r).isEqualTo("yeah");
      assertThat(loop.timeNanos()).isEqualTo(Duration.ofMillis(100).toNanos());
    }
  }

  // ported from test_tasks.py::test_current_task / test_current_task_with_interleaving_tasks
  @Test
  void currentTaskIsTheRunningTaskAndNullElsewhere() {
    // Outside a running loop it throws ("no running event loop"): see MisuseErrorsTest.
    List<Object> seen = new ArrayList<>();
    TestLoops.run(() -> {
      Task<?> main = Asyncio.currentTask();
      assertThat(main).isNotNull();
      Task<?>[] child = new Task<?>[1];
      child[0] = Asyncio.createTask(() -> seen.add(Asyncio.currentTask() == child[0]));
      Asyncio.getRunningLoop().callSoon(() -> seen.add(Asyncio.currentTask() == null));
      child[0].await();
      Asyncio.sleep(Duration.ZERO);
      assertThat(Asyncio.currentTask()).isSameAs(main);
    });
    assertThat(seen).containsExactly(true, true);
  }

  // In the fast mode a task's thread tells its task by its scheduler object, which a virtual
  // thread the task starts inherits: that thread must not be taken for the task.
  @Test
  void aVirtualThreadStartedByATaskIsNotThatTask() throws Exception {
    List<@Nullable Object> seen = new CopyOnWriteArrayList<>();
    TestLoops.run(() -> {
      Task<?> main = Asyncio.currentTask();
      Thread child = Thread.ofVirtual().start(() -> seen.add(Task.currentRaw()));
      try {
        assertThat(child.join(Duration.ofSeconds(30))).isTrue();
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
      assertThat(Task.currentRaw()).isSameAs(main);
    });
    assertThat(seen).containsExactly((Object) null);
  }

  // ported from test_tasks.py::test_all_tasks / test_all_tasks_with_finished_tasks
  @Test
  void allTasksListsTheTasksNotDone() {
    TestLoops.run(() -> {
      Task<?> main = Asyncio.currentTask();
      Task<Void> sleeper = Asyncio.createTask(() -> Asyncio.sleep(Duration.ofSeconds(10)));
      Task<String> quick = Asyncio.createTask(() -> "quick");
      assertThat(Asyncio.allTasks()).containsExactlyInAnyOrder(main, sleeper, quick);
      quick.await();
      assertThat(Asyncio.allTasks()).containsExactlyInAnyOrder(main, sleeper);
      sleeper.await();
      assertThat(Asyncio.allTasks()).containsExactly(main);
    });
  }

  // ported from test_eager_task_factory.py::test_eager_completion
  @Test
  void anEagerTaskThatFinishesWithoutSuspendingIsDoneOnReturn() {
    try (EventLoop loop = EventLoop.builder().virtualTime(true).eagerTaskStart(true).build()) {
      assertThat(loop.isEagerTaskStart()).isTrue();
      List<String> log = new ArrayList<>();
      loop.runUntilComplete(() -> {
        Task<String> t =
            Asyncio.createTask(() -> {
              log.add("body");
              return "eager";
            });
        log.add("created");
        assertThat(t.isDone()).isTrue();
        assertThat(t.result()).isEqualTo("eager");
      });
      assertThat(log).containsExactly("body", "created");
    }
  }

  // ported from test_eager_task_factory.py::test_block_after_eager_step
  @Test
  void anEagerTaskRunsUntilItsFirstSuspension() {
    List<String> log = new ArrayList<>();
    try (EventLoop loop = TestLoops.virtual()) {
      loop.setEagerTaskStart(true);
      loop.runUntilComplete(() -> {
        Task<String> t =
            Asyncio.createTask(() -> {
              log.add("step 1");
              Asyncio.sleep(Duration.ZERO);
              log.add("step 2");
              return "done";
            });
        log.add("created");
        assertThat(t.isDone()).isFalse();
        assertThat(t.await()).isEqualTo("done");
      });
    }
    assertThat(log).containsExactly("step 1", "created", "step 2");
  }

  // ported from test_eager_task_factory.py::test_current_task
  @Test
  void anEagerTaskIsTheCurrentTaskDuringItsEagerStep() {
    try (EventLoop loop = EventLoop.builder().virtualTime(true).eagerTaskStart(true).build()) {
      loop.runUntilComplete(() -> {
        Task<?> main = Asyncio.currentTask();
        @Nullable Task<?>[] inside = new Task<?>[1];
        Task<Void> t =
            Asyncio.createTask(() -> {
              inside[0] = Asyncio.currentTask();
            });
        assertThat(inside[0]).isSameAs(t).isNotSameAs(main);
        assertThat(Asyncio.currentTask()).isSameAs(main);
      });
    }
  }

  // ported from test_tasks.py::test_cancel_blocking (a blocking JDK call in a task)
  @Test
  void aBlockingSleepInATaskSuspendsItOnlyInHookMode() {
    List<String> log = new CopyOnWriteArrayList<>();
    try (EventLoop loop = TestLoops.virtual()) {
      boolean hook = TestLoops.hookMode(loop);
      loop.runUntilComplete(() -> {
        Task<Void> a =
            Asyncio.createTask(() -> {
              log.add("A start");
              Thread.sleep(100);
              log.add("A end");
            });
        Task<Void> b =
            Asyncio.createTask(() -> {
              log.add("B");
            });
        Asyncio.gather(a, b).await();
      });
      if (hook) {
        assertThat(log).containsExactly("A start", "B", "A end");
      } else {
        assertThat(log).containsExactly("A start", "A end", "B");
      }
    }
  }

  // ported from test_tasks.py::test_run_coroutine_threadsafe_with_timeout (blocking get in a task)
  @Test
  void aBlockingGetOnAnotherThreadsFutureCompletesInBothModes() throws Exception {
    List<String> log = new CopyOnWriteArrayList<>();
    try (EventLoop loop = TestLoops.virtual()) {
      boolean hook = TestLoops.hookMode(loop);
      CompletableFuture<String> cf = new CompletableFuture<>();
      var _ =
          CompletableFuture.runAsync(
              () -> cf.complete("from thread"),
              CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS));
      loop.runUntilComplete(() -> {
        Task<Void> a =
            Asyncio.createTask(() -> {
              log.add("A start");
              log.add("A got " + cf.get(20, TimeUnit.SECONDS));
            });
        Task<Void> b =
            Asyncio.createTask(() -> {
              log.add("B");
            });
        Asyncio.gather(a, b).await();
      });
      if (hook) {
        assertThat(log).containsExactly("A start", "B", "A got from thread");
      } else {
        assertThat(log).containsExactly("A start", "A got from thread", "B");
      }
    }
  }

  // ported from test_tasks.py::test_cancel_blocking (hook mode: the blocked task is interrupted)
  @Test
  void cancellingATaskBlockedInThreadSleepInterruptsItInHookMode() {
    List<String> log = new ArrayList<>();
    try (EventLoop loop = TestLoops.virtual()) {
      assumeTrue(TestLoops.hookMode(loop), "only hook mode runs other tasks during Thread.sleep");
      loop.runUntilComplete(() -> {
        Task<Void> blocked =
            Asyncio.createTask(() -> {
              try {
                Thread.sleep(60_000);
                log.add("slept a minute");
              } catch (InterruptedException e) {
                log.add("interrupted");
              }
              Asyncio.sleep(Duration.ZERO); // the pending cancellation is raised here
              log.add("not reached");
            });
        Asyncio.sleep(Duration.ZERO);
        assertThat(blocked.cancel()).isTrue();
        assertThatThrownBy(blocked::await).isInstanceOf(CancelledException.class);
        assertThat(blocked.isCancelled()).isTrue();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
      });
    }
    assertThat(log).containsExactly("interrupted");
  }

  // ported from test_tasks.py::test_task_set_methods
  @Test
  void aTaskRefusesSetResultAndSetException() {
    TestLoops.run(() -> {
      Task<String> t = Asyncio.createTask(() -> "r");
      assertThatThrownBy(() -> t.setResult("x")).isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> t.setException(new RuntimeException()))
          .isInstanceOf(UnsupportedOperationException.class);
      assertThat(t.await()).isEqualTo("r");
      assertThat(t.getCoro()).isNotNull();
    });
  }
}

package org.asyncio4j;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class EventLoopTest {

  // ported from test_events.py::test_call_soon
  @Test
  void callSoonRunsCallbacksFirstInFirstOut() {
    List<String> log = new ArrayList<>();
    try (EventLoop loop = TestLoops.virtual()) {
      loop.callSoon(() -> log.add("a"));
      loop.callSoon(() -> log.add("b"));
      loop.callSoon(() -> log.add("c"));
      loop.callSoon(loop::stop);
      loop.runForever();
    }
    assertThat(log).containsExactly("a", "b", "c");
  }

  // ported from test_base_events.py::test_call_later / test_time_and_call_at
  @Test
  void timersRunByDeadlineThenInSchedulingOrder() {
    List<String> log = new ArrayList<>();
    try (EventLoop loop = TestLoops.virtual()) {
      loop.callLater(Duration.ofMillis(30), () -> log.add("30ms"));
      loop.callLater(Duration.ofMillis(10), () -> log.add("10ms-first"));
      loop.callAt(Duration.ofMillis(20).toNanos(), () -> log.add("20ms-at"));
      loop.callLater(Duration.ofMillis(10), () -> log.add("10ms-second"));
      loop.callAt(Duration.ofMillis(10).toNanos(), () -> log.add("10ms-third"));
      loop.callLater(Duration.ofMillis(-5), () -> log.add("negative"));
      loop.runUntilComplete(() -> Asyncio.sleep(Duration.ofSeconds(1)));
      assertThat(loop.timeNanos()).isEqualTo(Duration.ofSeconds(1).toNanos());
    }
    assertThat(log)
        .containsExactly("negative", "10ms-first", "10ms-second", "10ms-third", "20ms-at", "30ms");
  }

  // ported from test_base_events.py::test_time_and_call_at
  @Test
  void timerHandleWhenIsOnTheLoopClock() {
    try (EventLoop loop = TestLoops.virtual()) {
      assertThat(loop.isVirtualTime()).isTrue();
      assertThat(loop.timeNanos()).isZero();
      TimerHandle h = loop.callLater(Duration.ofSeconds(3), () -> {});
      assertThat(h.when()).isEqualTo(Duration.ofSeconds(3).toNanos());
      long[] firedAt = new long[1];
      loop.callAt(h.when(), () -> firedAt[0] = loop.timeNanos());
      loop.runUntilComplete(() -> Asyncio.sleep(Duration.ofHours(1)));
      assertThat(firedAt[0]).isEqualTo(Duration.ofSeconds(3).toNanos());
      assertThat(loop.timeNanos()).isEqualTo(Duration.ofHours(1).toNanos());
    }
  }

  // ported from test_events.py::HandleTests::test_handle / test_base_events.py::test__run_once
  @Test
  void cancelledHandlesDoNotRun() {
    List<String> log = new ArrayList<>();
    try (EventLoop loop = TestLoops.virtual()) {
      Handle soon = loop.callSoon(() -> log.add("soon"));
      TimerHandle later = loop.callLater(Duration.ofMillis(5), () -> log.add("later"));
      loop.callSoon(() -> log.add("kept"));
      soon.cancel();
      soon.cancel(); // idempotent
      later.cancel();
      assertThat(soon.isCancelled()).isTrue();
      assertThat(later.isCancelled()).isTrue();
      loop.runUntilComplete(() -> Asyncio.sleep(Duration.ofMillis(10)));
    }
    assertThat(log).containsExactly("kept");
  }

  // ported from test_base_events.py::test__run_once_schedule_handle
  @Test
  void aCallbackScheduledByACallbackRunsOnTheNextTurnAfterQueuedTaskSteps() {
    List<String> log = new ArrayList<>();
    try (EventLoop loop = TestLoops.virtual()) {
      loop.runUntilComplete(() -> {
        loop.callSoon(() -> {
          log.add("callback");
          loop.callSoon(() -> log.add("nested callback"));
        });
        Task<Void> t =
            loop.createTask(() -> {
              log.add("task step");
            });
        t.await();
        Asyncio.sleep(Duration.ZERO);
      });
    }
    assertThat(log).containsExactly("callback", "task step", "nested callback");
  }

  // ported from test_base_events.py::test_run_forever_pre_stopped / test_events.py::test_stop
  @Test
  void stopEndsTheLoopAfterTheCurrentTurn() {
    List<String> log = new ArrayList<>();
    try (EventLoop loop = TestLoops.virtual()) {
      loop.callSoon(() -> {
        log.add("a");
        loop.stop();
        loop.callSoon(() -> log.add("next turn"));
      });
      loop.callSoon(() -> log.add("b")); // same turn as "a": runs although stop() came first
      loop.runForever();
      assertThat(log).containsExactly("a", "b");
      assertThat(loop.isRunning()).isFalse();
      loop.callSoon(loop::stop);
      loop.runForever(); // the loop is reusable: the leftover callback runs now
    }
    assertThat(log).containsExactly("a", "b", "next turn");
  }

  // ported from test_base_events.py::test_run_forever_pre_stopped
  @Test
  void stopBeforeRunForeverRunsOneTurn() {
    List<String> log = new ArrayList<>();
    try (EventLoop loop = TestLoops.virtual()) {
      loop.callSoon(() -> {
        log.add("first");
        loop.callSoon(() -> log.add("second"));
      });
      loop.stop();
      loop.runForever();
      assertThat(log).containsExactly("first");
    }
  }

  // ported from test_events.py::test_run_until_complete_stopped
  @Test
  void runUntilCompleteFailsWhenTheLoopStopsFirst() {
    try (EventLoop loop = TestLoops.virtual()) {
      Future<String> never = loop.createFuture();
      loop.callSoon(loop::stop);
      assertThatThrownBy(() -> loop.runUntilComplete(never))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("stopped before Future completed");
    }
  }

  // ported from test_events.py::test_run_until_complete_nesting
  @Test
  void runUntilCompleteInsideTheRunningLoopThrows() {
    try (EventLoop loop = TestLoops.virtual()) {
      Throwable inner =
          loop.runUntilComplete(() -> {
            Future<String> f = loop.createFuture();
            try {
              loop.runUntilComplete(f);
              return null;
            } catch (IllegalStateException e) {
              return e;
            }
          });
      assertThat(inner).hasMessageContaining("already running");
    }
  }

  // ported from test_base_events.py::test_run_until_complete_baseexception
  @Test
  void runUntilCompleteRethrowsTheTasksException() {
    IllegalArgumentException boom = new IllegalArgumentException("boom");
    try (EventLoop loop = TestLoops.virtual()) {
      Task<Void> t =
          loop.createTask(() -> {
            Asyncio.sleep(Duration.ofSeconds(1));
            throw boom;
          });
      assertThatThrownBy(() -> loop.runUntilComplete(t)).isSameAs(boom);
      // a checked exception arrives wrapped, as CompletableFuture.join() does
      Task<Void> checked =
          loop.createTask(() -> {
            Asyncio.sleep(Duration.ofSeconds(1));
            throw new IOException("io");
          });
      assertThatThrownBy(() -> loop.runUntilComplete(checked))
          .isInstanceOf(CompletionException.class)
          .cause()
          .isInstanceOf(IOException.class)
          .hasMessage("io");
    }
  }

  // ported from test_base_events.py::test_close / test_run_until_complete_loop_orphan_future
  @Test
  void closedLoopRefusesWork() {
    EventLoop loop = TestLoops.virtual();
    loop.close();
    loop.close(); // idempotent
    assertThat(loop.isClosed()).isTrue();
    assertThatThrownBy(() -> loop.callSoon(() -> {}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(() -> loop.callSoonThreadsafe(() -> {}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(loop::runForever).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> loop.runUntilComplete(() -> "x"))
        .isInstanceOf(IllegalStateException.class);
  }

  // ported from test_base_events.py::test_close (a running loop cannot be closed)
  @Test
  @SuppressWarnings("try") // close() inside the try block is what this test does
  void closingARunningLoopThrows() {
    try (EventLoop loop = TestLoops.virtual()) {
      Throwable e =
          loop.runUntilComplete(() -> {
            try {
              loop.close();
              return null;
            } catch (IllegalStateException ex) {
              return ex;
            }
          });
      assertThat(e).hasMessageContaining("Cannot close a running event loop");
      assertThat(loop.isClosed()).isFalse();
    }
  }

  // ported from test_tasks.py::test_task_destroyed_pending (close reports and cancels them)
  @Test
  void closeCancelsAndReportsPendingTasks() {
    List<String> log = new ArrayList<>();
    List<ExceptionContext> reports = new ArrayList<>();
    EventLoop loop =
        EventLoop.builder().virtualTime(true).exceptionHandler((l, c) -> reports.add(c)).build();
    Task<?>[] leftover = new Task<?>[1];
    loop.runUntilComplete(() -> {
      leftover[0] =
          loop.createTask(() -> {
            try {
              loop.createFuture().await();
            } finally {
              log.add("cleaned up");
            }
          });
      Asyncio.sleep(Duration.ZERO);
    });
    assertThat(leftover[0].isDone()).isFalse();
    loop.close();
    assertThat(leftover[0].isCancelled()).isTrue();
    assertThat(log).containsExactly("cleaned up");
    assertThat(reports)
        .anySatisfy(c -> {
          assertThat(c.message()).contains("pending");
          assertThat(c.task()).isSameAs(leftover[0]);
        });
  }

  // ported from test_events.py::test_call_soon_threadsafe
  @Test
  void callSoonThreadsafeWakesTheLoopFromAnotherThread() throws Exception {
    List<String> log = new CopyOnWriteArrayList<>();
    try (EventLoop loop = EventLoop.create()) {
      loop.callSoon(() -> {
        log.add("started");
        Thread.ofPlatform()
            .start(() -> {
              loop.callSoonThreadsafe(() -> log.add("from thread 1"));
              loop.callSoonThreadsafe(() -> {
                log.add("from thread 2");
                loop.stop();
              });
            });
      });
      loop.runForever();
    }
    assertThat(log).containsExactly("started", "from thread 1", "from thread 2");
  }

  // ported from test_tasks.py::RunCoroutineThreadsafeTests::test_run_coroutine_threadsafe
  @Test
  void submitRunsACoroutineFromAnotherThread() throws Exception {
    try (EventLoop loop = EventLoop.create()) {
      CompletableFuture<String> fromThread = new CompletableFuture<>();
      loop.callSoon(() ->
          Thread.ofPlatform()
              .start(() -> {
                try {
                  CompletableFuture<String> cf =
                      loop.submit(() -> {
                        Asyncio.sleep(Duration.ofMillis(1));
                        return "ran on " + (Asyncio.currentTask() != null ? "a task" : "?");
                      });
                  fromThread.complete(cf.get(20, TimeUnit.SECONDS));
                } catch (Exception e) {
                  fromThread.completeExceptionally(e);
                } finally {
                  loop.stop();
                }
              }));
      loop.runForever();
      assertThat(fromThread.get(20, TimeUnit.SECONDS)).isEqualTo("ran on a task");
    }
  }

  // ported from
  // test_tasks.py::RunCoroutineThreadsafeTests::test_run_coroutine_threadsafe_task_cancelled
  @Test
  void cancellingTheSubmittedFutureCancelsTheTask() throws Exception {
    try (EventLoop loop = EventLoop.create()) {
      CompletableFuture<Boolean> taskCancelled = new CompletableFuture<>();
      loop.callSoon(() ->
          Thread.ofPlatform()
              .start(() -> {
                CompletableFuture<String> started = new CompletableFuture<>();
                CompletableFuture<String> cf =
                    loop.submit(() -> {
                      try {
                        started.complete("yes");
                        loop.createFuture().await();
                        return "never";
                      } catch (CancelledException e) {
                        taskCancelled.complete(true);
                        loop.stop();
                        throw e;
                      }
                    });
                started.join();
                cf.cancel(true);
              }));
      loop.runForever();
      assertThat(taskCancelled.get(20, TimeUnit.SECONDS)).isTrue();
    }
  }

  // ported from test_events.py::test_run_in_executor
  @Test
  void runInExecutorRunsTheJobOffTheLoop() {
    try (EventLoop loop = TestLoops.virtual()) {
      Thread loopThread = Thread.currentThread();
      Thread worker =
          loop.runUntilComplete(() -> loop.runInExecutor(null, Thread::currentThread).await());
      assertThat(worker).isNotSameAs(loopThread);
      assertThat(worker.isVirtual()).isFalse();
      assertThat(worker.getName()).contains("executor");
      // a checked exception of the job reaches the awaiting task wrapped, its cause the original
      Throwable e =
          loop.runUntilComplete(() -> {
            try {
              loop.runInExecutor(
                      null,
                      () -> {
                        throw new IOException("disk");
                      })
                  .await();
              return null;
            } catch (CompletionException ce) {
              return ce.getCause();
            }
          });
      assertThat(e).isInstanceOf(IOException.class).hasMessage("disk");
    }
  }

  // ported from test_base_events.py::test_set_exc_handler_custom /
  // test_default_exc_handler_callback
  @Test
  void exceptionHandlerReceivesCallbackFailures() {
    List<ExceptionContext> reports = new ArrayList<>();
    RuntimeException boom = new RuntimeException("callback failed");
    try (EventLoop loop = TestLoops.virtual()) {
      assertThat(loop.getExceptionHandler()).isNull();
      ExceptionHandler handler = (l, c) -> reports.add(c);
      loop.setExceptionHandler(handler);
      assertThat(loop.getExceptionHandler()).isSameAs(handler);
      Handle[] h = new Handle[1];
      h[0] =
          loop.callSoon(() -> {
            throw boom;
          });
      List<String> after = new ArrayList<>();
      loop.callSoon(() -> after.add("the loop went on"));
      loop.callSoon(loop::stop);
      loop.runForever();
      assertThat(after).containsExactly("the loop went on");
      assertThat(reports).hasSize(1);
      assertThat(reports.get(0).exception()).isSameAs(boom);
      assertThat(reports.get(0).handle()).isSameAs(h[0]);
      assertThat(reports.get(0).message()).contains("Exception in callback");

      loop.setExceptionHandler(null);
      assertThat(loop.getExceptionHandler()).isNull();
      Handle logged;
      try (LogCapture log = LogCapture.warnings()) {
        logged =
            loop.callSoon(() -> {
              throw new RuntimeException("logged by the default handler");
            });
        loop.callSoon(loop::stop);
        loop.runForever();
        assertThat(log.messages())
            .singleElement(as(InstanceOfAssertFactories.STRING))
            .startsWith("Exception in callback " + logged)
            .endsWith("java.lang.RuntimeException: logged by the default handler");
      }
      assertThat(reports).hasSize(1);
    }
  }

  // ported from test_base_events.py::test_set_exc_handler_broken
  @Test
  void aFailingExceptionHandlerIsNotPropagated() {
    try (EventLoop loop = TestLoops.virtual()) {
      List<String> calls = new ArrayList<>();
      loop.setExceptionHandler((l, c) -> {
        calls.add(c.message());
        throw new IllegalStateException("handler is broken");
      });
      try (LogCapture log = LogCapture.warnings()) {
        loop.callExceptionHandler(
            new ExceptionContext("something happened", null, null, null, null, java.util.Map.of()));
        // asyncio logs "Unhandled error in exception handler" with the context and the error
        assertThat(log.messages())
            .singleElement(as(InstanceOfAssertFactories.STRING))
            .startsWith("Unhandled error in exception handler")
            .contains("message=something happened")
            .endsWith("java.lang.IllegalStateException: handler is broken");
      }
      assertThat(calls).containsExactly("something happened");
    }
  }

  // ported from test_base_events.py::test_check_thread
  @Test
  void debugModeRejectsLoopConfinedCallsFromAForeignThread() throws Exception {
    AtomicReference<Throwable> seen = new AtomicReference<>();
    try (EventLoop loop = EventLoop.builder().debug(true).build()) {
      assertThat(loop.isDebug()).isTrue();
      loop.callSoon(() ->
          Thread.ofPlatform()
              .start(() -> {
                try {
                  loop.callSoon(() -> {});
                } catch (Throwable t) {
                  seen.set(t);
                } finally {
                  loop.callSoonThreadsafe(loop::stop);
                }
              }));
      loop.runForever();
    }
    assertThat(seen.get())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("loop-confined")
        .hasMessageContaining("callSoonThreadsafe");
  }

  // ported from test_base_events.py::test_check_thread (no check outside debug mode)
  @Test
  void withoutDebugModeAForeignCallIsNotChecked() throws Exception {
    AtomicReference<Throwable> seen = new AtomicReference<>();
    try (EventLoop loop = EventLoop.builder().debug(false).build()) {
      loop.callSoon(() ->
          Thread.ofPlatform()
              .start(() -> {
                try {
                  var _ = loop.createFuture();
                } catch (Throwable t) {
                  seen.set(t);
                } finally {
                  loop.callSoonThreadsafe(loop::stop);
                }
              }));
      loop.runForever();
    }
    assertThat(seen.get()).isNull();
  }

  // ported from test_events.py::test_run_until_complete (loop.is_running)
  @Test
  void isRunningOnlyWhileRunning() {
    try (EventLoop loop = TestLoops.virtual()) {
      assertThat(loop.isRunning()).isFalse();
      boolean inside = loop.runUntilComplete(loop::isRunning);
      assertThat(inside).isTrue();
      assertThat(loop.isRunning()).isFalse();
      assertThat(loop.toString()).contains("running=false");
    }
  }

  /**
   * An interrupt of the loop's thread seen while the loop waits for events stops the loop instead
   * of making every later select() return at once (a busy spin). The interrupt is sent from a
   * callback: in the fast mode the JDK clears a carrier's interrupt status when a virtual thread
   * unmounts, so an interrupt sent while a task runs on the loop's thread can be lost.
   */
  @Test
  void anInterruptOfTheLoopsThreadStopsTheLoopAndStaysSetInsteadOfSpinning() throws Exception {
    try (LogCapture log = LogCapture.warnings()) {
      anInterruptOfTheLoopsThreadStopsTheLoop();
      // the main task was left sleeping when the loop stopped: close() reports it, as asyncio does
      assertThat(log.messages())
          .singleElement(as(InstanceOfAssertFactories.STRING))
          .startsWith("Task was destroyed but it is pending!")
          .contains("<Task pending name=");
    }
  }

  private static void anInterruptOfTheLoopsThreadStopsTheLoop() throws Exception {
    try (EventLoop loop = EventLoop.create()) {
      java.util.concurrent.CompletableFuture<String> outcome =
          new java.util.concurrent.CompletableFuture<>();
      Thread runner =
          Thread.ofPlatform()
              .unstarted(() -> {
                try {
                  loop.runUntilComplete(() -> {
                    Thread loopThread = loop.ownerThread;
                    loop.callSoon(loopThread::interrupt);
                    Asyncio.sleep(Duration.ofHours(1));
                  });
                  outcome.complete("completed");
                } catch (IllegalStateException e) {
                  outcome.complete(
                      e.getMessage() + " / interrupted=" + Thread.currentThread().isInterrupted());
                } catch (RuntimeException e) {
                  outcome.completeExceptionally(e);
                }
              });
      runner.start();
      String result = outcome.get(20, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(result)
          .startsWith("Event loop stopped before Future completed")
          .contains("the loop's thread was interrupted")
          .endsWith("interrupted=true");
      runner.join(Duration.ofSeconds(20));
      assertThat(loop.isRunning()).isFalse();
    }
  }
}

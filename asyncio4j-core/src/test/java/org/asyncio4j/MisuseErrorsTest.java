package org.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Misuse is refused at once, with the words asyncio uses and the parameter's name. */
@Timeout(30)
class MisuseErrorsTest {
  // CPython: base_events.py run_until_complete calls _check_running() before ensure_future, so
  // the coroutine never runs (twin: "This event loop is already running", body not run)
  @Test
  void runUntilCompleteOnARunningLoopRefusesBeforeTheBodyCanRun() {
    List<String> ran = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    int tasksAfter =
        TestLoops.run(() -> {
          EventLoop loop = Asyncio.getRunningLoop();
          try {
            loop.runUntilComplete(() -> ran.add("coroutine"));
          } catch (IllegalStateException e) {
            refused.add(e.getMessage());
          }
          try {
            loop.runUntilComplete(() -> {
              ran.add("void coroutine");
            });
          } catch (IllegalStateException e) {
            refused.add(e.getMessage());
          }
          Asyncio.sleep(Duration.ofMillis(1));
          return Asyncio.allTasks().size();
        });
    assertThat(ran).isEmpty();
    assertThat(tasksAfter).isEqualTo(1);
    assertThat(refused)
        .hasSize(2)
        .allSatisfy(m -> assertThat(m).startsWith("This event loop is already running"));
  }

  @Test
  @SuppressWarnings({
    "NullAway", // the nulls are the point
    "FutureReturnValueIgnored" // each call must throw before it returns a future
  })
  void theSchedulingMethodsRejectNullAtOnceNamingTheParameter() {
    try (EventLoop loop = TestLoops.virtual()) {
      Runnable noCallback = null;
      Coroutine<String> noCoroutine = null;
      VoidCoroutine noVoidCoroutine = null;
      assertNpe(() -> loop.callSoon(noCallback), "callback");
      assertNpe(() -> loop.callSoonThreadsafe(noCallback), "callback");
      assertNpe(() -> loop.callLater(Duration.ZERO, noCallback), "callback");
      assertNpe(() -> loop.callLater(null, () -> {}), "delay");
      assertNpe(() -> loop.callAt(0, noCallback), "callback");
      assertNpe(() -> loop.createTask(noCoroutine), "coroutine");
      assertNpe(() -> loop.createTask(noCoroutine, "named"), "coroutine");
      assertNpe(() -> loop.createTask(noVoidCoroutine), "coroutine");
      assertNpe(() -> loop.createTask(noVoidCoroutine, "named"), "coroutine");
      assertNpe(() -> loop.submit(noCoroutine), "coroutine");
      assertNpe(() -> loop.runInExecutor(null, null), "job");
      assertNpe(() -> loop.runUntilComplete(noCoroutine), "coroutine");
      assertNpe(() -> loop.runUntilComplete(noVoidCoroutine), "coroutine");
      assertNpe(() -> loop.runUntilComplete((Future<String>) null), "future");
      assertThat(loop.allTasks()).isEmpty();
      List<String> fromTask = new ArrayList<>();
      loop.runUntilComplete(() -> {
        Future<String> f = Asyncio.getRunningLoop().createFuture();
        try {
          Asyncio.wait(List.of(f), null, null);
        } catch (NullPointerException e) {
          fromTask.add(String.valueOf(e.getMessage()));
        }
        try {
          var _ = Asyncio.shield((Future<String>) null);
        } catch (NullPointerException e) {
          fromTask.add(String.valueOf(e.getMessage()));
        }
        f.cancel();
      });
      assertThat(fromTask).containsExactly("returnWhen", "inner");
    }
  }

  private static void assertNpe(Runnable call, String parameter) {
    assertThatThrownBy(call::run).isInstanceOf(NullPointerException.class).hasMessage(parameter);
  }

  // CPython: tasks.py current_task() calls events.get_running_loop() (twin: "no running event
  // loop"); current_task(loop) is that loop's task, None in a callback
  @Test
  void currentTaskOutsideARunningLoopThrowsAndCurrentTaskOfALoopIsItsTaskOrNull() throws Exception {
    assertThatThrownBy(Asyncio::currentTask)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("no running event loop");
    List<Object> seen = new ArrayList<>();
    AtomicReference<@Nullable Object> fromOtherThread = new AtomicReference<>("unset");
    try (EventLoop loop = TestLoops.virtual()) {
      assertThat(Asyncio.currentTask(loop)).isNull(); // not running
      try (EventLoop other = TestLoops.virtual()) {
        loop.runUntilComplete(() -> {
          Task<?> me = Asyncio.currentTask();
          seen.add(me != null && Asyncio.currentTask(loop) == me);
          seen.add(String.valueOf(Asyncio.currentTask(other)));
          loop.callSoon(() -> {
            seen.add(String.valueOf(Asyncio.currentTask()));
            seen.add(String.valueOf(Asyncio.currentTask(loop)));
          });
          Thread t =
              Thread.ofPlatform().start(() -> fromOtherThread.set(Asyncio.currentTask(loop)));
          t.join();
          Asyncio.sleep(Duration.ZERO);
        });
      }
    }
    assertThat(seen).containsExactly(true, "null", "null", "null");
    assertThat(fromOtherThread.get()).isNull();
  }

  // CPython: get_running_loop(), create_task() and sleep() outside a loop raise RuntimeError("no
  // running event loop")
  @Test
  void outsideALoopTheMessagesSayNoRunningEventLoop() {
    assertThatThrownBy(Asyncio::getRunningLoop).hasMessageStartingWith("no running event loop");
    assertThatThrownBy(() -> Asyncio.createTask(() -> "x"))
        .hasMessageStartingWith("no running event loop");
    assertThatThrownBy(() -> Asyncio.sleep(Duration.ofMillis(1)))
        .hasMessageStartingWith("no running event loop");
    assertThatThrownBy(() -> Future.wrap(new java.util.concurrent.CompletableFuture<String>()))
        .hasMessageStartingWith("no running event loop");
  }

  // CPython: runners.py _cancel_all_tasks reports 'unhandled exception during asyncio.run()
  // shutdown' for a leftover task that fails when cancelled (twin)
  @Test
  @SuppressWarnings({"finally", "Finally"}) // the task's finally block fails on purpose
  void aLeftoverTaskThatFailsWhileRunEndsIsReportedAsDuringAsyncioRunShutdown() {
    List<ExceptionContext> reports = new ArrayList<>();
    IllegalStateException boom = new IllegalStateException("boom");
    Asyncio.run(
        () -> {
          var _ =
              Asyncio.createTask(() -> {
                try {
                  Asyncio.sleep(Duration.ofSeconds(10));
                } finally {
                  throw boom;
                }
              });
          Asyncio.sleep(Duration.ZERO);
          return null;
        },
        EventLoop.builder().virtualTime(true).exceptionHandler((l, c) -> reports.add(c)));
    assertThat(reports).hasSize(1);
    assertThat(reports.get(0).message())
        .isEqualTo("unhandled exception during Asyncio.run() shutdown");
    assertThat(reports.get(0).exception()).isSameAs(boom);
  }
}

package org.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class RunnerTest {

  private static EventLoop.Builder virtual() {
    return EventLoop.builder().virtualTime(true);
  }

  // ported from test_runners.py::test_asyncio_run_return
  @Test
  void runReturnsTheResult() {
    assertThat(Asyncio.run(() -> Asyncio.sleep(Duration.ofMillis(1), 42))).isEqualTo(42);
    assertThat(Asyncio.run(() -> Asyncio.sleep(Duration.ofHours(1), "virtual"), virtual()))
        .isEqualTo("virtual");
  }

  // ported from test_runners.py::test_asyncio_run_raises
  @Test
  void runRethrowsTheException() {
    IllegalArgumentException boom = new IllegalArgumentException("spam");
    assertThatThrownBy(() ->
            Asyncio.run(() -> {
              Asyncio.sleep(Duration.ofMillis(1));
              throw boom;
            }))
        .isSameAs(boom);
    assertThatThrownBy(() ->
            Asyncio.run(() -> {
              throw new IOException("io");
            }))
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOf(IOException.class);
  }

  // ported from test_runners.py::test_asyncio_run_from_running_loop
  @Test
  void runInsideARunningLoopThrows() {
    Throwable e =
        Asyncio.run(() -> {
          try {
            Asyncio.run(() -> "nested");
            return null;
          } catch (IllegalStateException ex) {
            return ex;
          }
        });
    assertThat(e).hasMessageContaining("cannot be called from a running event loop");
  }

  // ported from test_runners.py::test_recursive_run
  @Test
  void runnerRunInsideItsOwnLoopThrows() {
    try (Runner runner = new Runner(virtual())) {
      Throwable e =
          runner.run(() -> {
            try {
              runner.run(() -> "nested");
              return null;
            } catch (IllegalStateException ex) {
              return ex;
            }
          });
      assertThat(e).hasMessageContaining("running event loop");
    }
  }

  // ported from test_runners.py::test_asyncio_run_cancels_hanging_tasks
  @Test
  void runCancelsLeftoverTasksAndClosesTheLoop() {
    List<String> log = new ArrayList<>();
    Task<?>[] leftover = new Task<?>[1];
    EventLoop[] loop = new EventLoop[1];
    Asyncio.run(
        () -> {
          loop[0] = Asyncio.getRunningLoop();
          leftover[0] =
              Asyncio.createTask(() -> {
                try {
                  Asyncio.sleep(Duration.ofHours(1));
                } catch (CancelledException e) {
                  log.add("leftover cancelled");
                  throw e;
                }
              });
          Asyncio.sleep(Duration.ofMillis(1));
          return null;
        },
        virtual());
    assertThat(leftover[0].isCancelled()).isTrue();
    assertThat(log).containsExactly("leftover cancelled");
    assertThat(loop[0].isClosed()).isTrue();
  }

  // ported from test_runners.py::test_asyncio_run_closes_gens_after_hanging_tasks_errors
  @Test
  @SuppressWarnings({"finally", "Finally"}) // the task's finally block fails on purpose
  void aLeftoverTaskFailingAtShutdownIsReported() {
    List<ExceptionContext> reports = new ArrayList<>();
    IllegalStateException boom = new IllegalStateException("at shutdown");
    Asyncio.run(
        () -> {
          var _ =
              Asyncio.createTask(() -> {
                try {
                  Asyncio.sleep(Duration.ofHours(1));
                } finally {
                  throw boom;
                }
              });
          Asyncio.sleep(Duration.ofMillis(1));
          return null;
        },
        virtual().exceptionHandler((l, c) -> reports.add(c)));
    assertThat(reports).anySatisfy(c -> assertThat(c.exception()).isSameAs(boom));
  }

  // ported from test_events.py::TestGetEventLoop (get_running_loop outside a loop)
  @Test
  void getRunningLoopOutsideALoopThrowsAClearMessage() {
    assertThatThrownBy(Asyncio::getRunningLoop)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no")
        .hasMessageContaining("Asyncio.run");
    assertThatThrownBy(() -> Asyncio.sleep(Duration.ZERO))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("task");
    assertThatThrownBy(() -> Asyncio.createTask(() -> "x"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("running event loop");
  }

  // ported from test_events.py::test_get_running_loop (inside a task and a callback)
  @Test
  void getRunningLoopInsideTasksAndCallbacks() {
    try (EventLoop loop = TestLoops.virtual()) {
      List<EventLoop> seen = new ArrayList<>();
      loop.runUntilComplete(() -> {
        seen.add(Asyncio.getRunningLoop());
        loop.callSoon(() -> seen.add(Asyncio.getRunningLoop()));
        Asyncio.sleep(Duration.ZERO);
      });
      assertThat(seen).containsExactly(loop, loop);
    }
  }

  // ported from test_runners.py::test_run_keeps_context / test_explicit_close
  @Test
  void aRunnerRunsSeveralCoroutinesOnOneLoop() {
    Runner runner = new Runner(virtual());
    EventLoop loop;
    try (runner) {
      loop = runner.getLoop();
      assertThat(runner.run(() -> Asyncio.getRunningLoop())).isSameAs(loop);
      assertThat(runner.run(() -> Asyncio.sleep(Duration.ofSeconds(1), "second")))
          .isEqualTo("second");
      assertThat(loop.isClosed()).isFalse();
    }
    assertThat(loop.isClosed()).isTrue();
    runner.close(); // idempotent
    assertThatThrownBy(() -> runner.run(() -> "late"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  // ported from test_runners.py::test_run_keeps_context: CPython 3.11's Runner has one context
  // (copy_context() at its first use) for all its runs: a value set in one run is seen by the next
  @Test
  void everyRunSharesTheRunnersContext() {
    ContextVar<String> v = new ContextVar<>("v", "unset");
    try (Runner runner = new Runner(virtual())) {
      runner.run(() -> v.set("one"));
      assertThat(runner.run(() -> v.get())).isEqualTo("one");
      runner.run(() -> {
        v.set("two");
      });
      assertThat(runner.run(() -> v.get())).isEqualTo("two");
    }
    assertThat(v.get()).isEqualTo("unset"); // the caller's context is not the runner's
  }

  // CPython 3.11: runner.run(coro, context=ctx) runs in ctx itself: the value set stays in ctx,
  // and the runner's own context is untouched
  @Test
  void runInAGivenContext() {
    ContextVar<String> v = new ContextVar<>("v", "unset");
    try (Runner runner = new Runner(virtual())) {
      runner.run(() -> v.set("runner's"));
      Context ctx = Context.copyCurrent();
      assertThat(
              runner.run(
                  () -> {
                    v.set("ctx");
                    return v.get();
                  },
                  ctx))
          .isEqualTo("ctx");
      assertThat(ctx.get(v)).isEqualTo("ctx");
      assertThat(runner.run(() -> v.get())).isEqualTo("runner's");
      runner.run(() -> v.set("again"), ctx);
      assertThat(ctx.get(v)).isEqualTo("again");
      // the run ended, so ctx is no longer entered: it can be run, as in CPython
      assertThat(ctx.call(() -> v.get())).isEqualTo("again");
    }
  }
}

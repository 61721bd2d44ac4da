package org.asyncio4j;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/**
 * A failure that no code can see goes to the loop's exception handler ("exception was never
 * retrieved"), once: a plain future's, a gather's or a shield's nobody awaits, a task's collected
 * before the loop closes; and a failure someone took is not reported.
 */
class UnretrievedFailuresTest {
  // CPython: futures.py Future.__del__, "Future exception was never retrieved" with the key
  // "future" (twin: a loop.create_future() failed with set_exception and dropped)
  @Test
  void aPlainFutureWhoseExceptionNobodyRetrievedIsReportedAtClose() {
    List<ExceptionContext> reports = new ArrayList<>();
    IllegalStateException boom = new IllegalStateException("boom");
    try (EventLoop loop = TestLoops.virtual()) {
      loop.setExceptionHandler((l, ctx) -> reports.add(ctx));
      Future<String> f = loop.createFuture();
      f.setException(boom);
    }
    assertThat(reports).hasSize(1);
    ExceptionContext report = reports.get(0);
    assertThat(report.message()).isEqualTo("Future exception was never retrieved");
    assertThat(report.exception()).isSameAs(boom);
    assertThat(report.extra()).containsKey("future").doesNotContainKey("source_traceback");
    assertThat(String.valueOf(report.extra().get("future"))).contains("exception=", "boom");
  }

  // CPython: Future.__init__ records _source_traceback in debug mode; the report carries it
  @Test
  void inDebugModeTheReportSaysWhereTheFutureWasCreated() {
    List<ExceptionContext> reports = new ArrayList<>();
    try (EventLoop loop = EventLoop.builder().virtualTime(true).debug(true).build()) {
      loop.setExceptionHandler((l, ctx) -> reports.add(ctx));
      loop.runUntilComplete(() -> {
        new Future<String>().setException(new IllegalStateException("in a task"));
      });
      loop.<String>createFuture().setException(new IllegalStateException("outside"));
    }
    assertThat(reports).hasSize(2);
    for (ExceptionContext report : reports) {
      assertThat(report.extra().get("source_traceback")).isInstanceOf(Throwable.class);
      Throwable where = (Throwable) requireNonNull(report.extra().get("source_traceback"));
      assertThat(Arrays.toString(where.getStackTrace()))
          .contains("inDebugModeTheReportSaysWhereTheFutureWasCreated");
    }
  }

  // CPython: result(), exception() and await clear __log_traceback
  @Test
  void anExceptionTakenByResultExceptionAwaitGetOrACompletableFutureIsNotReported() {
    List<ExceptionContext> reports = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    try (EventLoop loop = TestLoops.virtual()) {
      loop.setExceptionHandler((l, ctx) -> reports.add(ctx));
      Future<String> byException = loop.createFuture();
      Future<String> byResult = loop.createFuture();
      Future<String> byAwait = loop.createFuture();
      Future<String> byGet = loop.createFuture();
      Future<String> byCompletableFuture = loop.createFuture();
      CompletableFuture<String> cf = byCompletableFuture.toCompletableFuture();
      loop.runUntilComplete(() -> {
        for (Future<String> f :
            List.of(byException, byResult, byAwait, byGet, byCompletableFuture)) {
          f.setException(new IllegalStateException("e"));
        }
        seen.add(String.valueOf(byException.exception()));
        try {
          byResult.result();
        } catch (IllegalStateException e) {
          seen.add("result");
        }
        try {
          byAwait.await();
        } catch (IllegalStateException e) {
          seen.add("await");
        }
        try {
          byGet.get();
        } catch (ExecutionException | InterruptedException e) {
          seen.add("get");
        }
      });
      assertThat(cf).isCompletedExceptionally();
      Future<String> succeeded = loop.createFuture();
      succeeded.setResult("fine");
    }
    assertThat(seen).hasSize(4);
    assertThat(reports).isEmpty();
  }

  // CPython: a future collected unretrieved reports from its __del__, while the loop runs
  @Test
  void aFutureCollectedWhileTheLoopRunsIsReportedOnTheLoop() {
    // The garbage collector decides when: the task polls it with a generous bound.
    List<String> reportedOn = new CopyOnWriteArrayList<>();
    try (EventLoop loop = EventLoop.create()) {
      loop.setExceptionHandler((l, ctx) -> {
        if (ctx.message().equals("Future exception was never retrieved")) {
          reportedOn.add(EventLoop.runningLoopOrNull() == l ? "loop" : "elsewhere");
        }
      });
      loop.runUntilComplete(() -> {
        failAndDrop();
        for (int i = 0; i < 400 && reportedOn.isEmpty(); i++) {
          System.gc();
          Asyncio.sleep(Duration.ofMillis(25));
        }
      });
    }
    assertThat(reportedOn).containsExactly("loop");
  }

  private static void failAndDrop() {
    new Future<String>().setException(new IllegalStateException("dropped"));
  }

  // The report of a task collected before close() was queued in the loop's inbox, which close()
  // clears: it must still reach the handler.
  @Test
  void aTaskCollectedBeforeCloseIsReportedByClose() {
    List<ExceptionContext> reports = new ArrayList<>();
    EventLoop loop = TestLoops.virtual();
    loop.setExceptionHandler((l, ctx) -> reports.add(ctx));
    createFailingTask(loop);
    loop.runUntilIdle();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (loop.unretrieved.queuedReports() == 0 && System.nanoTime() < deadline) {
      System.gc();
      Thread.onSpinWait();
    }
    assertThat(loop.unretrieved.queuedReports()).as("the task was collected").isEqualTo(1);
    assertThat(reports).isEmpty();
    loop.close();
    assertThat(reports).hasSize(1);
    assertThat(reports.get(0).message()).isEqualTo("Task exception was never retrieved");
    assertThat(reports.get(0).exception()).hasMessage("collected");
  }

  private static void createFailingTask(EventLoop loop) {
    var _ =
        loop.createTask(() -> {
          throw new IllegalStateException("collected");
        });
  }

  // CPython: a _GatheringFuture nobody awaits reports its child's failure when collected (twin:
  // "_GatheringFuture exception was never retrieved"); the child's own is retrieved by gather
  @Test
  void aGatherNobodyAwaitsReportsItsChildsFailureOnce() {
    List<ExceptionContext> reports = new ArrayList<>();
    IllegalStateException boom = new IllegalStateException("child");
    try (EventLoop loop = TestLoops.virtual()) {
      loop.setExceptionHandler((l, ctx) -> reports.add(ctx));
      loop.runUntilComplete(() -> {
        Future<List<Object>> unawaited =
            Asyncio.gather(
                Asyncio.createTask(() -> {
                  throw boom;
                }));
        Asyncio.sleep(Duration.ofMillis(1));
        assertThat(unawaited.isDone()).isTrue();
      });
    }
    assertThat(reports).hasSize(1);
    assertThat(reports.get(0).message()).isEqualTo("Future exception was never retrieved");
    assertThat(reports.get(0).exception()).isSameAs(boom);
  }

  // CPython 3.14: tasks.py shield no longer marks inner's exception retrieved when outer was
  // cancelled, so inner's "Task exception was never retrieved" is reported
  @Test
  void aShieldedTaskThatFailsAfterItsShieldWasCancelledIsReported() {
    List<ExceptionContext> reports = new ArrayList<>();
    IllegalStateException boom = new IllegalStateException("inner");
    try (EventLoop loop = TestLoops.virtual()) {
      loop.setExceptionHandler((l, ctx) -> reports.add(ctx));
      loop.runUntilComplete(() -> {
        Future<String> release = new Future<>();
        Task<String> inner =
            Asyncio.createTask(() -> {
              release.await();
              throw boom;
            });
        Future<String> outer = Asyncio.shield(inner);
        Asyncio.sleep(Duration.ZERO);
        outer.cancel();
        Asyncio.sleep(Duration.ZERO);
        release.setResult("go");
        Asyncio.sleep(Duration.ofMillis(1));
        assertThat(inner.isDone()).isTrue();
        assertThat(outer.isCancelled()).isTrue();
      });
    }
    assertThat(reports).hasSize(1);
    assertThat(reports.get(0).message()).isEqualTo("Task exception was never retrieved");
    assertThat(reports.get(0).exception()).isSameAs(boom);
  }

  @Test
  void anAwaitedShieldPassesTheFailureOnAndNothingIsReported() {
    List<ExceptionContext> reports = new ArrayList<>();
    try (EventLoop loop = TestLoops.virtual()) {
      loop.setExceptionHandler((l, ctx) -> reports.add(ctx));
      String got =
          loop.runUntilComplete(() -> {
            Future<String> outer =
                Asyncio.shield(
                    Asyncio.<String>createTask(() -> {
                      Asyncio.sleep(Duration.ofMillis(1));
                      throw new IllegalStateException("seen");
                    }));
            try {
              return outer.await();
            } catch (IllegalStateException e) {
              return e.getMessage();
            }
          });
      assertThat(got).isEqualTo("seen");
    }
    assertThat(reports).isEmpty();
  }

  // The CompletableFuture of submit takes the failure: asyncio's run_coroutine_threadsafe copies
  // the exception with exception(), which clears __log_traceback
  @Test
  void aSubmittedCoroutineWhoseFailureTheCallerTakesIsNotReported() throws Exception {
    List<ExceptionContext> reports = new ArrayList<>();
    CompletableFuture<String> cf;
    try (EventLoop loop = TestLoops.virtual()) {
      loop.setExceptionHandler((l, ctx) -> reports.add(ctx));
      cf =
          loop.submit(() -> {
            throw new IllegalStateException("taken");
          });
      loop.runUntilIdle();
    }
    assertThat(cf).isCompletedExceptionally();
    try {
      cf.get();
    } catch (ExecutionException e) {
      assertThat(e.getCause()).hasMessage("taken");
    }
    assertThat(reports).isEmpty();
  }

  @Test
  void aPendingTasksCompletableFutureTakesTheFailureSoItIsNotReported() {
    List<ExceptionContext> reports = new ArrayList<>();
    CompletableFuture<String> cf;
    try (EventLoop loop = TestLoops.virtual()) {
      loop.setExceptionHandler((l, ctx) -> reports.add(ctx));
      Task<String> task =
          loop.createTask(() -> {
            Asyncio.sleep(Duration.ofMillis(1));
            throw new IllegalStateException("taken");
          });
      cf = task.toCompletableFuture();
      loop.runUntilComplete(() -> Asyncio.sleep(Duration.ofMillis(2)));
      assertThat(task.isDone()).isTrue();
    }
    assertThat(cf).isCompletedExceptionally();
    assertThat(reports).isEmpty();
  }
}

package org.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A submission the loop accepted but never ran before close() fails its CompletableFuture (asyncio
 * leaves run_coroutine_threadsafe's future pending forever: a Java caller blocked in get() would
 * hang).
 */
@Timeout(30)
class SubmitTest {
  @Test
  void aSubmissionTheLoopNeverRanFailsItsCompletableFutureWhenTheLoopCloses() throws Exception {
    List<String> ran = new ArrayList<>();
    CompletableFuture<String> cf;
    EventLoop loop = TestLoops.virtual();
    CompletableFuture<CompletableFuture<String>> fromOtherThread = new CompletableFuture<>();
    Thread t =
        Thread.ofPlatform()
            .start(() -> fromOtherThread.complete(loop.submit(() -> ran.add("ran") ? "x" : "y")));
    t.join();
    cf = fromOtherThread.get();
    assertThat(cf).isNotDone();
    loop.close();
    assertThat(cf).isCompletedExceptionally();
    try {
      cf.get();
    } catch (ExecutionException e) {
      assertThat(e.getCause())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("was closed before it ran the submitted coroutine");
    }
    assertThat(ran).isEmpty();
  }

  @Test
  void aSubmissionFoundWhileCloseRunsTheLeftoverTasksFailsInsteadOfStartingATask()
      throws Exception {
    List<String> ran = new ArrayList<>();
    List<ExceptionContext> reports = new ArrayList<>();
    EventLoop loop = TestLoops.virtual();
    loop.setExceptionHandler((l, c) -> reports.add(c));
    Task<String> leftover =
        loop.createTask(() -> {
          Asyncio.sleep(Duration.ofHours(1));
          return "never";
        });
    loop.runUntilIdle();
    CompletableFuture<String> cf = loop.submit(() -> ran.add("ran") ? "x" : "y");
    loop.close();
    assertThat(leftover.isCancelled()).isTrue();
    assertThat(cf).isCompletedExceptionally();
    assertThat(ran).isEmpty();
    assertThat(reports)
        .extracting(ExceptionContext::message)
        .containsExactly("Task was destroyed but it is pending!");
  }

  @Test
  void aSubmissionThatRanIsNotTouchedByClose() throws Exception {
    CompletableFuture<String> cf;
    try (EventLoop loop = TestLoops.virtual()) {
      cf = loop.submit(() -> "done");
      loop.runUntilIdle();
      assertThat(cf.get()).isEqualTo("done");
    }
    assertThat(cf.get()).isEqualTo("done");
  }

  @Test
  void aClosedLoopRefusesASubmissionAtOnce() {
    EventLoop loop = TestLoops.virtual();
    loop.close();
    CompletableFuture<String> cf = loop.submit(() -> "x");
    assertThat(cf).isCompletedExceptionally();
  }
}

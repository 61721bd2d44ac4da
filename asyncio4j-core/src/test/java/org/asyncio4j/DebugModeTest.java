package org.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Task exceptions nobody retrieved are reported, with where the task was created in debug mode. */
class DebugModeTest {
  // asyncio: test_tasks.py::test_exception_traceback / "Task exception was never retrieved"
  @Test
  void aFailedTaskWhoseExceptionNobodyRetrievedIsReportedAtCloseWithWhereItWasCreated() {
    List<ExceptionContext> reports = new ArrayList<>();
    IllegalStateException boom = new IllegalStateException("boom");
    EventLoop loop = EventLoop.builder().virtualTime(true).debug(true).build();
    loop.setExceptionHandler((l, ctx) -> reports.add(ctx));
    Task<Void> failing =
        loop.createTask(() -> {
          throw boom;
        });
    loop.runUntilIdle();
    assertThat(failing.isDone()).isTrue();
    loop.close();
    assertThat(reports).hasSize(1);
    assertThat(reports.get(0).message()).isEqualTo("Task exception was never retrieved");
    assertThat(reports.get(0).exception()).isSameAs(boom);
    assertThat(reports.get(0).extra()).containsKey("source_traceback");
  }

  @Test
  void aRetrievedExceptionIsNotReported() {
    List<ExceptionContext> reports = new ArrayList<>();
    EventLoop loop = EventLoop.builder().virtualTime(true).build();
    loop.setExceptionHandler((l, ctx) -> reports.add(ctx));
    Task<Void> failing =
        loop.createTask(() -> {
          throw new IllegalStateException("seen");
        });
    loop.runUntilIdle();
    assertThat(failing.exception()).hasMessage("seen");
    loop.close();
    assertThat(reports).isEmpty();
  }
}

package org.asyncio4j;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Handles: where they were created (debug mode), and the ordering and cancellation of the handles
 * of callSoonThreadsafe.
 */
@Timeout(60)
class HandlesTest {
  // CPython: events.py Handle records _source_traceback in debug mode, and _run passes it to the
  // exception handler as "source_traceback"
  @Test
  void inDebugModeAFailingCallbackIsReportedWithWhereItsHandleWasCreated() throws Exception {
    List<ExceptionContext> reports = new ArrayList<>();
    try (EventLoop loop = EventLoop.builder().virtualTime(true).debug(true).build()) {
      loop.setExceptionHandler((l, ctx) -> reports.add(ctx));
      loop.callSoon(HandlesTest::fail);
      loop.callLater(Duration.ofMillis(5), HandlesTest::fail);
      loop.callAt(loop.timeNanos() + 10_000_000, HandlesTest::fail);
      Thread other =
          Thread.ofPlatform()
              .start(() -> {
                var _ = loop.callSoonThreadsafe(HandlesTest::fail);
              });
      other.join();
      loop.runUntilComplete(() -> Asyncio.sleep(Duration.ofMillis(20)));
    }
    assertThat(reports).hasSize(4);
    for (ExceptionContext report : reports) {
      assertThat(report.message()).startsWith("Exception in callback <");
      assertThat(report.exception()).hasMessage("callback failed");
      assertThat(report.extra().get("source_traceback")).isInstanceOf(Throwable.class);
      Throwable where = (Throwable) requireNonNull(report.extra().get("source_traceback"));
      assertThat(Arrays.toString(where.getStackTrace())).contains("HandlesTest");
    }
  }

  @Test
  void outsideDebugModeAFailingCallbackIsReportedWithoutSourceTraceback() {
    List<ExceptionContext> reports = new ArrayList<>();
    try (EventLoop loop = EventLoop.builder().virtualTime(true).debug(false).build()) {
      loop.setExceptionHandler((l, ctx) -> reports.add(ctx));
      loop.callSoon(HandlesTest::fail);
      loop.callLater(Duration.ofMillis(1), HandlesTest::fail);
      loop.callSoonThreadsafe(HandlesTest::fail);
      loop.runUntilComplete(() -> Asyncio.sleep(Duration.ofMillis(2)));
    }
    assertThat(reports).hasSize(3);
    for (ExceptionContext report : reports) {
      assertThat(report.extra()).doesNotContainKey("source_traceback");
      assertThat(report.handle()).isNotNull();
    }
  }

  private static void fail() {
    throw new IllegalStateException("callback failed");
  }

  // CPython: call_soon_threadsafe appends to the same _ready deque as call_soon (twin: a, b, c
  // before the loop runs, d..i from a task and a callback, all in call order)
  @Test
  void callSoonThreadsafeFromTheLoopsOwnThreadKeepsItsPlaceAmongCallSoon() {
    List<String> log = new ArrayList<>();
    try (EventLoop loop = TestLoops.virtual()) {
      loop.callSoon(() -> log.add("a"));
      loop.callSoonThreadsafe(() -> log.add("b"));
      loop.callSoon(() -> log.add("c"));
      loop.runUntilComplete(() -> {
        EventLoop l = Asyncio.getRunningLoop();
        l.callSoon(() -> log.add("d"));
        l.callSoonThreadsafe(() -> log.add("e"));
        l.callSoon(() -> log.add("f"));
        l.callSoon(() -> {
          l.callSoon(() -> log.add("g"));
          l.callSoonThreadsafe(() -> log.add("h"));
          l.callSoon(() -> log.add("i"));
        });
        for (int i = 0; i < 3; i++) {
          Asyncio.sleep(Duration.ZERO);
        }
      });
    }
    assertThat(log).containsExactly("a", "b", "c", "d", "e", "f", "g", "h", "i");
  }

  // ported from test_events.py::test_call_soon_threadsafe_handle_cancel_other_thread (3.14):
  // cancel() from another thread while the callback runs returns only once it has finished
  @Test
  void cancellingAThreadsafeHandleWhileItsCallbackRunsWaitsForTheCallback() throws Exception {
    List<String> log = new CopyOnWriteArrayList<>();
    CountDownLatch callbackStarted = new CountDownLatch(1);
    CountDownLatch cancelling = new CountDownLatch(1);
    Thread[] canceller = new Thread[1];
    Handle[] handle = new Handle[1];
    try (EventLoop loop = EventLoop.create()) {
      handle[0] =
          loop.callSoonThreadsafe(() -> {
            callbackStarted.countDown();
            try {
              assertThat(cancelling.await(20, TimeUnit.SECONDS)).isTrue();
              // Wait (bounded) until the canceller is blocked in cancel(): without the lock it
              // returns at once and logs first, which the assertion below catches.
              long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
              while (canceller[0].getState() != Thread.State.BLOCKED
                  && System.nanoTime() < deadline) {
                Thread.onSpinWait();
              }
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            log.add("callback finished");
          });
      canceller[0] =
          Thread.ofPlatform()
              .start(() -> {
                try {
                  callbackStarted.await();
                  cancelling.countDown();
                  handle[0].cancel();
                  log.add("cancel returned");
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      loop.callSoon(loop::stop);
      loop.runForever();
      canceller[0].join();
    }
    assertThat(log).containsExactly("callback finished", "cancel returned");
    assertThat(handle[0].isCancelled()).isTrue();
  }

  @Test
  void aThreadsafeHandleCancelledFromAnotherThreadBeforeItRunsNeverRuns() throws Exception {
    List<String> log = new ArrayList<>();
    try (EventLoop loop = TestLoops.virtual()) {
      Handle[] h = new Handle[1];
      Thread poster =
          Thread.ofPlatform().start(() -> h[0] = loop.callSoonThreadsafe(() -> log.add("ran")));
      poster.join();
      Thread canceller = Thread.ofPlatform().start(() -> h[0].cancel());
      canceller.join();
      loop.runUntilIdle();
      assertThat(h[0].isCancelled()).isTrue();
    }
    assertThat(log).isEmpty();
  }

  @Test
  void aThreadsafeCallbackMayCancelItsOwnHandle() {
    List<String> log = new ArrayList<>();
    try (EventLoop loop = TestLoops.virtual()) {
      Handle[] h = new Handle[1];
      h[0] =
          loop.callSoonThreadsafe(() -> {
            h[0].cancel();
            log.add("ran, cancelled=" + h[0].isCancelled());
          });
      loop.runUntilIdle();
    }
    assertThat(log).containsExactly("ran, cancelled=true");
  }
}

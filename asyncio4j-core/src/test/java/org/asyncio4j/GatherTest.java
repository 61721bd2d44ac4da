package org.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class GatherTest {

  private static Coroutine<String> after(int seconds, String value) {
    return () -> Asyncio.sleep(Duration.ofSeconds(seconds), value);
  }

  // ported from test_tasks.py::FutureGatherTests::test_result_order (results in argument order)
  @Test
  void resultsComeInArgumentOrderNotCompletionOrder() {
    try (EventLoop loop = TestLoops.virtual()) {
      List<String> r =
          loop.runUntilComplete(
              () -> Asyncio.gather(after(3, "slow"), after(1, "fast"), after(2, "middle")).await());
      assertThat(r).containsExactly("slow", "fast", "middle");
      assertThat(loop.timeNanos()).isEqualTo(Duration.ofSeconds(3).toNanos());
    }
  }

  // ported from the asyncio tutorial's count() example (seeds), as test_tasks.py::test_gather does
  @Test
  void tasksInterleaveAtTheirSleeps() {
    List<String> out = new java.util.ArrayList<>();
    try (EventLoop loop = TestLoops.virtual()) {
      loop.runUntilComplete(() -> {
        VoidCoroutine count =
            () -> {
              out.add("One");
              Asyncio.sleep(Duration.ofSeconds(1));
              out.add("Two");
            };
        Asyncio.gather(
                Asyncio.createTask(count), Asyncio.createTask(count), Asyncio.createTask(count))
            .await();
      });
      assertThat(loop.timeNanos()).isEqualTo(Duration.ofSeconds(1).toNanos());
    }
    assertThat(out).containsExactly("One", "One", "One", "Two", "Two", "Two");
  }

  // ported from test_tasks.py::FutureGatherTests::test_constructor_empty_sequence
  @Test
  void gatherOfNothingIsAnEmptyList() {
    List<Object> r = TestLoops.run(() -> Asyncio.gather(List.<Future<Object>>of()).await());
    assertThat(r).isEmpty();
  }

  // ported from test_tasks.py::FutureGatherTests::test_one_exception
  @Test
  void theFirstFailurePropagatesAndTheOthersRunOn() {
    TestLoops.run(() -> {
      IllegalStateException boom = new IllegalStateException("boom");
      Task<String> a = Asyncio.createTask(after(5, "a"));
      Task<String> failing =
          Asyncio.createTask(() -> {
            Asyncio.sleep(Duration.ofSeconds(1));
            throw boom;
          });
      Task<String> c = Asyncio.createTask(after(2, "c"));
      Future<List<String>> g = Asyncio.gather(a, failing, c);
      assertThatThrownBy(g::await).isSameAs(boom);
      assertThat(a.isDone()).isFalse();
      assertThat(c.isDone()).isFalse();
      assertThat(a.await()).isEqualTo("a"); // not cancelled by the gather's failure
      assertThat(c.await()).isEqualTo("c");
    });
  }

  // ported from test_tasks.py::FutureGatherTests::test_return_exceptions
  @Test
  void returnExceptionsPutsFailuresAndCancellationsInTheList() {
    TestLoops.run(() -> {
      IllegalArgumentException boom = new IllegalArgumentException("boom");
      Task<String> ok = Asyncio.createTask(after(1, "ok"));
      Task<String> failing =
          Asyncio.createTask(() -> {
            Asyncio.sleep(Duration.ofSeconds(2));
            throw boom;
          });
      Task<String> cancelled = Asyncio.createTask(after(10, "never"));
      Asyncio.getRunningLoop().callLater(Duration.ofSeconds(3), () -> cancelled.cancel("bye"));
      List<@Nullable Object> r = Asyncio.gatherReturnExceptions(ok, failing, cancelled).await();
      assertThat(r).hasSize(3);
      assertThat(r.get(0)).isEqualTo("ok");
      assertThat(r.get(1)).isSameAs(boom);
      assertThat(r.get(2)).isInstanceOf(CancelledException.class);
      assertThat(((Throwable) r.get(2)).getMessage()).isEqualTo("bye");
    });
  }

  // ported from test_tasks.py::FutureGatherTests::test_one_cancellation
  @Test
  void aCancelledChildFailsTheGatherWithCancelledException() {
    TestLoops.run(() -> {
      Task<String> a = Asyncio.createTask(after(1, "a"));
      Task<String> b = Asyncio.createTask(after(10, "b"));
      Future<List<String>> g = Asyncio.gather(a, b);
      Asyncio.sleep(Duration.ZERO);
      b.cancel();
      assertThatThrownBy(g::await).isInstanceOf(CancelledException.class);
      assertThat(g.isCancelled()).isFalse(); // failed with the child's cancellation, as asyncio
      assertThat(a.await()).isEqualTo("a");
    });
  }

  // ported from test_tasks.py::CoroutineGatherTests::test_cancellation_broadcast
  @Test
  void cancellingTheGatherCancelsEveryChild() {
    TestLoops.run(() -> {
      Task<String> a = Asyncio.createTask(after(10, "a"));
      Task<String> b = Asyncio.createTask(after(10, "b"));
      Task<String> done = Asyncio.createTask(() -> "done");
      done.await();
      Future<List<String>> g = Asyncio.gather(a, b, done);
      Asyncio.sleep(Duration.ZERO);
      assertThat(g.cancel()).isTrue();
      assertThatThrownBy(g::await).isInstanceOf(CancelledException.class);
      assertThat(a.isCancelled()).isTrue();
      assertThat(b.isCancelled()).isTrue();
      assertThat(done.result()).isEqualTo("done");
    });
  }

  // ported from test_tasks.py::CoroutineGatherTests::test_cancellation_broadcast (outer task)
  @Test
  void cancellingATaskAwaitingTheGatherCancelsTheChildren() {
    TestLoops.run(() -> {
      Task<String> a = Asyncio.createTask(after(10, "a"));
      Task<String> b = Asyncio.createTask(after(10, "b"));
      Task<List<String>> outer = Asyncio.createTask(() -> Asyncio.gather(a, b).await());
      Asyncio.sleep(Duration.ZERO);
      outer.cancel();
      assertThatThrownBy(outer::await).isInstanceOf(CancelledException.class);
      assertThat(outer.isCancelled()).isTrue();
      assertThat(a.isCancelled()).isTrue();
      assertThat(b.isCancelled()).isTrue();
    });
  }

  // ported from test_tasks.py::CoroutineGatherTests::test_duplicate_coroutines
  @Test
  void aFutureGivenTwiceGivesItsResultTwice() {
    List<String> r =
        TestLoops.run(() -> {
          Task<String> t = Asyncio.createTask(after(1, "x"));
          Task<String> u = Asyncio.createTask(after(2, "y"));
          return Asyncio.gather(t, u, t).await();
        });
    assertThat(r).containsExactly("x", "y", "x");
  }

  // gather tells a pending future seen before by its last callback, a done one by a set
  @Test
  void pendingAndDoneFuturesGivenSeveralTimesAreAwaitedOnce() {
    List<@Nullable Object> r =
        TestLoops.run(() -> {
          EventLoop loop = Asyncio.getRunningLoop();
          Future<Object> done = loop.createFuture();
          done.setResult("done");
          Future<Object> p1 = loop.createFuture();
          Future<Object> p2 = loop.createFuture();
          Future<List<@Nullable Object>> g = Asyncio.gather(p1, done, p2, p1, done, p2, p1);
          loop.callSoon(() -> p1.setResult(1));
          loop.callSoon(() -> p2.setResult(2));
          return g.await();
        });
    assertThat(r).containsExactly(1, "done", 2, 1, "done", 2, 1);
  }

  // ported from test_tasks.py::FutureGatherTests::test_result_exception_success
  @Test
  void gatherOfPlainFuturesCompletedByCallbacks() {
    List<@Nullable Object> r =
        TestLoops.run(() -> {
          EventLoop loop = Asyncio.getRunningLoop();
          Future<Object> f1 = loop.createFuture();
          Future<Object> f2 = loop.createFuture();
          Future<List<@Nullable Object>> g = Asyncio.gatherReturnExceptions(f1, f2);
          loop.callLater(Duration.ofSeconds(2), () -> f1.setResult("one"));
          loop.callLater(Duration.ofSeconds(1), () -> f2.setResult(2));
          return g.await();
        });
    assertThat(r).containsExactly("one", 2);
  }

  private static Coroutine<String> sleepyChild(boolean swallow) {
    return () -> {
      try {
        Asyncio.sleep(Duration.ofSeconds(10));
        return "slept";
      } catch (CancelledException e) {
        if (swallow) {
          return "swallowed";
        }
        throw e;
      }
    };
  }

  // CPython 3.11: gather(..., return_exceptions=True).cancel("bye") makes `await g` raise
  // CancelledError('bye'), the cancellation of the child that finished last
  @Test
  void cancellingGatherReturnExceptionsCarriesTheMessage() {
    TestLoops.run(() -> {
      Future<List<@Nullable Object>> g =
          Asyncio.gatherReturnExceptions(
              Asyncio.createTask(sleepyChild(false)), Asyncio.createTask(sleepyChild(false)));
      Asyncio.sleep(Duration.ZERO);
      assertThat(g.cancel("bye")).isTrue();
      assertThatThrownBy(g::await).isInstanceOf(CancelledException.class).hasMessage("bye");
    });
  }

  // CPython 3.11: a task awaiting the cancelled gather ends with CancelledError('bye5')
  @Test
  void aTaskAwaitingACancelledGatherReturnExceptionsSeesTheMessage() {
    TestLoops.run(() -> {
      Future<List<@Nullable Object>> g =
          Asyncio.gatherReturnExceptions(Asyncio.createTask(sleepyChild(false)));
      Task<List<@Nullable Object>> waiter = Asyncio.createTask(() -> g.await());
      Asyncio.sleep(Duration.ZERO);
      g.cancel("bye5");
      assertThatThrownBy(waiter::await).isInstanceOf(CancelledException.class).hasMessage("bye5");
      assertThat(waiter.isCancelled()).isTrue();
    });
  }

  // CPython 3.11: the outer cancellation is the last child's: with the message when that child
  // was cancelled, without one when it swallowed its cancellation and returned
  @Test
  void theGathersCancellationIsTheLastFinishedChilds() {
    TestLoops.run(() -> {
      Future<List<@Nullable Object>> lastCancelled =
          Asyncio.gatherReturnExceptions(
              Asyncio.createTask(sleepyChild(true)), Asyncio.createTask(sleepyChild(false)));
      Asyncio.sleep(Duration.ZERO);
      lastCancelled.cancel("bye3");
      assertThatThrownBy(lastCancelled::await)
          .isInstanceOf(CancelledException.class)
          .hasMessage("bye3");

      Future<List<@Nullable Object>> lastSwallowed =
          Asyncio.gatherReturnExceptions(
              Asyncio.createTask(sleepyChild(false)), Asyncio.createTask(sleepyChild(true)));
      Asyncio.sleep(Duration.ZERO);
      lastSwallowed.cancel("bye2");
      assertThatThrownBy(lastSwallowed::await)
          .isInstanceOf(CancelledException.class)
          .satisfies(e -> assertThat(e.getMessage()).isNullOrEmpty());
    });
  }
}

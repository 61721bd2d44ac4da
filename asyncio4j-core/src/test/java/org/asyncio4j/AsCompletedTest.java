package org.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class AsCompletedTest {

  private static Coroutine<String> after(int millis, String value) {
    return () -> Asyncio.sleep(Duration.ofMillis(millis), value);
  }

  // ported from test_tasks.py::test_as_completed
  @Test
  void futuresComeInTheOrderTheyComplete() {
    List<String> order = new ArrayList<>();
    try (EventLoop loop = TestLoops.virtual()) {
      loop.runUntilComplete(() -> {
        Task<String> a = Asyncio.createTask(after(150, "a"));
        Task<String> b = Asyncio.createTask(after(50, "b"));
        Task<String> c = Asyncio.createTask(after(100, "c"));
        for (Task<String> t : Asyncio.asCompleted(List.of(a, b, c), null)) {
          order.add(t.await() + "@" + loop.timeNanos() / 1_000_000);
        }
      });
    }
    assertThat(order).containsExactly("b@50", "c@100", "a@150");
  }

  // ported from test_tasks.py::test_as_completed_same_tasks_in_as_out
  @Test
  void theOriginalFuturesAreReturned() {
    TestLoops.run(() -> {
      Task<String> a = Asyncio.createTask(after(20, "a"));
      Task<String> b = Asyncio.createTask(after(10, "b"));
      List<Task<String>> seen = new ArrayList<>();
      Asyncio.asCompleted(List.of(a, b), null).forEach(seen::add);
      assertThat(seen).containsExactly(b, a);
    });
  }

  // ported from test_tasks.py::test_as_completed_with_timeout
  @Test
  void nextRaisesAsyncTimeoutExceptionWhenTheTimeoutPassesFirst() {
    try (EventLoop loop = TestLoops.virtual()) {
      loop.runUntilComplete(() -> {
        Task<String> fast = Asyncio.createTask(after(50, "fast"));
        Task<String> slow = Asyncio.createTask(after(10_000, "slow"));
        Iterator<Task<String>> it =
            Asyncio.asCompleted(List.of(slow, fast), Duration.ofMillis(100)).iterator();
        assertThat(it.hasNext()).isTrue();
        assertThat(it.next()).isSameAs(fast);
        assertThatThrownBy(it::next)
            .isInstanceOf(AsyncTimeoutException.class)
            .hasMessage("asCompleted timed out after 100 ms with futures still pending");
        assertThat(loop.timeNanos()).isEqualTo(Duration.ofMillis(100).toNanos());
        assertThat(it.hasNext()).isFalse(); // one item per future: the timeout was slow's
        assertThat(slow.isCancelled()).isFalse(); // as_completed never cancels
        slow.cancel();
      });
    }
  }

  // ported from test_tasks.py::test_as_completed_reverse_wait (already done futures)
  @Test
  void doneFuturesAreReturnedWithoutWaiting() {
    TestLoops.run(() -> {
      EventLoop loop = Asyncio.getRunningLoop();
      Future<String> f1 = loop.createFuture();
      Future<String> f2 = loop.createFuture();
      f2.setResult("two");
      f1.setResult("one");
      List<String> results = new ArrayList<>();
      for (Future<String> f : Asyncio.asCompleted(List.of(f1, f2), null)) {
        results.add(f.result());
      }
      assertThat(results).containsExactlyInAnyOrder("one", "two");
      assertThat(loop.timeNanos()).isZero();
    });
  }

  // ported from test_tasks.py::test_as_completed_duplicate_coroutines
  @Test
  void duplicatesAreReturnedOnceAndTheIteratorEnds() {
    TestLoops.run(() -> {
      Task<String> a = Asyncio.createTask(after(10, "a"));
      Iterator<Task<String>> it = Asyncio.asCompleted(List.of(a, a), null).iterator();
      assertThat(it.next()).isSameAs(a);
      assertThat(it.hasNext()).isFalse();
      assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
    });
  }

  // ported from test_tasks.py::test_as_completed_concurrent (a failed future is returned too)
  @Test
  void aFailedFutureIsReturnedAndItsAwaitRaises() {
    TestLoops.run(() -> {
      Task<String> failing =
          Asyncio.createTask(() -> {
            Asyncio.sleep(Duration.ofMillis(10));
            throw new IllegalStateException("boom");
          });
      Task<String> ok = Asyncio.createTask(after(20, "ok"));
      Iterator<Task<String>> it = Asyncio.asCompleted(List.of(ok, failing), null).iterator();
      Task<String> first = it.next();
      assertThat(first).isSameAs(failing);
      assertThatThrownBy(first::await).hasMessage("boom");
      assertThat(it.next().await()).isEqualTo("ok");
    });
  }

  // CPython 3.11/3.13: a second loop over the same as_completed resumes where the first stopped
  // (a generator / an iterator that is its own __iter__) and ends; it never starts over or hangs
  @Test
  void aSecondLoopResumesWhereTheFirstStoppedAndEnds() {
    try (EventLoop loop = TestLoops.virtual()) {
      loop.runUntilComplete(() -> {
        Task<String> a = Asyncio.createTask(after(30, "a"));
        Task<String> b = Asyncio.createTask(after(10, "b"));
        Task<String> c = Asyncio.createTask(after(20, "c"));
        Iterable<Task<String>> completed = Asyncio.asCompleted(List.of(a, b, c));
        List<String> first = new ArrayList<>();
        for (Task<String> t : completed) {
          first.add(t.await());
          break;
        }
        List<String> second = new ArrayList<>();
        for (Task<String> t : completed) {
          second.add(t.await());
        }
        List<String> third = new ArrayList<>();
        for (Task<String> t : completed) {
          third.add(t.await());
        }
        assertThat(first).containsExactly("b");
        assertThat(second).containsExactly("c", "a");
        assertThat(third).isEmpty();
        assertThat(completed.iterator().hasNext()).isFalse();
        assertThat(loop.timeNanos()).isEqualTo(Duration.ofMillis(30).toNanos());
      });
    }
  }

  // CPython 3.11: after the timeout, each remaining item raises TimeoutError once, then the loop
  // ends (as_completed(ts, timeout=0.1) over fast, slow, slow2: fast, TimeoutError, TimeoutError)
  @Test
  void afterTheTimeoutEachPendingFutureRaisesOnceAndTheIterationEnds() {
    TestLoops.run(() -> {
      Task<String> fast = Asyncio.createTask(after(50, "fast"));
      Task<String> slow = Asyncio.createTask(after(10_000, "slow"));
      Task<String> slow2 = Asyncio.createTask(after(10_000, "slow2"));
      List<String> seen = new ArrayList<>();
      Iterator<Task<String>> it =
          Asyncio.asCompleted(List.of(fast, slow, slow2), Duration.ofMillis(100)).iterator();
      while (it.hasNext()) {
        try {
          seen.add(it.next().await());
        } catch (AsyncTimeoutException e) {
          seen.add("timeout");
        }
      }
      assertThat(seen).containsExactly("fast", "timeout", "timeout");
      slow.cancel();
      slow2.cancel();
    });
  }

  // A task cancelled while it waits in next() takes nothing: the next call gets that future.
  @Test
  @SuppressWarnings("FutureReturnValueIgnored") // as_completed hands out futures of futures
  void aNextCancelledWhileWaitingLosesNoFuture() {
    TestLoops.run(() -> {
      Task<String> a = Asyncio.createTask(after(10, "a"));
      Iterator<Task<String>> it = Asyncio.asCompleted(List.of(a)).iterator();
      Task<Task<String>> taker = Asyncio.createTask(it::next);
      Asyncio.sleep(Duration.ZERO);
      taker.cancel();
      assertThatThrownBy(taker::await).isInstanceOf(CancelledException.class);
      assertThat(it.hasNext()).isTrue();
      assertThat(it.next()).isSameAs(a);
      assertThat(it.hasNext()).isFalse();
    });
  }

  // CPython 3.11: `for f in as_completed(ts): await f`: the awaitables are handed out before any
  // task is done, and each resolves to the next result in completion order (b, c, then a)
  @Test
  void asCompletedFuturesHandsOutFuturesOfTheResultsInCompletionOrder() {
    try (EventLoop loop = TestLoops.virtual()) {
      loop.runUntilComplete(() -> {
        Task<String> a = Asyncio.createTask(after(30, "a"));
        Task<String> b = Asyncio.createTask(after(10, "b"));
        Task<String> c = Asyncio.createTask(after(20, "c"));
        Iterator<Future<String>> it = Asyncio.asCompletedFutures(List.of(a, b, c)).iterator();
        Future<String> first = it.next();
        Future<String> second = it.next();
        assertThat(loop.timeNanos()).isZero();
        assertThat(first.isDone() || second.isDone() || a.isDone()).isFalse();
        assertThat(first).isNotIn(a, b, c);
        assertThat(first.await()).isEqualTo("b");
        assertThat(loop.timeNanos()).isEqualTo(Duration.ofMillis(10).toNanos());
        assertThat(second.await()).isEqualTo("c");
        List<String> rest = new ArrayList<>();
        for (Future<String> f : Asyncio.asCompletedFutures(List.of(a))) {
          rest.add(f.await());
        }
        assertThat(rest).containsExactly("a");
        // the same iterable: its last future, then nothing
        Iterable<Future<String>> same = () -> it;
        List<String> tail = new ArrayList<>();
        for (Future<String> f : same) {
          tail.add(f.await());
        }
        assertThat(tail).containsExactly("a");
        assertThat(it.hasNext()).isFalse();
        assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
      });
    }
  }

  // CPython 3.11: the awaitable of a failed task raises its exception, of a cancelled one
  // CancelledError with the cancel message (ValueError('boom'), then CancelledError('bye'))
  @Test
  void asCompletedFuturesCarryFailuresAndCancellations() {
    TestLoops.run(() -> {
      IllegalStateException boom = new IllegalStateException("boom");
      Task<String> failing =
          Asyncio.createTask(() -> {
            Asyncio.sleep(Duration.ofMillis(50));
            throw boom;
          });
      Task<String> cancelled = Asyncio.createTask(after(10_000, "x"));
      Asyncio.getRunningLoop().callLater(Duration.ofMillis(100), () -> cancelled.cancel("bye"));
      List<Object> outcomes = new ArrayList<>();
      for (Future<String> f : Asyncio.asCompletedFutures(List.of(cancelled, failing))) {
        try {
          outcomes.add(f.await());
        } catch (CancelledException e) {
          outcomes.add("cancelled: " + e.getMessage());
        } catch (IllegalStateException e) {
          outcomes.add(e);
        }
      }
      assertThat(outcomes).containsExactly(boom, "cancelled: bye");
    });
  }

  // CPython 3.11: with timeout=0.1 the awaitables of the tasks still pending raise TimeoutError
  @Test
  void asCompletedFuturesFailWithTheTimeout() {
    try (EventLoop loop = TestLoops.virtual()) {
      loop.runUntilComplete(() -> {
        Task<String> fast = Asyncio.createTask(after(50, "fast"));
        Task<String> slow = Asyncio.createTask(after(10_000, "slow"));
        Task<String> slow2 = Asyncio.createTask(after(10_000, "slow2"));
        List<Future<String>> handed = new ArrayList<>();
        Asyncio.asCompletedFutures(List.of(slow, fast, slow2), Duration.ofMillis(100))
            .forEach(handed::add);
        assertThat(handed).hasSize(3);
        assertThat(handed.get(0).await()).isEqualTo("fast");
        assertThatThrownBy(handed.get(1)::await).isInstanceOf(AsyncTimeoutException.class);
        assertThat(loop.timeNanos()).isEqualTo(Duration.ofMillis(100).toNanos());
        assertThatThrownBy(handed.get(2)::await).isInstanceOf(AsyncTimeoutException.class);
        assertThat(slow.isCancelled()).isFalse(); // as_completed never cancels
        slow.cancel();
        slow2.cancel();
      });
    }
  }

  // Issue 7: the message says how long it waited as people write it ("1.5 s"), in both forms, as
  // Timeout's does, never a Duration's "PT1.5S".
  @Test
  void theTimeoutMessageSaysTheDelayInSeconds() {
    TestLoops.run(() -> {
      Task<String> slow = Asyncio.createTask(after(10_000, "slow"));
      Iterator<Task<String>> originals =
          Asyncio.asCompleted(List.of(slow), Duration.ofMillis(1500)).iterator();
      assertThatThrownBy(originals::next)
          .isInstanceOf(AsyncTimeoutException.class)
          .hasMessage("asCompleted timed out after 1.5 s with futures still pending");
      Future<String> outcome =
          Asyncio.asCompletedFutures(List.of(slow), Duration.ofSeconds(2)).iterator().next();
      assertThatThrownBy(outcome::await)
          .isInstanceOf(AsyncTimeoutException.class)
          .hasMessage("asCompleted timed out after 2 s with futures still pending");
      slow.cancel();
    });
  }

  // A future handed out and cancelled by its holder passes its turn to the next one handed out,
  // as a cancelled `await f` of asyncio leaves the outcome in the queue for the next awaitable.
  @Test
  void aCancelledHandedOutFutureGivesItsTurnToTheNext() {
    TestLoops.run(() -> {
      Task<String> a = Asyncio.createTask(after(10, "a"));
      Task<String> b = Asyncio.createTask(after(20, "b"));
      Iterator<Future<String>> it = Asyncio.asCompletedFutures(List.of(a, b)).iterator();
      Future<String> dropped = it.next();
      Future<String> kept = it.next();
      dropped.cancel();
      assertThat(kept.await()).isEqualTo("a");
      assertThat(it.hasNext()).isFalse();
      b.await();
    });
  }

  // Futures already done: handed-out futures are done at once (no turn of the loop needed).
  @Test
  void asCompletedFuturesOfDoneFuturesResolveWithoutWaiting() {
    TestLoops.run(() -> {
      EventLoop loop = Asyncio.getRunningLoop();
      Future<String> f1 = loop.createFuture();
      f1.setResult("one");
      Asyncio.sleep(Duration.ZERO);
      Iterable<Future<String>> outcomes = Asyncio.asCompletedFutures(List.of(f1, f1));
      Asyncio.sleep(Duration.ZERO); // the done callback runs on the next turn
      Iterator<Future<String>> it = outcomes.iterator();
      Future<String> only = it.next();
      assertThat(only.isDone()).isTrue();
      assertThat(only.result()).isEqualTo("one");
      assertThat(it.hasNext()).isFalse(); // a future given twice counts once
      assertThat(loop.timeNanos()).isZero();
    });
  }

  // CPython 3.13: two tasks iterating one as_completed each take the next future (its queue
  // serves every waiter); neither waits forever
  @Test
  @SuppressWarnings("FutureReturnValueIgnored") // as_completed hands out futures of futures
  void twoTasksIteratingTheSameObjectEachGetOne() {
    TestLoops.run(() -> {
      Task<String> a = Asyncio.createTask(after(10, "a"));
      Task<String> b = Asyncio.createTask(after(20, "b"));
      Iterator<Task<String>> it = Asyncio.asCompleted(List.of(a, b)).iterator();
      Task<Task<String>> first = Asyncio.createTask(it::next);
      Task<Task<String>> second = Asyncio.createTask(it::next);
      assertThat(first.await()).isSameAs(a);
      assertThat(second.await()).isSameAs(b);
      assertThat(it.hasNext()).isFalse();

      // one future left and two tasks waiting for it: one gets it, the other's next() ends
      Task<String> c = Asyncio.createTask(after(10, "c"));
      Iterator<Task<String>> one = Asyncio.asCompleted(List.of(c)).iterator();
      Task<Task<String>> taker = Asyncio.createTask(one::next);
      Task<Task<String>> late = Asyncio.createTask(one::next);
      assertThat(taker.await()).isSameAs(c);
      assertThatThrownBy(late::await).isInstanceOf(NoSuchElementException.class);
    });
  }
}

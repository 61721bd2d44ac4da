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
        assertThatThrownBy(it::next).isInstanceOf(AsyncTimeoutException.class);
        assertThat(loop.timeNanos()).isEqualTo(Duration.ofMillis(100).toNanos());
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
}

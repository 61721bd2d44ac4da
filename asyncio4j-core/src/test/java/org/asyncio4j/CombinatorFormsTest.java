package org.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.asyncio4j.Asyncio.asCompleted;
import static org.asyncio4j.Asyncio.asCompletedFutures;
import static org.asyncio4j.Asyncio.createTask;
import static org.asyncio4j.Asyncio.gather;
import static org.asyncio4j.Asyncio.gatherReturnExceptions;
import static org.asyncio4j.Asyncio.run;
import static org.asyncio4j.Asyncio.sleep;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The call forms of gather, wait, asCompleted and run that a user writes first, with asyncio's
 * defaults: each test is there as much to compile as to run (a form that stops compiling, through
 * an overload that makes it ambiguous, fails the build).
 */
@Timeout(30)
class CombinatorFormsTest {

  private static String fetch(String url) {
    sleep(Duration.ofMillis(url.length()));
    return "page of " + url;
  }

  // CPython: asyncio.gather(*[fetch(u) for u in urls]) (the tutorial's form), results in order
  @Test
  void gatherOfAListOfCoroutines() {
    TestLoops.run(() -> {
      List<String> urls = List.of("long-url", "a", "mid");
      List<Coroutine<String>> fetches = new ArrayList<>();
      for (String url : urls) {
        fetches.add(() -> fetch(url));
      }
      List<String> pages = gather(fetches).await();
      assertThat(pages).containsExactly("page of long-url", "page of a", "page of mid");

      List<String> streamed =
          gather(urls.stream().map(u -> (Coroutine<String>) () -> fetch(u)).toList()).await();
      assertThat(streamed).isEqualTo(pages);

      Set<Coroutine<Integer>> set = new LinkedHashSet<>();
      set.add(() -> 1);
      set.add(() -> 2);
      List<Integer> fromSet = gather(set).await();
      assertThat(fromSet).containsExactly(1, 2);
    });
  }

  // CPython: asyncio.gather() returns a future already done with []
  @Test
  void gatherWithNoArgumentsIsADoneEmptyList() {
    TestLoops.run(() -> {
      Future<List<Object>> nothing = gather();
      assertThat(nothing.isDone()).isTrue();
      assertThat(nothing.result()).isEmpty();
      List<String> typed = Asyncio.<String>gather().await();
      assertThat(typed).isEmpty();
      Future<List<@Nullable Object>> none = gatherReturnExceptions();
      assertThat(none.isDone()).isTrue();
      assertThat(none.result()).isEmpty();
    });
  }

  // CPython: asyncio.gather(coro1(), coro2()) with lambdas, expression and block forms
  @Test
  void gatherOfLambdas() {
    TestLoops.run(() -> {
      List<Integer> ints = gather(() -> 1, () -> 2).await();
      assertThat(ints).containsExactly(1, 2);
      var inferred = gather(() -> "a", () -> "b");
      List<String> strings = inferred.await();
      assertThat(strings).containsExactly("a", "b");
      List<String> calls = gather(() -> fetch("x"), () -> fetch("yy")).await();
      assertThat(calls).containsExactly("page of x", "page of yy");
      List<Integer> blocks =
          gather(
                  () -> {
                    sleep(Duration.ofMillis(2));
                    return 2;
                  },
                  () -> 1)
              .await();
      assertThat(blocks).containsExactly(2, 1);
      Task<String> t = createTask(() -> "t");
      List<String> ofTasks = gather(t, t).await();
      assertThat(ofTasks).containsExactly("t", "t");
      List<String> ofTaskList = gather(List.of(t)).await();
      assertThat(ofTaskList).containsExactly("t");
    });
  }

  // CPython: asyncio.gather(worker(), worker()) of coroutines returning None: [None, None]
  @Test
  void gatherOfBodiesWithoutAResult() {
    TestLoops.run(() -> {
      List<String> log = new ArrayList<>();
      List<@Nullable Void> nones =
          gather(
                  () -> {
                    sleep(Duration.ofMillis(2));
                    log.add("slow");
                  },
                  () -> log.add("fast"))
              .await();
      assertThat(nones).containsExactly(null, null);
      assertThat(log).containsExactly("fast", "slow");
      // a value-returning call still picks the form with results
      List<String> pages = gather(() -> fetch("a")).await();
      assertThat(pages).containsExactly("page of a");
    });
  }

  // CPython: asyncio.gather(*coros, return_exceptions=True) over a list
  @Test
  void gatherReturnExceptionsOfAListOfCoroutines() {
    TestLoops.run(() -> {
      IllegalStateException boom = new IllegalStateException("boom");
      List<Coroutine<?>> bodies = new ArrayList<>();
      bodies.add(() -> "ok");
      bodies.add(() -> {
        throw boom;
      });
      List<@Nullable Object> r = gatherReturnExceptions(bodies).await();
      assertThat(r).containsExactly("ok", boom);
      List<@Nullable Object> lambdas =
          gatherReturnExceptions(
                  () -> 1,
                  () -> {
                    throw boom;
                  })
              .await();
      assertThat(lambdas).containsExactly(1, boom);
    });
  }

  // CPython: asyncio.wait(aws) defaults to timeout=None, return_when=ALL_COMPLETED
  @Test
  void waitWithAsyncioDefaults() {
    try (EventLoop loop = TestLoops.virtual()) {
      loop.runUntilComplete(() -> {
        Task<String> slow = createTask(() -> sleep(Duration.ofSeconds(2), "slow"));
        Task<String> fast = createTask(() -> sleep(Duration.ofSeconds(1), "fast"));
        DoneAndPending<Task<String>> all = Asyncio.wait(List.of(slow, fast));
        assertThat(all.done()).containsExactlyInAnyOrder(slow, fast);
        assertThat(all.pending()).isEmpty();
        assertThat(loop.timeNanos()).isEqualTo(Duration.ofSeconds(2).toNanos());

        Task<String> later = createTask(() -> sleep(Duration.ofSeconds(5), "later"));
        Task<String> soon = createTask(() -> sleep(Duration.ofSeconds(1), "soon"));
        DoneAndPending<Task<String>> first =
            Asyncio.wait(Set.of(later, soon), ReturnWhen.FIRST_COMPLETED);
        assertThat(first.done()).containsExactly(soon);
        assertThat(first.pending()).containsExactly(later);

        DoneAndPending<Task<String>> timedOut = Asyncio.wait(List.of(later), Duration.ofSeconds(1));
        assertThat(timedOut.done()).isEmpty();
        assertThat(timedOut.pending()).containsExactly(later);
        assertThat(loop.timeNanos()).isEqualTo(Duration.ofSeconds(4).toNanos());
        later.cancel();
      });
    }
  }

  // The issue: wait(..., returnWhen = null) is refused at once, before it waits; NullAway would
  // refuse the null at compile time, a caller it does not check passes it at run time
  @Test
  @SuppressWarnings("NullAway")
  void waitRefusesANullReturnWhen() {
    TestLoops.run(() -> {
      Task<String> t = createTask(() -> "t");
      ReturnWhen none = null;
      Throwable thrown = null;
      try {
        Asyncio.wait(List.of(t), null, none);
      } catch (NullPointerException e) {
        thrown = e;
      }
      assertThat(thrown).hasMessageContaining("returnWhen");
      t.await();
    });
  }

  // CPython: as_completed(aws) without a timeout; both forms
  @Test
  void asCompletedWithoutATimeout() {
    TestLoops.run(() -> {
      Task<String> b = createTask(() -> sleep(Duration.ofMillis(20), "b"));
      Task<String> a = createTask(() -> sleep(Duration.ofMillis(10), "a"));
      List<String> order = new ArrayList<>();
      for (Task<String> t : asCompleted(List.of(b, a))) {
        order.add(t.await());
      }
      Task<String> d = createTask(() -> sleep(Duration.ofMillis(20), "d"));
      Task<String> c = createTask(() -> sleep(Duration.ofMillis(10), "c"));
      for (Future<String> f : asCompletedFutures(Set.of(d, c))) {
        order.add(f.await());
      }
      assertThat(order).containsExactly("a", "b", "c", "d");
    });
  }

  // CPython: asyncio.run(main(), debug=True) for a main without a result
  @Test
  void runAVoidCoroutineWithSettings() {
    AtomicBoolean debug = new AtomicBoolean();
    AtomicReference<Long> clock = new AtomicReference<>();
    run(
        () -> {
          debug.set(Asyncio.getRunningLoop().isDebug());
          sleep(Duration.ofHours(1)); // instant on the virtual clock
          clock.set(Asyncio.getRunningLoop().timeNanos());
        },
        EventLoop.builder().debug(true).virtualTime(true));
    assertThat(debug).isTrue();
    assertThat(clock.get()).isEqualTo(Duration.ofHours(1).toNanos());
    int answer = run(() -> 42, EventLoop.builder().virtualTime(true));
    assertThat(answer).isEqualTo(42);
  }
}

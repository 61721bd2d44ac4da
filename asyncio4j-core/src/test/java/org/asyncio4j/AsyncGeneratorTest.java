package org.asyncio4j;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Async generators. Where a test states an expected order, that order is what CPython 3.11 prints
 * for the same program (the Python twin is quoted above the test).
 */
@org.junit.jupiter.api.Timeout(30)
class AsyncGeneratorTest {

  private static AsyncGenerator<Integer> counting(int n, Duration pause, List<String> log) {
    return AsyncGenerator.of(out -> {
      try {
        for (int i = 0; i < n; i++) {
          Asyncio.sleep(pause);
          out.yield(i);
        }
      } finally {
        log.add("finally");
      }
    });
  }

  @Test
  void theBodyRunsOnlyWhenAskedAndAForLoopConsumesEveryValueInOrder() {
    List<String> log = new ArrayList<>();
    AsyncGenerator<Integer> gen =
        AsyncGenerator.of(out -> {
          for (int i = 0; i < 3; i++) {
            log.add("produce " + i);
            out.yield(i);
          }
          log.add("end");
        });
    TestLoops.run(() -> {
      Asyncio.sleep(Duration.ofSeconds(1));
      assertThat(log).isEmpty(); // lazy: nothing ran before the first request
      for (int v : gen) {
        log.add("consume " + v);
      }
      assertThat(gen.isDone()).isTrue();
      assertThat(gen.hasNext()).isFalse();
      assertThatThrownBy(gen::next)
          .isInstanceOf(NoSuchElementException.class)
          .hasMessageContaining("StopAsyncIteration");
    });
    assertThat(log)
        .containsExactly(
            "produce 0", "consume 0", "produce 1", "consume 1", "produce 2", "consume 2", "end");
  }

  /*
   * async def gen():
   *     log.append("g:start"); yield 1
   *     log.append("g:after1"); await asyncio.sleep(0)
   *     log.append("g:after-sleep0"); yield 2
   *     log.append("g:end")
   * async def other(n):
   *     for i in range(4): log.append(f"o{n}:{i}"); await asyncio.sleep(0)
   * async def consumer():
   *     async for v in gen(): log.append(f"c:{v}"); await asyncio.sleep(0)
   *     log.append("c:done")
   * await asyncio.gather(consumer(), other(1))
   */
  @Test
  void consumerAndBodyInterleaveWithOtherTasksStepForStepAsInAsyncio() {
    List<String> log = new ArrayList<>();
    TestLoops.run(() -> {
      Task<Void> consumer =
          Asyncio.createTask(() -> {
            AsyncGenerator<Integer> gen =
                AsyncGenerator.of(out -> {
                  log.add("g:start");
                  out.yield(1);
                  log.add("g:after1");
                  Asyncio.sleep(Duration.ZERO);
                  log.add("g:after-sleep0");
                  out.yield(2);
                  log.add("g:end");
                });
            for (int v : gen) {
              log.add("c:" + v);
              Asyncio.sleep(Duration.ZERO);
            }
            log.add("c:done");
          });
      Task<Void> other =
          Asyncio.createTask(() -> {
            for (int i = 0; i < 4; i++) {
              log.add("o1:" + i);
              Asyncio.sleep(Duration.ZERO);
            }
          });
      Asyncio.gather(consumer, other).await();
    });
    assertThat(log)
        .containsExactly(
            "g:start",
            "c:1",
            "o1:0",
            "g:after1",
            "o1:1",
            "g:after-sleep0",
            "c:2",
            "o1:2",
            "g:end",
            "c:done",
            "o1:3");
  }

  @Test
  void aNullValueFetchedByHasNextWaitsForNext() {
    TestLoops.run(() -> {
      AsyncGenerator<@Nullable String> gen =
          AsyncGenerator.of(out -> {
            out.yield(null);
            out.yield(null);
          });
      assertThat(gen.hasNext()).isTrue();
      assertThat(gen.hasNext()).isTrue(); // the waiting null is a value, not "nothing waiting"
      assertThat(gen.next()).isNull();
      assertThat(gen.hasNext()).isTrue();
      assertThat(gen.next()).isNull();
      assertThat(gen.hasNext()).isFalse();
      assertThat(gen.isDone()).isTrue();
    });
  }

  @Test
  void valuesMayBeNullAndNextWorksWithoutHasNext() {
    TestLoops.run(() -> {
      AsyncGenerator<@Nullable String> gen =
          AsyncGenerator.of(out -> {
            out.yield(null);
            out.yield("x");
          });
      assertThat(gen.next()).isNull();
      assertThat(gen.hasNext()).isTrue();
      assertThat(gen.hasNext()).isTrue(); // a waiting value is not consumed by hasNext
      assertThat(gen.next()).isEqualTo("x");
      assertThat(gen.hasNext()).isFalse();
    });
  }

  @Test
  void closeRaisesGeneratorExitAtTheYieldAndRunsFinallyBlocksThatMayAwait() {
    List<String> log = new ArrayList<>();
    EventLoop[] loopRef = new EventLoop[1];
    TestLoops.run(() -> {
      loopRef[0] = Asyncio.getRunningLoop();
      AsyncGenerator<Integer> gen =
          AsyncGenerator.of(out -> {
            try {
              out.yield(1);
              out.yield(2);
            } catch (GeneratorExitException e) {
              log.add("exit: " + e.getMessage());
              throw e;
            } finally {
              Asyncio.sleep(Duration.ofSeconds(5));
              log.add("finally after awaiting");
            }
          });
      try (gen) {
        for (int v : gen) {
          log.add("got " + v);
          break;
        }
      }
      log.add("closed at " + Duration.ofNanos(Asyncio.getRunningLoop().timeNanos()));
      assertThat(gen.isDone()).isTrue();
      assertThat(gen.hasNext()).isFalse();
      gen.close(); // closing a done generator does nothing
    });
    assertThat(log).hasSize(4);
    assertThat(log.get(0)).isEqualTo("got 1");
    assertThat(log.get(1)).startsWith("exit: AsyncGenerator-").endsWith("is being closed");
    assertThat(log.subList(2, 4)).containsExactly("finally after awaiting", "closed at PT5S");
  }

  @Test
  void aGeneratorClosedBeforeItStartedNeverRunsItsBody() {
    AtomicInteger runs = new AtomicInteger();
    AsyncGenerator<Integer> gen =
        AsyncGenerator.of(out -> {
          runs.incrementAndGet();
          out.yield(1);
        });
    gen.close(); // outside any loop: nothing has to run
    TestLoops.run(() -> assertThat(gen.hasNext()).isFalse());
    assertThat(runs).hasValue(0);
    assertThat(gen.isDone()).isTrue();
  }

  @Test
  void aBodyThatYieldsWhileBeingClosedMakesCloseFail() {
    TestLoops.run(() -> {
      AsyncGenerator<Integer> gen =
          AsyncGenerator.of(out -> {
            while (true) {
              try {
                out.yield(1);
              } catch (GeneratorExitException ignored) {
                // wrong: swallows the exit and yields again
              }
            }
          });
      assertThat(gen.next()).isEqualTo(1);
      assertThatThrownBy(gen::close)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("yielded while it was being closed")
          .hasMessageContaining("ignored GeneratorExit");
      assertThat(gen.isDone()).isTrue();
    });
  }

  @Test
  void aFailureOfTheBodyReachesTheConsumerAsTheSameInstanceAndEndsTheGenerator() {
    IllegalArgumentException boom = new IllegalArgumentException("boom");
    IOException checked = new IOException("disk");
    TestLoops.run(() -> {
      AsyncGenerator<Integer> gen =
          AsyncGenerator.of(out -> {
            out.yield(1);
            throw boom;
          });
      assertThat(gen.next()).isEqualTo(1);
      assertThatThrownBy(gen::hasNext).isSameAs(boom);
      assertThat(gen.isDone()).isTrue();
      assertThat(gen.hasNext()).isFalse();

      AsyncGenerator<Integer> io =
          AsyncGenerator.of(out -> {
            throw checked;
          });
      assertThatThrownBy(io::next)
          .isInstanceOf(CompletionException.class)
          .cause()
          .isSameAs(checked);
    });
  }

  /*
   * async def g2():
   *     try:
   *         await asyncio.sleep(10); yield "never"
   *     except asyncio.CancelledError:
   *         log.append("g2:caught"); yield "after-cancel"
   *     finally:
   *         log.append("g2:finally")
   * async def c2():
   *     ag = g2()
   *     v = await ag.__anext__(); log.append(f"c2:{v}")
   *     log.append(f"c2:cancelling={asyncio.current_task().cancelling()}")
   *     await ag.aclose(); log.append("c2:closed")
   * t = asyncio.create_task(c2()); await asyncio.sleep(1); t.cancel(); await t
   */
  @Test
  void aCancelledConsumerCancelsTheBodyWhichMayCatchItAndYield() {
    List<String> log = new ArrayList<>();
    TestLoops.run(() -> {
      Task<Void> t =
          Asyncio.createTask(() -> {
            AsyncGenerator<String> gen =
                AsyncGenerator.of(out -> {
                  try {
                    Asyncio.sleep(Duration.ofSeconds(10));
                    out.yield("never");
                  } catch (CancelledException e) {
                    log.add("g2:caught");
                    out.yield("after-cancel");
                  } finally {
                    log.add("g2:finally");
                  }
                });
            log.add("c2:" + gen.next());
            log.add("c2:cancelling=" + requireNonNull(Asyncio.currentTask()).cancelling());
            gen.close();
            log.add("c2:closed");
          });
      Asyncio.sleep(Duration.ofSeconds(1));
      t.cancel();
      t.await();
      log.add("main2:end");
      assertThat(Asyncio.getRunningLoop().timeNanos()).isEqualTo(Duration.ofSeconds(1).toNanos());
    });
    assertThat(log)
        .containsExactly(
            "g2:caught",
            "c2:after-cancel",
            "c2:cancelling=1",
            "g2:finally",
            "c2:closed",
            "main2:end");
  }

  /*
   * async def gen():
   *     try:
   *         yield 1; log.append("after yield")
   *         await asyncio.sleep(0); log.append("after sleep"); yield 2
   *     except asyncio.CancelledError: log.append("body cancelled"); raise
   *     finally: log.append("finally")
   * ag = gen(); log.append(f"got {await anext(ag)}")
   * asyncio.current_task().cancel()
   * try: log.append(f"got {await anext(ag)}")
   * except asyncio.CancelledError: log.append("consumer cancelled")
   * log.append(f"cancelling={asyncio.current_task().cancelling()}")
   */
  @Test
  void aCancellationPendingWhenTheConsumerAsksIsRaisedAtTheBodysNextAwaitNotAtItsYield() {
    List<String> log = new ArrayList<>();
    TestLoops.run(() -> {
      AsyncGenerator<Integer> gen =
          AsyncGenerator.of(out -> {
            try {
              out.yield(1);
              log.add("after yield");
              Asyncio.sleep(Duration.ZERO);
              log.add("after sleep");
              out.yield(2);
            } catch (CancelledException e) {
              log.add("body cancelled");
              throw e;
            } finally {
              log.add("finally");
            }
          });
      log.add("got " + gen.next());
      requireNonNull(Asyncio.currentTask()).cancel();
      try {
        log.add("got " + gen.next());
      } catch (CancelledException e) {
        log.add("consumer cancelled");
      }
      log.add("cancelling=" + requireNonNull(Asyncio.currentTask()).cancelling());
    });
    assertThat(log)
        .containsExactly(
            "got 1",
            "after yield",
            "body cancelled",
            "finally",
            "consumer cancelled",
            "cancelling=1");
  }

  @Test
  void aCancelledConsumerGetsItsOwnCancellationOnceTheBodyHasRunItsFinallyBlocks() {
    List<String> log = new ArrayList<>();
    TestLoops.run(() -> {
      AsyncGenerator<Integer> gen = counting(3, Duration.ofSeconds(10), log);
      Task<Integer> consumer = Asyncio.createTask(gen::next);
      Asyncio.sleep(Duration.ofSeconds(1));
      assertThat(consumer.cancel("stop")).isTrue();
      assertThatThrownBy(consumer::await).isInstanceOf(CancelledException.class).hasMessage("stop");
      assertThat(log).containsExactly("finally");
      assertThat(gen.isDone()).isTrue();
      assertThat(gen.hasNext()).isFalse();
    });
  }

  @Test
  void aTimeoutAroundTheIterationCancelsTheBodyAndIsRaisedAsTheTimeout() {
    List<String> log = new ArrayList<>();
    TestLoops.run(() -> {
      AsyncGenerator<Integer> gen = counting(10, Duration.ofSeconds(1), log);
      List<Integer> got = new ArrayList<>();
      assertThatThrownBy(
              () -> {
                try (Timeout _ = Asyncio.timeout(Duration.ofMillis(2500))) {
                  for (int v : gen) {
                    got.add(v);
                  }
                }
              })
          .isInstanceOf(AsyncTimeoutException.class);
      assertThat(got).containsExactly(0, 1);
      assertThat(log).containsExactly("finally");
      assertThat(requireNonNull(Asyncio.currentTask()).cancelling()).isZero();
      assertThat(Asyncio.getRunningLoop().timeNanos()).isEqualTo(Duration.ofMillis(2500).toNanos());
    });
  }

  @Test
  void twoTasksCannotWaitOnOneGeneratorAtOnce() {
    TestLoops.run(() -> {
      AsyncGenerator<Integer> gen = counting(3, Duration.ofSeconds(1), new ArrayList<>());
      Task<Integer> first = Asyncio.createTask(gen::next);
      Asyncio.sleep(Duration.ZERO); // first is now waiting for the body
      assertThatThrownBy(gen::next)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("already running");
      assertThatThrownBy(gen::close)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("already running");
      assertThat(first.await()).isZero();
      gen.close();
    });
  }

  @Test
  void iteratingOutsideATaskOrYieldingFromElsewhereIsRefusedWithAClearMessage() {
    AsyncGenerator<Integer> gen = AsyncGenerator.of(out -> out.yield(1));
    assertThatThrownBy(gen::hasNext)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("must be called from a task");
    TestLoops.run(() -> {
      AsyncGenerator<Integer> sneaky =
          AsyncGenerator.of(out -> {
            Asyncio.createTask(() -> out.yield(2)).await(); // a child task may not yield
          });
      assertThatThrownBy(sneaky::next)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("only the body itself may yield");
    });
  }

  @Test
  void theBodysTaskIsNotListedByAllTasks() {
    TestLoops.run(() -> {
      Task<?> me = Asyncio.currentTask();
      @Nullable Task<?>[] bodyTask = new Task<?>[1];
      AsyncGenerator<Integer> gen =
          AsyncGenerator.of(out -> {
            bodyTask[0] = Asyncio.currentTask();
            out.yield(1);
          });
      try (gen) {
        assertThat(gen.next()).isEqualTo(1);
        assertThat(bodyTask[0]).isNotNull().isNotSameAs(me);
        assertThat(Asyncio.allTasks()).containsExactly(me);
      }
    });
  }

  @Test
  void asyncioRunClosesTheGeneratorsLeftOpenAfterCancellingTheTasks() {
    List<String> log = new ArrayList<>();
    List<AsyncGenerator<Integer>> keep = new ArrayList<>();
    Asyncio.run(() -> {
      AsyncGenerator<Integer> gen =
          AsyncGenerator.of(out -> {
            try {
              out.yield(1);
              out.yield(2);
            } finally {
              Asyncio.sleep(Duration.ZERO); // finally blocks may still await
              log.add("gen finally");
            }
          });
      keep.add(gen);
      assertThat(gen.next()).isEqualTo(1);
      var _ =
          Asyncio.createTask(() -> {
            try {
              Asyncio.sleep(Duration.ofDays(1));
            } finally {
              log.add("task cancelled");
            }
          });
      Asyncio.sleep(Duration.ZERO);
      log.add("main done");
    });
    assertThat(log).containsExactly("main done", "task cancelled", "gen finally");
    assertThat(keep.get(0).isDone()).isTrue();
  }

  @Test
  @SuppressWarnings({"finally", "Finally"}) // the body's finally block fails on purpose
  void shutdownAsyncgensReportsAFailingFinallyToTheExceptionHandler() {
    List<ExceptionContext> reports = new ArrayList<>();
    IllegalStateException bad = new IllegalStateException("finally failed");
    try (EventLoop loop = TestLoops.virtual()) {
      loop.setExceptionHandler((l, ctx) -> reports.add(ctx));
      @SuppressWarnings("ModifiedButNotUsed") // keeps the generator reachable until the end
      List<AsyncGenerator<Integer>> keep = new ArrayList<>();
      loop.runUntilComplete(() -> {
        AsyncGenerator<Integer> gen =
            AsyncGenerator.of(out -> {
              try {
                out.yield(1);
              } finally {
                throw bad;
              }
            });
        keep.add(gen);
        gen.next();
        loop.shutdownAsyncgens();
        assertThat(gen.isDone()).isTrue();
      });
      assertThat(reports).hasSize(1);
      assertThat(reports.get(0).message())
          .startsWith("an error occurred during closing of asynchronous generator");
      assertThat(reports.get(0).exception()).isSameAs(bad);
    }
  }

  @Test
  void shutdownAsyncgensOutsideATaskSaysSo() {
    try (EventLoop loop = TestLoops.virtual()) {
      assertThatThrownBy(loop::shutdownAsyncgens)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("must be called from a task");
    }
  }

  @Test
  void closingTheLoopClosesOpenGeneratorsWithoutReportingTheirTasksAsDestroyed() {
    List<String> log = new ArrayList<>();
    List<ExceptionContext> reports = new ArrayList<>();
    @SuppressWarnings("ModifiedButNotUsed") // keeps the generator reachable until the end
    List<AsyncGenerator<Integer>> keep = new ArrayList<>();
    try (EventLoop loop = TestLoops.virtual()) {
      loop.setExceptionHandler((l, ctx) -> reports.add(ctx));
      loop.runUntilComplete(() -> {
        AsyncGenerator<Integer> gen = counting(5, Duration.ZERO, log);
        keep.add(gen);
        gen.next();
      });
    }
    assertThat(log).containsExactly("finally");
    assertThat(reports).isEmpty();
  }

  @Test
  void anUnreachableSuspendedGeneratorIsClosedOnItsLoop() {
    // The garbage collector decides when: this test polls it with a generous bound.
    List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (EventLoop loop = EventLoop.create()) {
      loop.runUntilComplete(() -> {
        startAndDrop(log);
        for (int i = 0; i < 200 && log.isEmpty(); i++) {
          System.gc();
          Asyncio.sleep(Duration.ofMillis(25));
        }
      });
    }
    assertThat(log).containsExactly("finally");
  }

  private static void startAndDrop(List<String> log) {
    AsyncGenerator<Integer> gen = counting(5, Duration.ZERO, log);
    assertThat(gen.next()).isZero();
  }
}

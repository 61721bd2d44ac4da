package org.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class FutureTest {

  // ported from test_futures.py::test_initial_state
  @Test
  void aNewFutureIsPending() {
    try (EventLoop loop = TestLoops.virtual()) {
      Future<String> f = loop.createFuture();
      assertThat(f.isDone()).isFalse();
      assertThat(f.isCancelled()).isFalse();
      assertThat(f.getLoop()).isSameAs(loop);
      assertThat(f.toString()).startsWith("<Future pending");
      assertThatThrownBy(f::result).isInstanceOf(InvalidStateException.class);
      assertThatThrownBy(f::exception).isInstanceOf(InvalidStateException.class);
    }
  }

  // ported from test_futures.py::test_result
  @Test
  void resultCanBeSetOnce() {
    try (EventLoop loop = TestLoops.virtual()) {
      Future<String> f = loop.createFuture();
      f.setResult("42");
      assertThat(f.isDone()).isTrue();
      assertThat(f.isCancelled()).isFalse();
      assertThat(f.result()).isEqualTo("42");
      assertThat(f.exception()).isNull();
      assertThat(f.toString()).contains("finished").contains("42");
      assertThatThrownBy(() -> f.setResult("again")).isInstanceOf(InvalidStateException.class);
      assertThatThrownBy(() -> f.setException(new RuntimeException()))
          .isInstanceOf(InvalidStateException.class);
      assertThat(f.cancel()).isFalse();
    }
  }

  // ported from test_futures.py::test_exception
  @Test
  void exceptionIsRethrownAsTheSameInstance() {
    try (EventLoop loop = TestLoops.virtual()) {
      Future<String> f = loop.createFuture();
      IllegalStateException boom = new IllegalStateException("boom");
      f.setException(boom);
      assertThat(f.isDone()).isTrue();
      assertThat(f.isCancelled()).isFalse();
      assertThat(f.exception()).isSameAs(boom);
      assertThatThrownBy(f::result).isSameAs(boom);
      assertThat(f.toString()).contains("exception=");
      assertThatThrownBy(() -> f.setResult("late")).isInstanceOf(InvalidStateException.class);
    }
  }

  // ported from test_futures.py::test_exception (checked exceptions: Java's deliberate difference)
  @Test
  void checkedExceptionIsWrappedInCompletionException() {
    try (EventLoop loop = TestLoops.virtual()) {
      Future<String> f = loop.createFuture();
      IOException io = new IOException("io");
      f.setException(io);
      assertThat(f.exception()).isSameAs(io);
      assertThatThrownBy(f::result).isInstanceOf(CompletionException.class).cause().isSameAs(io);
    }
  }

  // ported from test_futures.py::test_cancel / test_future_cancel_message_getter
  @Test
  void cancelCarriesItsMessage() {
    try (EventLoop loop = TestLoops.virtual()) {
      Future<String> f = loop.createFuture();
      assertThat(f.cancel("my message")).isTrue();
      assertThat(f.isCancelled()).isTrue();
      assertThat(f.isDone()).isTrue();
      assertThat(f.cancel()).isFalse();
      assertThat(f.toString()).contains("cancelled");
      assertThatThrownBy(f::result)
          .isInstanceOf(CancelledException.class)
          .isInstanceOf(CancellationException.class)
          .hasMessage("my message");
      assertThatThrownBy(f::exception).isInstanceOf(CancelledException.class);
      assertThatThrownBy(() -> f.setResult("x")).isInstanceOf(InvalidStateException.class);
    }
  }

  // ported from test_futures.py::test_callbacks_invoked_on_set_result
  @Test
  void doneCallbacksRunSoonInTheOrderTheyWereAdded() {
    List<String> log = new ArrayList<>();
    TestLoops.run(() -> {
      Future<String> f = new Future<>();
      f.addDoneCallback(d -> log.add("1:" + d.result()));
      f.addDoneCallback(d -> log.add("2:" + d.result()));
      f.addDoneCallback(d -> log.add("3:" + d.result()));
      f.setResult("r");
      assertThat(log).isEmpty(); // not called synchronously: scheduled with callSoon
      Asyncio.sleep(Duration.ZERO);
      assertThat(log).containsExactly("1:r", "2:r", "3:r");
      f.addDoneCallback(d -> log.add("late"));
      assertThat(log).hasSize(3); // a done future still schedules, never calls inline
      Asyncio.sleep(Duration.ZERO);
      assertThat(log).endsWith("late");
    });
  }

  // ported from test_futures.py::test_remove_done_callback
  @Test
  void removedCallbacksDoNotRun() {
    List<String> log = new ArrayList<>();
    TestLoops.run(() -> {
      Future<String> f = new Future<>();
      Consumer<Future<String>> removed = d -> log.add("removed");
      f.addDoneCallback(removed);
      f.addDoneCallback(d -> log.add("kept"));
      f.addDoneCallback(removed);
      assertThat(f.removeDoneCallback(removed)).isEqualTo(2);
      assertThat(f.removeDoneCallback(removed)).isZero();
      f.cancel();
      Asyncio.sleep(Duration.ZERO);
      assertThat(log).containsExactly("kept");
    });
  }

  // ported from test_futures.py::test_await (await of a done future returns at once)
  @Test
  void awaitOfADoneFutureDoesNotSuspend() {
    List<String> log = new ArrayList<>();
    TestLoops.run(() -> {
      Future<String> f = new Future<>();
      f.setResult("ready");
      var _ = Asyncio.createTask(() -> log.add("other task"));
      log.add(f.await());
      log.add("after await");
      Asyncio.sleep(Duration.ZERO);
    });
    assertThat(log).containsExactly("ready", "after await", "other task");
  }

  // ported from test_futures.py::test_yield_from_twice
  @Test
  void aTaskAwaitingAPendingFutureResumesWithItsResult() {
    String r =
        TestLoops.run(() -> {
          EventLoop loop = Asyncio.getRunningLoop();
          Future<String> f = loop.createFuture();
          loop.callLater(Duration.ofSeconds(5), () -> f.setResult("five"));
          String first = f.await();
          assertThat(loop.timeNanos()).isEqualTo(Duration.ofSeconds(5).toNanos());
          return first + "+" + f.await();
        });
    assertThat(r).isEqualTo("five+five");
  }

  @Test
  void awaitOutsideATaskThrows() {
    try (EventLoop loop = TestLoops.virtual()) {
      Future<String> f = loop.createFuture();
      assertThatThrownBy(f::await)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("task");
    }
  }

  // ported from test_futures.py::test_future_get_from_task (concurrent.futures-style get)
  @Test
  void getFromATaskSuspendsAndWrapsFailures() {
    TestLoops.run(() -> {
      EventLoop loop = Asyncio.getRunningLoop();
      Future<String> ok = loop.createFuture();
      loop.callLater(Duration.ofSeconds(1), () -> ok.setResult("ok"));
      assertThat(ok.get()).isEqualTo("ok");

      Future<String> failed = loop.createFuture();
      IllegalStateException boom = new IllegalStateException("boom");
      loop.callLater(Duration.ofSeconds(1), () -> failed.setException(boom));
      assertThatThrownBy(failed::get).isInstanceOf(ExecutionException.class).cause().isSameAs(boom);

      Future<String> slow = loop.createFuture();
      long t0 = loop.timeNanos();
      assertThatThrownBy(() -> slow.get(2, TimeUnit.SECONDS)).isInstanceOf(TimeoutException.class);
      assertThat(loop.timeNanos() - t0).isEqualTo(Duration.ofSeconds(2).toNanos());
      assertThat(slow.isDone()).isFalse(); // left alone, as asyncio.wait does
    });
  }

  // ported from test_futures.py::test_wrap_future (a foreign thread blocks in get())
  @Test
  void getFromAForeignThreadBlocksUntilTheLoopCompletesTheFuture() {
    var pool = Executors.newSingleThreadExecutor();
    try {
      String r =
          TestLoops.run(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            Future<String> f = loop.createFuture();
            CompletableFuture<String> foreign =
                CompletableFuture.supplyAsync(
                    () -> {
                      try {
                        return "thread saw " + f.get(20, TimeUnit.SECONDS);
                      } catch (Exception e) {
                        throw new CompletionException(e);
                      }
                    },
                    pool);
            loop.callLater(Duration.ofMillis(20), () -> f.setResult("value"));
            return Future.wrap(foreign).await();
          });
      assertThat(r).isEqualTo("thread saw value");
    } finally {
      pool.shutdownNow();
    }
  }

  // ported from test_futures.py (get() on the loop's own thread would block it forever)
  @Test
  void getInACallbackOnTheLoopThreadThrows() {
    List<Throwable> seen = new ArrayList<>();
    TestLoops.run(() -> {
      EventLoop loop = Asyncio.getRunningLoop();
      Future<String> f = loop.createFuture();
      loop.callSoon(() -> {
        try {
          f.get();
        } catch (Exception e) {
          seen.add(e);
        }
      });
      Asyncio.sleep(Duration.ZERO);
    });
    assertThat(seen).singleElement().isInstanceOf(IllegalStateException.class);
  }

  // ported from test_futures.py::test_wrap_future
  @Test
  void wrapCarriesResultExceptionAndCancellation() {
    TestLoops.run(() -> {
      assertThat(Future.wrap(CompletableFuture.completedFuture("done")).await()).isEqualTo("done");

      IllegalArgumentException boom = new IllegalArgumentException("boom");
      CompletableFuture<String> failing =
          CompletableFuture.supplyAsync(() -> {
            throw boom;
          });
      Future<String> wrappedFailure = Future.wrap(failing);
      assertThatThrownBy(wrappedFailure::await).isSameAs(boom);

      CompletableFuture<String> cancelledCf = new CompletableFuture<>();
      cancelledCf.cancel(true);
      Future<String> wrappedCancelled = Future.wrap(cancelledCf);
      assertThatThrownBy(wrappedCancelled::await).isInstanceOf(CancelledException.class);
      assertThat(wrappedCancelled.isCancelled()).isTrue();
    });
  }

  // ported from test_futures.py::test_wrap_future_cancel
  @Test
  void cancellingTheWrapperCancelsTheCompletableFuture() {
    TestLoops.run(() -> {
      CompletableFuture<String> cf = new CompletableFuture<>();
      Future<String> f = Future.wrap(cf);
      assertThat(f.cancel()).isTrue();
      assertThat(cf.isCancelled()).isTrue();
      Asyncio.sleep(Duration.ZERO);
    });
  }

  @Test
  void wrapOutsideARunningLoopThrows() {
    assertThatThrownBy(() -> Future.wrap(new CompletableFuture<String>()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Asyncio.run");
  }

  // ported from test_futures.py::test_wrap_future_use_global_loop (the other way round)
  @Test
  void toCompletableFutureCarriesResultExceptionAndCancellation() throws Exception {
    List<CompletableFuture<String>> cfs = new ArrayList<>();
    IllegalStateException boom = new IllegalStateException("boom");
    TestLoops.run(() -> {
      EventLoop loop = Asyncio.getRunningLoop();
      Future<String> ok = loop.createFuture();
      Future<String> failed = loop.createFuture();
      Future<String> cancelled = loop.createFuture();
      cfs.add(ok.toCompletableFuture());
      cfs.add(failed.toCompletableFuture());
      cfs.add(cancelled.toCompletableFuture());
      assertThat(cfs).noneMatch(CompletableFuture::isDone);
      loop.callLater(
          Duration.ofSeconds(1),
          () -> {
            ok.setResult("fine");
            failed.setException(boom);
            cancelled.cancel("stop");
          });
      Asyncio.sleep(Duration.ofSeconds(2));
      Future<String> done = loop.createFuture();
      done.setResult("already");
      cfs.add(done.toCompletableFuture());
    });
    assertThat(cfs.get(0).get()).isEqualTo("fine");
    assertThatThrownBy(() -> cfs.get(1).get()).cause().isSameAs(boom);
    assertThat(cfs.get(2).isCancelled()).isTrue();
    assertThatThrownBy(() -> cfs.get(2).join())
        .isInstanceOf(CancellationException.class)
        .hasRootCauseInstanceOf(CancelledException.class)
        .hasRootCauseMessage("stop");
    assertThat(cfs.get(3).getNow("not done")).isEqualTo("already");
  }

  // ported from test_futures.py::test_wrap_future_cancel2 (the other way round)
  @Test
  void cancellingTheCompletableFutureCancelsTheFuture() {
    TestLoops.run(() -> {
      EventLoop loop = Asyncio.getRunningLoop();
      Future<String> f = loop.createFuture();
      CompletableFuture<String> cf = f.toCompletableFuture();
      cf.cancel(true);
      assertThatThrownBy(f::await).isInstanceOf(CancelledException.class);
      assertThat(f.isCancelled()).isTrue();
    });
  }
}

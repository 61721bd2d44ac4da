package org.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * asyncio4j's own addition: asyncio hangs silently where nothing can wake a task. A loop on virtual
 * time or with strict detection throws DeadlockException; any other loop keeps waiting, as asyncio
 * does, and reports once through the exception handler after a quiet period.
 */
@Timeout(30)
class DeadlockTest {
  /** A quiet period short enough for a test, long enough that a busy machine's loop gets there. */
  private static final Duration SHORT_QUIET = Duration.ofMillis(50);

  // ---------------------------------------------------------------- where the loop can be sure

  @Test
  void aTaskAwaitingAFutureNobodyCompletesIsReported() {
    Reports reports = new Reports();
    try (EventLoop loop = virtual(reports)) {
      Future<String> never = loop.createFuture();
      assertThatThrownBy(() -> loop.runUntilComplete(never::await))
          .isInstanceOf(DeadlockException.class)
          .hasMessageContaining("1 task is waiting")
          .hasMessageContaining("wait_for=<Future pending");
    }
    assertThat(reports.all()) // close() reports the task left pending, as asyncio's GC would
        .extracting(ExceptionContext::message)
        .containsExactly("Task was destroyed but it is pending!");
  }

  @Test
  void theReportListsEveryWaitingTask() {
    Reports reports = new Reports();
    try (EventLoop loop = virtual(reports)) {
      Future<String> never = loop.createFuture();
      Task<String> main =
          loop.createTask(
              () -> {
                var _ = Asyncio.createTask(never::await, "helper");
                return Asyncio.createTask(never::await, "other").await();
              },
              "main");
      assertThatThrownBy(() -> loop.runUntilComplete(main))
          .isInstanceOfSatisfying(
              DeadlockException.class,
              e -> {
                assertThat(e.tasks())
                    .extracting(Task::getName)
                    .containsExactly("main", "helper", "other"); // oldest first
                assertThat(e.cycles()).isEmpty();
              })
          .hasMessageContaining("3 tasks are waiting")
          .hasMessageContaining("runUntilComplete waits for <Task pending name='main'>")
          .hasMessageContaining("name='helper'")
          .hasMessageContaining("wait_for=<Task pending name='other'>")
          .hasMessageNotContaining("await cycles");
    }
    assertThat(reports.all()).hasSize(3); // "Task was destroyed but it is pending!" for each
  }

  @Test
  void theLoopStaysUsableAfterADeadlock() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (EventLoop loop = TestLoops.virtual()) {
      Future<String> f = loop.createFuture();
      Task<String> waiter = loop.createTask(f::await);
      assertThatThrownBy(() -> loop.runUntilComplete(waiter)).isInstanceOf(DeadlockException.class);
      Thread completer =
          Thread.ofPlatform()
              .start(() -> {
                try {
                  release.await();
                  loop.callSoonThreadsafe(() -> f.setResult("late"));
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      release.countDown();
      completer.join(TimeUnit.SECONDS.toMillis(20));
      assertThat(loop.runUntilComplete(waiter)).isEqualTo("late");
    }
  }

  @Test
  void aPendingTimerIsNotADeadlock() {
    try (EventLoop loop = TestLoops.virtual()) {
      Future<String> f = loop.createFuture();
      loop.callLater(Duration.ofHours(2), () -> f.setResult("timer"));
      assertThat(loop.runUntilComplete(f::await)).isEqualTo("timer");
    }
  }

  @Test
  void aPendingExecutorJobIsNotADeadlock() {
    CountDownLatch release = new CountDownLatch(1);
    try (EventLoop loop = TestLoops.virtual()) {
      String r =
          loop.runUntilComplete(() -> {
            Future<String> job =
                loop.runInExecutor(
                    null,
                    () -> {
                      release.await();
                      return "job";
                    });
            loop.callLater(Duration.ofMillis(10), release::countDown);
            return job.await();
          });
      assertThat(r).isEqualTo("job");
    }
  }

  @Test
  void aPendingWrappedCompletableFutureIsNotADeadlock() {
    try (EventLoop loop = TestLoops.virtual()) {
      String r =
          loop.runUntilComplete(() -> {
            CompletableFuture<String> cf = new CompletableFuture<>();
            var _ =
                CompletableFuture.runAsync(
                    () -> cf.complete("wrapped"),
                    CompletableFuture.delayedExecutor(10, TimeUnit.MILLISECONDS));
            return Future.wrap(cf).await();
          });
      assertThat(r).isEqualTo("wrapped");
    }
  }

  @Test
  void deadlockDetectionCanBeTurnedOff() {
    try (EventLoop loop = EventLoop.builder().virtualTime(true).deadlockDetection(false).build()) {
      Future<String> f = loop.createFuture();
      // a thread the loop cannot see completes the future later
      var _ =
          CompletableFuture.runAsync(
              () -> loop.callSoonThreadsafe(() -> f.setResult("from outside")),
              CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS));
      assertThat(loop.runUntilComplete(f::await)).isEqualTo("from outside");
    }
  }

  @Test
  void deadlockDetectionOffNeverReportsEither() throws Exception {
    Reports reports = new Reports();
    try (EventLoop loop =
        EventLoop.builder()
            .deadlockDetection(false)
            .deadlockQuietPeriod(SHORT_QUIET)
            .exceptionHandler(reports)
            .build()) {
      Future<String> f = loop.createFuture();
      AtomicReference<@Nullable ExceptionContext> report = new AtomicReference<>();
      Thread helper =
          Thread.ofPlatform()
              .start(() -> {
                // several quiet periods: a report, if the loop made one, would have come
                report.set(reports.next(SHORT_QUIET.multipliedBy(6)));
                loop.callSoonThreadsafe(() -> f.setResult("late"));
              });
      assertThat(loop.runUntilComplete(f)).isEqualTo("late");
      helper.join();
      assertThat(report.get()).isNull();
      assertThat(loop.quietEpisodes()).isZero();
    }
    assertThat(reports.all()).isEmpty();
  }

  @Test
  void aStrictLoopOnRealTimeThrowsAtOnce() {
    try (EventLoop loop =
        EventLoop.builder()
            .exceptionHandler(new Reports()) // close() reports the task left pending
            .strictDeadlockDetection(true)
            .deadlockQuietPeriod(Duration.ofHours(1)) // not waited for: the test's timeout shows it
            .build()) {
      assertThat(loop.isVirtualTime()).isFalse();
      Future<String> never = loop.createFuture();
      assertThatThrownBy(() -> loop.runUntilComplete(never::await))
          .isInstanceOf(DeadlockException.class)
          .hasMessageContaining("1 task is waiting");
    }
  }

  @Test
  void asyncioRunThrowsOnVirtualTimeAndWhenStrict() {
    assertThatThrownBy(() ->
            Asyncio.run(
                () -> Asyncio.getRunningLoop().createFuture().await(),
                EventLoop.builder().virtualTime(true)))
        .isInstanceOf(DeadlockException.class);
    assertThatThrownBy(() ->
            Asyncio.run(
                () -> Asyncio.getRunningLoop().createFuture().await(),
                EventLoop.builder().strictDeadlockDetection(true)))
        .isInstanceOf(DeadlockException.class);
  }

  @Test
  void theQuietPeriodMustBePositive() {
    assertThatThrownBy(() -> EventLoop.builder().deadlockQuietPeriod(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("strictDeadlockDetection(true)");
    assertThat(EventLoop.DEFAULT_DEADLOCK_QUIET_PERIOD).isEqualTo(Duration.ofSeconds(1));
  }

  // ---------------------------------------------------------------- where another thread may act

  /**
   * The bridging shape: a callback library's thread completes the future through callSoonThreadsafe
   * after the loop has found nothing to do. It is a correct program.
   */
  @Test
  void aFutureCompletedFromAnotherThreadAfterTheLoopWentIdleIsNoDeadlock() throws Exception {
    try (EventLoop loop = EventLoop.create()) {
      // the default quiet period; a machine stalled longer than it would only see a report
      loop.setExceptionHandler(new Reports());
      Future<String> f = loop.createFuture();
      Thread library =
          Thread.ofPlatform()
              .start(() -> {
                awaitQuietEpisodes(loop, 1);
                loop.callSoonThreadsafe(() -> f.setResult("from the driver"));
              });
      assertThat(loop.runUntilComplete(f)).isEqualTo("from the driver");
      library.join();
      assertThat(loop.quietEpisodes()).isEqualTo(1);
    }
  }

  @Test
  void aTaskWokenFromAnotherThreadWithinTheQuietPeriodIsNotReported() throws Exception {
    Reports reports = new Reports();
    try (EventLoop loop =
        EventLoop.builder()
            .deadlockQuietPeriod(Duration.ofSeconds(60))
            .exceptionHandler(reports)
            .build()) {
      Future<String> f = loop.createFuture();
      Thread library =
          Thread.ofPlatform()
              .start(() -> {
                awaitQuietEpisodes(loop, 1);
                loop.callSoonThreadsafe(() -> f.setResult("from the driver"));
              });
      assertThat(loop.runUntilComplete(() -> "got " + f.await())).isEqualTo("got from the driver");
      library.join();
    }
    assertThat(reports.all()).isEmpty();
  }

  @Test
  void aLongerWaitIsReportedOnceWithEveryTaskAndTheLoopGoesOn() throws Exception {
    Reports reports = new Reports();
    AtomicReference<@Nullable ExceptionContext> secondReport = new AtomicReference<>();
    try (EventLoop loop =
        EventLoop.builder().deadlockQuietPeriod(SHORT_QUIET).exceptionHandler(reports).build()) {
      Future<String> f = loop.createFuture();
      Task<String> main =
          loop.createTask(
              () -> {
                var _ = Asyncio.createTask(f::await, "helper");
                return "got " + f.await();
              },
              "main");
      Thread library =
          Thread.ofPlatform()
              .start(() -> {
                reports.next();
                // a loop that reported in a loop would report again within a few quiet periods
                secondReport.set(reports.next(SHORT_QUIET.multipliedBy(10)));
                loop.callSoonThreadsafe(() -> f.setResult("late"));
              });
      assertThat(loop.runUntilComplete(main)).isEqualTo("got late");
      library.join();
    }
    assertThat(secondReport.get()).isNull();
    List<ExceptionContext> all = reports.all();
    assertThat(all).hasSize(1);
    ExceptionContext report = all.get(0);
    assertThat(report.message()).contains("possible deadlock", "keeps waiting");
    assertThat(report.task()).isNotNull();
    assertThat(report.future()).isSameAs(report.task());
    assertThat(report.exception())
        .isInstanceOfSatisfying(
            DeadlockException.class,
            e -> {
              assertThat(e.tasks()).extracting(Task::getName).containsExactly("main", "helper");
              assertThat(e.getStackTrace()).isEmpty(); // not thrown: where it was made is noise
            })
        .hasMessageContaining("2 tasks are waiting")
        .hasMessageContaining("name='main'")
        .hasMessageContaining("name='helper'")
        .hasMessageContaining("deadlockQuietPeriod")
        .hasMessageContaining("strictDeadlockDetection(true)");
  }

  @Test
  void aQuietEpisodeAfterProgressIsReportedAgain() throws Exception {
    Reports reports = new Reports();
    try (EventLoop loop =
        EventLoop.builder().deadlockQuietPeriod(SHORT_QUIET).exceptionHandler(reports).build()) {
      Future<String> first = loop.createFuture();
      Future<String> second = loop.createFuture();
      Thread library =
          Thread.ofPlatform()
              .start(() -> {
                reports.next();
                loop.callSoonThreadsafe(() -> first.setResult("a"));
                reports.next();
                loop.callSoonThreadsafe(() -> second.setResult("b"));
              });
      assertThat(loop.runUntilComplete(() -> first.await() + second.await())).isEqualTo("ab");
      library.join();
      assertThat(loop.quietEpisodes()).isEqualTo(2);
    }
    List<ExceptionContext> all = reports.all();
    assertThat(all).hasSize(2);
    assertThat(all.get(0).exception()).hasMessageContaining("wait_for=<Future pending");
  }

  @Test
  void stopFromAnotherThreadEndsTheQuietWait() throws Exception {
    try (EventLoop loop = EventLoop.builder().exceptionHandler(new Reports()).build()) {
      Future<String> never = loop.createFuture();
      Thread other =
          Thread.ofPlatform()
              .start(() -> {
                awaitQuietEpisodes(loop, 1);
                loop.stop();
              });
      assertThatThrownBy(() -> loop.runUntilComplete(never))
          .isInstanceOf(IllegalStateException.class)
          .isNotInstanceOf(DeadlockException.class)
          .hasMessageContaining("stopped before Future completed");
      other.join();
    }
  }

  /**
   * A Flow subscription waiting for a subscriber's request from another thread: even a loop on
   * virtual time (a TestLoop) or a strict one cannot be sure, so it waits instead of throwing.
   */
  @Test
  void aSubscriptionWaitingForAForeignSubscriberIsNeverThrownAsADeadlock() throws Exception {
    for (EventLoop.Builder settings :
        List.of(
            EventLoop.builder().virtualTime(true),
            EventLoop.builder().strictDeadlockDetection(true))) {
      settings.deadlockQuietPeriod(Duration.ofSeconds(60)); // the requests come well before
      Reports reports = new Reports();
      try (EventLoop loop = settings.exceptionHandler(reports).build()) {
        CompletableFuture<List<Integer>> got = new CompletableFuture<>();
        ForeignSubscriber subscriber = new ForeignSubscriber(loop, got);
        String outcome =
            loop.runUntilComplete(() -> {
              FlowAdapters.<Integer>toPublisher(
                      loop,
                      out -> {
                        out.yield(1);
                        out.yield(2);
                      })
                  .subscribe(subscriber);
              return subscriber.done.await();
            });
        assertThat(outcome).isEqualTo("complete");
        assertThat(got.get(20, TimeUnit.SECONDS)).containsExactly(1, 2);
        subscriber.requester.join();
      }
      assertThat(reports.all()).isEmpty();
    }
  }

  /** Requests each value from its own thread, once the loop has gone idle waiting for it. */
  private static final class ForeignSubscriber
      implements java.util.concurrent.Flow.Subscriber<Integer> {
    final EventLoop loop;
    final CompletableFuture<List<Integer>> got;
    final Future<String> done;
    final List<Integer> values = new java.util.concurrent.CopyOnWriteArrayList<>();
    Thread requester = Thread.ofPlatform().unstarted(() -> {});

    ForeignSubscriber(EventLoop loop, CompletableFuture<List<Integer>> got) {
      this.loop = loop;
      this.got = got;
      this.done = loop.createFuture();
    }

    @Override
    public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
      requestLater(s);
    }

    @Override
    public void onNext(Integer item) {
      values.add(item);
    }

    @Override
    public void onError(Throwable t) {
      got.completeExceptionally(t);
      loop.callSoonThreadsafe(() -> done.setResult("error " + t));
    }

    @Override
    public void onComplete() {
      got.complete(values);
      loop.callSoonThreadsafe(() -> done.setResult("complete"));
    }

    private void requestLater(java.util.concurrent.Flow.Subscription s) {
      requester =
          Thread.ofPlatform()
              .start(() -> {
                for (int i = 1; i <= 3; i++) { // the third request lets the end through
                  awaitQuietEpisodes(loop, i);
                  s.request(1);
                }
              });
    }
  }

  // ---------------------------------------------------------------- close()'s cleanup

  @Test
  void closeDoesNotHangOnATaskThatIgnoresItsCancellation() throws Exception {
    Reports reports = new Reports();
    try (LogCapture log = LogCapture.warnings()) {
      EventLoop loop =
          EventLoop.builder().deadlockQuietPeriod(SHORT_QUIET).exceptionHandler(reports).build();
      Future<String> never = loop.createFuture();
      Future<String> started = loop.createFuture();
      var _ =
          loop.createTask(
              () -> {
                started.setResult("in");
                try {
                  never.await();
                } catch (CancelledException e) {
                  loop.createFuture().await(); // ignores it, and waits for nothing
                }
              },
              "stubborn");
      loop.runUntilComplete(started);
      loop.close();
      assertThat(loop.isClosed()).isTrue();
      assertThat(log.await(m -> m.contains("ignored their cancellation"), Duration.ofSeconds(20)))
          .contains("name='stubborn'");
    }
    assertThat(reports.all())
        .extracting(ExceptionContext::message)
        .containsExactly("Task was destroyed but it is pending!");
  }

  // ---------------------------------------------------------------- helpers

  /** A virtual-time loop whose exception handler records instead of logging. */
  static EventLoop virtual(Reports reports) {
    return EventLoop.builder().virtualTime(true).exceptionHandler(reports).build();
  }

  /**
   * Waits until the loop has begun {@code n} quiet episodes: it has gone idle for the n-th time.
   */
  static void awaitQuietEpisodes(EventLoop loop, int n) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (loop.quietEpisodes() < n) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError(
            "the loop did not go idle; quiet episodes: " + loop.quietEpisodes());
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1)); // polls, as Awaitility would
    }
  }

  /** An exception handler that records what it is told, and lets another thread wait for it. */
  static final class Reports implements ExceptionHandler {
    private final LinkedBlockingQueue<ExceptionContext> incoming = new LinkedBlockingQueue<>();
    private final List<ExceptionContext> all = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public void handle(EventLoop loop, ExceptionContext context) {
      all.add(context);
      incoming.add(context);
    }

    /** The next report; fails the calling thread's work after 20 s without one. */
    ExceptionContext next() {
      ExceptionContext c = next(Duration.ofSeconds(20));
      if (c == null) {
        throw new AssertionError("no report reached the exception handler");
      }
      return c;
    }

    /** The next report, or null if none comes within {@code timeout}. */
    @Nullable ExceptionContext next(Duration timeout) {
      try {
        return incoming.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }

    List<ExceptionContext> all() {
      return List.copyOf(all);
    }
  }
}

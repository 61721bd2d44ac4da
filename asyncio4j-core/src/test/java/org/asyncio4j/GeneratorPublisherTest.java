package org.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link FlowAdapters#toPublisher}: an async generator published with back-pressure. */
@org.junit.jupiter.api.Timeout(30)
class GeneratorPublisherTest {
  private static final Duration SECOND = Duration.ofSeconds(1);
  private static final Duration HOUR = Duration.ofHours(1);

  /** A body that makes {@code n} values, one a second, logging each and its finally block. */
  private static AsyncGenerator.Body<Integer> ticking(List<String> log, int n) {
    return out -> {
      try {
        for (int i = 0; i < n; i++) {
          Asyncio.sleep(SECOND);
          log.add("produce " + i);
          out.yield(i);
        }
      } finally {
        log.add("finally");
      }
    };
  }

  @Test
  void theBodyRunsOnlyAsFarAsTheSubscriberHasRequested() {
    List<String> log = new ArrayList<>();
    TestLoops.run(() -> {
      EventLoop loop = Asyncio.getRunningLoop();
      RecordingSubscriber<Integer> sub = new RecordingSubscriber<>(log);
      FlowAdapters.toPublisher(loop, ticking(log, 10)).subscribe(sub);
      Asyncio.sleep(HOUR);
      assertThat(log).containsExactly("subscribe"); // no demand: the body has not even started

      sub.subscription().request(2);
      Asyncio.sleep(HOUR);
      assertThat(log).containsExactly("subscribe", "produce 0", "next 0", "produce 1", "next 1");

      long before = loop.timeNanos();
      sub.subscription().request(1);
      Asyncio.sleep(HOUR);
      assertThat(log).endsWith("produce 2", "next 2").hasSize(7);

      sub.subscription().cancel();
      Asyncio.sleep(SECOND);
      assertThat(log).endsWith("next 2", "finally").hasSize(8);
      assertThat(loop.timeNanos() - before).isEqualTo(HOUR.plus(SECOND).toNanos());
    });
  }

  @Test
  void unboundedDemandGetsEveryValueThenOnCompleteAfterTheFinallyBlocks() {
    List<String> log = new ArrayList<>();
    TestLoops.run(() -> {
      RecordingSubscriber<Integer> sub = new RecordingSubscriber<>(log);
      FlowAdapters.toPublisher(Asyncio.getRunningLoop(), ticking(log, 3)).subscribe(sub);
      Asyncio.sleep(SECOND);
      sub.subscription().request(Long.MAX_VALUE);
      sub.subscription().request(Long.MAX_VALUE); // sums are capped (rule 3.17), not overflowed
      Asyncio.sleep(HOUR);
    });
    assertThat(log)
        .containsExactly(
            "subscribe",
            "produce 0",
            "next 0",
            "produce 1",
            "next 1",
            "produce 2",
            "next 2",
            "finally",
            "complete");
  }

  @Test
  void cancelFromOnNextClosesTheGeneratorWithoutAskingForAnotherValue() {
    List<String> log = new ArrayList<>();
    TestLoops.run(() -> {
      List<Flow.Subscription> holder = new ArrayList<>();
      RecordingSubscriber<Integer> sub =
          new RecordingSubscriber<>(
              log,
              v -> {
                if (v == 1) {
                  holder.getFirst().cancel();
                  holder.getFirst().cancel(); // idempotent (rule 3.5)
                  holder.getFirst().request(5); // a no-op once cancelled (rule 3.6)
                }
              });
      FlowAdapters.toPublisher(Asyncio.getRunningLoop(), ticking(log, 1000)).subscribe(sub);
      Asyncio.sleep(SECOND);
      holder.add(sub.subscription());
      sub.subscription().request(Long.MAX_VALUE);
      Asyncio.sleep(HOUR);
    });
    assertThat(log)
        .containsExactly("subscribe", "produce 0", "next 0", "produce 1", "next 1", "finally");
  }

  @Test
  void cancelWhileTheBodyWorksTowardsAValueInterruptsItThereAndRunsItsFinallyBlocks() {
    List<String> log = new ArrayList<>();
    TestLoops.run(() -> {
      EventLoop loop = Asyncio.getRunningLoop();
      RecordingSubscriber<String> sub = new RecordingSubscriber<>(log);
      Flow.Publisher<String> slow =
          FlowAdapters.toPublisher(
              loop,
              out -> {
                try {
                  Asyncio.sleep(HOUR);
                  out.yield("late");
                } catch (CancelledException e) {
                  log.add("cancelled in the body");
                  throw e;
                } finally {
                  log.add("finally");
                }
              });
      slow.subscribe(sub);
      Asyncio.sleep(SECOND);
      sub.subscription().request(1);
      Asyncio.sleep(SECOND);
      sub.subscription().cancel();
      Asyncio.sleep(SECOND);
      assertThat(log).containsExactly("subscribe", "cancelled in the body", "finally");
      assertThat(loop.timeNanos()).isLessThan(HOUR.toNanos()); // no wait for the unwanted value
    });
  }

  @Test
  void aFailingBodySignalsOnErrorWithItsOwnException() {
    List<String> log = new ArrayList<>();
    TestLoops.run(() -> {
      RecordingSubscriber<Integer> sub = new RecordingSubscriber<>(log);
      FlowAdapters.<Integer>toPublisher(
              Asyncio.getRunningLoop(),
              out -> {
                out.yield(7);
                throw new IOException("boom");
              })
          .subscribe(sub);
      Asyncio.sleep(SECOND);
      sub.subscription().request(10);
      Asyncio.sleep(SECOND);
      sub.subscription().request(10); // after onError: nothing (rule 1.7)
      Asyncio.sleep(SECOND);
    });
    assertThat(log).containsExactly("subscribe", "next 7", "error IOException: boom");
  }

  @Test
  // The body yields null on purpose, against its Body<String> type, to see the publisher reject
  // it at run time (Reactive Streams rule 2.13), as it must for callers that NullAway does not
  // check.
  @SuppressWarnings("NullAway")
  void aNullValueEndsTheStreamWithNullPointerExceptionNamingTheGenerator() {
    List<String> log = new ArrayList<>();
    TestLoops.run(() -> {
      RecordingSubscriber<String> sub = new RecordingSubscriber<>(log);
      FlowAdapters.<String>toPublisher(
              Asyncio.getRunningLoop(),
              out -> {
                try {
                  out.yield("a");
                  out.yield(null);
                  out.yield("never");
                } finally {
                  log.add("finally");
                }
              })
          .subscribe(sub);
      Asyncio.sleep(SECOND);
      sub.subscription().request(5);
      Asyncio.sleep(SECOND);
      assertThat(sub.error)
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("AsyncGenerator-")
          .hasMessageContaining("yielded null");
    });
    assertThat(log).hasSize(4).startsWith("subscribe", "next a", "finally");
  }

  @Test
  void aNonPositiveRequestSignalsIllegalArgumentExceptionAndClosesTheGenerator() {
    for (long bad : new long[] {0, -1, Long.MIN_VALUE}) {
      List<String> log = new ArrayList<>();
      TestLoops.run(() -> {
        RecordingSubscriber<Integer> sub = new RecordingSubscriber<>(log);
        FlowAdapters.toPublisher(Asyncio.getRunningLoop(), ticking(log, 5)).subscribe(sub);
        Asyncio.sleep(SECOND);
        sub.subscription().request(1);
        Asyncio.sleep(HOUR);
        sub.subscription().request(bad);
        Asyncio.sleep(HOUR);
        assertThat(sub.error)
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("request(" + bad + ")")
            .hasMessageContaining("3.9");
      });
      assertThat(log).hasSize(5).startsWith("subscribe", "produce 0", "next 0", "finally");
    }
  }

  @Test
  void aSubscriberThatThrowsIsCancelledAndTheErrorGoesToTheLoopsExceptionHandler() {
    List<String> log = new ArrayList<>();
    List<ExceptionContext> reported = new ArrayList<>();
    try (EventLoop loop = TestLoops.virtual()) {
      loop.setExceptionHandler((l, context) -> reported.add(context));
      loop.runUntilComplete(() -> {
        RecordingSubscriber<Integer> sub =
            new RecordingSubscriber<>(
                log,
                v -> {
                  if (v == 1) {
                    throw new IllegalStateException("subscriber bug");
                  }
                });
        FlowAdapters.toPublisher(loop, ticking(log, 5)).subscribe(sub);
        Asyncio.sleep(SECOND);
        sub.subscription().request(Long.MAX_VALUE);
        Asyncio.sleep(HOUR);
      });
    }
    assertThat(log)
        .containsExactly("subscribe", "produce 0", "next 0", "produce 1", "next 1", "finally");
    assertThat(reported).hasSize(1);
    assertThat(reported.getFirst().message()).contains("threw from onNext", "2.13");
    assertThat(reported.getFirst().exception()).hasMessage("subscriber bug");
  }

  @Test
  void anExistingGeneratorServesOneSubscriberAndRefusesTheNext() {
    List<String> first = new ArrayList<>();
    List<String> second = new ArrayList<>();
    TestLoops.run(() -> {
      Flow.Publisher<Integer> once =
          FlowAdapters.toPublisher(Asyncio.getRunningLoop(), AsyncGenerator.of(ticking(first, 2)));
      RecordingSubscriber<Integer> a = new RecordingSubscriber<>(first);
      RecordingSubscriber<Integer> b = new RecordingSubscriber<>(second);
      once.subscribe(a);
      once.subscribe(b);
      Asyncio.sleep(SECOND);
      a.subscription().request(5);
      Asyncio.sleep(HOUR);
      assertThat(b.error)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("one AsyncGenerator instance");
    });
    assertThat(first).endsWith("next 1", "finally", "complete");
    assertThat(second).hasSize(2).startsWith("subscribe");
  }

  @Test
  void aSupplierThatFailsSignalsOnErrorWithoutAnyRequest() {
    List<String> log = new ArrayList<>();
    TestLoops.run(() -> {
      FlowAdapters.<String>toPublisher(
              Asyncio.getRunningLoop(),
              () -> {
                throw new IllegalStateException("no cursor");
              })
          .subscribe(new RecordingSubscriber<>(log));
      Asyncio.sleep(SECOND);
    });
    assertThat(log).containsExactly("subscribe", "error IllegalStateException: no cursor");
  }

  @Test
  void subscribeAndRequestFromAnotherThreadGetSignalsOnTheLoop() {
    List<String> log = new ArrayList<>();
    List<Boolean> onLoop = new ArrayList<>();
    TestLoops.run(() -> {
      EventLoop loop = Asyncio.getRunningLoop();
      Flow.Publisher<Integer> publisher = FlowAdapters.toPublisher(loop, ticking(log, 3));
      RecordingSubscriber<Integer> sub =
          new RecordingSubscriber<>(log, v -> onLoop.add(Asyncio.currentTask() != null));
      Asyncio.toThread(() -> {
        publisher.subscribe(sub);
        sub.subscribed.join().request(3);
      });
      // The request is in the loop's inbox now; the virtual clock runs the body's sleeps.
      Asyncio.sleep(HOUR);
      // Three values for three requested. That the body has ended is learnt only by asking it
      // for one more value, which takes one more unit of demand.
      assertThat(log).endsWith("next 2");
      Asyncio.toThread(() -> sub.subscription().request(1));
      Asyncio.sleep(HOUR);
      assertThat(sub.terminated).isDone();
    });
    assertThat(log).endsWith("next 2", "finally", "complete");
    assertThat(onLoop).containsExactly(true, true, true);
  }

  @Test
  void closingTheLoopEndsAnOpenSubscriptionWithOnErrorAfterTheFinallyBlocks() {
    List<String> log = new ArrayList<>();
    List<String> reported = new ArrayList<>();
    try (EventLoop loop = TestLoops.virtual()) {
      loop.setExceptionHandler((l, context) -> reported.add(context.message()));
      RecordingSubscriber<Integer> sub = new RecordingSubscriber<>(log);
      loop.runUntilComplete(() -> {
        FlowAdapters.toPublisher(loop, ticking(log, 5)).subscribe(sub);
        Asyncio.sleep(SECOND);
        sub.subscription().request(1);
        Asyncio.sleep(HOUR);
      });
      assertThat(log).containsExactly("subscribe", "produce 0", "next 0");
    }
    assertThat(log).hasSize(5).element(3).isEqualTo("finally");
    assertThat(log.get(4)).startsWith("error CancelledException").contains("event loop");
    assertThat(reported).containsExactly("Task was destroyed but it is pending!");
  }

  /**
   * The wake-up race with real threads: each value goes to a platform thread, which requests the
   * next one, so every request moves the demand from 0 to 1 while the driver is about to park or
   * parked. A lost wake-up hangs here (and fails at the get's timeout).
   */
  @Test
  void requestsOneAtATimeFromAnotherThreadLoseNoWakeUp() throws Exception {
    int n = 2_000;
    try (LoopThread running = new LoopThread("flow-wakeup-race")) {
      Flow.Publisher<Integer> publisher =
          FlowAdapters.toPublisher(
              running.loop,
              out -> {
                for (int i = 0; i < n; i++) {
                  out.yield(i);
                }
              });
      BlockingQueue<Integer> handoff = new LinkedBlockingQueue<>();
      RecordingSubscriber<Integer> sub =
          new RecordingSubscriber<>(Collections.synchronizedList(new ArrayList<>()), handoff::add);
      publisher.subscribe(sub);
      Flow.Subscription subscription = sub.subscribed.get(10, TimeUnit.SECONDS);
      subscription.request(1);
      for (int i = 0; i < n; i++) {
        assertThat(handoff.poll(10, TimeUnit.SECONDS)).isEqualTo(i);
        subscription.request(1); // the last one lets the driver find the end
      }
      sub.terminated.get(10, TimeUnit.SECONDS);
      assertThat(sub.log).endsWith("next " + (n - 1), "complete");
    }
  }

  /**
   * A subscriber that requests from another thread, one value at a time: between its requests the
   * loop has nothing to do but wait for that thread, which is not a deadlock (before the fix the
   * deadlock check fired there).
   */
  @Test
  void aSubscriberRequestingFromAnotherThreadIsNotADeadlock() throws Exception {
    java.util.concurrent.ExecutorService requester =
        java.util.concurrent.Executors.newSingleThreadExecutor();
    try (EventLoop loop = EventLoop.create()) {
      List<Integer> got = new java.util.concurrent.CopyOnWriteArrayList<>();
      Future<String> finished = loop.createFuture();
      java.util.concurrent.Flow.Subscriber<Integer> subscriber =
          new java.util.concurrent.Flow.Subscriber<>() {
            private java.util.concurrent.Flow.@org.jspecify.annotations.Nullable Subscription
                subscription;

            @Override
            public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
              subscription = s;
              requester.execute(() -> s.request(1));
            }

            @Override
            public void onNext(Integer item) {
              got.add(item);
              var s = java.util.Objects.requireNonNull(subscription);
              requester.execute(() -> s.request(1));
            }

            @Override
            public void onError(Throwable t) {
              loop.callSoonThreadsafe(() -> finished.setResult("error " + t));
            }

            @Override
            public void onComplete() {
              loop.callSoonThreadsafe(() -> finished.setResult("complete"));
            }
          };
      String outcome =
          loop.runUntilComplete(() -> {
            FlowAdapters.<Integer>toPublisher(
                    loop,
                    out -> {
                      for (int i = 0; i < 20; i++) {
                        out.yield(i);
                      }
                    })
                .subscribe(subscriber);
            return finished.await();
          });
      assertThat(outcome).isEqualTo("complete");
      assertThat(got).hasSize(20);
    } finally {
      requester.shutdownNow();
    }
  }
}

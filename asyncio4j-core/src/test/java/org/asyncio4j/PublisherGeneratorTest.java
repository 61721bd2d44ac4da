package org.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * {@link FlowAdapters#toAsyncGenerator}: any publisher consumed as an async generator, with bounded
 * demand; and both adapters end to end.
 */
@org.junit.jupiter.api.Timeout(30)
class PublisherGeneratorTest {
  private static final Duration SECOND = Duration.ofSeconds(1);

  @Test
  void generatorToPublisherToGeneratorKeepsEveryValueAndTheProducerWithinPrefetch() {
    int prefetch = 4;
    AtomicInteger produced = new AtomicInteger();
    List<String> log = new ArrayList<>();
    List<Integer> got = new ArrayList<>();
    TestLoops.run(() -> {
      Flow.Publisher<Integer> publisher =
          FlowAdapters.toPublisher(
              Asyncio.getRunningLoop(),
              out -> {
                try {
                  for (int i = 0; i < 50; i++) {
                    Asyncio.sleep(Duration.ofMillis(10));
                    produced.incrementAndGet();
                    out.yield(i);
                  }
                } finally {
                  log.add("producer finally");
                }
              });
      try (AsyncGenerator<Integer> values = FlowAdapters.toAsyncGenerator(publisher, prefetch)) {
        for (int v : values) {
          // The producer is never more than prefetch values ahead of what was taken.
          assertThat(produced.get()).isLessThanOrEqualTo(got.size() + 1 + prefetch);
          got.add(v);
          Asyncio.sleep(SECOND); // a slow consumer: the producer must wait for it
        }
      }
      log.add("consumer done");
    });
    assertThat(got).hasSize(50).isSorted().startsWith(0, 1, 2).endsWith(49);
    assertThat(log).containsExactly("producer finally", "consumer done");
  }

  @Test
  void closingTheGeneratorCancelsTheSubscriptionAndThePublishersBodyEnds() {
    List<String> log = new ArrayList<>();
    TestLoops.run(() -> {
      Flow.Publisher<Integer> endless =
          FlowAdapters.toPublisher(
              Asyncio.getRunningLoop(),
              out -> {
                try {
                  for (int i = 0; ; i++) {
                    out.yield(i);
                  }
                } finally {
                  log.add("producer finally");
                }
              });
      try (AsyncGenerator<Integer> values = FlowAdapters.toAsyncGenerator(endless, 2)) {
        for (int v : values) {
          if (v == 3) {
            break;
          }
        }
      }
      log.add("closed");
      Asyncio.sleep(SECOND); // the cancel crosses to the publisher's task
    });
    assertThat(log).containsExactly("closed", "producer finally");
  }

  @Test
  void cancellingTheConsumerCancelsTheSubscriptionAndThePublishersBodyMidStep() {
    List<String> log = new ArrayList<>();
    TestLoops.run(() -> {
      Flow.Publisher<String> slow =
          FlowAdapters.toPublisher(
              Asyncio.getRunningLoop(),
              out -> {
                try {
                  Asyncio.sleep(Duration.ofHours(1));
                  out.yield("late");
                } finally {
                  log.add("producer finally");
                }
              });
      AsyncGenerator<String> values = FlowAdapters.toAsyncGenerator(slow);
      assertThatThrownBy(
              () -> {
                try (Timeout _ = Asyncio.timeout(SECOND)) {
                  values.hasNext();
                }
              })
          .isInstanceOf(AsyncTimeoutException.class);
      assertThat(values.isDone()).isTrue();
      Asyncio.sleep(SECOND);
      assertThat(Asyncio.getRunningLoop().timeNanos()).isLessThan(Duration.ofHours(1).toNanos());
    });
    assertThat(log).containsExactly("producer finally");
  }

  @Test
  void aFastPublisherOnAnotherThreadIsAskedForNoMoreThanPrefetchAhead() throws Exception {
    int prefetch = 8;
    AtomicLong requested = new AtomicLong();
    CompletableFuture<Void> cancelled = new CompletableFuture<>();
    ExecutorService emitter = Executors.newSingleThreadExecutor();
    // Emits as many values as requested, at once, from the emitter thread: as fast as allowed.
    Flow.Publisher<Long> fast =
        subscriber ->
            emitter.execute(() -> {
              AtomicLong next = new AtomicLong();
              subscriber.onSubscribe(
                  new Flow.Subscription() {
                    @Override
                    public void request(long n) {
                      requested.addAndGet(n);
                      emitter.execute(() -> {
                        for (long i = 0; i < n && !cancelled.isDone(); i++) {
                          subscriber.onNext(next.getAndIncrement());
                        }
                      });
                    }

                    @Override
                    public void cancel() {
                      cancelled.complete(null);
                    }
                  });
            });
    List<Long> got = new ArrayList<>();
    try {
      TestLoops.run(() -> {
        try (AsyncGenerator<Long> values = FlowAdapters.toAsyncGenerator(fast, prefetch)) {
          for (long v : values) {
            got.add(v);
            assertThat(requested.get()).isLessThanOrEqualTo(got.size() + prefetch);
            Asyncio.sleep(Duration.ZERO);
            if (got.size() == 200) {
              break;
            }
          }
        }
        Future.wrap(cancelled).await();
      });
    } finally {
      emitter.shutdown();
    }
    assertThat(got).hasSize(200).isSorted().startsWith(0L).endsWith(199L);
    assertThat(cancelled).isDone();
  }

  @Test
  @SuppressWarnings("try") // feed.close() inside the try block ends the stream: the point
  void aSubmissionPublisherFedFromAnotherThreadDeliversEveryItemInOrder() {
    List<Integer> got = new ArrayList<>();
    CompletableFuture<Void> subscribed = new CompletableFuture<>();
    try (SubmissionPublisher<Integer> feed = new SubmissionPublisher<>()) {
      Flow.Publisher<Integer> publisher =
          subscriber -> {
            feed.subscribe(subscriber);
            subscribed.complete(null);
          };
      TestLoops.run(() -> {
        Task<Void> producer =
            Asyncio.createTask(() -> {
              Asyncio.toThread(() -> {
                subscribed.join(); // items submitted before a subscriber exists are dropped
                for (int i = 0; i < 500; i++) {
                  feed.submit(i); // blocks while the subscriber's buffer is full
                }
                feed.close();
              });
            });
        for (int v : FlowAdapters.toAsyncGenerator(publisher, 4)) {
          got.add(v);
        }
        producer.await();
      });
    }
    assertThat(got).hasSize(500).isSorted().startsWith(0).endsWith(499);
  }

  @Test
  void aPublishersErrorComesOutOfHasNextAfterTheValuesBeforeIt() {
    Flow.Publisher<String> failing =
        subscriber ->
            Thread.ofPlatform()
                .start(() -> {
                  subscriber.onSubscribe(
                      new Flow.Subscription() {
                        @Override
                        public void request(long n) {}

                        @Override
                        public void cancel() {}
                      });
                  subscriber.onNext("a");
                  subscriber.onNext("b");
                  subscriber.onError(new IOException("feed broke"));
                });
    List<String> got = new ArrayList<>();
    TestLoops.run(() -> {
      AsyncGenerator<String> values = FlowAdapters.toAsyncGenerator(failing);
      assertThatThrownBy(
              () -> {
                for (String v : values) {
                  got.add(v);
                }
              })
          .isInstanceOf(CompletionException.class)
          .cause()
          .isInstanceOf(IOException.class)
          .hasMessage("feed broke");
      assertThat(values.isDone()).isTrue();
    });
    assertThat(got).containsExactly("a", "b");
  }

  @Test
  void aPrefetchBelowOneIsRefused() {
    Flow.Publisher<String> never = subscriber -> {};
    assertThatThrownBy(() -> FlowAdapters.toAsyncGenerator(never, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("prefetch is 0");
  }
}

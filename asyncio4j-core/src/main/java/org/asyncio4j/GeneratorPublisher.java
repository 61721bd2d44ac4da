package org.asyncio4j;

import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Flow.Publisher} that runs a generator per subscriber on one loop (see {@link
 * FlowAdapters#toPublisher}); the per-subscriber work is in {@link GeneratorSubscription}.
 * Thread-safe: {@link #subscribe} may be called from any thread.
 */
final class GeneratorPublisher<T> implements Flow.Publisher<T> {
  private static final AtomicLong COUNTER = new AtomicLong();

  private final EventLoop loop;
  private final Supplier<? extends @Nullable AsyncGenerator<T>> generators;
  private final String name;

  /** Set for a publisher of one existing generator: only its first subscriber may have it. */
  private final @Nullable AtomicBoolean singleUse;

  GeneratorPublisher(
      EventLoop loop, Supplier<? extends @Nullable AsyncGenerator<T>> generators, boolean single) {
    this.loop = loop;
    this.generators = generators;
    this.singleUse = single ? new AtomicBoolean() : null;
    this.name = "FlowPublisher-" + COUNTER.incrementAndGet();
  }

  @Override
  public void subscribe(Flow.Subscriber<? super T> subscriber) {
    if (subscriber == null) {
      throw new NullPointerException(
          name + ".subscribe(null): the subscriber is null (Reactive Streams rule 1.9)");
    }
    AtomicBoolean once = singleUse;
    if (once != null && !once.compareAndSet(false, true)) {
      GeneratorSubscription.reject(
          subscriber,
          new IllegalStateException(
              name
                  + " publishes one AsyncGenerator instance, which its first subscriber already"
                  + " consumes; to let every subscriber get its own values, build the publisher"
                  + " from a Body or a Supplier of generators"));
      return;
    }
    GeneratorSubscription<T> subscription =
        new GeneratorSubscription<>(loop, generators, subscriber, name);
    subscription.start();
  }

  EventLoop loop() {
    return loop;
  }

  @Override
  public String toString() {
    return "<" + name + " on " + loop + ">";
  }
}

package org.asyncio4j;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The subscriber behind {@link FlowAdapters#toAsyncGenerator}: the publisher signals from any
 * thread into a queue, and the generator's body takes from it on its loop, waiting when it is
 * empty. It asks for {@code prefetch} values at first and for more only as the body takes them, so
 * the queue never holds more than {@code prefetch} values however fast the publisher is.
 *
 * <p>Waking, the one race: the body publishes a waiter, then looks at the queue again before it
 * waits; a signal adds to the queue, then takes the waiter and completes it (the loop learns of it
 * through its inbox). Both steps are sequentially consistent (a concurrent queue, an atomic
 * reference), so either the body sees the signal in its second look or the signal sees the waiter:
 * a signal never sleeps in the queue while the body waits.
 */
final class FlowSubscriberBridge<T> implements Flow.Subscriber<T> {
  private static final Object COMPLETE = new Object();

  private record Failure(Throwable error) {}

  private final EventLoop loop;

  /** Whether this bridge consumes on {@code l}: its requests then come from tasks of {@code l}. */
  boolean consumesOn(EventLoop l) {
    return loop == l;
  }

  private final int prefetch;
  private final int replenishAt;
  private final String name;
  private final ConcurrentLinkedQueue<Object> signals = new ConcurrentLinkedQueue<>();
  private final AtomicReference<@Nullable CompletableFuture<Void>> waiter = new AtomicReference<>();
  private final AtomicReference<Flow.@Nullable Subscription> subscription = new AtomicReference<>();
  private volatile boolean cancelled;

  /** Whether the publisher signals from tasks of {@link #loop} only (one of our own on it). */
  private final boolean sameLoop;

  /** Values taken since the last request (loop-confined). */
  private int taken;

  FlowSubscriberBridge(EventLoop loop, int prefetch, String name, boolean sameLoop) {
    this.loop = loop;
    this.sameLoop = sameLoop;
    this.prefetch = prefetch;
    // Ask again once three quarters of a batch are taken (Reactor's limitRate): fewer, larger
    // requests than one per value, and the publisher is not left idle while the last ones drain.
    this.replenishAt = Math.max(1, prefetch - (prefetch >> 2));
    this.name = name;
  }

  // ---------------------------------------------------------------- Flow.Subscriber, any thread

  @Override
  public void onSubscribe(Flow.Subscription s) {
    if (s == null) {
      throw new NullPointerException(name + ".onSubscribe(null) (Reactive Streams rule 2.13)");
    }
    if (!subscription.compareAndSet(null, s)) {
      s.cancel(); // rule 2.5: one subscription at a time
      return;
    }
    if (cancelled) {
      s.cancel(); // the generator was closed before the publisher called back
    } else {
      s.request(prefetch);
    }
  }

  @Override
  public void onNext(T item) {
    if (item == null) {
      throw new NullPointerException(name + ".onNext(null) (Reactive Streams rule 2.13)");
    }
    signals.add(item);
    wake();
  }

  @Override
  public void onError(Throwable error) {
    if (error == null) {
      throw new NullPointerException(name + ".onError(null) (Reactive Streams rule 2.13)");
    }
    signals.add(new Failure(error));
    wake();
  }

  @Override
  public void onComplete() {
    signals.add(COMPLETE);
    wake();
  }

  private void wake() {
    CompletableFuture<Void> w = waiter.getAndSet(null);
    if (w != null) {
      w.complete(null);
    }
  }

  // ---------------------------------------------------------------- the generator's body

  /** The body: yields what the publisher sends, ends or fails as it does, cancels when closed. */
  @SuppressWarnings("ReferenceEquality") // identity: COMPLETE is a sentinel object
  void produce(AsyncGenerator.Yield<T> out) throws Exception {
    boolean terminated = false;
    try {
      while (true) {
        Object signal = take();
        if (signal == COMPLETE) {
          terminated = true;
          return;
        }
        if (signal instanceof Failure f) {
          terminated = true;
          throw rethrowable(f.error());
        }
        replenish();
        @SuppressWarnings("unchecked")
        T value = (T) signal;
        out.yield(value);
      }
    } finally {
      if (!terminated) {
        cancel(); // closed or cancelled early; after onComplete/onError there is nothing to cancel
      }
    }
  }

  /** Takes the next signal, suspending the body's task while none is queued. */
  private Object take() {
    while (true) {
      Object signal = signals.poll();
      if (signal != null) {
        return signal;
      }
      CompletableFuture<Void> w = new CompletableFuture<>();
      waiter.set(w);
      signal = signals.poll();
      if (signal != null) {
        waiter.compareAndSet(w, null);
        return signal;
      }
      if (sameLoop) {
        // Our own publisher on this loop signals from a task of the loop: a plain loop future,
        // so that the virtual clock and the deadlock check see the whole picture.
        Future<@Nullable Void> f = loop.createFuture();
        var _ = // the dependent stage is not needed, only the callback
            w.whenComplete((v, e) -> {
              if (!f.isDone()) {
                f.setResult(null);
              }
            });
        f.await();
      } else {
        // Any other publisher may signal from any thread: wrapped, so that the loop counts the
        // wait as outside work, and its deadlock check and virtual clock wait for the publisher
        // instead of declaring the body stuck or jumping the clock over the wait.
        loop.wrapStage(w).await();
      }
    }
  }

  private void replenish() {
    if (++taken >= replenishAt) {
      long n = taken;
      taken = 0;
      Flow.Subscription s = subscription.get();
      if (s != null) { // always set: a value came through it
        s.request(n);
      }
    }
  }

  /** Cancels the subscription, now or as soon as the publisher hands it over. */
  void cancel() {
    cancelled = true;
    Flow.Subscription s = subscription.get();
    if (s != null) {
      s.cancel();
    }
  }

  private static Exception rethrowable(Throwable error) {
    if (error instanceof Exception e) {
      return e;
    }
    if (error instanceof Error e) {
      throw e;
    }
    return new CompletionException(error);
  }

  @Override
  public String toString() {
    return "<" + name + " prefetch=" + prefetch + " queued=" + signals.size() + ">";
  }
}

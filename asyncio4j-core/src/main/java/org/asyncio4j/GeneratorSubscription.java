package org.asyncio4j;

import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One subscriber of a {@link GeneratorPublisher}: a task of the loop (the driver) opens a
 * generator, and asks it for a value only while the subscriber's demand is positive, so the body
 * never runs ahead of {@code request(n)}. Every signal to the subscriber comes from the driver, one
 * at a time (Reactive Streams rule 1.3).
 *
 * <p>Threads meet in three places only, all lock-free: {@link #demand} (added to by {@link
 * #request} on any thread, taken from by the driver), {@link #stop} (set once by {@link #cancel} or
 * a bad request, read by the driver) and the loop's inbox ({@code callSoonThreadsafe}), through
 * which a requester wakes a driver that waits for demand. Everything else is loop-confined.
 *
 * <p>Waking, the one race: the driver parks only after it read {@code demand == 0} in the same loop
 * step, and a requester posts a wake-up exactly when it moves demand from 0 up. Either the
 * request's increment came first (the driver reads a positive demand and does not park), or it came
 * after the driver's read, and then its wake-up runs on the loop after the driver parked, because
 * the loop runs one step at a time.
 */
final class GeneratorSubscription<T> implements Flow.Subscription {
  private static final System.Logger LOG = System.getLogger("org.asyncio4j");

  /** {@link #stop} value: the subscriber cancelled (or broke rule 2.13). */
  private static final Object CANCELLED = new Object();

  /** {@link #stop} value: the driver signalled onComplete or onError. */
  private static final Object TERMINATED = new Object();

  private enum Phase {
    NEW,
    RUNNING,
    WAITING_FOR_DEMAND,
    STEPPING,
    DONE
  }

  private final EventLoop loop;
  private final Supplier<? extends @Nullable AsyncGenerator<T>> generators;
  private final String publisherName;

  /** Dropped at the end so that a cancelled subscriber can be collected (rule 3.13). */
  private volatile Flow.@Nullable Subscriber<? super T> subscriber;

  /** Requested and not yet delivered, capped at Long.MAX_VALUE (rule 3.17). */
  private final AtomicLong demand = new AtomicLong();

  /** Null while running; then CANCELLED, TERMINATED, or the rule-3.9 error to signal. */
  private final AtomicReference<@Nullable Object> stop = new AtomicReference<>();

  // loop-confined
  private Phase phase = Phase.NEW;
  private @Nullable Future<@Nullable Void> waiter;
  private @Nullable Task<Void> driver;

  /** Set when stopOnLoop cancelled the driver during a step; the driver withdraws it after. */
  private boolean stepCancelled;

  GeneratorSubscription(
      EventLoop loop,
      Supplier<? extends @Nullable AsyncGenerator<T>> generators,
      Flow.Subscriber<? super T> subscriber,
      String publisherName) {
    this.loop = loop;
    this.generators = generators;
    this.subscriber = subscriber;
    this.publisherName = publisherName;
  }

  /**
   * Signals onSubscribe and onError to a subscriber that cannot be served, on this thread. What the
   * subscriber throws is logged, not thrown: subscribe() must return normally (rule 1.9).
   */
  static void reject(Flow.Subscriber<?> subscriber, Throwable error) {
    try {
      subscriber.onSubscribe(
          new Flow.Subscription() {
            @Override
            public void request(long n) {}

            @Override
            public void cancel() {}
          });
      subscriber.onError(error);
    } catch (Throwable t) {
      LOG.log(
          System.Logger.Level.ERROR,
          "Flow.Subscriber "
              + subscriber
              + " threw while being refused (Reactive Streams rule 2.13)",
          t);
    }
  }

  /** Set by whichever comes first: the driver's start on the loop, or a refusal. */
  private final AtomicBoolean startClaimed = new AtomicBoolean();

  /** Run by the loop's close() if it discards the posted start: the subscriber must hear. */
  private final Runnable refuseAtClose = this::refuseAtClose;

  /** Starts the driver on the loop; called once, from any thread. */
  void start() {
    loop.addCloseHook(refuseAtClose);
    if (!post(this::startOnLoop)) {
      loop.removeCloseHook(refuseAtClose);
      refuseUnstarted(
          publisherName + " cannot serve a new subscriber: its event loop " + loop + " is closed");
    }
  }

  private void refuseAtClose() {
    refuseUnstarted(publisherName + ": its event loop " + loop + " closed before it started");
  }

  private void refuseUnstarted(String why) {
    if (!startClaimed.compareAndSet(false, true)) {
      return;
    }
    Flow.Subscriber<? super T> s = subscriber;
    subscriber = null;
    if (s != null) {
      reject(s, new IllegalStateException(why));
    }
  }

  private void startOnLoop() {
    loop.removeCloseHook(refuseAtClose);
    if (!startClaimed.compareAndSet(false, true)) {
      return;
    }
    Task<Void> t = loop.createTask(this::drive, publisherName + " subscription");
    driver = t;
    t.addListener(f -> {
      // The loop closed (and cancelled the driver) before the driver's first step.
      if (phase == Phase.NEW) {
        phase = Phase.DONE;
        Flow.Subscriber<? super T> s = subscriber;
        subscriber = null;
        if (s != null) {
          reject(s, new CancelledException(publisherName + ": the event loop closed"));
        }
      }
    });
  }

  // ---------------------------------------------------------------- Flow.Subscription, any thread

  @Override
  public void request(long n) {
    if (n <= 0) {
      stop(
          new IllegalArgumentException(
              publisherName
                  + ": request("
                  + n
                  + ") is not allowed, a request must be positive (Reactive Streams rule 3.9)"));
      return;
    }
    long prev;
    long next;
    do {
      prev = demand.get();
      next = prev + n;
      if (next < 0) {
        next = Long.MAX_VALUE; // rule 3.17: demand beyond Long.MAX_VALUE is "unbounded"
      }
    } while (!demand.compareAndSet(prev, next));
    if (prev == 0 && stop.get() == null) {
      post(this::wake);
    }
  }

  @Override
  public void cancel() {
    stop(CANCELLED);
  }

  private void stop(Object why) {
    if (stop.compareAndSet(null, why)) {
      post(this::stopOnLoop);
    }
  }

  /** Queues {@code action} on the loop; false when the loop is closed. */
  private boolean post(Runnable action) {
    try {
      loop.callSoonThreadsafe(action);
      return true;
    } catch (IllegalStateException closed) {
      return false; // closing the loop cancelled the driver, which told the subscriber
    }
  }

  // ---------------------------------------------------------------- loop side

  private void wake() {
    Future<@Nullable Void> w = waiter;
    if (w != null) {
      waiter = null;
      if (!w.isDone()) {
        w.setResult(null);
      }
    }
  }

  private void stopOnLoop() {
    Task<Void> d = driver;
    if (phase == Phase.STEPPING && d != null) {
      // The body is running towards its next yield: cancel it there rather than wait for a value
      // no one wants; the generator is closed once it returns.
      stepCancelled = true;
      d.cancel(publisherName + ": the subscription was cancelled");
    } else {
      wake();
    }
  }

  private void drive() {
    phase = Phase.RUNNING;
    Flow.Subscriber<? super T> s = subscriber;
    if (s == null) {
      phase = Phase.DONE;
      return;
    }
    if (!signal(s, () -> s.onSubscribe(this), "onSubscribe")) {
      end();
      return;
    }
    AsyncGenerator<T> gen = null;
    Throwable failure = null;
    boolean completed = false;
    try {
      gen = open();
      while (awaitDemand()) {
        boolean has;
        phase = Phase.STEPPING;
        try {
          has = gen.hasNext();
        } finally {
          phase = Phase.RUNNING;
          withdrawStepCancel();
        }
        if (stop.get() != null) {
          break;
        }
        if (!has) {
          completed = true;
          break;
        }
        T value = gen.next();
        if (value == null) {
          failure =
              new NullPointerException(
                  gen
                      + " yielded null, which "
                      + publisherName
                      + " cannot publish (a Flow.Subscriber never receives null, Reactive Streams"
                      + " rule 2.13); yield a non-null value, for example an Optional");
          break;
        }
        demand.decrementAndGet();
        T v = value;
        if (!signal(s, () -> s.onNext(v), "onNext")) {
          break;
        }
      }
    } catch (Throwable t) {
      if (stop.get() == null && t instanceof CancelledException) {
        // Not the subscriber's cancel: someone cancelled the driver, typically the loop closing.
        failure =
            new CancelledException(
                publisherName
                    + ": the task serving this subscriber was cancelled (was the event loop"
                    + " closed?)");
        failure.initCause(t);
      } else if (stop.get() == null) {
        failure = unwrap(t); // the body failed
      } else if (!(t instanceof CancelledException)) {
        report("the generator of a cancelled subscription failed", t);
      }
    } finally {
      closeQuietly(gen);
    }
    Object why = stop.compareAndExchange(null, TERMINATED);
    if (why == null) {
      if (failure != null) {
        Throwable f = failure;
        signal(s, () -> s.onError(f), "onError");
      } else if (completed) {
        signal(s, s::onComplete, "onComplete");
      }
    } else if (why instanceof Throwable badRequest) {
      signal(s, () -> s.onError(badRequest), "onError");
    }
    end();
  }

  /**
   * Withdraws our own cancellation of a step. The step may have ended before the cancel (its value
   * already on the way to us); the cancel would then still be pending and would strike the
   * generator's close() at its first await, so it is forgotten (asyncio's uncancel()). A
   * cancellation from elsewhere (the loop closing) stays counted.
   */
  private void withdrawStepCancel() {
    Task<Void> d = driver;
    if (stepCancelled && d != null) {
      stepCancelled = false;
      d.uncancel();
    }
  }

  private AsyncGenerator<T> open() {
    AsyncGenerator<T> gen = generators.get();
    if (gen == null) {
      throw new NullPointerException(
          publisherName + ": the generator supplier returned null; return a new AsyncGenerator");
    }
    return gen;
  }

  /** Waits until demand is positive (true) or the subscription stopped (false). */
  private boolean awaitDemand() {
    while (true) {
      if (stop.get() != null) {
        return false;
      }
      if (demand.get() > 0) {
        return true;
      }
      Future<@Nullable Void> w = loop.createFuture();
      waiter = w;
      phase = Phase.WAITING_FOR_DEMAND;
      // A subscriber may request from any thread, so the deadlock check must not declare the
      // loop stuck while this waits. Only our own bridge on this loop requests from its tasks,
      // where the loop sees the whole picture.
      Flow.Subscriber<? super T> s = subscriber;
      boolean outside = !(s instanceof FlowSubscriberBridge<?> b && b.consumesOn(loop));
      if (outside) {
        loop.beginForeignWait();
      }
      try {
        w.await();
      } finally {
        if (outside) {
          loop.endForeignWait();
        }
        phase = Phase.RUNNING;
        waiter = null;
      }
    }
  }

  /**
   * Calls the subscriber; if it throws, the subscription is cancelled and the error goes to the
   * loop's exception handler, as rule 2.13 asks of a publisher whose subscriber broke the rules.
   */
  private boolean signal(Flow.Subscriber<? super T> s, Runnable call, String method) {
    try {
      call.run();
      return true;
    } catch (Throwable t) {
      stop.compareAndSet(null, CANCELLED);
      report(
          "Flow.Subscriber "
              + s
              + " threw from "
              + method
              + " (it must not, Reactive Streams rule 2.13); its subscription to "
              + publisherName
              + " is cancelled",
          t);
      return false;
    }
  }

  private void closeQuietly(@Nullable AsyncGenerator<T> gen) {
    if (gen == null) {
      return;
    }
    try {
      gen.close();
    } catch (Throwable t) {
      if (!(t instanceof CancelledException)) {
        report("closing " + gen + " for " + publisherName + " failed", t);
      }
    }
  }

  private void end() {
    phase = Phase.DONE;
    subscriber = null;
  }

  private void report(String message, Throwable t) {
    loop.callExceptionHandler(
        new ExceptionContext(message, t, null, driver, null, Map.of("publisher", publisherName)));
  }

  private static Throwable unwrap(Throwable t) {
    // AsyncGenerator wraps a checked exception of the body; the subscriber gets the body's own.
    if (t instanceof CompletionException && t.getCause() != null) {
      return t.getCause();
    }
    return t;
  }

  @Override
  public String toString() {
    return "<"
        + publisherName
        + " subscription "
        + phase.name().toLowerCase(java.util.Locale.ROOT)
        + " demand="
        + demand.get()
        + ">";
  }
}

package org.asyncio4j;

import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Bridges between {@link AsyncGenerator} and {@link java.util.concurrent.Flow} (Reactive Streams):
 * a generator published with back-pressure, and any publisher consumed as a generator.
 *
 * <p>{@link #toPublisher(EventLoop, AsyncGenerator.Body) toPublisher} runs, for each subscriber, a
 * generator in a task of the given loop and asks it for a value only while the subscriber's demand
 * is positive: a body that has delivered all that was requested waits at its {@code yield} until
 * {@link Flow.Subscription#request} asks for more. {@link Flow.Subscription#cancel} closes the
 * generator (its {@code finally} blocks run); the body's end is {@code onComplete}, its failure
 * {@code onError}. As with {@code async for}, the end is learnt by asking for one more value: a
 * subscriber that requested exactly as many values as the body yields gets {@code onComplete} when
 * it requests again, not before, because the body must not run past its last {@code yield} unasked.
 * The subscriber's methods are called on the loop's thread, from that task, one at a time; they
 * must not block (they may call {@code request} and {@code cancel}).
 *
 * <p>{@link #toAsyncGenerator(Flow.Publisher) toAsyncGenerator} subscribes when the generator is
 * first iterated, from a task of any loop, and requests a bounded batch ({@code prefetch} values),
 * then more as the consumer takes them, so a fast publisher cannot fill memory; its signals may
 * come from any thread. Closing the generator cancels the subscription; a publisher's {@code
 * onError} comes out of {@code hasNext()} or {@code next()}.
 *
 * <pre>{@code
 * Flow.Publisher<Integer> numbers = FlowAdapters.toPublisher(loop, out -> {
 *   for (int i = 0; i < 3; i++) {
 *     Asyncio.sleep(Duration.ofMillis(10));
 *     out.yield(i);
 *   }
 * });
 * loop.runUntilComplete(() -> {
 *   try (AsyncGenerator<Integer> again = FlowAdapters.toAsyncGenerator(numbers)) {
 *     for (int n : again) System.out.println(n);           // 0 1 2
 *   }
 * });
 * }</pre>
 *
 * <p>Threading: every method may be called from any thread; the publishers accept {@code
 * subscribe}, {@code request} and {@code cancel} from any thread.
 *
 * <p>asyncio: none (asyncio has no Reactive Streams); the generator side is {@code async for} over
 * an async generator. Reactive Streams: {@code Publisher}, {@code Subscriber}, rules 1 to 3.
 */
public final class FlowAdapters {
  /** How many values {@link #toAsyncGenerator(Flow.Publisher)} requests ahead: 16. */
  public static final int DEFAULT_PREFETCH = 16;

  private static final AtomicLong BRIDGES = new AtomicLong();

  private FlowAdapters() {}

  /**
   * Returns a cold publisher: each subscriber gets a new generator of {@code body}, run in a task
   * of {@code loop} only as far as the subscriber's demand.
   *
   * <p>Reactive Streams: a cold {@code Publisher}; asyncio: an {@code async def} generator
   * function, called once per consumer.
   *
   * <pre>{@code
   * Flow.Publisher<String> lines = FlowAdapters.toPublisher(loop, out -> {
   *   out.yield("a");
   *   out.yield("b");
   * });
   * }</pre>
   *
   * @param loop the loop that runs the generators and calls the subscribers
   * @param body the body of each subscriber's generator; it must not yield null (a subscriber then
   *     gets onError(NullPointerException))
   * @param <T> the type of the values
   * @return the publisher
   */
  public static <T> Flow.Publisher<T> toPublisher(EventLoop loop, AsyncGenerator.Body<T> body) {
    requireArgument(loop, "loop");
    requireArgument(body, "body");
    return new GeneratorPublisher<>(loop, () -> AsyncGenerator.of(body), false);
  }

  /**
   * Returns a cold publisher: each subscriber gets the generator that {@code generators} returns
   * (called on the loop, in the subscriber's task), run only as far as its demand.
   *
   * <p>Reactive Streams: a cold {@code Publisher}
   *
   * <pre>{@code
   * Flow.Publisher<Row> rows = FlowAdapters.toPublisher(loop, () -> database.query(sql));
   * }</pre>
   *
   * @param loop the loop that runs the generators and calls the subscribers
   * @param generators returns a new, unstarted generator per call; its failure goes to the
   *     subscriber's onError
   * @param <T> the type of the values
   * @return the publisher
   */
  public static <T> Flow.Publisher<T> toPublisher(
      EventLoop loop, Supplier<? extends @Nullable AsyncGenerator<T>> generators) {
    requireArgument(loop, "loop");
    requireArgument(generators, "generators");
    return new GeneratorPublisher<>(loop, generators, false);
  }

  /**
   * Returns a publisher of one existing generator: its first subscriber consumes it, and any other
   * gets {@code onError(IllegalStateException)}. The generator must not have been iterated, and is
   * then iterated by a task of {@code loop}.
   *
   * <p>Reactive Streams: a hot, single-subscriber {@code Publisher}
   *
   * <pre>{@code
   * AsyncGenerator<String> events = AsyncGenerator.of(out -> out.yield("started"));
   * Flow.Publisher<String> once = FlowAdapters.toPublisher(loop, events);
   * }</pre>
   *
   * @param loop the loop that runs the generator and calls the subscriber
   * @param generator the generator
   * @param <T> the type of the values
   * @return the publisher
   */
  public static <T> Flow.Publisher<T> toPublisher(EventLoop loop, AsyncGenerator<T> generator) {
    requireArgument(loop, "loop");
    requireArgument(generator, "generator");
    return new GeneratorPublisher<>(loop, () -> generator, true);
  }

  /**
   * Returns a generator of what {@code publisher} sends, requesting {@link #DEFAULT_PREFETCH}
   * values ahead.
   *
   * <p>Reactive Streams: a {@code Subscriber} with bounded demand; asyncio: {@code async for} over
   * the result
   *
   * <pre>{@code
   * try (AsyncGenerator<ByteBuffer> chunks = FlowAdapters.toAsyncGenerator(body)) {
   *   for (ByteBuffer chunk : chunks) write(chunk);
   * }
   * }</pre>
   *
   * @param publisher any publisher; it may signal from any thread
   * @param <T> the type of the values
   * @return a generator that subscribes when it is first iterated
   */
  public static <T> AsyncGenerator<T> toAsyncGenerator(Flow.Publisher<? extends T> publisher) {
    return toAsyncGenerator(publisher, DEFAULT_PREFETCH);
  }

  /**
   * Returns a generator of what {@code publisher} sends, with at most {@code prefetch} values
   * requested and not yet taken by the consumer. The generator subscribes when a task first
   * iterates it and waits on that task's loop; {@link AsyncGenerator#close()} cancels the
   * subscription; a publisher's error is thrown by {@code hasNext()} or {@code next()} (a checked
   * one wrapped in {@link java.util.concurrent.CompletionException}).
   *
   * <p>Reactive Streams: a {@code Subscriber} with bounded demand
   *
   * <pre>{@code
   * try (AsyncGenerator<Quote> live = FlowAdapters.toAsyncGenerator(quotes, 256)) {
   *   for (Quote q : live) show(q);   // at most 256 quotes requested ahead
   * }
   * }</pre>
   *
   * @param publisher any publisher; it may signal from any thread
   * @param prefetch how many values to request ahead, at least 1
   * @param <T> the type of the values
   * @return a generator that subscribes when it is first iterated
   * @throws IllegalArgumentException if {@code prefetch < 1}
   */
  public static <T> AsyncGenerator<T> toAsyncGenerator(
      Flow.Publisher<? extends T> publisher, int prefetch) {
    requireArgument(publisher, "publisher");
    if (prefetch < 1) {
      throw new IllegalArgumentException(
          "FlowAdapters.toAsyncGenerator: prefetch is " + prefetch + ", it must be at least 1");
    }
    String name = "FlowSubscriber-" + BRIDGES.incrementAndGet();
    return AsyncGenerator.of(out -> {
      EventLoop loop = Asyncio.getRunningLoop();
      boolean sameLoop = publisher instanceof GeneratorPublisher<?> own && own.loop() == loop;
      FlowSubscriberBridge<T> bridge = new FlowSubscriberBridge<>(loop, prefetch, name, sameLoop);
      publisher.subscribe(bridge);
      bridge.produce(out);
    });
  }

  private static void requireArgument(@Nullable Object value, String what) {
    if (value == null) {
      throw new NullPointerException("FlowAdapters: " + what + " is null");
    }
  }
}

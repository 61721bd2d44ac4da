package org.asyncio4j;

import java.lang.ref.Reference;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;

/**
 * A lazy producer of values that may suspend between them: asyncio's asynchronous generator.
 *
 * <p>The body hands values out one at a time with {@link Yield#yield}; it runs only when the
 * consumer asks for the next value, up to its next {@code yield} (or its end), and then waits,
 * suspended at that {@code yield}, until it is asked again. The consumer iterates with a plain
 * {@code for} loop from a task: {@link #hasNext()} suspends the consumer while the body runs. The
 * generator is its own iterator, as an asyncio generator is its own {@code __aiter__}, so it can be
 * iterated once.
 *
 * <p>{@link #close()} ends a generator early: {@link GeneratorExitException} is raised in the body
 * at the {@code yield} where it waits, its {@code finally} blocks run (they may await), and close
 * returns when the body has ended. Breaking out of a {@code for} loop does not close the generator,
 * as in Python; use try-with-resources. Generators still open when their loop shuts down are closed
 * by {@link EventLoop#shutdownAsyncgens()}, which {@link Asyncio#run} and {@link Runner} call, as
 * asyncio does; a generator that becomes unreachable while suspended is closed on its loop soon
 * after the garbage collector finds it (asyncio's finalizer hook).
 *
 * <pre>{@code
 * AsyncGenerator<Integer> ticks = AsyncGenerator.of(out -> {
 *   for (int i = 0; ; i++) {
 *     Asyncio.sleep(Duration.ofSeconds(1));
 *     out.yield(i);
 *   }
 * });
 * try (ticks) {
 *   for (int tick : ticks) {          // each step suspends this task, not the loop
 *     if (tick == 3) break;
 *   }
 * }                                   // close(): the body's finally blocks run here
 * }</pre>
 *
 * <p>Cancellation: cancelling a consumer while the body runs a step raises {@link
 * CancelledException} in the body where it awaits, and the consumer's {@code hasNext()} returns
 * when the body has dealt with it: with the cancellation if the body let it out (the generator is
 * then done), with the next value or the end if the body caught it, as in asyncio.
 *
 * <p>Differences from asyncio, all because Java has no coroutine frames: the body runs in a task of
 * its own, a virtual thread next to the consumer's, which the consumer hands control to and takes
 * it back from without any other task running in between (so programs interleave step for step as
 * in asyncio). Inside the body, {@link Asyncio#currentTask()} is that task, not the consumer; it is
 * not listed by {@link Asyncio#allTasks()}; the body sees a copy of the context of the task that
 * first iterated the generator, and context changes on either side are not seen by the other.
 * {@code asend()} and {@code athrow()} are not provided: pass values to a producer through a {@link
 * org.asyncio4j.sync.Queue}.
 *
 * <p>Threading: iterate and close from tasks of one loop (the loop of the task that first iterates
 * it); one task at a time may iterate.
 *
 * <p>asyncio: {@code async def} with {@code yield}, {@code async for}, {@code anext()}, {@code
 * aclose()}
 *
 * @param <T> the type of the values; nullable ({@code AsyncGenerator<@Nullable String>}) if the
 *     body may yield null
 */
// An async generator is its own iterator in Python (__aiter__ returns self), and so is this one.
@SuppressWarnings("IterableAndIterator")
public final class AsyncGenerator<T extends @Nullable Object>
    implements Iterable<T>, Iterator<T>, AutoCloseable {
  private final AsyncGeneratorCore<T> core;

  private AsyncGenerator(Body<T> body) {
    this.core = new AsyncGeneratorCore<>(body);
  }

  /**
   * Creates a generator from its body. Nothing runs until the first {@link #hasNext()} or {@link
   * #next()}; the generator may be created outside a loop.
   *
   * @param body the producer
   * @param <T> the type of the values
   * @return the generator
   */
  public static <T extends @Nullable Object> AsyncGenerator<T> of(Body<T> body) {
    if (body == null) {
      throw new NullPointerException("AsyncGenerator.of(body): body is null");
    }
    return new AsyncGenerator<>(body);
  }

  /**
   * Returns this generator, which is its own iterator, so that a {@code for} loop consumes it.
   *
   * @return this
   */
  @Override
  public Iterator<T> iterator() {
    return this;
  }

  /**
   * Runs the body up to its next {@code yield} (suspending the calling task meanwhile) unless a
   * value is already waiting, and says whether there is one.
   *
   * @return false when the body has ended
   * @throws IllegalStateException outside a task, from another loop, or while another task is
   *     waiting for this generator's next value
   * @throws RuntimeException what the body threw (a checked exception wrapped in {@link
   *     java.util.concurrent.CompletionException}); the generator is then done
   */
  @Override
  public boolean hasNext() {
    try {
      return core.hasNext(this);
    } finally {
      Reference.reachabilityFence(this);
    }
  }

  /**
   * Returns the next value, running the body up to its next {@code yield} if needed.
   *
   * <p>asyncio: {@code await anext(agen)}
   *
   * @return the value; null only if {@code T} is nullable and the body yielded null
   * @throws NoSuchElementException when the body has ended (asyncio's {@code StopAsyncIteration})
   * @throws IllegalStateException as {@link #hasNext()}
   */
  @Override
  public T next() {
    try {
      return core.next(this);
    } finally {
      Reference.reachabilityFence(this);
    }
  }

  /**
   * Closes the generator: if its body is suspended at a {@code yield}, {@link
   * GeneratorExitException} is raised there, and this returns when the body has ended (its {@code
   * finally} blocks may await, so this suspends the calling task). A generator that never started
   * just becomes done, its body never runs; closing a done generator does nothing.
   *
   * <p>asyncio: {@code await agen.aclose()}
   *
   * @throws IllegalStateException if the body yields again instead of ending, if another task is
   *     waiting for its next value, or if it must run and this is not called from a task of its
   *     loop
   * @throws RuntimeException what the body's {@code finally} blocks threw
   */
  @Override
  public void close() {
    core.close();
  }

  /**
   * Returns whether the body has ended, or was closed before it started.
   *
   * @return true once the generator can produce nothing more
   */
  public boolean isDone() {
    return core.isDone();
  }

  /**
   * Returns a short description with the generator's state.
   *
   * @return for example {@code <AsyncGenerator-3 suspended>}
   */
  @Override
  public String toString() {
    return core.toString();
  }

  /**
   * The body of an {@link AsyncGenerator}: produces values through {@code out} and may await
   * anything in between.
   *
   * @param <T> the type of the values
   */
  @FunctionalInterface
  public interface Body<T extends @Nullable Object> {
    /**
     * Produces the values.
     *
     * @param out where the values go
     * @throws Exception anything; the consumer's {@code hasNext()} or {@code next()} rethrows it
     */
    void run(Yield<T> out) throws Exception;
  }

  /**
   * Where an {@link AsyncGenerator}'s body hands its values out.
   *
   * @param <T> the type of the values
   */
  public interface Yield<T extends @Nullable Object> {
    /**
     * Hands {@code value} to the consumer and suspends the body until the consumer asks for the
     * next value (or closes the generator). Call it from the body itself, not from a task it
     * created. Because {@code yield} is a contextual keyword, call it qualified: {@code
     * out.yield(value)}.
     *
     * <p>asyncio: {@code yield value} in an {@code async def}
     *
     * @param value the value; null only if {@code T} is nullable ({@code AsyncGenerator<@Nullable
     *     String>})
     * @throws GeneratorExitException when the generator is being closed: let it propagate
     * @throws IllegalStateException when called outside the body, or while the generator is being
     *     closed
     */
    @SuppressWarnings("NamedLikeContextualKeyword") // Python's keyword; the Javadoc says: qualify
    void yield(T value);
  }
}

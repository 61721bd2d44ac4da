package org.asyncio4j;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The state that {@link Asyncio#asCompleted} and {@link Asyncio#asCompletedFutures} share: the
 * futures not done yet, the queue of those that completed (in completion order), and how many
 * timeouts are owed once the timeout fired. It is asyncio 3.13's {@code _AsCompletedIterator}: one
 * object that is its own iterator, so a second {@code for} loop over it resumes where the first
 * stopped, and it hands out exactly one item (a future, or a timeout) per future it was given.
 *
 * <p>Loop-confined: completions and the timeout arrive as callbacks of the loop.
 *
 * @param <F> the type of what is queued: the futures given
 */
abstract class AsCompleted<F extends Future<?>> {
  final EventLoop loop;
  private final @Nullable Duration timeout;

  /** The futures not done yet, each with the removal of its done callback. */
  private final Map<F, Runnable> todo = new LinkedHashMap<>();

  private final ArrayDeque<F> done = new ArrayDeque<>();

  /** Timeouts owed: one for each future still in {@link #todo} when the timeout fired. */
  private int timeoutsOwed;

  /** How many items (futures or timeouts) may still be handed out. */
  private int left;

  private @Nullable TimerHandle timer;

  AsCompleted(EventLoop loop, Collection<? extends F> futures, @Nullable Duration timeout) {
    this.loop = loop;
    this.timeout = timeout;
    for (F f : new LinkedHashSet<>(futures)) {
      todo.put(f, () -> {});
    }
    left = todo.size();
  }

  /**
   * Registers the done callbacks and the timeout; separate from the constructor so that no callback
   * can reach {@link #progressed()} before the subclass is built.
   */
  final void start() {
    for (F f : new ArrayList<>(todo.keySet())) {
      todo.put(f, onDone(f, this::completed));
    }
    if (!todo.isEmpty() && timeout != null) {
      timer = loop.callLater(timeout, this::timedOut);
    }
  }

  private static Runnable onDone(Future<?> f, Consumer<Future<?>> callback) {
    return onDoneCaptured(f, callback);
  }

  private static <X extends @Nullable Object> Runnable onDoneCaptured(
      Future<X> f, Consumer<Future<?>> callback) {
    Consumer<Future<X>> cb = callback::accept;
    f.addDoneCallback(cb);
    return () -> f.removeDoneCallback(cb);
  }

  private void completed(Future<?> f) {
    if (todo.remove(f) == null) {
      return; // the timeout came first (a callback already queued cannot be removed)
    }
    @SuppressWarnings("unchecked")
    F typed = (F) f;
    done.add(typed);
    TimerHandle t = timer;
    if (todo.isEmpty() && t != null) {
      t.cancel();
    }
    progressed();
  }

  private void timedOut() {
    for (Runnable removal : todo.values()) {
      removal.run();
    }
    timeoutsOwed += todo.size();
    todo.clear();
    progressed();
  }

  /** Called after a completion or the timeout: what waits for the next item may take it. */
  abstract void progressed();

  /** Whether an item may still be handed out. */
  final boolean hasMore() {
    return left > 0;
  }

  /** Refuses when every item was handed out. */
  final void requireMore() {
    if (left == 0) {
      throw new NoSuchElementException("asCompleted: every future was returned");
    }
  }

  /** Counts one item as handed out. */
  final void handOut() {
    requireMore();
    left--;
  }

  /** Whether a completed future or an owed timeout waits to be taken. */
  final boolean ready() {
    return !done.isEmpty() || timeoutsOwed > 0;
  }

  /** Takes the next completed future, or null for an owed timeout; only when {@link #ready()}. */
  final @Nullable F take() {
    F f = done.poll();
    if (f == null) {
      timeoutsOwed--;
    }
    return f;
  }

  final AsyncTimeoutException timeoutException() {
    Duration t = timeout;
    // The same wording as Timeout's "timed out after 1.5 s": people search for it.
    String after = t == null ? "" : " after " + Reprs.seconds(t.toNanos());
    return new AsyncTimeoutException(
        "asCompleted timed out" + after + " with futures still pending");
  }

  /** The form that returns the futures themselves: {@code async for f in as_completed(aws)}. */
  // asyncio's as_completed() object is its own iterator (__aiter__ returns self), and so is this
  @SuppressWarnings("IterableAndIterator")
  static final class Originals<F extends Future<?>> extends AsCompleted<F>
      implements Iterable<F>, Iterator<F> {
    /** The tasks waiting in next(): several may iterate the same object, as in asyncio. */
    private final ArrayDeque<Future<@Nullable Void>> waiters = new ArrayDeque<>();

    Originals(EventLoop loop, Collection<? extends F> futures, @Nullable Duration timeout) {
      super(loop, futures, timeout);
    }

    @Override
    public Iterator<F> iterator() {
      return this;
    }

    @Override
    public boolean hasNext() {
      return hasMore();
    }

    @Override
    public F next() {
      requireMore();
      while (!ready()) {
        Future<@Nullable Void> w = loop.createFuture();
        waiters.add(w);
        try {
          w.await();
        } finally {
          waiters.remove(w);
        }
        requireMore(); // another task iterating this object may have taken the last one
      }
      // Counted only now: a task cancelled while it waited took nothing, and the next call
      // (of this task or another) still gets the item.
      handOut();
      F f = take();
      if (f == null) {
        throw timeoutException();
      }
      return f;
    }

    @Override
    void progressed() {
      // Every waiter looks again; those that find nothing ready wait anew.
      for (Future<@Nullable Void> w : waiters) {
        if (!w.isDone()) {
          w.setResult(null);
        }
      }
    }
  }

  /**
   * The plain-iterator form, {@code for f in as_completed(aws): await f}: each {@code next()}
   * returns at once a new future that completes as the next future to complete did (its result, its
   * exception or its cancellation), or fails with {@link AsyncTimeoutException}.
   */
  // asyncio's as_completed() object is its own iterator (__iter__ returns self), and so is this
  @SuppressWarnings("IterableAndIterator")
  static final class Outcomes<T extends @Nullable Object> extends AsCompleted<Future<? extends T>>
      implements Iterable<Future<T>>, Iterator<Future<T>> {
    /** The futures handed out and not resolved yet, in the order they were handed out. */
    private final ArrayDeque<Future<T>> handed = new ArrayDeque<>();

    Outcomes(
        EventLoop loop,
        Collection<? extends Future<? extends T>> futures,
        @Nullable Duration timeout) {
      super(loop, futures, timeout);
    }

    @Override
    public Iterator<Future<T>> iterator() {
      return this;
    }

    @Override
    public boolean hasNext() {
      return hasMore();
    }

    @Override
    public Future<T> next() {
      handOut();
      Future<T> p = loop.createFuture();
      handed.add(p);
      progressed();
      return p;
    }

    @Override
    void progressed() {
      while (ready() && !handed.isEmpty()) {
        Future<T> p = handed.poll();
        if (p.isDone()) {
          continue; // cancelled by whoever held it: the outcome goes to the next one
        }
        Future<? extends T> f = take();
        if (f == null) {
          p.setException(timeoutException());
        } else {
          resolve(f, p);
        }
      }
    }

    private static <T extends @Nullable Object> void resolve(
        Future<? extends T> from, Future<T> to) {
      if (from.isCancelled()) {
        to.cancel(from.cancelMessage());
        return;
      }
      Throwable e = from.exception(); // marks it retrieved: the outcome now travels in `to`
      if (e != null) {
        to.setException(e);
      } else {
        to.setResult(from.result());
      }
    }
  }
}

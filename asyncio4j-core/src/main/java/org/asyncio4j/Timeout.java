package org.asyncio4j;

import org.jspecify.annotations.Nullable;

/**
 * A deadline for the code of a block: when it passes, the task running the block is cancelled, and
 * the block ends with {@link AsyncTimeoutException}, whose {@link Throwable#getCause() cause} is
 * the {@link CancelledException} that the deadline raised. Only its own cancellation is converted:
 * when another one is pending too (an outer timeout that expired, a {@link Task#cancel()}, a task
 * group's abort), a {@link CancelledException} passes through instead, and the code between this
 * scope and the one that asked sees a cancellation.
 *
 * <p><b>Two forms; prefer the lambda form.</b> The lambda forms ({@link
 * Asyncio#timeout(java.time.Duration, Coroutine)}, {@link Asyncio#timeout(java.time.Duration,
 * Body)}, {@link Asyncio#timeoutAt(Long, Coroutine)}, {@link Asyncio#timeoutAt(Long, Body)}) see
 * the exception leaving the block and convert it at the exit exactly as asyncio's {@code async with
 * timeout()}: the body sees a plain {@code CancelledException}, and the conversion happens where
 * the block is left, whatever else expires or is cancelled in the same loop turn.
 *
 * <pre>{@code
 * String page = Asyncio.timeout(Duration.ofSeconds(5), () -> fetch(url));
 * String slow = Asyncio.timeout(Duration.ofSeconds(1), t -> {
 *   t.reschedule(t.when() + Duration.ofSeconds(1).toNanos());   // one more second
 *   return fetch(url);
 * });
 * }</pre>
 *
 * <p>The try-with-resources form reads like {@code async with}, but Java's {@code close()} can
 * neither see nor replace the exception leaving the block. So the exception is chosen where it is
 * raised, at the suspension point, from the pending cancellations as they stand then:
 *
 * <ul>
 *   <li>Can: when only this timeout cancelled the task, the body already sees the {@link
 *       AsyncTimeoutException} (it extends {@code CancelledException}, so {@code catch
 *       (CancelledException e)} cleanup still runs), and {@code catch (AsyncTimeoutException e)}
 *       after the block works as {@code except TimeoutError}. When another cancellation is pending
 *       too, the body sees a plain {@code CancelledException} and nothing converts it.
 *   <li>Cannot: code inside the block sees the timeout exception rather than a plain cancellation;
 *       and a cancellation that arrives after the exception was raised (while the block's {@code
 *       finally} awaits, say) cannot change it: then {@code close()} re-arms the cancellation, so
 *       that the task is cancelled at its next suspension point or when it returns, and never
 *       carries on as if nobody had cancelled it.
 * </ul>
 *
 * <pre>{@code
 * try (Timeout t = Asyncio.timeout(null)) {        // no deadline yet
 *   t.reschedule(loop.timeNanos() + Duration.ofSeconds(2).toNanos());
 *   work();
 * } catch (AsyncTimeoutException e) {
 *   System.out.println("too slow: " + e.getMessage());   // timed out after 2 s
 * }
 * }</pre>
 *
 * <p>Created already entered, by {@link Asyncio#timeout} or {@link Asyncio#timeoutAt}, inside a
 * task. Loop-confined.
 *
 * <p>asyncio: {@code asyncio.Timeout}
 */
public final class Timeout implements AutoCloseable {
  private enum State {
    ENTERED("active"),
    EXPIRING("expiring"),
    EXPIRED("expired"),
    EXITED("finished");

    final String label;

    State(String label) {
      this.label = label;
    }
  }

  /**
   * The block of a lambda-form timeout that wants its {@link Timeout}, to ask {@link #expired()} or
   * to {@link #reschedule} it.
   *
   * @param <T> the block's result type
   */
  @FunctionalInterface
  public interface Body<T extends @Nullable Object> {
    /**
     * Runs the block.
     *
     * @param timeout the entered timeout of this block
     * @return the block's result
     * @throws Exception whatever the block throws
     */
    T run(Timeout timeout) throws Exception;
  }

  private final Task<?> task;
  private final CancelScope node;
  private final int cancellingAtEnter;
  private final long enteredAt;
  private final boolean exact;
  private State state = State.ENTERED;
  private @Nullable Long when;
  private @Nullable Handle handle;

  /** The exception this timeout had raised in the task, if it was raised at all. */
  private @Nullable AsyncTimeoutException raised;

  Timeout(Task<?> task, @Nullable Long when, boolean exact) {
    this.task = task;
    this.exact = exact;
    this.cancellingAtEnter = task.cancelling();
    this.enteredAt = task.owner.timeNanos();
    this.node =
        new CancelScope(task.scope, exact) {
          @Override
          @Nullable RuntimeException preConverted(int[] count, @Nullable String message) {
            return Timeout.this.preConverted(count, message);
          }
        };
    task.enterScope(node);
    reschedule(when);
  }

  /**
   * Runs {@code body} in a new exact (lambda-form) timeout of the calling task: asyncio's {@code
   * async with timeout_at(when)} with its {@code __aexit__}.
   */
  static <T extends @Nullable Object> T runExact(Task<?> task, @Nullable Long when, Body<T> body) {
    Timeout t = new Timeout(task, when, true);
    T value;
    try {
      value = body.run(t);
    } catch (Throwable e) {
      throw t.exitWith(e);
    }
    t.leave();
    return value;
  }

  /**
   * Returns the deadline on the loop's clock, or null if there is none.
   *
   * <p>asyncio: {@code Timeout.when()}
   *
   * @return the deadline in {@link EventLoop#timeNanos()} units, or null
   */
  public @Nullable Long when() {
    return when;
  }

  /**
   * Moves the deadline; null removes it.
   *
   * <p>asyncio: {@code Timeout.reschedule(when)}
   *
   * @param whenNanos the new deadline in {@link EventLoop#timeNanos()} units, or null
   * @throws IllegalStateException if the timeout has expired or its block has ended
   */
  public void reschedule(@Nullable Long whenNanos) {
    if (state != State.ENTERED) {
      throw new IllegalStateException(
          "Cannot change state of "
              + state.label
              + " Timeout: reschedule() works only before it"
              + " expires and while its block runs");
    }
    this.when = whenNanos;
    Handle h = handle;
    if (h != null) {
      h.cancel();
    }
    if (whenNanos == null) {
      handle = null;
      return;
    }
    EventLoop loop = task.owner;
    if (whenNanos - loop.timeNanos() <= 0) {
      handle = loop.callSoon(this::onTimeout);
    } else {
      handle = loop.callAt(whenNanos, this::onTimeout);
    }
  }

  /**
   * Returns whether the deadline has passed.
   *
   * <p>asyncio: {@code Timeout.expired()}
   *
   * @return true once expired
   */
  public boolean expired() {
    return state == State.EXPIRING || state == State.EXPIRED;
  }

  private void onTimeout() {
    if (state != State.ENTERED) {
      return;
    }
    task.requestCancel(null);
    state = State.EXPIRING;
    handle = null;
  }

  private @Nullable RuntimeException preConverted(int[] count, @Nullable String message) {
    if (state != State.EXPIRING) {
      return null;
    }
    count[0]--;
    if (count[0] > cancellingAtEnter) {
      return null; // another cancellation is pending: it passes through as a cancellation
    }
    AsyncTimeoutException e = newTimeoutException(new CancelledException(message));
    raised = e;
    return e;
  }

  /** The timeout exception, chained to the cancellation it replaces (TimeoutError from ...). */
  AsyncTimeoutException newTimeoutException(CancelledException cause) {
    AsyncTimeoutException e =
        new AsyncTimeoutException(
            "timed out after " + Reprs.seconds(task.owner.timeNanos() - enteredAt));
    e.initCause(cause);
    return e;
  }

  /**
   * Ends the block (try-with-resources form): cancels the deadline and, if it expired, withdraws
   * the timeout's cancellation request from the task. If the timeout exception it had raised is
   * leaving the block while another cancellation is still pending, the cancellation is re-armed for
   * the task's next suspension point (see the class comment).
   *
   * <p>asyncio: {@code Timeout.__aexit__}
   */
  @Override
  @SuppressWarnings("ReferenceEquality") // identity: the very cancellation this timeout raised
  public void close() {
    if (exact) {
      return; // the lambda form exits by itself; close() on its handle changes nothing
    }
    boolean otherCancellationPending = leave();
    if (otherCancellationPending && raised != null && task.lastCancellation == raised) {
      task.repeatCancellation();
    }
  }

  /**
   * Leaves the scope; returns whether the deadline had expired and another cancellation is still
   * pending after this timeout withdrew its own.
   */
  private boolean leave() {
    if (state == State.EXITED || state == State.EXPIRED) {
      return false;
    }
    task.leaveScope(node);
    Handle h = handle;
    if (h != null) {
      h.cancel();
      handle = null;
    }
    if (state == State.EXPIRING) {
      state = State.EXPIRED;
      return task.uncancel() > cancellingAtEnter;
    }
    state = State.EXITED;
    return false;
  }

  /** asyncio's {@code __aexit__} for the lambda form: returns what leaves the failed block. */
  private RuntimeException exitWith(Throwable failure) {
    boolean wasExpiring = state == State.EXPIRING;
    boolean otherPending = leave();
    if (failure instanceof CancelledException ce && !(failure instanceof AsyncTimeoutException)) {
      if (wasExpiring && !otherPending) {
        AsyncTimeoutException e = newTimeoutException(ce);
        task.lastCancellation = e;
        return e;
      }
      return task.cancellationLeaving(ce);
    }
    return Future.propagate(failure);
  }

  @Override
  public String toString() {
    return "<Timeout [" + state.label + "]" + (when == null ? "" : " when=" + when) + ">";
  }
}

package org.asyncio4j;

import org.jspecify.annotations.Nullable;

/**
 * A deadline for the code of a block: when it passes, the task running the block is cancelled, and
 * the block ends with {@link AsyncTimeoutException}. Only its own cancellation is converted: a
 * cancellation from elsewhere passes through as a {@link CancelledException}.
 *
 * <p>Created already entered by {@link Asyncio#timeout} or {@link Asyncio#timeoutAt} inside a task;
 * closed by try-with-resources. Loop-confined.
 *
 * <p>Difference from asyncio (see {@link AsyncTimeoutException}): Java cannot replace the exception
 * that leaves a try block, so the exception raised at the suspension point when the deadline passes
 * is already the {@code AsyncTimeoutException}, which extends {@code CancelledException}. One case
 * follows: when an outer and an inner timeout expire in the same loop turn, the cancellation is not
 * recognisably either's, and a plain {@code CancelledException} leaves both try blocks, where
 * asyncio's outer block raises TimeoutError. The lambda form {@link Asyncio#timeout(Duration,
 * Coroutine)} can replace the exception, and does so exactly as asyncio.
 *
 * <pre>{@code
 * try (Timeout t = Asyncio.timeout(null)) {        // no deadline yet
 *   t.reschedule(loop.timeNanos() + Duration.ofSeconds(2).toNanos());
 *   work();
 * } catch (AsyncTimeoutException e) {
 *   System.out.println("too slow");
 * }
 * }</pre>
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

  private final Task<?> task;
  private final int cancellingAtEnter;
  private State state = State.ENTERED;
  private @Nullable Long when;
  private @Nullable Handle handle;

  Timeout(Task<?> task, @Nullable Long when) {
    this.task = task;
    this.cancellingAtEnter = task.cancelling();
    reschedule(when);
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
      throw new IllegalStateException("Cannot change state of " + state.label + " Timeout");
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
    task.requestCancel(null, this);
    state = State.EXPIRING;
    handle = null;
  }

  /** Whether the cancellation being raised in {@code t} is ours alone. */
  /**
   * Set by close() when the deadline passed and no other cancellation is left pending: asyncio's
   * {@code __aexit__} then turns a CancelledError leaving the block into TimeoutError. A try block
   * cannot replace its exception, so only the lambda form {@link Asyncio#timeout(Duration,
   * Coroutine)} applies this (the case: an outer and an inner timeout expire in the same turn).
   */
  private boolean convertsAtExit;

  boolean convertsAtExit() {
    return convertsAtExit;
  }

  boolean isOwnCancellation(Task<?> t) {
    return t == task && state == State.EXPIRING && t.cancelling() == cancellingAtEnter + 1;
  }

  AsyncTimeoutException newTimeoutException() {
    return new AsyncTimeoutException("the deadline of " + this + " passed");
  }

  /**
   * Ends the block: cancels the deadline and, if it expired, withdraws the timeout's cancellation
   * request from the task.
   *
   * <p>asyncio: {@code Timeout.__aexit__}
   */
  @Override
  public void close() {
    Handle h = handle;
    if (h != null) {
      h.cancel();
      handle = null;
    }
    if (state == State.EXPIRING) {
      state = State.EXPIRED;
      convertsAtExit = task.uncancel() <= cancellingAtEnter;
    } else if (state == State.ENTERED) {
      state = State.EXITED;
    }
  }

  @Override
  public String toString() {
    return "<Timeout [" + state.label + "]" + (when == null ? "" : " when=" + when) + ">";
  }
}

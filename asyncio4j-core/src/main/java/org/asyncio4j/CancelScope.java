package org.asyncio4j;

import org.jspecify.annotations.Nullable;

/**
 * A {@link Timeout} or {@link TaskGroup} entered by a task: the scopes of a task form a stack, the
 * innermost on top, so that a cancellation raised in the task can be given the exception that the
 * scopes it will leave through would turn it into.
 *
 * <p>Why: asyncio's scopes see the {@code CancelledError} leaving their block and replace it at
 * their exit ({@code TimeoutError}, {@code ExceptionGroup}). The lambda forms ({@link
 * Asyncio#timeout(java.time.Duration, Coroutine)}, {@link TaskGroup#run}) do the same and are
 * "exact". A try-with-resources block cannot replace the exception leaving it, so for the try forms
 * the exception is chosen where it is raised ({@link #preConverted}): the innermost try-form scope
 * that asyncio would let convert it, as the counts stand then. An exact scope stops the search: it
 * converts at its own exit, and passes what still propagates on outward with {@link
 * Task#cancellationLeaving}.
 */
abstract class CancelScope {
  /** The scope this one was entered in, in the same task, or null. */
  final @Nullable CancelScope outer;

  /** Whether this scope sees the exception leaving its block (a lambda form). */
  final boolean exact;

  CancelScope(@Nullable CancelScope outer, boolean exact) {
    this.outer = outer;
    this.exact = exact;
  }

  /**
   * Simulates asyncio's exit of this scope for a cancellation passing through it while {@code
   * count[0]} cancellation requests are pending: withdraws this scope's own request from {@code
   * count[0]} if it made one, and returns the exception the cancellation becomes here, or null if
   * it stays a cancellation.
   */
  abstract @Nullable RuntimeException preConverted(int[] count, @Nullable String message);

  /**
   * The exception raised in a task for a pending cancellation, as seen from {@code innermost}
   * outward: the first try-form scope that converts it decides, an exact scope or the end of the
   * stack leaves it a plain cancellation (null).
   */
  static @Nullable RuntimeException preConvertedFrom(
      @Nullable CancelScope innermost, int pendingRequests, @Nullable String message) {
    int[] count = {pendingRequests};
    for (CancelScope s = innermost; s != null && !s.exact; s = s.outer) {
      RuntimeException e = s.preConverted(count, message);
      if (e != null) {
        return e;
      }
    }
    return null;
  }
}

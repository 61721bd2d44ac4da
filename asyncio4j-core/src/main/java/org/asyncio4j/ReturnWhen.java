package org.asyncio4j;

/**
 * When {@link Asyncio#wait} returns.
 *
 * <pre>{@code
 * var r = Asyncio.wait(tasks, null, ReturnWhen.FIRST_COMPLETED);
 * }</pre>
 *
 * <p>asyncio: {@code asyncio.FIRST_COMPLETED}, {@code FIRST_EXCEPTION}, {@code ALL_COMPLETED}
 */
public enum ReturnWhen {
  /** As soon as any future is done or cancelled. */
  FIRST_COMPLETED,
  /** As soon as any future fails with an exception, or when all are done. */
  FIRST_EXCEPTION,
  /** When all futures are done. */
  ALL_COMPLETED
}

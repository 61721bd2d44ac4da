package org.asyncio4j;

import java.util.concurrent.CancellationException;
import org.jspecify.annotations.Nullable;

/**
 * Raised inside a task at its current or next suspension point when the task is cancelled, and by
 * {@link Future#result()} or {@link Future#await()} of a cancelled future.
 *
 * <p>It extends {@link CancellationException}, so code written against {@code java.util.concurrent}
 * that expects a cancelled future to throw that type keeps working. Catch it only to clean up, then
 * rethrow it: a task that swallows its cancellation keeps running, as in asyncio.
 *
 * <pre>{@code
 * try {
 *   Asyncio.sleep(Duration.ofHours(1));
 * } catch (CancelledException e) {
 *   connection.close();
 *   throw e;
 * }
 * }</pre>
 *
 * <p>asyncio: {@code asyncio.CancelledError}
 */
public class CancelledException extends CancellationException {
  private static final long serialVersionUID = 1L;

  /** Creates one without a message. */
  public CancelledException() {
    super();
  }

  /**
   * Creates one with the message passed to {@link Task#cancel(String)}.
   *
   * @param message the cancel message, or null
   */
  public CancelledException(@Nullable String message) {
    super(message);
  }
}

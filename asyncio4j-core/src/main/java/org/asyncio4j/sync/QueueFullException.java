package org.asyncio4j.sync;

/**
 * Raised by {@link Queue#putNowait} when the queue already holds {@code maxsize} items. It extends
 * {@link IllegalStateException}, what {@code java.util.Queue.add} throws in the same case.
 *
 * <pre>{@code
 * try {
 *   queue.putNowait(job);
 * } catch (QueueFullException e) {
 *   rejected.increment();   // shed load instead of waiting
 * }
 * }</pre>
 *
 * <p>asyncio: {@code asyncio.QueueFull}
 */
public class QueueFullException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates one.
   *
   * @param message names the queue
   */
  public QueueFullException(String message) {
    super(message);
  }
}

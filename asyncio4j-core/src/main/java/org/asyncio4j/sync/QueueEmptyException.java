package org.asyncio4j.sync;

import java.util.NoSuchElementException;

/**
 * Raised by {@link Queue#getNowait()} when the queue holds no item. It extends {@link
 * NoSuchElementException}, what {@code java.util.Queue.remove()} throws in the same case.
 *
 * <pre>{@code
 * try {
 *   item = queue.getNowait();
 * } catch (QueueEmptyException e) {
 *   item = null;   // nothing to do now
 * }
 * }</pre>
 *
 * <p>asyncio: {@code asyncio.QueueEmpty}
 */
public class QueueEmptyException extends NoSuchElementException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates one.
   *
   * @param message names the queue
   */
  public QueueEmptyException(String message) {
    super(message);
  }
}

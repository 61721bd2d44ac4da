package org.asyncio4j.sync;

/**
 * Raised by {@link Queue#put}, {@link Queue#putNowait}, and, once the queue is empty, by {@link
 * Queue#get} and {@link Queue#getNowait} after {@link Queue#shutdown(boolean)}. Tasks waiting in
 * those methods when the queue is shut down get it too.
 *
 * <pre>{@code
 * while (true) {
 *   String job;
 *   try {
 *     job = queue.get();
 *   } catch (QueueShutDownException e) {
 *     return;   // the producer is done and the queue is drained
 *   }
 *   handle(job);
 *   queue.taskDone();
 * }
 * }</pre>
 *
 * <p>asyncio: {@code asyncio.QueueShutDown} (Python 3.13)
 */
public class QueueShutDownException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates one.
   *
   * @param message names the queue
   */
  public QueueShutDownException(String message) {
    super(message);
  }
}

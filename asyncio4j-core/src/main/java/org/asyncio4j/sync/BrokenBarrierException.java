package org.asyncio4j.sync;

/**
 * Raised by {@link Barrier#await()} when the barrier is aborted or reset while the task waits, or
 * is already broken when the task arrives.
 *
 * <p>Unchecked, unlike {@code java.util.concurrent.BrokenBarrierException}, whose name it shares:
 * don't import both in one file.
 *
 * <pre>{@code
 * try {
 *   barrier.await();
 * } catch (BrokenBarrierException e) {
 *   // another task called barrier.abort() or barrier.reset()
 * }
 * }</pre>
 *
 * <p>asyncio: {@code asyncio.BrokenBarrierError}
 */
public class BrokenBarrierException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates one.
   *
   * @param message what broke the barrier
   */
  public BrokenBarrierException(String message) {
    super(message);
  }
}

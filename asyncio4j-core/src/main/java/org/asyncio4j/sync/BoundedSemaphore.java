package org.asyncio4j.sync;

/**
 * A {@link Semaphore} that refuses to be released more often than it was acquired: a release that
 * would raise the permits above the initial number throws, which catches a double release early.
 *
 * <p>Loop-confined, fair and cancellation-safe exactly as {@link Semaphore}.
 *
 * <pre>{@code
 * BoundedSemaphore pool = new BoundedSemaphore(10);
 * try (Held permit = pool.acquire()) {
 *   useConnection();
 * }
 * pool.release();   // throws IllegalStateException: released too many times
 * }</pre>
 *
 * <p>asyncio: {@code asyncio.BoundedSemaphore} (its {@code ValueError} is an {@link
 * IllegalStateException} here)
 */
public final class BoundedSemaphore extends Semaphore {
  private final int bound;

  /**
   * Creates one with a single permit.
   *
   * <p>asyncio: {@code asyncio.BoundedSemaphore()}
   */
  public BoundedSemaphore() {
    this(1);
  }

  /**
   * Creates one with {@code permits} permits, which is also the most it may ever hold.
   *
   * <p>asyncio: {@code asyncio.BoundedSemaphore(value)}
   *
   * @param permits the initial and largest number of permits
   * @throws IllegalArgumentException if it is negative
   */
  public BoundedSemaphore(int permits) {
    super(permits);
    this.bound = permits;
  }

  /**
   * Gives a permit back, as {@link Semaphore#release()} does.
   *
   * <p>asyncio: {@code BoundedSemaphore.release()}
   *
   * @throws IllegalStateException if that would exceed the initial number of permits
   */
  @Override
  public void release() {
    if (value >= bound) {
      throw new IllegalStateException(
          "BoundedSemaphore released too many times: "
              + this
              + " already has all "
              + bound
              + " permits; release only what acquire() returned");
    }
    super.release();
  }

  @Override
  public String toString() {
    return "<BoundedSemaphore [" + describe() + ", bound:" + bound + "]>";
  }
}

package org.asyncio4j.examples;

import java.time.Duration;

/**
 * The clock and the blocking sleep of the synchronous programs ({@code time.perf_counter()} and
 * {@code time.sleep()}), injectable so that their tests do not sleep.
 *
 * <p>asyncio: none; this is the {@code time} module the synchronous Python versions use.
 *
 * <pre>{@code
 * CountSync.run(System.out, SyncClock.SYSTEM);
 * }</pre>
 */
public interface SyncClock {
  /** The real clock: {@link System#nanoTime()} and {@link Thread#sleep(Duration)}. */
  SyncClock SYSTEM =
      new SyncClock() {
        @Override
        public long nanoTime() {
          return System.nanoTime();
        }

        @Override
        public void sleep(Duration duration) throws InterruptedException {
          Thread.sleep(duration);
        }
      };

  /**
   * Returns the clock's time in nanoseconds.
   *
   * <p>Python: {@code time.perf_counter()}
   *
   * @return the time, monotonic
   */
  long nanoTime();

  /**
   * Blocks the calling thread for {@code duration}.
   *
   * <p>Python: {@code time.sleep()}
   *
   * @param duration how long
   * @throws InterruptedException if the thread is interrupted
   */
  void sleep(Duration duration) throws InterruptedException;
}

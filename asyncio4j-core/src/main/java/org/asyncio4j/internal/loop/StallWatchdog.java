package org.asyncio4j.internal.loop;

import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Debug mode's stall watchdog: a daemon thread that notices when the loop has been inside one
 * callback or task step for too long, and reports the stacks involved.
 *
 * <p>A task pinned in file I/O, a class initialiser or a native frame parks its carrier, which is
 * the loop's thread, so nothing else of the loop runs; the loop itself cannot report that (it is
 * the thing that is stuck), hence a separate thread, as Vert.x's BlockedThreadChecker does.
 */
public final class StallWatchdog {
  private static final System.Logger LOG = System.getLogger("org.asyncio4j");

  /** How long one step may run before the watchdog reports it; a full second, to stay quiet. */
  private static final long STALL_NANOS = 1_000_000_000L;

  private static final long CHECK_MILLIS = 250;

  private final String loopName;
  private final LongSupplier entryStartedNanos;
  private final Supplier<String> report;
  private volatile @Nullable Thread checker;

  /**
   * Creates a watchdog.
   *
   * @param loopName for the thread's name
   * @param entryStartedNanos when the current step began ({@code System.nanoTime()}), 0 if none
   * @param report renders the stacks to log
   */
  public StallWatchdog(String loopName, LongSupplier entryStartedNanos, Supplier<String> report) {
    this.loopName = loopName;
    this.entryStartedNanos = entryStartedNanos;
    this.report = report;
  }

  /**
   * Starts watching.
   *
   * @param loopThread the loop's thread (for the thread's name only)
   */
  public void start(Thread loopThread) {
    Thread t =
        Thread.ofPlatform()
            .daemon()
            .name(loopName + "-watchdog")
            .unstarted(() -> {
              long reportedFor = 0;
              while (!Thread.currentThread().isInterrupted()) {
                try {
                  Thread.sleep(CHECK_MILLIS);
                } catch (InterruptedException e) {
                  return;
                }
                long started = entryStartedNanos.getAsLong();
                if (started != 0
                    && started != reportedFor
                    && System.nanoTime() - started > STALL_NANOS) {
                  reportedFor = started;
                  LOG.log(System.Logger.Level.WARNING, report.get());
                }
              }
            });
    checker = t;
    t.start();
  }

  /** Stops watching. */
  public void stop() {
    Thread t = checker;
    if (t != null) {
      t.interrupt();
      checker = null;
    }
  }
}

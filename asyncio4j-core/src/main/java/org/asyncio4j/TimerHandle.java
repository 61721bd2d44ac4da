package org.asyncio4j;

import org.jspecify.annotations.Nullable;

/**
 * A callback scheduled at a point of the loop's clock with {@link EventLoop#callLater} or {@link
 * EventLoop#callAt}.
 *
 * <p>Loop-confined. Timers run in order of their deadline, and timers with the same deadline in the
 * order they were scheduled.
 *
 * <pre>{@code
 * TimerHandle h = loop.callLater(Duration.ofSeconds(5), () -> System.out.println("late"));
 * long deadline = h.when();   // in the loop's timeNanos() scale
 * h.cancel();
 * }</pre>
 *
 * <p>asyncio: {@code asyncio.TimerHandle}
 */
public final class TimerHandle extends Handle implements Comparable<TimerHandle> {
  private final long whenNanos;
  private final long sequence;
  private final EventLoop loop;
  boolean scheduled = true;

  /** Debug mode: where it was created. A field here costs nothing: it fills alignment padding. */
  private final @Nullable Throwable sourceTraceback;

  TimerHandle(
      EventLoop loop,
      long whenNanos,
      long sequence,
      Runnable callback,
      @Nullable Context context,
      @Nullable Throwable sourceTraceback) {
    super(callback, context);
    this.loop = loop;
    this.whenNanos = whenNanos;
    this.sequence = sequence;
    this.sourceTraceback = sourceTraceback;
  }

  @Override
  @Nullable Throwable sourceTraceback() {
    return sourceTraceback;
  }

  /**
   * Returns the deadline, on the scale of {@link EventLoop#timeNanos()}.
   *
   * <p>asyncio: {@code TimerHandle.when} (in seconds there)
   *
   * @return the deadline in nanoseconds of the loop's clock
   */
  public long when() {
    return whenNanos;
  }

  @Override
  void onCancel() {
    super.onCancel();
    if (scheduled) {
      loop.timerCancelled();
    }
  }

  @Override
  public int compareTo(TimerHandle other) {
    // Overflow-safe comparison of nanoTime-style values, then FIFO among equal deadlines.
    long d = whenNanos - other.whenNanos;
    if (d != 0) {
      return d < 0 ? -1 : 1;
    }
    return Long.compare(sequence, other.sequence);
  }

  @Override
  public boolean equals(Object o) {
    return this == o;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }

  @Override
  public String toString() {
    return "<TimerHandle"
        + (isCancelled() ? " cancelled" : "")
        + " when="
        + whenNanos
        + (callback() == null ? "" : " " + callback())
        + ">";
  }
}

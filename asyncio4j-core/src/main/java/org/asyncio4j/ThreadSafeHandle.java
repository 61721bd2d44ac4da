package org.asyncio4j;

import org.jspecify.annotations.Nullable;

/**
 * The {@link Handle} of {@link EventLoop#callSoonThreadsafe}: {@link #cancel()} may come from any
 * thread, and it waits for the callback to finish when the callback is running, so that once {@code
 * cancel()} returns the callback is either done or will never start. The handle's monitor is held
 * while the callback runs (reentrant: the callback may cancel its own handle).
 *
 * <p>asyncio: {@code asyncio.events._ThreadSafeHandle} (3.14)
 */
final class ThreadSafeHandle extends Handle {
  private final @Nullable Throwable sourceTraceback;

  ThreadSafeHandle(
      Runnable callback, @Nullable Context context, @Nullable Throwable sourceTraceback) {
    super(callback, context);
    this.sourceTraceback = sourceTraceback;
  }

  @Override
  public synchronized void cancel() {
    super.cancel();
  }

  @Override
  synchronized void invoke() {
    // The loop checked for cancellation without the monitor: a cancel() from another thread may
    // have come in between, so look again now that no cancel() can.
    if (isCancelled()) {
      return;
    }
    super.invoke();
  }

  @Override
  @Nullable Throwable sourceTraceback() {
    return sourceTraceback;
  }

  @Override
  public String toString() {
    Runnable cb = callback();
    return "<Handle" + (isCancelled() ? " cancelled" : "") + (cb == null ? "" : " " + cb) + ">";
  }
}

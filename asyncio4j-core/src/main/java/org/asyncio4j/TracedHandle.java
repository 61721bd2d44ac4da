package org.asyncio4j;

import org.jspecify.annotations.Nullable;

/**
 * A {@link Handle} of {@link EventLoop#callSoon} in debug mode: it remembers where it was created,
 * and the exception handler's context carries that as {@code source_traceback} when its callback
 * raises. A subclass rather than a field of Handle, so that outside debug mode a handle is no
 * bigger.
 *
 * <p>asyncio: {@code Handle._source_traceback}
 */
final class TracedHandle extends Handle {
  private final Throwable sourceTraceback;

  TracedHandle(Runnable callback, @Nullable Context context, Throwable sourceTraceback) {
    super(callback, context);
    this.sourceTraceback = sourceTraceback;
  }

  @Override
  Throwable sourceTraceback() {
    return sourceTraceback;
  }

  @Override
  public String toString() {
    // Handle's repr names its own class: keep "Handle", the type users see.
    Runnable cb = callback();
    return "<Handle" + (isCancelled() ? " cancelled" : "") + (cb == null ? "" : " " + cb) + ">";
  }
}

package org.asyncio4j;

import org.jspecify.annotations.Nullable;

/**
 * A callback scheduled on an {@link EventLoop} with {@link EventLoop#callSoon} or {@link
 * EventLoop#callSoonThreadsafe}; {@link #cancel()} keeps it from running.
 *
 * <p>Loop-confined except {@link #cancel()} on a handle from {@code callSoonThreadsafe}, which may
 * be called from any thread; while that handle's callback runs, its {@code cancel()} waits for the
 * callback to finish (asyncio 3.14). In debug mode the handles of {@code callSoon}, {@code
 * callLater}, {@code callAt} and {@code callSoonThreadsafe} remember where they were created, and
 * the exception handler's context carries it as {@code source_traceback} when the callback raises.
 *
 * <pre>{@code
 * Handle h = loop.callSoon(() -> System.out.println("never printed"));
 * h.cancel();
 * }</pre>
 *
 * <p>asyncio: {@code asyncio.Handle}
 */
public class Handle {
  private @Nullable Runnable callback;
  private volatile boolean cancelled;
  final @Nullable Context context;

  Handle(Runnable callback, @Nullable Context context) {
    this.callback = callback;
    this.context = context;
  }

  /**
   * Keeps the callback from running, if it has not run yet. Idempotent.
   *
   * <p>asyncio: {@code Handle.cancel}
   */
  public void cancel() {
    if (!cancelled) {
      cancelled = true;
      onCancel();
    }
  }

  void onCancel() {
    // Release the callback so that what it captured can be collected before the handle is
    // dropped from the queue (CPython does the same in Handle.cancel).
    callback = null;
  }

  /**
   * Returns whether {@link #cancel()} was called.
   *
   * <p>asyncio: {@code Handle.cancelled}
   *
   * @return true once cancelled
   */
  public boolean isCancelled() {
    return cancelled;
  }

  /**
   * Runs the callback unless cancelled, in its context (a fresh empty one when none was captured,
   * so that what it sets does not leak into the next callback); exceptions go to the caller (the
   * loop).
   */
  final void run() {
    if (cancelled) {
      return;
    }
    Context c = context != null ? context : new Context();
    Context previous = c.enter();
    try {
      invoke();
    } finally {
      c.exit(previous);
    }
  }

  void invoke() {
    Runnable cb = callback;
    if (cb != null) {
      cb.run();
    }
  }

  @Nullable Runnable callback() {
    return callback;
  }

  /**
   * Where the handle was created, recorded in debug mode only (asyncio's {@code
   * _source_traceback}); null otherwise. Plain handles never record it: the loop creates a {@link
   * TracedHandle} instead in debug mode, so that a handle outside debug mode has no field for it.
   */
  @Nullable Throwable sourceTraceback() {
    return null;
  }

  @Override
  public String toString() {
    Runnable cb = callback;
    return "<"
        + getClass().getSimpleName()
        + (cancelled ? " cancelled" : "")
        + (cb == null ? "" : " " + cb)
        + ">";
  }
}

package org.asyncio4j.internal.net;

import java.util.ArrayDeque;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Future;
import org.asyncio4j.net.ConnectionResetException;
import org.jspecify.annotations.Nullable;

/**
 * The write-side flow control of a stream: the transport's {@code pauseWriting} / {@code
 * resumeWriting} / {@code connectionLost} calls, and {@link #drainHelper()}, which suspends the
 * calling task while writing is paused. Several tasks may drain at once; each waits on its own
 * future, and all of them wake together (python/cpython#74116: one shared waiter woke only the
 * first).
 *
 * <p>Loop-confined.
 *
 * <pre>{@code
 * FlowControl flow = new FlowControl(loop);
 * flow.pauseWriting();                      // the transport's buffer passed its high watermark
 * loop.callLater(delay, flow::resumeWriting);
 * flow.drainHelper();                       // in a task: waits for the resume
 * }</pre>
 *
 * <p>asyncio: {@code asyncio.streams.FlowControlMixin}, as a part the protocol holds rather than a
 * base class it extends.
 */
public final class FlowControl {
  private final EventLoop loop;
  private final ArrayDeque<Future<@Nullable Void>> drainWaiters = new ArrayDeque<>();
  private boolean paused;
  private boolean connectionLost;

  /**
   * Flow control whose drain waiters are futures of {@code loop}.
   *
   * @param loop the loop of the connection
   */
  public FlowControl(EventLoop loop) {
    this.loop = loop;
  }

  /** The transport's buffer passed its high watermark: drains wait from now on. */
  public void pauseWriting() {
    paused = true;
  }

  /** The transport's buffer drained to its low watermark: every waiting drain returns. */
  public void resumeWriting() {
    paused = false;
    for (Future<@Nullable Void> w : drainWaiters) {
      if (!w.isDone()) {
        w.setResult(null);
      }
    }
  }

  /**
   * The connection is gone: drains waiting now return (a clean close) or throw {@code exc}, and
   * every later drain throws {@link ConnectionResetException}.
   *
   * @param exc what broke the connection, or null for a clean close
   */
  public void connectionLost(@Nullable Exception exc) {
    connectionLost = true;
    // Only paused drains wait; with none paused there is nobody to wake.
    if (!paused) {
      return;
    }
    for (Future<@Nullable Void> w : drainWaiters) {
      if (!w.isDone()) {
        if (exc == null) {
          w.setResult(null);
        } else {
          w.setException(exc);
        }
      }
    }
  }

  /** Returns whether writing is paused (the transport's buffer is above its high watermark). */
  public boolean isPaused() {
    return paused;
  }

  /** Returns how many tasks wait in {@link #drainHelper()}. */
  public int drainWaiterCount() {
    return drainWaiters.size();
  }

  /**
   * Returns at once unless writing is paused; else suspends the calling task until it is resumed or
   * the connection is lost.
   *
   * @throws ConnectionResetException ("Connection lost") once the connection is lost
   * @throws RuntimeException what broke the connection, when it broke while this drain waited
   * @throws org.asyncio4j.CancelledException if the calling task is cancelled while it waits
   */
  public void drainHelper() {
    if (connectionLost) {
      throw new ConnectionResetException("Connection lost");
    }
    if (!paused) {
      return;
    }
    Future<@Nullable Void> w = loop.createFuture();
    drainWaiters.addLast(w);
    try {
      w.await();
    } finally {
      drainWaiters.remove(w);
    }
  }

  @Override
  public String toString() {
    return "<FlowControl"
        + (paused ? " paused" : "")
        + (connectionLost ? " connection lost" : "")
        + (drainWaiters.isEmpty() ? "" : " drainers=" + drainWaiters.size())
        + ">";
  }
}

package org.asyncio4j.internal.net;

import org.asyncio4j.EventLoop;
import org.asyncio4j.Future;
import org.asyncio4j.net.BaseProtocol;
import org.asyncio4j.net.ConnectionResetException;
import org.asyncio4j.net.Protocol;
import org.asyncio4j.net.Transport;
import org.jspecify.annotations.Nullable;

/**
 * Stands in for a transport's protocol while {@code loop.sendfile} writes a file through the
 * transport's own {@code write}: it turns {@code pauseWriting}/{@code resumeWriting} into a future
 * the sending task drains on, and hands {@code connectionLost} on to the real protocol. CPython's
 * {@code _SendfileFallbackProtocol}.
 *
 * <p>One difference: at the end CPython tells the real protocol to resume writing whenever it was
 * paused at the start, even if the buffer is above the high watermark again, and the transport's
 * later resume then reaches it a second time. Here the real protocol is told exactly what changed
 * while it was away (paused then and not now: resume; not paused then but now: pause), so its
 * pauses and resumes stay balanced.
 */
final class SendfileFallbackProtocol implements Protocol {
  private final EventLoop loop;
  private final Transport transport;
  private final BaseProtocol<Transport> original;
  private final boolean resumeReadingAfter;
  private final boolean pausedAtStart;
  private @Nullable Future<@Nullable Void> writeReady;

  @SuppressWarnings("unchecked") // a stream transport's protocol is a BaseProtocol<Transport>
  SendfileFallbackProtocol(EventLoop loop, Transport transport, boolean writingPaused) {
    this.loop = loop;
    this.transport = transport;
    this.original = (BaseProtocol<Transport>) transport.getProtocol();
    this.resumeReadingAfter = transport.isReading();
    this.pausedAtStart = writingPaused;
    transport.pauseReading();
    transport.setProtocol(this);
    if (writingPaused) {
      writeReady = loop.createFuture();
    }
  }

  /** Returns once the transport takes more bytes; throws if the connection is gone. */
  void drain() {
    if (transport.isClosing()) {
      throw new ConnectionResetException("Connection closed by peer");
    }
    Future<@Nullable Void> ready = writeReady;
    if (ready != null) {
      ready.await();
    }
  }

  @Override
  public void connectionMade(Transport t) {
    throw new IllegalStateException(
        "Invalid state: connection should have been established already.");
  }

  @Override
  public void connectionLost(@Nullable Exception exc) {
    Future<@Nullable Void> ready = writeReady;
    if (ready != null && !ready.isDone()) {
      // Never happens if the peer disconnects after taking the whole content, so a loss here is
      // always an error from the sender's point of view.
      ready.setException(
          exc != null ? exc : new ConnectionResetException("Connection is closed by peer"));
    }
    original.connectionLost(exc);
  }

  @Override
  public void pauseWriting() {
    if (writeReady == null) {
      writeReady = loop.createFuture();
    }
  }

  @Override
  public void resumeWriting() {
    Future<@Nullable Void> ready = writeReady;
    if (ready != null) {
      writeReady = null;
      if (!ready.isDone()) {
        ready.setResult(null);
      }
    }
  }

  @Override
  public void dataReceived(byte[] data) {
    throw new IllegalStateException("Invalid state: reading should be paused during sendfile");
  }

  @Override
  public boolean eofReceived() {
    throw new IllegalStateException("Invalid state: reading should be paused during sendfile");
  }

  /** Gives the transport back to the real protocol. */
  void restore() {
    transport.setProtocol(original);
    if (resumeReadingAfter) {
      transport.resumeReading();
    }
    Future<@Nullable Void> ready = writeReady;
    boolean pausedNow = ready != null;
    if (ready != null && !ready.isDone()) {
      ready.cancel();
    }
    if (pausedAtStart && !pausedNow) {
      original.resumeWriting();
    } else if (!pausedAtStart && pausedNow) {
      original.pauseWriting();
    }
  }
}

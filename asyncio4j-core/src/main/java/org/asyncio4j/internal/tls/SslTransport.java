package org.asyncio4j.internal.tls;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Objects;
import org.asyncio4j.internal.net.SendfileTarget;
import org.asyncio4j.net.BaseProtocol;
import org.asyncio4j.net.Transport;
import org.asyncio4j.net.WriteBufferLimits;
import org.jspecify.annotations.Nullable;

/**
 * The transport a TLS connection's protocol talks to: plaintext in, plaintext out, with the {@link
 * SslProtocol} under it doing the encryption over the socket transport. Loop-confined.
 *
 * <p>asyncio: {@code sslproto._SSLProtocolTransport}. As there, TLS cannot half-close ({@link
 * #canWriteEof()} is false), and {@link #close()} sends close_notify before closing the socket.
 */
public final class SslTransport implements Transport, SendfileTarget {
  private final SslProtocol ssl;
  boolean closed;

  SslTransport(SslProtocol ssl) {
    this.ssl = ssl;
  }

  @Override
  public void write(byte[] data) {
    Objects.requireNonNull(data, "data");
    write(ByteBuffer.wrap(data));
  }

  @Override
  public void write(ByteBuffer data) {
    Objects.requireNonNull(data, "data");
    if (data.hasRemaining()) {
      ssl.writeAppData(data);
    }
  }

  @Override
  public void writelines(Iterable<byte[]> chunks) {
    Objects.requireNonNull(chunks, "chunks");
    for (byte[] chunk : chunks) {
      write(chunk);
    }
  }

  /**
   * Always throws: TLS has no half-close (close_notify ends both directions for TLS 1.2 peers).
   *
   * @throws UnsupportedOperationException always, as asyncio's raises NotImplementedError
   */
  @Override
  public void writeEof() {
    throw new UnsupportedOperationException(
        "a TLS transport cannot half-close (canWriteEof() is false): call close() instead, which"
            + " sends close_notify");
  }

  @Override
  public boolean canWriteEof() {
    return false;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      ssl.startShutdown();
    }
  }

  @Override
  public void abort() {
    closed = true;
    ssl.abort(null);
  }

  @Override
  public boolean isClosing() {
    return closed;
  }

  @Override
  public void pauseReading() {
    ssl.pauseReading();
  }

  @Override
  public void resumeReading() {
    ssl.resumeReading();
  }

  @Override
  public boolean isReading() {
    return !closed && !ssl.isAppReadingPaused();
  }

  @Override
  public int getWriteBufferSize() {
    return ssl.getWriteBufferSize();
  }

  @Override
  public WriteBufferLimits getWriteBufferLimits() {
    return ssl.getWriteBufferLimits();
  }

  @Override
  public void setWriteBufferLimits(WriteBufferLimits limits) {
    ssl.setWriteBufferLimits(Objects.requireNonNull(limits, "limits"));
  }

  @Override
  public @Nullable Object getExtraInfo(String name) {
    return ssl.getExtraInfo(name);
  }

  @Override
  public BaseProtocol<?> getProtocol() {
    return ssl.appProtocol();
  }

  @Override
  public void setProtocol(BaseProtocol<Transport> protocol) {
    ssl.setAppProtocol(Objects.requireNonNull(protocol, "protocol"));
  }

  /**
   * False: the bytes must be encrypted, so {@code loop.sendfile} writes them (CPython's FALLBACK).
   */
  @Override
  public boolean canSendfileNatively() {
    return false;
  }

  @Override
  public boolean isWritingPaused() {
    return ssl.isAppWritingPaused();
  }

  @Override
  public long sendfileNative(FileChannel file, long offset, @Nullable Long count) {
    throw new UnsupportedOperationException("TLS has no zero-copy sendfile");
  }

  @Override
  public String toString() {
    return "<SslTransport" + (closed ? " closed" : "") + " " + ssl + ">";
  }
}

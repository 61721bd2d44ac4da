package org.asyncio4j.net;

import java.nio.ByteBuffer;

/**
 * A transport that sends. {@link #write} never blocks: what the connection cannot take at once is
 * buffered, and the protocol hears {@code pauseWriting()} when the buffer passes its high watermark
 * and {@code resumeWriting()} when it has drained to its low one.
 *
 * <pre>{@code
 * transport.write("hello\n".getBytes(StandardCharsets.UTF_8));
 * if (transport.canWriteEof()) {
 *   transport.writeEof();  // half-close: the peer reads the end, we can still read
 * }
 * }</pre>
 *
 * <p>asyncio: {@code asyncio.WriteTransport}
 */
public interface WriteTransport extends BaseTransport {
  /**
   * Sends {@code data}, or buffers what cannot be sent now. The array is copied if it must be
   * buffered, so the caller may reuse it at once. Writing to a closing transport is ignored, as in
   * asyncio (after a few such writes a warning is logged).
   *
   * <p>asyncio: {@code WriteTransport.write}
   *
   * @param data the bytes
   * @throws IllegalStateException after {@link #writeEof()}
   */
  void write(byte[] data);

  /**
   * Sends the remaining bytes of {@code data} (it is consumed: its position moves to its limit);
   * otherwise as {@link #write(byte[])}.
   *
   * <p>asyncio: {@code WriteTransport.write} (with a memoryview)
   *
   * @param data the bytes
   * @throws IllegalStateException after {@link #writeEof()}
   */
  void write(ByteBuffer data);

  /**
   * Sends each of {@code chunks} in order, in as few system calls as it can.
   *
   * <p>asyncio: {@code WriteTransport.writelines}
   *
   * @param chunks the byte arrays
   * @throws IllegalStateException after {@link #writeEof()}
   */
  void writelines(Iterable<byte[]> chunks);

  /**
   * Closes the sending side once buffered data is sent (a TCP half-close); the peer then reads the
   * end of the stream, and this side can still receive.
   *
   * <p>asyncio: {@code WriteTransport.write_eof}
   *
   * @throws UnsupportedOperationException if {@link #canWriteEof()} is false
   */
  void writeEof();

  /**
   * Returns whether {@link #writeEof()} is possible (false for TLS, which cannot half-close).
   *
   * <p>asyncio: {@code WriteTransport.can_write_eof}
   *
   * @return whether this transport can half-close
   */
  boolean canWriteEof();

  /**
   * Closes the transport at once: buffered data is dropped, and the protocol's {@code
   * connectionLost(null)} is called on a later turn. A TCP connection is reset (RST) rather than
   * ended. Idempotent.
   *
   * <p>asyncio: {@code WriteTransport.abort}
   */
  void abort();

  /**
   * Returns how many bytes are buffered, waiting to be sent.
   *
   * <p>asyncio: {@code WriteTransport.get_write_buffer_size}
   *
   * @return the buffered byte count
   */
  int getWriteBufferSize();

  /**
   * Returns the watermarks in use.
   *
   * <p>asyncio: {@code WriteTransport.get_write_buffer_limits}
   *
   * @return the current limits
   */
  WriteBufferLimits getWriteBufferLimits();

  /**
   * Sets the watermarks; calls {@code pauseWriting()} at once if the buffer is already above the
   * new high watermark.
   *
   * <p>asyncio: {@code WriteTransport.set_write_buffer_limits(high, low)}
   *
   * @param limits the new limits
   */
  void setWriteBufferLimits(WriteBufferLimits limits);

  /**
   * Sets the high watermark, and the low one to a quarter of it, as asyncio does when only {@code
   * high} is given.
   *
   * <p>asyncio: {@code WriteTransport.set_write_buffer_limits(high)}
   *
   * @param high the high watermark, in bytes
   */
  default void setWriteBufferLimits(int high) {
    setWriteBufferLimits(new WriteBufferLimits(high / 4, high));
  }
}

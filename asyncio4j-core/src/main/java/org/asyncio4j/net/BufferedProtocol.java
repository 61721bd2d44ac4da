package org.asyncio4j.net;

import java.nio.ByteBuffer;

/**
 * A byte-stream protocol that lends the transport its own buffer to read into: no copy and no
 * allocation per read.
 *
 * <pre>{@code
 * BufferedProtocol counter = new BufferedProtocol() {
 *   private final ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
 *   long total;
 *
 *   public ByteBuffer getBuffer(int sizeHint) {
 *     return buffer.clear();
 *   }
 *
 *   public void bufferUpdated(int nbytes) {
 *     total += nbytes;
 *   }
 * };
 * }</pre>
 *
 * <p>asyncio: {@code asyncio.BufferedProtocol}
 */
public interface BufferedProtocol extends BaseProtocol<Transport> {
  /**
   * Returns the buffer the next read goes into: the transport reads into it from its position up to
   * its limit (it must have room).
   *
   * <p>asyncio: {@code BufferedProtocol.get_buffer}
   *
   * @param sizeHint how much the transport would like to read; -1 when it does not know
   * @return a buffer with at least one byte remaining
   */
  ByteBuffer getBuffer(int sizeHint);

  /**
   * The last buffer from {@link #getBuffer} received {@code nbytes} bytes, from its position on;
   * the transport has advanced its position by that much.
   *
   * <p>asyncio: {@code BufferedProtocol.buffer_updated}
   *
   * @param nbytes how many bytes were read, at least one
   */
  void bufferUpdated(int nbytes);

  /**
   * As {@link Protocol#eofReceived()}.
   *
   * <p>asyncio: {@code BufferedProtocol.eof_received}
   *
   * @return whether to keep the transport open for writing
   */
  default boolean eofReceived() {
    return false;
  }
}

package org.asyncio4j.net;

/**
 * A transport that receives: reading can be paused, for back-pressure from the protocol.
 *
 * <pre>{@code
 * transport.pauseReading();   // the protocol's buffer is full
 * transport.resumeReading();  // it has room again
 * }</pre>
 *
 * <p>asyncio: {@code asyncio.ReadTransport}
 */
public interface ReadTransport extends BaseTransport {
  /**
   * Stops reading from the connection until {@link #resumeReading()}: the protocol's {@code
   * dataReceived} is not called meanwhile and the peer is slowed by the kernel's buffers. Does
   * nothing if already paused or closing.
   *
   * <p>asyncio: {@code ReadTransport.pause_reading}
   */
  void pauseReading();

  /**
   * Starts reading again after {@link #pauseReading()}. Does nothing if reading or closing.
   *
   * <p>asyncio: {@code ReadTransport.resume_reading}
   */
  void resumeReading();

  /**
   * Returns whether the transport reads: not paused and not closing.
   *
   * <p>asyncio: {@code ReadTransport.is_reading}
   *
   * @return true while reading
   */
  boolean isReading();
}

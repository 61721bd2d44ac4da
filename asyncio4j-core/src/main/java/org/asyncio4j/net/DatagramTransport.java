package org.asyncio4j.net;

import java.net.SocketAddress;
import org.jspecify.annotations.Nullable;

/**
 * A datagram (UDP) endpoint, made by {@code EventLoop.createDatagramEndpoint}.
 *
 * <pre>{@code
 * void ping(DatagramTransport udp) {
 *   udp.sendto("ping".getBytes(StandardCharsets.US_ASCII), new InetSocketAddress("::1", 9999));
 * }
 * }</pre>
 *
 * <p>asyncio: {@code asyncio.DatagramTransport}
 */
public interface DatagramTransport extends BaseTransport {
  /**
   * Sends one datagram to {@code addr}, or, on a connected endpoint, to its remote address ({@code
   * addr} null or equal to it). Buffered if the socket cannot take it now.
   *
   * <p>asyncio: {@code DatagramTransport.sendto}
   *
   * @param data the datagram
   * @param addr where to, or null on a connected endpoint
   * @throws IllegalArgumentException if {@code addr} is null on an unconnected endpoint, or differs
   *     from the remote address of a connected one
   */
  void sendto(byte[] data, @Nullable SocketAddress addr);

  /**
   * Sends one datagram to the remote address of a connected endpoint.
   *
   * <p>asyncio: {@code DatagramTransport.sendto(data)}
   *
   * @param data the datagram
   */
  default void sendto(byte[] data) {
    sendto(data, null);
  }

  /**
   * Closes the endpoint at once, dropping buffered datagrams.
   *
   * <p>asyncio: {@code DatagramTransport.abort}
   */
  void abort();

  /**
   * Returns how many bytes of datagrams are buffered, waiting to be sent.
   *
   * <p>asyncio: {@code DatagramTransport.get_write_buffer_size}
   *
   * @return the buffered byte count
   */
  int getWriteBufferSize();
}

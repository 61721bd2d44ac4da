package org.asyncio4j.net;

import java.net.SocketAddress;

/**
 * A datagram (UDP) protocol: each datagram arrives whole, with its sender's address.
 *
 * <pre>{@code
 * class EchoUdp implements DatagramProtocol {
 *   private DatagramTransport transport;
 *
 *   public void connectionMade(DatagramTransport transport) {
 *     this.transport = transport;
 *   }
 *
 *   public void datagramReceived(byte[] data, SocketAddress addr) {
 *     transport.sendto(data, addr);
 *   }
 * }
 * }</pre>
 *
 * <p>asyncio: {@code asyncio.DatagramProtocol}
 */
public interface DatagramProtocol extends BaseProtocol<DatagramTransport> {
  /**
   * A datagram arrived.
   *
   * <p>asyncio: {@code DatagramProtocol.datagram_received}
   *
   * @param data its bytes (may be empty), the protocol's own
   * @param addr who sent it
   */
  default void datagramReceived(byte[] data, SocketAddress addr) {}

  /**
   * A send or receive failed (for example an ICMP "port unreachable" on a connected endpoint); the
   * endpoint stays open.
   *
   * <p>asyncio: {@code DatagramProtocol.error_received}
   *
   * @param exc what failed
   */
  default void errorReceived(Exception exc) {}
}

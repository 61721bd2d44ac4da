package org.asyncio4j.net;

/**
 * A bidirectional byte-stream transport: a TCP, Unix-socket or TLS connection, made by {@code
 * EventLoop.createConnection} or handed to a server's protocol.
 *
 * <pre>{@code
 * class Echo implements Protocol {
 *   private Transport transport;
 *
 *   public void connectionMade(Transport transport) {
 *     this.transport = transport;
 *   }
 *
 *   public void dataReceived(byte[] data) {
 *     transport.write(data);
 *   }
 * }
 * }</pre>
 *
 * <p>asyncio: {@code asyncio.Transport}
 */
public interface Transport extends ReadTransport, WriteTransport {
  /**
   * Switches the protocol this transport calls from now on ({@code connectionMade} is not called
   * again); as asyncio's, used to hand a connection from one protocol to another, e.g. for an
   * upgrade.
   *
   * <p>asyncio: {@code BaseTransport.set_protocol}
   *
   * @param protocol a {@link Protocol} or {@link BufferedProtocol}
   */
  void setProtocol(BaseProtocol<Transport> protocol);
}

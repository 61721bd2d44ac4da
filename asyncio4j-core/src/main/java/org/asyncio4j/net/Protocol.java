package org.asyncio4j.net;

/**
 * A byte-stream protocol: the transport hands it what it receives, as byte arrays it may keep.
 *
 * <pre>{@code
 * Protocol printer = new Protocol() {
 *   public void dataReceived(byte[] data) {
 *     System.out.print(new String(data, StandardCharsets.UTF_8));
 *   }
 *
 *   public boolean eofReceived() {
 *     return false;  // close the transport: we have nothing more to send
 *   }
 * };
 * }</pre>
 *
 * <p>asyncio: {@code asyncio.Protocol}
 */
public interface Protocol extends BaseProtocol<Transport> {
  /**
   * Bytes arrived. The array is the protocol's own: a fresh one each call.
   *
   * <p>asyncio: {@code Protocol.data_received}
   *
   * @param data what arrived, never empty
   */
  default void dataReceived(byte[] data) {}

  /**
   * The peer ended its sending side (a TCP FIN). Return true to keep the transport open for writing
   * (a half-close); false, the default, closes it.
   *
   * <p>asyncio: {@code Protocol.eof_received}
   *
   * @return whether to keep the transport open
   */
  default boolean eofReceived() {
    return false;
  }
}

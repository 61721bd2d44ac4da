package org.asyncio4j.net;

import org.jspecify.annotations.Nullable;

/**
 * The callbacks every protocol receives from its transport, all on the loop, in this order: {@code
 * connectionMade} once, then the data callbacks of the subtype, then {@code connectionLost} once.
 * Every method has an empty default, so a protocol overrides what it needs.
 *
 * <pre>{@code
 * BaseProtocol<Transport> logger = new Protocol() {
 *   public void connectionLost(Exception exc) {
 *     System.out.println("closed: " + (exc == null ? "cleanly" : exc));
 *   }
 * };
 * }</pre>
 *
 * <p>asyncio: {@code asyncio.BaseProtocol}
 *
 * @param <T> the transport type the protocol works over
 */
public interface BaseProtocol<T extends BaseTransport> {
  /**
   * The connection is made; {@code transport} is how to talk on it. Called once.
   *
   * <p>asyncio: {@code BaseProtocol.connection_made}
   *
   * @param transport the connection's transport
   */
  default void connectionMade(T transport) {}

  /**
   * The connection is closed; called once, last.
   *
   * <p>asyncio: {@code BaseProtocol.connection_lost}
   *
   * @param exc null for a regular close or end, else what broke the connection (a reset, a failed
   *     write, a TLS error)
   */
  default void connectionLost(@Nullable Exception exc) {}

  /**
   * The transport's write buffer went above its high watermark: stop writing until {@link
   * #resumeWriting()}.
   *
   * <p>asyncio: {@code BaseProtocol.pause_writing}
   */
  default void pauseWriting() {}

  /**
   * The transport's write buffer drained to its low watermark: writing may go on.
   *
   * <p>asyncio: {@code BaseProtocol.resume_writing}
   */
  default void resumeWriting() {}
}

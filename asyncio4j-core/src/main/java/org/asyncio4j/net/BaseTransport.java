package org.asyncio4j.net;

import org.jspecify.annotations.Nullable;

/**
 * What every transport can do: close, say whether it is closing, and tell facts about its
 * connection through {@link #getExtraInfo}.
 *
 * <pre>{@code
 * SocketAddress peer = (SocketAddress) transport.getExtraInfo(BaseTransport.PEERNAME);
 * transport.close();
 * }</pre>
 *
 * <p>asyncio: {@code asyncio.BaseTransport}
 */
public interface BaseTransport extends AutoCloseable {
  /** Extra info: the remote address, a {@link java.net.SocketAddress}. */
  String PEERNAME = "peername";

  /** Extra info: the local address, a {@link java.net.SocketAddress}. */
  String SOCKNAME = "sockname";

  /** Extra info: the underlying {@link java.nio.channels.NetworkChannel}. */
  String SOCKET = "socket";

  /** Extra info on a TLS transport: the {@link javax.net.ssl.SSLSession}. */
  String SSL_OBJECT = "ssl_object";

  /** Extra info on a TLS transport: the peer's certificate chain ({@code Certificate[]}). */
  String PEERCERT = "peercert";

  /** Extra info on a TLS transport: the cipher suite's name. */
  String CIPHER = "cipher";

  /**
   * Extra info on a TLS transport: the application protocol ALPN settled on (a {@code String}),
   * absent when none was; asyncio's {@code ssl_object.selected_alpn_protocol()}.
   */
  String SELECTED_ALPN_PROTOCOL = "selected_alpn_protocol";

  /**
   * Closes the transport. Data already written is still sent, then the protocol's {@code
   * connectionLost(null)} is called on a later turn; data received meanwhile is dropped.
   * Idempotent.
   *
   * <p>asyncio: {@code BaseTransport.close}
   */
  @Override
  void close();

  /**
   * Returns whether the transport is closing or closed.
   *
   * <p>asyncio: {@code BaseTransport.is_closing}
   *
   * @return true once {@link #close()} or {@code abort()} was called or the connection was lost
   */
  boolean isClosing();

  /**
   * Returns a fact about the connection: the constants of this interface name those there are
   * ({@link #PEERNAME}, {@link #SOCKNAME}, {@link #SOCKET}, and on TLS {@link #SSL_OBJECT}, {@link
   * #PEERCERT}, {@link #CIPHER}).
   *
   * <p>asyncio: {@code BaseTransport.get_extra_info}
   *
   * @param name which fact
   * @return its value, or null if this transport has none by that name
   */
  @Nullable Object getExtraInfo(String name);

  /**
   * Returns a fact about the connection, or {@code defaultValue} when there is none by that name.
   *
   * <p>asyncio: {@code BaseTransport.get_extra_info(name, default)}
   *
   * @param name which fact
   * @param defaultValue what to return when there is none
   * @return its value or the default
   */
  default Object getExtraInfo(String name, Object defaultValue) {
    Object value = getExtraInfo(name);
    return value != null ? value : defaultValue;
  }

  /**
   * Returns the protocol this transport calls.
   *
   * <p>asyncio: {@code BaseTransport.get_protocol}
   *
   * @return the current protocol
   */
  BaseProtocol<?> getProtocol();
}

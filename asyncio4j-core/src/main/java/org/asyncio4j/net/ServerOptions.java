package org.asyncio4j.net;

import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * How {@code EventLoop.createServer} and {@code Streams.startServer} listen: immutable, each {@code
 * with...} method returns a changed copy.
 *
 * <pre>{@code
 * ServerOptions options = ServerOptions.defaults().withBacklog(1024).withReusePort(true);
 *
 * // TLS: a context made from the server's key and certificate chain
 * ServerOptions tls = ServerOptions.defaults().withSsl(serverContext);
 * }</pre>
 *
 * <p>asyncio: the keyword arguments of {@code loop.create_server}
 *
 * @param backlog the listen queue's length, and how many connections one readiness event accepts at
 *     most (asyncio's default: 100)
 * @param reuseAddress SO_REUSEADDR (asyncio's default on Unix: true)
 * @param reusePort SO_REUSEPORT, to let several servers (or loops) listen on one port
 * @param startServing whether to accept at once (true) or only after {@link Server#startServing()}
 * @param sslContext TLS on every accepted connection when not null (asyncio's {@code ssl=}); the
 *     protocol's connectionMade is called once its handshake is done
 * @param sslHandshakeTimeout how long each TLS handshake may take; null for asyncio's 60 s
 * @param sslShutdownTimeout how long close waits for the peer's close_notify; null for 30 s
 * @param alpnProtocols the application protocols to accept through ALPN, most wanted first; empty
 *     for none
 * @param sslNeedClientAuth whether clients must present a certificate the context trusts (Python's
 *     {@code verify_mode = CERT_REQUIRED} on a server context)
 */
public record ServerOptions(
    int backlog,
    boolean reuseAddress,
    boolean reusePort,
    boolean startServing,
    @Nullable SSLContext sslContext,
    @Nullable Duration sslHandshakeTimeout,
    @Nullable Duration sslShutdownTimeout,
    List<String> alpnProtocols,
    boolean sslNeedClientAuth) {
  private static final ServerOptions DEFAULTS =
      new ServerOptions(100, true, false, true, null, null, null, List.of(), false);

  /**
   * Checks the options.
   *
   * @throws IllegalArgumentException if the backlog or a TLS timeout is not positive
   */
  public ServerOptions {
    if (backlog <= 0) {
      throw new IllegalArgumentException("backlog must be positive, got " + backlog);
    }
    checkTlsTimeout("sslHandshakeTimeout", sslHandshakeTimeout);
    checkTlsTimeout("sslShutdownTimeout", sslShutdownTimeout);
    alpnProtocols = List.copyOf(alpnProtocols);
  }

  /** asyncio raises ValueError for a TLS timeout that is not positive; so do we. */
  static void checkTlsTimeout(String name, @Nullable Duration timeout) {
    if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
      throw new IllegalArgumentException(name + " must be positive, got " + timeout);
    }
  }

  /**
   * Returns asyncio's defaults: backlog 100, reuse address, no reuse port, start serving, no TLS.
   *
   * @return the defaults
   */
  public static ServerOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Returns a copy with another backlog.
   *
   * @param backlog the listen queue's length
   * @return the changed options
   */
  public ServerOptions withBacklog(int backlog) {
    return new ServerOptions(
        backlog,
        reuseAddress,
        reusePort,
        startServing,
        sslContext,
        sslHandshakeTimeout,
        sslShutdownTimeout,
        alpnProtocols,
        sslNeedClientAuth);
  }

  /**
   * Returns a copy with SO_REUSEADDR on or off.
   *
   * @param reuseAddress whether to set it
   * @return the changed options
   */
  public ServerOptions withReuseAddress(boolean reuseAddress) {
    return new ServerOptions(
        backlog,
        reuseAddress,
        reusePort,
        startServing,
        sslContext,
        sslHandshakeTimeout,
        sslShutdownTimeout,
        alpnProtocols,
        sslNeedClientAuth);
  }

  /**
   * Returns a copy with SO_REUSEPORT on or off.
   *
   * @param reusePort whether to set it
   * @return the changed options
   */
  public ServerOptions withReusePort(boolean reusePort) {
    return new ServerOptions(
        backlog,
        reuseAddress,
        reusePort,
        startServing,
        sslContext,
        sslHandshakeTimeout,
        sslShutdownTimeout,
        alpnProtocols,
        sslNeedClientAuth);
  }

  /**
   * Returns a copy that starts accepting at once, or not.
   *
   * @param startServing whether to accept at once
   * @return the changed options
   */
  public ServerOptions withStartServing(boolean startServing) {
    return new ServerOptions(
        backlog,
        reuseAddress,
        reusePort,
        startServing,
        sslContext,
        sslHandshakeTimeout,
        sslShutdownTimeout,
        alpnProtocols,
        sslNeedClientAuth);
  }

  /**
   * Returns a copy that speaks TLS on every connection (or plain TCP again with null).
   *
   * <p>asyncio: {@code create_server(..., ssl=context)}
   *
   * @param sslContext a context with the server's key and certificate, or null
   * @return the changed options
   */
  public ServerOptions withSsl(@Nullable SSLContext sslContext) {
    return new ServerOptions(
        backlog,
        reuseAddress,
        reusePort,
        startServing,
        sslContext,
        sslHandshakeTimeout,
        sslShutdownTimeout,
        alpnProtocols,
        sslNeedClientAuth);
  }

  /**
   * Returns a copy with another bound on each TLS handshake.
   *
   * <p>asyncio: {@code create_server(..., ssl_handshake_timeout=...)}
   *
   * @param timeout a positive bound, or null for 60 s
   * @return the changed options
   */
  public ServerOptions withSslHandshakeTimeout(@Nullable Duration timeout) {
    return new ServerOptions(
        backlog,
        reuseAddress,
        reusePort,
        startServing,
        sslContext,
        timeout,
        sslShutdownTimeout,
        alpnProtocols,
        sslNeedClientAuth);
  }

  /**
   * Returns a copy with another bound on the wait for the peer's close_notify.
   *
   * <p>asyncio: {@code create_server(..., ssl_shutdown_timeout=...)}
   *
   * @param timeout a positive bound, or null for 30 s
   * @return the changed options
   */
  public ServerOptions withSslShutdownTimeout(@Nullable Duration timeout) {
    return new ServerOptions(
        backlog,
        reuseAddress,
        reusePort,
        startServing,
        sslContext,
        sslHandshakeTimeout,
        timeout,
        alpnProtocols,
        sslNeedClientAuth);
  }

  /**
   * Returns a copy that accepts these application protocols through ALPN: the JDK's server picks
   * the first of this list that the client offers.
   *
   * <p>asyncio: {@code SSLContext.set_alpn_protocols}
   *
   * @param protocols most wanted first
   * @return the changed options
   */
  public ServerOptions withAlpnProtocols(List<String> protocols) {
    return new ServerOptions(
        backlog,
        reuseAddress,
        reusePort,
        startServing,
        sslContext,
        sslHandshakeTimeout,
        sslShutdownTimeout,
        protocols,
        sslNeedClientAuth);
  }

  /**
   * Returns a copy that requires (or not) a client certificate on TLS connections.
   *
   * @param need whether to require one
   * @return the changed options
   */
  public ServerOptions withSslNeedClientAuth(boolean need) {
    return new ServerOptions(
        backlog,
        reuseAddress,
        reusePort,
        startServing,
        sslContext,
        sslHandshakeTimeout,
        sslShutdownTimeout,
        alpnProtocols,
        need);
  }
}

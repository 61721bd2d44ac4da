package org.asyncio4j.net;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * How {@code EventLoop.createConnection} and {@code Streams.openConnection} connect: immutable,
 * each {@code with...} method returns a changed copy.
 *
 * <pre>{@code
 * ConnectOptions options =
 *     ConnectOptions.defaults()
 *         .withHappyEyeballsDelay(Duration.ofMillis(250))
 *         .withTimeout(Duration.ofSeconds(5));
 *
 * // TLS, with the JDK's default trust store; the certificate must name "example.com"
 * ConnectOptions tls = ConnectOptions.defaults().withSsl(SSLContext.getDefault());
 * }</pre>
 *
 * <p>asyncio: the keyword arguments of {@code loop.create_connection}
 *
 * @param localAddress the local address to bind before connecting, or null for any
 * @param happyEyeballsDelay with several addresses, how long to wait for one attempt before
 *     starting the next in parallel (RFC 8305; asyncio recommends 250 ms); null tries them one
 *     after the other, as asyncio's default
 * @param interleave how many addresses of the first family come before one of the other when
 *     reordering them (asyncio: 1 when Happy Eyeballs is on, else 0 = keep the resolver's order)
 * @param timeout how long the whole connect may take (resolution included), or null for no bound;
 *     asyncio has no such argument and wraps the call in {@code wait_for}
 * @param sslContext TLS over the connection when not null (asyncio's {@code ssl=}); the call
 *     returns once the handshake is done
 * @param serverHostname the name the server's certificate must carry and that is sent as SNI; null
 *     means the host connected to (asyncio's default), an empty string turns hostname verification
 *     off (asyncio's {@code server_hostname=''})
 * @param sslHandshakeTimeout how long the TLS handshake may take; null for asyncio's 60 s
 * @param sslShutdownTimeout how long close waits for the peer's close_notify; null for asyncio's 30
 *     s
 * @param alpnProtocols the application protocols to offer through ALPN, most wanted first (e.g.
 *     {@code "h2", "http/1.1"}); empty for none
 */
public record ConnectOptions(
    @Nullable SocketAddress localAddress,
    @Nullable Duration happyEyeballsDelay,
    int interleave,
    @Nullable Duration timeout,
    @Nullable SSLContext sslContext,
    @Nullable String serverHostname,
    @Nullable Duration sslHandshakeTimeout,
    @Nullable Duration sslShutdownTimeout,
    List<String> alpnProtocols) {
  private static final ConnectOptions DEFAULTS =
      new ConnectOptions(null, null, 0, null, null, null, null, null, List.of());

  /**
   * Checks the options.
   *
   * @throws IllegalArgumentException if a duration is negative, a TLS timeout is not positive, or
   *     interleave is negative
   */
  public ConnectOptions {
    if (happyEyeballsDelay != null && happyEyeballsDelay.isNegative()) {
      throw new IllegalArgumentException(
          "happyEyeballsDelay must not be negative, got " + happyEyeballsDelay);
    }
    if (interleave < 0) {
      throw new IllegalArgumentException("interleave must not be negative, got " + interleave);
    }
    if (timeout != null && timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative, got " + timeout);
    }
    ServerOptions.checkTlsTimeout("sslHandshakeTimeout", sslHandshakeTimeout);
    ServerOptions.checkTlsTimeout("sslShutdownTimeout", sslShutdownTimeout);
    alpnProtocols = List.copyOf(alpnProtocols);
  }

  /**
   * Returns asyncio's defaults: no local address, addresses tried one after the other, no timeout,
   * no TLS.
   *
   * @return the defaults
   */
  public static ConnectOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Returns a copy that binds to {@code localAddress} before connecting.
   *
   * @param localAddress the local address, or null for any
   * @return the changed options
   */
  public ConnectOptions withLocalAddress(@Nullable SocketAddress localAddress) {
    return new ConnectOptions(
        localAddress,
        happyEyeballsDelay,
        interleave,
        timeout,
        sslContext,
        serverHostname,
        sslHandshakeTimeout,
        sslShutdownTimeout,
        alpnProtocols);
  }

  /**
   * Returns a copy with Happy Eyeballs on (a delay) or off (null); turning it on sets interleave to
   * 1 if it was 0, as asyncio does.
   *
   * @param delay how long one attempt runs alone before the next starts
   * @return the changed options
   */
  public ConnectOptions withHappyEyeballsDelay(@Nullable Duration delay) {
    int i = delay != null && interleave == 0 ? 1 : interleave;
    return new ConnectOptions(
        localAddress,
        delay,
        i,
        timeout,
        sslContext,
        serverHostname,
        sslHandshakeTimeout,
        sslShutdownTimeout,
        alpnProtocols);
  }

  /**
   * Returns a copy with another interleave.
   *
   * @param interleave addresses of the first family before one of the other; 0 keeps the order
   * @return the changed options
   */
  public ConnectOptions withInterleave(int interleave) {
    return new ConnectOptions(
        localAddress,
        happyEyeballsDelay,
        interleave,
        timeout,
        sslContext,
        serverHostname,
        sslHandshakeTimeout,
        sslShutdownTimeout,
        alpnProtocols);
  }

  /**
   * Returns a copy with a bound on the whole connect.
   *
   * @param timeout the bound, or null for none
   * @return the changed options
   */
  public ConnectOptions withTimeout(@Nullable Duration timeout) {
    return new ConnectOptions(
        localAddress,
        happyEyeballsDelay,
        interleave,
        timeout,
        sslContext,
        serverHostname,
        sslHandshakeTimeout,
        sslShutdownTimeout,
        alpnProtocols);
  }

  /**
   * Returns a copy that speaks TLS over the connection (or plain TCP again with null). Hostname
   * verification is on: the certificate must name the host connected to, or {@link
   * #withServerHostname}'s name.
   *
   * <p>asyncio: {@code create_connection(..., ssl=context)}
   *
   * @param sslContext the context (trust store, keys for client authentication), or null
   * @return the changed options
   */
  public ConnectOptions withSsl(@Nullable SSLContext sslContext) {
    return new ConnectOptions(
        localAddress,
        happyEyeballsDelay,
        interleave,
        timeout,
        sslContext,
        serverHostname,
        sslHandshakeTimeout,
        sslShutdownTimeout,
        alpnProtocols);
  }

  /**
   * Returns a copy that expects the server's certificate to name {@code serverHostname} (and sends
   * it as SNI); an empty string turns hostname verification off, null restores the default (the
   * host connected to).
   *
   * <p>asyncio: {@code create_connection(..., server_hostname=...)}
   *
   * @param serverHostname the name, "" or null
   * @return the changed options
   */
  public ConnectOptions withServerHostname(@Nullable String serverHostname) {
    return new ConnectOptions(
        localAddress,
        happyEyeballsDelay,
        interleave,
        timeout,
        sslContext,
        serverHostname,
        sslHandshakeTimeout,
        sslShutdownTimeout,
        alpnProtocols);
  }

  /**
   * Returns a copy with another bound on the TLS handshake.
   *
   * <p>asyncio: {@code create_connection(..., ssl_handshake_timeout=...)}
   *
   * @param timeout a positive bound, or null for 60 s
   * @return the changed options
   */
  public ConnectOptions withSslHandshakeTimeout(@Nullable Duration timeout) {
    return new ConnectOptions(
        localAddress,
        happyEyeballsDelay,
        interleave,
        this.timeout,
        sslContext,
        serverHostname,
        timeout,
        sslShutdownTimeout,
        alpnProtocols);
  }

  /**
   * Returns a copy with another bound on the wait for the peer's close_notify when closing.
   *
   * <p>asyncio: {@code create_connection(..., ssl_shutdown_timeout=...)}
   *
   * @param timeout a positive bound, or null for 30 s
   * @return the changed options
   */
  public ConnectOptions withSslShutdownTimeout(@Nullable Duration timeout) {
    return new ConnectOptions(
        localAddress,
        happyEyeballsDelay,
        interleave,
        this.timeout,
        sslContext,
        serverHostname,
        sslHandshakeTimeout,
        timeout,
        alpnProtocols);
  }

  /**
   * Returns a copy that offers these application protocols through ALPN; the one the server picks
   * is the transport's {@link BaseTransport#SELECTED_ALPN_PROTOCOL} extra info.
   *
   * <p>asyncio: {@code SSLContext.set_alpn_protocols}
   *
   * @param protocols most wanted first
   * @return the changed options
   */
  public ConnectOptions withAlpnProtocols(List<String> protocols) {
    return new ConnectOptions(
        localAddress,
        happyEyeballsDelay,
        interleave,
        timeout,
        sslContext,
        serverHostname,
        sslHandshakeTimeout,
        sslShutdownTimeout,
        protocols);
  }
}

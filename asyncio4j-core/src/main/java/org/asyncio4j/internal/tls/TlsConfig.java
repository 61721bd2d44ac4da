package org.asyncio4j.internal.tls;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.jspecify.annotations.Nullable;

/**
 * Everything one TLS connection needs to start: what {@code ConnectOptions}, {@code ServerOptions}
 * and {@code startTls} say, in one place, checked.
 *
 * @param context where the engine comes from (keys, trust, protocol versions)
 * @param serverSide whether this end is the server
 * @param serverHostname the client's name for the server: sent as SNI and checked against the
 *     certificate; null on the server side, or to skip hostname verification
 * @param peerPort the peer's port, a hint for session resumption (-1 when unknown)
 * @param handshakeTimeout how long the handshake may take
 * @param shutdownTimeout how long close waits for the peer's close_notify
 * @param alpnProtocols the application protocols to offer (client) or accept (server), in order of
 *     preference; empty for no ALPN
 * @param needClientAuth on the server side, whether to require a client certificate
 */
public record TlsConfig(
    SSLContext context,
    boolean serverSide,
    @Nullable String serverHostname,
    int peerPort,
    Duration handshakeTimeout,
    Duration shutdownTimeout,
    List<String> alpnProtocols,
    boolean needClientAuth) {
  /** asyncio's {@code SSL_HANDSHAKE_TIMEOUT}: 60 s. */
  public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(60);

  /** asyncio's {@code SSL_SHUTDOWN_TIMEOUT}: 30 s. */
  public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

  /** Checks the timeouts, as asyncio's {@code SSLProtocol.__init__}. */
  public TlsConfig {
    Objects.requireNonNull(context, "context");
    checkPositive("sslHandshakeTimeout", handshakeTimeout);
    checkPositive("sslShutdownTimeout", shutdownTimeout);
    alpnProtocols = List.copyOf(alpnProtocols);
  }

  /** Fills in asyncio's defaults for the timeouts left null. */
  public static TlsConfig of(
      SSLContext context,
      boolean serverSide,
      @Nullable String serverHostname,
      int peerPort,
      @Nullable Duration handshakeTimeout,
      @Nullable Duration shutdownTimeout,
      List<String> alpnProtocols,
      boolean needClientAuth) {
    return new TlsConfig(
        context,
        serverSide,
        serverSide ? null : serverHostname,
        peerPort,
        handshakeTimeout == null ? DEFAULT_HANDSHAKE_TIMEOUT : handshakeTimeout,
        shutdownTimeout == null ? DEFAULT_SHUTDOWN_TIMEOUT : shutdownTimeout,
        alpnProtocols,
        needClientAuth);
  }

  /**
   * Checks a TLS timeout given by the user: asyncio raises ValueError for one that is not positive.
   */
  public static void checkPositive(String name, @Nullable Duration timeout) {
    if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
      throw new IllegalArgumentException(name + " must be positive, got " + timeout);
    }
  }

  /**
   * Makes the engine: SNI and hostname verification (the JDK's "HTTPS" endpoint identification,
   * which checks the certificate's subject alternative names, as Python's {@code check_hostname})
   * for a client given a host name, ALPN, client authentication.
   */
  SSLEngine newEngine() {
    SSLEngine engine =
        serverHostname != null && !serverSide
            ? context.createSSLEngine(serverHostname, peerPort)
            : context.createSSLEngine();
    engine.setUseClientMode(!serverSide);
    SSLParameters p = engine.getSSLParameters();
    if (!serverSide && serverHostname != null) {
      p.setEndpointIdentificationAlgorithm("HTTPS");
    }
    if (!alpnProtocols.isEmpty()) {
      p.setApplicationProtocols(alpnProtocols.toArray(String[]::new));
    }
    if (serverSide && needClientAuth) {
      p.setNeedClientAuth(true);
    }
    engine.setSSLParameters(p);
    return engine;
  }
}

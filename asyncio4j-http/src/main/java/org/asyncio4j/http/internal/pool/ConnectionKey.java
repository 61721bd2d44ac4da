package org.asyncio4j.http.internal.pool;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What makes two requests able to share a pooled connection: the same scheme, host and port, the
 * same TLS settings and the same proxy. A connection opened for one key is handed only to acquirers
 * of an equal key.
 *
 * <p>aiohttp: {@code ConnectionKey(host, port, is_ssl, ssl, proxy, proxy_auth,
 * proxy_headers_hash)}. The TLS settings are one component, {@code tls}, compared with {@code
 * equals}: an {@code SSLContext} (which does not override it) then compares by identity, as aiohttp
 * compares its {@code ssl} object; a session passes the object that decides the handshake (the
 * context, or a record of context and hostname-verification setting). The proxy is one string
 * naming the proxy URL and whatever else changes the tunnel (credentials' hash, headers' hash),
 * again as aiohttp folds {@code proxy_auth} and {@code proxy_headers_hash} into its key.
 *
 * <pre>{@code
 * ConnectionKey key = ConnectionKey.of("https", "example.org", 443, sslContext, null);
 * }</pre>
 *
 * @param scheme {@code http} or {@code https}, lower case (also {@code ws}/{@code wss} later)
 * @param host the host as the URL names it, lower case (a name or a literal address)
 * @param port the port, 1 to 65535
 * @param tls the TLS settings' identity, or null for plain TCP
 * @param proxy the proxy's identity, or null for a direct connection
 */
public record ConnectionKey(
    String scheme, String host, int port, @Nullable Object tls, @Nullable String proxy) {

  /**
   * Checks the components.
   *
   * @throws IllegalArgumentException for an empty scheme or host, one not in lower case, or a port
   *     outside 1 to 65535
   */
  public ConnectionKey {
    if (scheme.isEmpty() || !scheme.equals(scheme.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException(
          "ConnectionKey scheme must be non-empty and lower case, got '" + scheme + "'");
    }
    if (host.isEmpty() || !host.equals(host.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException(
          "ConnectionKey host must be non-empty and lower case (host names are case-insensitive:"
              + " lower them first), got '"
              + host
              + "'");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(
          "ConnectionKey port must be between 1 and 65535, got " + port + " for " + host);
    }
  }

  /**
   * Creates a key, lowering the scheme and host.
   *
   * @param scheme the URL's scheme
   * @param host the URL's host
   * @param port the port (the scheme's default already applied)
   * @param tls the TLS settings' identity, or null
   * @param proxy the proxy's identity, or null
   * @return the key
   */
  public static ConnectionKey of(
      String scheme, String host, int port, @Nullable Object tls, @Nullable String proxy) {
    return new ConnectionKey(
        scheme.toLowerCase(Locale.ROOT), host.toLowerCase(Locale.ROOT), port, tls, proxy);
  }

  /** {@code scheme://host:port}, with the proxy after "via" when there is one. */
  @Override
  public String toString() {
    String hostPart = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return scheme
        + "://"
        + hostPart
        + ":"
        + port
        + (tls != null && !"https".equals(scheme) && !"wss".equals(scheme) ? " (tls)" : "")
        + (proxy != null ? " via " + proxy : "");
  }
}

package org.asyncio4j.http.client;

import java.io.Serial;
import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The {@code sockConnect} limit of {@link ClientTimeout} passed: opening a new connection (TCP and
 * TLS) took too long: the host is unreachable or overloaded.
 *
 * <pre>{@code
 * ClientTimeoutException e = new SockConnectTimeoutException(Duration.ofSeconds(5), URI.create("http://example.com/"), null);
 * System.out.println(e.getMessage());
 * // The sockConnect timeout of 5 s passed while opening a connection (http://example.com/); set ClientTimeout.sockConnect for a longer limit
 * }</pre>
 *
 * <p>aiohttp: {@code aiohttp.ConnectionTimeoutError} from {@code ClientTimeout(sock_connect=...)}
 */
public final class SockConnectTimeoutException extends ClientTimeoutException {
  @Serial private static final long serialVersionUID = 1L;

  /**
   * Creates one.
   *
   * @param timeout the limit that passed
   * @param url the request's URL, if known
   * @param cause the cancellation the deadline caused, if any
   */
  public SockConnectTimeoutException(
      Duration timeout, @Nullable URI url, @Nullable Throwable cause) {
    super("sockConnect", "while opening a connection", timeout, url, cause);
  }

  @Override
  public String setting() {
    return "sockConnect";
  }
}

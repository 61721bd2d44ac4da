package org.asyncio4j.http.client;

import java.io.Serial;
import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The {@code connect} limit of {@link ClientTimeout} passed: getting a connection (a pool slot and,
 * if needed, a new connection) took too long.
 *
 * <pre>{@code
 * ClientTimeoutException e = new ConnectTimeoutException(Duration.ofSeconds(5), URI.create("http://example.com/"), null);
 * System.out.println(e.getMessage());
 * // The connect timeout of 5 s passed while getting a connection (http://example.com/); set ClientTimeout.connect for a longer limit
 * }</pre>
 *
 * <p>aiohttp: {@code aiohttp.ConnectionTimeoutError} from {@code ClientTimeout(connect=...)}
 */
public final class ConnectTimeoutException extends ClientTimeoutException {
  @Serial private static final long serialVersionUID = 1L;

  /**
   * Creates one.
   *
   * @param timeout the limit that passed
   * @param url the request's URL, if known
   * @param cause the cancellation the deadline caused, if any
   */
  public ConnectTimeoutException(Duration timeout, @Nullable URI url, @Nullable Throwable cause) {
    super("connect", "while getting a connection", timeout, url, cause);
  }

  @Override
  public String setting() {
    return "connect";
  }
}

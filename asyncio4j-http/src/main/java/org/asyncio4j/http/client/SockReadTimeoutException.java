package org.asyncio4j.http.client;

import java.io.Serial;
import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The {@code sockRead} limit of {@link ClientTimeout} passed: the server sent nothing for that long
 * while the response was read.
 *
 * <pre>{@code
 * ClientTimeoutException e = new SockReadTimeoutException(Duration.ofSeconds(5), URI.create("http://example.com/"), null);
 * System.out.println(e.getMessage());
 * // The sockRead timeout of 5 s passed waiting for the response's next bytes (http://example.com/); set ClientTimeout.sockRead for a longer limit
 * }</pre>
 *
 * <p>aiohttp: {@code aiohttp.SocketTimeoutError} from {@code ClientTimeout(sock_read=...)}
 */
public final class SockReadTimeoutException extends ClientTimeoutException {
  @Serial private static final long serialVersionUID = 1L;

  /**
   * Creates one.
   *
   * @param timeout the limit that passed
   * @param url the request's URL, if known
   * @param cause the cancellation the deadline caused, if any
   */
  public SockReadTimeoutException(Duration timeout, @Nullable URI url, @Nullable Throwable cause) {
    super("sockRead", "waiting for the response's next bytes", timeout, url, cause);
  }

  @Override
  public String setting() {
    return "sockRead";
  }
}

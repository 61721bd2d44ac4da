package org.asyncio4j.http.client;

import java.io.Serial;
import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The {@code total} limit of {@link ClientTimeout} passed: the whole request, from the call until
 * the body is read, did not finish in time.
 *
 * <pre>{@code
 * ClientTimeoutException e = new TotalTimeoutException(Duration.ofSeconds(5), URI.create("http://example.com/"), null);
 * System.out.println(e.getMessage());
 * // The total timeout of 5 s passed for the whole exchange (http://example.com/); set ClientTimeout.total for a longer limit
 * }</pre>
 *
 * <p>aiohttp: the bare {@code asyncio.TimeoutError} raised by {@code ClientTimeout(total=...)}
 */
public final class TotalTimeoutException extends ClientTimeoutException {
  @Serial private static final long serialVersionUID = 1L;

  /**
   * Creates one.
   *
   * @param timeout the limit that passed
   * @param url the request's URL, if known
   * @param cause the cancellation the deadline caused, if any
   */
  public TotalTimeoutException(Duration timeout, @Nullable URI url, @Nullable Throwable cause) {
    super("total", "for the whole exchange", timeout, url, cause);
  }

  @Override
  public String setting() {
    return "total";
  }
}

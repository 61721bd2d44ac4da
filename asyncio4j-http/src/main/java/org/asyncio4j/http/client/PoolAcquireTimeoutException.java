package org.asyncio4j.http.client;

import java.io.Serial;
import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The {@code poolAcquire} limit of {@link ClientTimeout} passed: every connection of the pool
 * stayed busy for that long: the pool's limits are too low for the load, or responses are not
 * closed.
 *
 * <pre>{@code
 * ClientTimeoutException e = new PoolAcquireTimeoutException(Duration.ofSeconds(5), URI.create("http://example.com/"), null);
 * System.out.println(e.getMessage());
 * // The poolAcquire timeout of 5 s passed waiting for a free connection of the pool (http://example.com/); set ClientTimeout.poolAcquire for a longer limit
 * }</pre>
 *
 * <p>aiohttp: none: aiohttp counts this wait in {@code connect} (#10313)
 */
public final class PoolAcquireTimeoutException extends ClientTimeoutException {
  @Serial private static final long serialVersionUID = 1L;

  /**
   * Creates one.
   *
   * @param timeout the limit that passed
   * @param url the request's URL, if known
   * @param cause the cancellation the deadline caused, if any
   */
  public PoolAcquireTimeoutException(
      Duration timeout, @Nullable URI url, @Nullable Throwable cause) {
    super("poolAcquire", "waiting for a free connection of the pool", timeout, url, cause);
  }

  @Override
  public String setting() {
    return "poolAcquire";
  }
}

package org.asyncio4j.http.internal.pool;

import java.time.Duration;
import org.asyncio4j.AsyncTimeoutException;

/**
 * An acquire waited for a free slot of the {@link ConnectionPool} longer than {@link
 * PoolSettings#acquireTimeout()}: the time went to the pool queue, not to connecting or reading
 * (aiohttp #10313 asks for exactly this distinction). The message says so, names the limit that was
 * full and how long the acquire waited.
 *
 * <p>It is an {@link AsyncTimeoutException}, as aiohttp's timeouts are {@code
 * asyncio.TimeoutError}s; the public {@code ClientTimeoutException} family of the client takes it
 * over (the session maps it to its pool-acquire timeout type).
 *
 * <pre>{@code
 * try (Lease<C> lease = pool.acquire(key)) { ... }
 * catch (PoolAcquireTimeoutException e) { log(e.limit() + " full for " + e.waited()); }
 * }</pre>
 */
public final class PoolAcquireTimeoutException extends AsyncTimeoutException {
  private static final long serialVersionUID = 1L;

  private final ConnectionKey key;
  private final PoolLimit limit;
  private final int limitValue;
  private final Duration waited;

  /**
   * Creates one.
   *
   * @param key what the acquire was for
   * @param limit the limit that was full
   * @param limitValue that limit's value
   * @param waited how long the acquire waited
   */
  public PoolAcquireTimeoutException(
      ConnectionKey key, PoolLimit limit, int limitValue, Duration waited) {
    super(
        "Timed out after "
            + seconds(waited)
            + " waiting for a free connection from the pool for "
            + key
            + ": the "
            + (limit == PoolLimit.TOTAL ? "total limit" : "per-host limit")
            + " of "
            + limitValue
            + " connections was full (raise "
            + (limit == PoolLimit.TOTAL ? "totalLimit" : "perHostLimit")
            + " or the pool-acquire timeout, or release responses sooner)");
    this.key = key;
    this.limit = limit;
    this.limitValue = limitValue;
    this.waited = waited;
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() / 1000.0 + " s";
  }

  /**
   * What the acquire was for.
   *
   * @return the key
   */
  public ConnectionKey key() {
    return key;
  }

  /**
   * The limit that was full when the wait timed out.
   *
   * @return the limit
   */
  public PoolLimit limit() {
    return limit;
  }

  /**
   * The value of that limit.
   *
   * @return the number of connections it allows
   */
  public int limitValue() {
    return limitValue;
  }

  /**
   * How long the acquire waited.
   *
   * @return the wait
   */
  public Duration waited() {
    return waited;
  }
}

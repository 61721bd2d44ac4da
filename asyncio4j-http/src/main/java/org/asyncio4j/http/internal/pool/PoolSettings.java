package org.asyncio4j.http.internal.pool;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The limits and timeouts of a {@link ConnectionPool}.
 *
 * <p>Differences from aiohttp's {@code TCPConnector}, each on purpose:
 *
 * <ul>
 *   <li>The limits count every <em>open</em> connection: connecting, in use and idle. aiohttp
 *       counts only acquired ones, so idle keep-alive sockets come on top of {@code limit} and a
 *       program talking to many hosts runs out of file descriptors (aiohttp #3038, #4067). When the
 *       total is full and a waiter's host has no idle connection, the pool closes the
 *       least-recently used idle connection of another host to make room.
 *   <li>The per-host limit is finite by default ({@value #DEFAULT_PER_HOST_LIMIT}); aiohttp's
 *       default of 0 (no limit) lets one slow host take the whole pool and starve every other host,
 *       and with {@code limit=0} it opens sockets to one host without bound (the trap of aiohttp
 *       #353, #3038, #4067). Half the total keeps a single host's fan-out wide (the seed's five
 *       parallel calls, a gather of tens; browsers allow 6 and OkHttp's dispatcher 5) while leaving
 *       the other half for the other hosts. Raise it to the total for a client of one host (a load
 *       generator that keeps 100 requests in flight to one server).
 *   <li>The wait for a free slot has its own timeout, apart from connecting and reading (aiohttp
 *       #10313, #2648), and failing it says that it was the pool wait, which limit was full and how
 *       long it waited.
 * </ul>
 *
 * <pre>{@code
 * PoolSettings settings = PoolSettings.defaults().withPerHostLimit(100).withAcquireTimeout(Duration.ofSeconds(5));
 * }</pre>
 *
 * @param totalLimit most open connections in all, 0 for no limit (aiohttp's {@code limit=0})
 * @param perHostLimit most open connections per {@link ConnectionKey}, 0 for no limit
 * @param idleTimeout how long a released connection stays idle before it is closed; zero closes
 *     every connection on release (aiohttp's {@code force_close=True})
 * @param acquireTimeout the longest wait for a free slot, or null to wait as long as the caller's
 *     own deadline allows
 */
public record PoolSettings(
    int totalLimit, int perHostLimit, Duration idleTimeout, @Nullable Duration acquireTimeout) {

  /** aiohttp's {@code TCPConnector(limit=100)}. */
  public static final int DEFAULT_TOTAL_LIMIT = 100;

  /** Half of {@link #DEFAULT_TOTAL_LIMIT}; see the class notes for why it is not aiohttp's 0. */
  public static final int DEFAULT_PER_HOST_LIMIT = 50;

  /** aiohttp's {@code keepalive_timeout=15}. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(15);

  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException for a negative limit or a negative or zero-length acquire
   *     timeout, or a negative idle timeout
   */
  public PoolSettings {
    if (totalLimit < 0) {
      throw new IllegalArgumentException(
          "totalLimit must be >= 0 (0 means no limit), got " + totalLimit);
    }
    if (perHostLimit < 0) {
      throw new IllegalArgumentException(
          "perHostLimit must be >= 0 (0 means no limit), got " + perHostLimit);
    }
    if (idleTimeout.isNegative()) {
      throw new IllegalArgumentException(
          "idleTimeout must not be negative (zero closes connections on release), got "
              + idleTimeout);
    }
    if (acquireTimeout != null && (acquireTimeout.isNegative() || acquireTimeout.isZero())) {
      throw new IllegalArgumentException(
          "acquireTimeout must be positive, or null for no pool-wait limit, got " + acquireTimeout);
    }
  }

  /**
   * The defaults: 100 in all, 50 per host, 15 s idle, no acquire timeout of its own.
   *
   * @return the default settings
   */
  public static PoolSettings defaults() {
    return new PoolSettings(
        DEFAULT_TOTAL_LIMIT, DEFAULT_PER_HOST_LIMIT, DEFAULT_IDLE_TIMEOUT, null);
  }

  /**
   * Returns these settings with another total limit.
   *
   * @param limit the total limit, 0 for none
   * @return the new settings
   */
  public PoolSettings withTotalLimit(int limit) {
    return new PoolSettings(limit, perHostLimit, idleTimeout, acquireTimeout);
  }

  /**
   * Returns these settings with another per-host limit.
   *
   * @param limit the per-host limit, 0 for none
   * @return the new settings
   */
  public PoolSettings withPerHostLimit(int limit) {
    return new PoolSettings(totalLimit, limit, idleTimeout, acquireTimeout);
  }

  /**
   * Returns these settings with another idle timeout.
   *
   * @param timeout the idle timeout, zero to close on release
   * @return the new settings
   */
  public PoolSettings withIdleTimeout(Duration timeout) {
    return new PoolSettings(totalLimit, perHostLimit, timeout, acquireTimeout);
  }

  /**
   * Returns these settings with another acquire timeout.
   *
   * @param timeout the longest pool wait, or null for none
   * @return the new settings
   */
  public PoolSettings withAcquireTimeout(@Nullable Duration timeout) {
    return new PoolSettings(totalLimit, perHostLimit, idleTimeout, timeout);
  }
}

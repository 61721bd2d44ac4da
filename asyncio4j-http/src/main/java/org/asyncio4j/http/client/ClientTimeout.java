package org.asyncio4j.http.client;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The time limits of a request, each {@code null} for none. When one passes, the request fails with
 * the {@link ClientTimeoutException} that names it and says after how long.
 *
 * <ul>
 *   <li>{@code total}: one deadline for the whole exchange, from the call until the body is read
 *       (waiting for the pool, connecting, sending and every read included). aiohttp #9547 is what
 *       it avoids: a total enforced per phase let requests run for hours.
 *   <li>{@code connect}: getting a connection, the pool's wait included (aiohttp's {@code
 *       connect}).
 *   <li>{@code sockConnect}: opening one new connection, TCP and TLS (aiohttp's {@code
 *       sock_connect}).
 *   <li>{@code sockRead}: the longest wait for bytes of the response, counted afresh for each read
 *       (aiohttp's {@code sock_read}).
 *   <li>{@code poolAcquire}: the wait for a free slot of the connection pool alone, apart from
 *       connecting (aiohttp lacks it: #10313, #2648), so a saturated pool is told from a slow
 *       server.
 * </ul>
 *
 * <pre>{@code
 * ClientTimeout timeout = ClientTimeout.DEFAULT
 *     .withSockRead(Duration.ofSeconds(10))
 *     .withPoolAcquire(Duration.ofSeconds(2));
 * ClientTimeout tenSeconds = ClientTimeout.ofTotal(Duration.ofSeconds(10));
 * }</pre>
 *
 * <p>As aiohttp's current code: a {@code total} shorter than another limit is raised to it (else
 * that limit could never fire), and zero is refused where aiohttp once read it as "no limit":
 * {@code null} says that. Unlike aiohttp, limits of 5 s and more are not rounded up to a whole
 * second ({@code timeout_ceil_threshold}): the loop's timers are exact and cheap.
 *
 * <p>aiohttp: {@code aiohttp.ClientTimeout(total=300, connect=None, sock_read=None,
 * sock_connect=None)}
 *
 * @param total the whole exchange, or null
 * @param connect getting a connection (pool wait included), or null
 * @param sockConnect opening a new connection, or null
 * @param sockRead each read of the response, or null
 * @param poolAcquire waiting for a pool slot, or null
 */
public record ClientTimeout(
    @Nullable Duration total,
    @Nullable Duration connect,
    @Nullable Duration sockConnect,
    @Nullable Duration sockRead,
    @Nullable Duration poolAcquire) {

  /** aiohttp's default: 5 minutes for the whole exchange, no other limit. */
  public static final ClientTimeout DEFAULT =
      new ClientTimeout(Duration.ofMinutes(5), null, null, null, null);

  /** No limit at all. */
  public static final ClientTimeout NONE = new ClientTimeout(null, null, null, null, null);

  /**
   * Checks the limits and raises {@code total} to the longest other one.
   *
   * @throws IllegalArgumentException if a limit is zero or negative
   */
  public ClientTimeout {
    check("total", total);
    check("connect", connect);
    check("sockConnect", sockConnect);
    check("sockRead", sockRead);
    check("poolAcquire", poolAcquire);
    if (total != null) {
      for (Duration d : new @Nullable Duration[] {connect, sockConnect, sockRead, poolAcquire}) {
        if (d != null && d.compareTo(total) > 0) {
          total = d;
        }
      }
    }
  }

  private static void check(String name, @Nullable Duration d) {
    if (d != null && (d.isZero() || d.isNegative())) {
      throw new IllegalArgumentException(
          "The "
              + name
              + " timeout must be positive, not "
              + d
              + ": pass null for no limit (aiohttp's 0 no longer means none either)");
    }
  }

  /**
   * A timeout with only a total limit.
   *
   * @param total the whole exchange
   * @return the timeout
   */
  public static ClientTimeout ofTotal(Duration total) {
    return new ClientTimeout(total, null, null, null, null);
  }

  /**
   * This timeout with another total limit.
   *
   * @param total the whole exchange, or null for none
   * @return the new timeout
   */
  public ClientTimeout withTotal(@Nullable Duration total) {
    return new ClientTimeout(total, connect, sockConnect, sockRead, poolAcquire);
  }

  /**
   * This timeout with another connect limit.
   *
   * @param connect getting a connection, or null for none
   * @return the new timeout
   */
  public ClientTimeout withConnect(@Nullable Duration connect) {
    return new ClientTimeout(total, connect, sockConnect, sockRead, poolAcquire);
  }

  /**
   * This timeout with another limit on opening a connection.
   *
   * @param sockConnect opening a new connection, or null for none
   * @return the new timeout
   */
  public ClientTimeout withSockConnect(@Nullable Duration sockConnect) {
    return new ClientTimeout(total, connect, sockConnect, sockRead, poolAcquire);
  }

  /**
   * This timeout with another limit on each read.
   *
   * @param sockRead each read, or null for none
   * @return the new timeout
   */
  public ClientTimeout withSockRead(@Nullable Duration sockRead) {
    return new ClientTimeout(total, connect, sockConnect, sockRead, poolAcquire);
  }

  /**
   * This timeout with another limit on the wait for a pool slot.
   *
   * @param poolAcquire the wait for a slot, or null for none
   * @return the new timeout
   */
  public ClientTimeout withPoolAcquire(@Nullable Duration poolAcquire) {
    return new ClientTimeout(total, connect, sockConnect, sockRead, poolAcquire);
  }
}

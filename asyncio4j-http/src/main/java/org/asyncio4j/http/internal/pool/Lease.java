package org.asyncio4j.http.internal.pool;

/**
 * A connection taken from a {@link ConnectionPool} for one exchange; give it back with {@link
 * #release(boolean)} (or {@link #close()}) exactly when the exchange is over. Releasing twice does
 * nothing, so a response may release on end of body and again on close.
 *
 * <p>{@link #isReused()} tells whether the connection had carried an earlier request: a request
 * that fails on a reused connection before any response byte arrived (the peer closed it while it
 * was idle, in the race no check at acquire can close: aiohttp #7297, #9138) may be retried once on
 * a new connection if it is idempotent, as OkHttp and the JDK client do.
 *
 * <pre>{@code
 * try (Lease<StreamConnection> lease = pool.acquire(key)) {
 *   exchange(lease.connection());
 * } // back to the pool if the connection says it is reusable, else closed
 * }</pre>
 *
 * @param <C> the connection type
 */
public final class Lease<C extends PoolableConnection> implements AutoCloseable {
  private final ConnectionPool<C> pool;
  private final Slot<C> slot;
  private final C connection;
  private final boolean reused;
  private boolean released;

  Lease(ConnectionPool<C> pool, Slot<C> slot, C connection, boolean reused) {
    this.pool = pool;
    this.slot = slot;
    this.connection = connection;
    this.reused = reused;
  }

  /**
   * The leased connection.
   *
   * @return the connection
   * @throws IllegalStateException after the lease was released
   */
  public C connection() {
    if (released) {
      throw new IllegalStateException(
          "Lease of "
              + connection
              + " was released: the connection may already serve another request; acquire a new"
              + " lease");
    }
    return connection;
  }

  /**
   * The key the connection was opened for.
   *
   * @return the key
   */
  public ConnectionKey key() {
    return slot.host.key;
  }

  /**
   * Whether the connection came from the pool's idle connections (it carried an earlier request)
   * rather than from the factory just now.
   *
   * @return true for a pooled connection
   */
  public boolean isReused() {
    return reused;
  }

  /**
   * Whether the lease was given back.
   *
   * @return true after a release
   */
  public boolean isReleased() {
    return released;
  }

  /**
   * Gives the connection back: with {@code keepAlive} and a connection that {@linkplain
   * PoolableConnection#isReusable() says it is reusable}, it goes idle for the next acquirer of its
   * key; otherwise (the body was not read to its end, either side said {@code Connection: close},
   * an error broke the exchange) it is closed and its slot freed. Either way the next waiter is
   * woken. A second call does nothing.
   *
   * @param keepAlive false to close the connection whatever it says
   */
  public void release(boolean keepAlive) {
    if (released) {
      return;
    }
    released = true;
    pool.release(slot, keepAlive);
  }

  /** {@link #release(boolean) release(true)}: pooled if the connection is reusable. */
  @Override
  public void close() {
    release(true);
  }

  @Override
  public String toString() {
    return "<Lease " + (released ? "released " : "") + (reused ? "reused " : "new ") + slot + ">";
  }
}

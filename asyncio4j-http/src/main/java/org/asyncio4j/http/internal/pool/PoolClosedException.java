package org.asyncio4j.http.internal.pool;

/**
 * The {@link ConnectionPool} was closed (its session was closed): waiting acquirers fail with it,
 * and so does every later acquire.
 *
 * <pre>{@code
 * pool.close();
 * pool.acquire(key);   // throws PoolClosedException: the session is closed
 * }</pre>
 */
public final class PoolClosedException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates one.
   *
   * @param what what could not be done, and the pool
   */
  public PoolClosedException(String what) {
    super(
        what
            + ": the connection pool is closed because its session was closed; create a new"
            + " session for new requests");
  }
}

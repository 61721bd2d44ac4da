package org.asyncio4j.http.internal.pool;

/**
 * Which limit of a {@link ConnectionPool} kept an acquirer waiting.
 *
 * <pre>{@code
 * if (e.limit() == PoolLimit.PER_HOST) { ... raise PoolSettings.perHostLimit ... }
 * }</pre>
 */
public enum PoolLimit {
  /** {@link PoolSettings#totalLimit()}: the pool as a whole was full. */
  TOTAL,
  /** {@link PoolSettings#perHostLimit()}: the connections to the acquirer's key were all taken. */
  PER_HOST
}

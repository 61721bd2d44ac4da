package org.asyncio4j.http.internal.pool;

/**
 * A snapshot of a {@link ConnectionPool}'s counts, for tests and diagnostics.
 *
 * <pre>{@code
 * PoolStats s = pool.stats();
 * assert s.open() == s.connecting() + s.inUse() + s.idle();
 * }</pre>
 *
 * @param open slots counted against the total limit
 * @param connecting slots whose connection is being opened
 * @param inUse slots whose connection is leased (or handed to a waiter that has not resumed)
 * @param idle pooled idle connections
 * @param waiting acquirers waiting for a slot (cancelled ones not yet gone included)
 * @param hosts keys the pool keeps state for
 */
public record PoolStats(int open, int connecting, int inUse, int idle, int waiting, int hosts) {}

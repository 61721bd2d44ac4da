package org.asyncio4j.http.internal.pool;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * What the pool and the DNS cache report as they work, for tracing. Each method is a plain callback
 * run on the loop at the moment it names; none may suspend, and one that throws is reported to the
 * loop's exception handler without disturbing the pool. All do nothing by default.
 *
 * <p>The session maps them onto aiohttp's {@code TraceConfig} signals, one to one: {@code
 * on_connection_queued_start/_end}, {@code on_connection_create_start/_end}, {@code
 * on_connection_reuseconn}, {@code on_dns_resolvehost_start/_end}, {@code on_dns_cache_hit/_miss}.
 *
 * <pre>{@code
 * PoolListener log = new PoolListener() {
 *   public void connectionReused(ConnectionKey key) { System.out.println("reused " + key); }
 * };
 * }</pre>
 */
public interface PoolListener {
  /** Does nothing. */
  PoolListener NONE = new PoolListener() {};

  /**
   * An acquirer starts waiting for a slot (every limit it could use was full).
   *
   * @param key what it waits for
   */
  default void connectionQueuedStart(ConnectionKey key) {}

  /**
   * An acquirer stops waiting: it got a slot, timed out, was cancelled, or the pool closed.
   *
   * @param key what it waited for
   */
  default void connectionQueuedEnd(ConnectionKey key) {}

  /**
   * The factory starts opening a new connection.
   *
   * @param key what it connects to
   */
  default void connectionCreateStart(ConnectionKey key) {}

  /**
   * The factory opened a new connection (not called when it failed).
   *
   * @param key what it connected to
   */
  default void connectionCreateEnd(ConnectionKey key) {}

  /**
   * An idle pooled connection is handed out again.
   *
   * @param key its key
   */
  default void connectionReused(ConnectionKey key) {}

  /**
   * A name is looked up (a cache miss that no lookup in flight covers).
   *
   * @param host the name
   * @param port the port
   */
  default void dnsResolveStart(String host, int port) {}

  /**
   * A lookup succeeded.
   *
   * @param host the name
   * @param port the port
   * @param addresses what it resolved to
   */
  default void dnsResolveEnd(String host, int port, List<InetSocketAddress> addresses) {}

  /**
   * A name was answered from the cache.
   *
   * @param host the name
   * @param port the port
   */
  default void dnsCacheHit(String host, int port) {}

  /**
   * A name was not in the cache (or its entry had expired).
   *
   * @param host the name
   * @param port the port
   */
  default void dnsCacheMiss(String host, int port) {}
}

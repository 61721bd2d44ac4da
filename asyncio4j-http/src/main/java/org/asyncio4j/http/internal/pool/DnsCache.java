package org.asyncio4j.http.internal.pool;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.asyncio4j.Asyncio;
import org.asyncio4j.CancelledException;
import org.asyncio4j.EventLoop;
import org.asyncio4j.ExceptionContext;
import org.asyncio4j.Task;
import org.jspecify.annotations.Nullable;

/**
 * The client's DNS cache: answers for {@code (host, port)} kept for a time to live, and concurrent
 * lookups of the same name coalesced into one.
 *
 * <p>Loop-confined: resolve from tasks of its loop.
 *
 * <p>Coalescing: the first resolver of a name that is neither cached nor being looked up starts one
 * lookup in a task of its own; it and every later resolver of the name await that task through
 * {@link Asyncio#shield}, so a resolver that is cancelled (or times out) leaves, and the lookup
 * goes on for the others and still fills the cache. A failed lookup is not cached: each of its
 * awaiters gets the failure, and the next resolve looks up again. Resolved before the lookup ends,
 * an entry that {@link #clear(String, int)} dropped comes back with the lookup's answer (the answer
 * is fresh).
 *
 * <pre>{@code
 * DnsCache dns = new DnsCache(loop, DnsCache.DEFAULT_TTL, loop::getaddrinfo, PoolListener.NONE);
 * List<InetSocketAddress> addresses = dns.resolve("example.org", 443);
 * }</pre>
 *
 * <p>aiohttp: {@code TCPConnector(use_dns_cache=True, ttl_dns_cache=10)}, its {@code _resolve_host}
 * with the throttled lookup futures, and {@code clear_dns_cache(host, port)}.
 */
public final class DnsCache {
  /** aiohttp's {@code ttl_dns_cache=10}. */
  public static final Duration DEFAULT_TTL = Duration.ofSeconds(10);

  /**
   * Looks a name up; {@link EventLoop#getaddrinfo} (which runs the JDK's resolver off the loop).
   */
  @FunctionalInterface
  public interface Resolver {
    /**
     * Resolves {@code host} (may suspend).
     *
     * @param host the name or literal address
     * @param port the port for every address
     * @return the addresses, in preference order
     * @throws RuntimeException when the name does not resolve ({@link
     *     java.io.UncheckedIOException})
     */
    List<InetSocketAddress> resolve(String host, int port);
  }

  private record HostPort(String host, int port) {}

  private record Entry(List<InetSocketAddress> addresses, long expiresAtNanos) {}

  private final EventLoop loop;
  private final @Nullable Duration ttl;
  private final Resolver resolver;
  private final PoolListener listener;
  private final Map<HostPort, Entry> cache = new HashMap<>();
  private final Map<HostPort, Task<List<InetSocketAddress>>> inFlight = new HashMap<>();
  private boolean closed;

  /**
   * Creates a cache.
   *
   * @param loop the loop whose tasks resolve
   * @param ttl how long an answer is kept; null keeps it until cleared (aiohttp's {@code
   *     ttl_dns_cache=None}); zero caches nothing but still coalesces concurrent lookups
   * @param resolver what looks names up
   * @param listener told about hits, misses and lookups
   * @throws IllegalArgumentException if {@code ttl} is negative
   */
  public DnsCache(
      EventLoop loop, @Nullable Duration ttl, Resolver resolver, PoolListener listener) {
    if (ttl != null && ttl.isNegative()) {
      throw new IllegalArgumentException(
          "DNS cache TTL must not be negative (zero caches nothing, null keeps answers until"
              + " cleared), got "
              + ttl);
    }
    this.loop = loop;
    this.ttl = ttl;
    this.resolver = resolver;
    this.listener = listener;
  }

  /**
   * Returns the addresses of {@code host}: from the cache while its entry lives, else from the
   * lookup of the name already in flight, else from a new lookup.
   *
   * <p>Cancellation: cancelling the caller does not cancel a lookup, which others may await.
   *
   * @param host the name or literal address
   * @param port the port
   * @return the addresses
   * @throws RuntimeException what the lookup threw
   * @throws PoolClosedException if the cache is closed, or closes during the lookup
   * @throws IllegalStateException if not called from a task of the cache's loop
   */
  public List<InetSocketAddress> resolve(String host, int port) {
    if (Asyncio.getRunningLoop() != loop) {
      throw new IllegalStateException(
          "DnsCache.resolve() from a task of another loop: this cache belongs to " + loop);
    }
    if (closed) {
      throw new PoolClosedException("Cannot resolve " + host + ":" + port);
    }
    HostPort key = new HostPort(host, port);
    Entry entry = cache.get(key);
    if (entry != null) {
      if (loop.timeNanos() < entry.expiresAtNanos()) {
        tell(() -> listener.dnsCacheHit(host, port));
        return entry.addresses();
      }
      cache.remove(key);
    }
    tell(() -> listener.dnsCacheMiss(host, port));
    Task<List<InetSocketAddress>> lookup = inFlight.get(key);
    if (lookup == null) {
      Task<List<InetSocketAddress>> started =
          loop.createTask(() -> lookUp(key), "dns-lookup " + host + ":" + port);
      inFlight.put(key, started);
      started.addDoneCallback(t -> {
        inFlight.remove(key, t);
        if (!t.isCancelled()) {
          t.exception(); // seen by its awaiters; none left is no reason to report it
        }
      });
      lookup = started;
    }
    try {
      return Asyncio.shield(lookup).await();
    } catch (CancelledException e) {
      Task<?> self = Asyncio.currentTask();
      if (closed && lookup.isCancelled() && self != null && self.cancelling() == 0) {
        // close() cancelled the lookup, not anyone this task's cancellation: say what happened
        throw new PoolClosedException("Gave up resolving " + host + ":" + port);
      }
      throw e;
    }
  }

  /**
   * Closes the cache: drops every answer and cancels the lookups in flight; their resolvers, and
   * every later resolve, fail with {@link PoolClosedException}. A second call does nothing.
   */
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    cache.clear();
    for (Task<List<InetSocketAddress>> lookup : List.copyOf(inFlight.values())) {
      lookup.cancel();
    }
    inFlight.clear();
  }

  private List<InetSocketAddress> lookUp(HostPort key) {
    tell(() -> listener.dnsResolveStart(key.host(), key.port()));
    List<InetSocketAddress> addresses = List.copyOf(resolver.resolve(key.host(), key.port()));
    Duration keep = ttl;
    if (closed) {
      return addresses;
    } else if (keep == null) {
      cache.put(key, new Entry(addresses, Long.MAX_VALUE));
    } else if (!keep.isZero()) {
      cache.put(key, new Entry(addresses, saturatedAdd(loop.timeNanos(), keep.toNanos())));
    }
    tell(() -> listener.dnsResolveEnd(key.host(), key.port(), addresses));
    return addresses;
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
  }

  /**
   * Drops the cached answer for {@code host:port}, if any (a lookup in flight is left to finish).
   *
   * <p>aiohttp: {@code TCPConnector.clear_dns_cache(host, port)}
   *
   * @param host the name
   * @param port the port
   */
  public void clear(String host, int port) {
    cache.remove(new HostPort(host, port));
  }

  /**
   * Drops every cached answer.
   *
   * <p>aiohttp: {@code TCPConnector.clear_dns_cache()}
   */
  public void clear() {
    cache.clear();
  }

  /**
   * Whether an answer for {@code host:port} is cached and alive now.
   *
   * @param host the name
   * @param port the port
   * @return true if a resolve would be a cache hit
   */
  public boolean isCached(String host, int port) {
    Entry entry = cache.get(new HostPort(host, port));
    return entry != null && loop.timeNanos() < entry.expiresAtNanos();
  }

  private void tell(Runnable event) {
    try {
      event.run();
    } catch (RuntimeException e) {
      loop.callExceptionHandler(
          new ExceptionContext(
              "PoolListener threw; the DNS cache carries on", e, null, null, null, Map.of()));
    }
  }

  @Override
  public String toString() {
    return "<DnsCache ttl="
        + ttl
        + " cached="
        + cache.size()
        + " inFlight="
        + inFlight.size()
        + ">";
  }
}

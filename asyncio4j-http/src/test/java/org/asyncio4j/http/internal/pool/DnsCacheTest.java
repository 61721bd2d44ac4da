package org.asyncio4j.http.internal.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.Asyncio;
import org.asyncio4j.ExceptionContext;
import org.asyncio4j.Task;
import org.asyncio4j.test.TestLoop;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link DnsCache} on the virtual clock: TTL, coalescing, cancellation, failures, clearing. */
class DnsCacheTest {
  private TestLoop loop;
  private final List<String> lookups = new ArrayList<>();
  private final List<String> events = new ArrayList<>();
  private final List<ExceptionContext> reported = new ArrayList<>();
  private Duration lookupTime = Duration.ofSeconds(1);
  private boolean failing;

  private final PoolListener recorder =
      new PoolListener() {
        @Override
        public void dnsResolveStart(String host, int port) {
          events.add("start " + host);
        }

        @Override
        public void dnsResolveEnd(String host, int port, List<InetSocketAddress> addresses) {
          events.add("end " + host + " " + addresses.size());
        }

        @Override
        public void dnsCacheHit(String host, int port) {
          events.add("hit " + host);
        }

        @Override
        public void dnsCacheMiss(String host, int port) {
          events.add("miss " + host);
        }
      };

  /** A resolver that takes {@link #lookupTime} and answers 10.0.0.n for the n-th lookup. */
  private List<InetSocketAddress> resolve(String host, int port) {
    lookups.add(host + ":" + port);
    Asyncio.sleep(lookupTime);
    if (failing) {
      throw new UncheckedIOException(new UnknownHostException(host + ": not known (test)"));
    }
    return List.of(InetSocketAddress.createUnresolved("10.0.0." + lookups.size(), port));
  }

  @BeforeEach
  void setUp() {
    loop = TestLoop.create();
    loop.loop().setExceptionHandler((l, context) -> reported.add(context));
  }

  @AfterEach
  void tearDown() {
    loop.close();
    assertThat(reported).isEmpty();
  }

  private DnsCache cache(@Nullable Duration ttl) {
    return new DnsCache(loop.loop(), ttl, this::resolve, recorder);
  }

  private static String first(List<InetSocketAddress> addresses) {
    return addresses.get(0).getHostString();
  }

  @Test
  void anAnswerIsKeptForTheTtl() {
    DnsCache dns = cache(DnsCache.DEFAULT_TTL);
    lookupTime = Duration.ZERO;
    loop.run(() -> {
      assertThat(first(dns.resolve("a.test", 80))).isEqualTo("10.0.0.1");
      Asyncio.sleep(Duration.ofMillis(9_999));
      assertThat(first(dns.resolve("a.test", 80))).isEqualTo("10.0.0.1");
      Asyncio.sleep(Duration.ofMillis(1));
      assertThat(dns.isCached("a.test", 80)).isFalse();
      assertThat(first(dns.resolve("a.test", 80))).isEqualTo("10.0.0.2");
    });
    assertThat(events)
        .containsExactly(
            "miss a.test",
            "start a.test",
            "end a.test 1",
            "hit a.test",
            "miss a.test",
            "start a.test",
            "end a.test 1");
  }

  @Test
  void thePortIsPartOfTheKey() {
    DnsCache dns = cache(DnsCache.DEFAULT_TTL);
    loop.run(() -> {
      dns.resolve("a.test", 80);
      assertThat(dns.resolve("a.test", 443).get(0).getPort()).isEqualTo(443);
    });
    assertThat(lookups).containsExactly("a.test:80", "a.test:443");
  }

  @Test
  void concurrentResolvesOfOneNameShareOneLookup() {
    DnsCache dns = cache(DnsCache.DEFAULT_TTL);
    List<Task<List<InetSocketAddress>>> resolvers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      resolvers.add(loop.createTask(() -> dns.resolve("a.test", 80)));
    }
    loop.advance(Duration.ofSeconds(1));
    assertThat(lookups).containsExactly("a.test:80");
    assertThat(resolvers).allSatisfy(t -> assertThat(first(t.result())).isEqualTo("10.0.0.1"));
    assertThat(loop.elapsed()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void aCancelledResolverDoesNotCancelTheLookupOfTheOthers() {
    DnsCache dns = cache(DnsCache.DEFAULT_TTL);
    Task<List<InetSocketAddress>> cancelled = loop.createTask(() -> dns.resolve("a.test", 80));
    Task<List<InetSocketAddress>> other = loop.createTask(() -> dns.resolve("a.test", 80));
    loop.advance(Duration.ofMillis(500));
    cancelled.cancel();
    loop.advance(Duration.ofMillis(500));
    assertThat(cancelled.isCancelled()).isTrue();
    assertThat(first(other.result())).isEqualTo("10.0.0.1");
    assertThat(lookups).hasSize(1);
  }

  @Test
  void aLookupWhoseResolversAllLeftStillFillsTheCache() {
    DnsCache dns = cache(DnsCache.DEFAULT_TTL);
    Task<List<InetSocketAddress>> cancelled = loop.createTask(() -> dns.resolve("a.test", 80));
    loop.advance(Duration.ofMillis(500));
    cancelled.cancel();
    loop.advance(Duration.ofMillis(500));
    assertThat(dns.isCached("a.test", 80)).isTrue();
    loop.run(() -> dns.resolve("a.test", 80));
    assertThat(lookups).hasSize(1);
  }

  @Test
  void aFailedLookupReachesEveryResolverAndIsNotCached() {
    DnsCache dns = cache(DnsCache.DEFAULT_TTL);
    failing = true;
    Task<List<InetSocketAddress>> one = loop.createTask(() -> dns.resolve("a.test", 80));
    Task<List<InetSocketAddress>> two = loop.createTask(() -> dns.resolve("a.test", 80));
    loop.advance(Duration.ofSeconds(1));
    assertThat(one.exception()).isInstanceOf(UncheckedIOException.class);
    assertThat(two.exception()).isSameAs(one.exception());
    failing = false;
    loop.run(() -> assertThat(first(dns.resolve("a.test", 80))).isEqualTo("10.0.0.2"));
    assertThat(lookups).hasSize(2);
  }

  @Test
  void aFailedLookupNobodyAwaitsIsNotReported() {
    DnsCache dns = cache(DnsCache.DEFAULT_TTL);
    failing = true;
    Task<List<InetSocketAddress>> cancelled = loop.createTask(() -> dns.resolve("a.test", 80));
    loop.advance(Duration.ofMillis(500));
    cancelled.cancel();
    loop.advance(Duration.ofSeconds(1));
    // an unretrieved failure would be reported at the loop's close, which tearDown checks
  }

  @Test
  void clearDropsOneAnswerOrAll() {
    DnsCache dns = cache(DnsCache.DEFAULT_TTL);
    loop.run(() -> {
      dns.resolve("a.test", 80);
      dns.resolve("b.test", 80);
      dns.clear("a.test", 80);
      assertThat(dns.isCached("a.test", 80)).isFalse();
      assertThat(dns.isCached("b.test", 80)).isTrue();
      dns.resolve("a.test", 80);
      dns.clear();
      assertThat(dns.isCached("a.test", 80)).isFalse();
      assertThat(dns.isCached("b.test", 80)).isFalse();
    });
    assertThat(lookups).containsExactly("a.test:80", "b.test:80", "a.test:80");
  }

  @Test
  void closeFailsTheResolversOfALookupInFlightAndEveryLaterResolve() {
    DnsCache dns = cache(DnsCache.DEFAULT_TTL);
    Task<List<InetSocketAddress>> waiting = loop.createTask(() -> dns.resolve("a.test", 80));
    loop.advance(Duration.ofMillis(500));
    dns.close();
    loop.advance(Duration.ofSeconds(1));
    assertThat(waiting.exception())
        .isInstanceOf(PoolClosedException.class)
        .hasMessageStartingWith("Gave up resolving a.test:80");
    assertThatThrownBy(() -> loop.run(() -> dns.resolve("a.test", 80)))
        .isInstanceOf(PoolClosedException.class)
        .hasMessageContaining("session was closed");
  }

  @Test
  void aResolverCancelledWhileTheCacheClosesIsCancelled() {
    DnsCache dns = cache(DnsCache.DEFAULT_TTL);
    Task<List<InetSocketAddress>> waiting = loop.createTask(() -> dns.resolve("a.test", 80));
    loop.advance(Duration.ofMillis(500));
    waiting.cancel();
    dns.close();
    loop.advance(Duration.ofSeconds(1));
    assertThat(waiting.isCancelled()).isTrue();
  }

  @Test
  void aNullTtlKeepsAnswersAndAZeroTtlKeepsNone() {
    DnsCache forever = cache(null);
    DnsCache never = cache(Duration.ZERO);
    lookupTime = Duration.ZERO;
    loop.run(() -> {
      forever.resolve("a.test", 80);
      Asyncio.sleep(Duration.ofDays(1));
      forever.resolve("a.test", 80);
      never.resolve("b.test", 80);
      never.resolve("b.test", 80);
    });
    assertThat(lookups).containsExactly("a.test:80", "b.test:80", "b.test:80");
    assertThatThrownBy(() -> cache(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must not be negative");
  }
}

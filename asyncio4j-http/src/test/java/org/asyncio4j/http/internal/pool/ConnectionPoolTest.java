package org.asyncio4j.http.internal.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.Asyncio;
import org.asyncio4j.CancelledException;
import org.asyncio4j.Task;
import org.asyncio4j.test.TestLoop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ConnectionPool} on the virtual clock: reuse, limits, FIFO, idle timeout, stale
 * connections, cancellation at each point of an acquire, the acquire timeout, close.
 */
class ConnectionPoolTest {
  static final ConnectionKey A = ConnectionKey.of("http", "a.test", 80, null, null);
  static final ConnectionKey B = ConnectionKey.of("http", "b.test", 80, null, null);

  private TestLoop loop;
  private final FakeFactory factory = new FakeFactory();
  private final List<String> events = new ArrayList<>();
  private final PoolListener recorder =
      new PoolListener() {
        @Override
        public void connectionQueuedStart(ConnectionKey key) {
          events.add("queued " + key.host());
        }

        @Override
        public void connectionQueuedEnd(ConnectionKey key) {
          events.add("dequeued " + key.host());
        }

        @Override
        public void connectionCreateStart(ConnectionKey key) {
          events.add("create " + key.host());
        }

        @Override
        public void connectionCreateEnd(ConnectionKey key) {
          events.add("created " + key.host());
        }

        @Override
        public void connectionReused(ConnectionKey key) {
          events.add("reused " + key.host());
        }
      };

  @BeforeEach
  void setUp() {
    loop = TestLoop.create();
  }

  @AfterEach
  void tearDown() {
    loop.loop().allTasks().forEach(Task::cancel); // the holders still asleep
    loop.advance(Duration.ZERO);
    loop.close();
  }

  private ConnectionPool<FakeConnection> pool(PoolSettings settings) {
    return new ConnectionPool<>(loop.loop(), settings, factory, recorder);
  }

  private static PoolSettings limits(int total, int perHost) {
    return PoolSettings.defaults().withTotalLimit(total).withPerHostLimit(perHost);
  }

  /** A task that acquires, holds for {@code hold}, releases, and returns the connection. */
  private Task<FakeConnection> user(
      ConnectionPool<FakeConnection> pool,
      ConnectionKey key,
      Duration hold,
      List<Integer> order,
      int id) {
    return loop.createTask(() -> {
      try (Lease<FakeConnection> lease = pool.acquire(key)) {
        order.add(id);
        Asyncio.sleep(hold);
        return lease.connection();
      }
    });
  }

  @Test
  void aReleasedConnectionIsReused() {
    ConnectionPool<FakeConnection> pool = pool(PoolSettings.defaults());
    loop.run(() -> {
      FakeConnection first;
      try (Lease<FakeConnection> lease = pool.acquire(A)) {
        first = lease.connection();
        assertThat(lease.isReused()).isFalse();
      }
      assertThat(pool.stats()).isEqualTo(new PoolStats(1, 0, 0, 1, 0, 1));
      try (Lease<FakeConnection> lease = pool.acquire(A)) {
        assertThat(lease.connection()).isSameAs(first);
        assertThat(lease.isReused()).isTrue();
      }
    });
    assertThat(factory.opened).hasSize(1);
    assertThat(events).containsExactly("create a.test", "created a.test", "reused a.test");
  }

  @Test
  void theMostRecentlyReleasedIdleConnectionIsReusedFirst() {
    ConnectionPool<FakeConnection> pool = pool(PoolSettings.defaults());
    loop.run(() -> {
      Lease<FakeConnection> one = pool.acquire(A);
      Lease<FakeConnection> two = pool.acquire(A);
      FakeConnection second = two.connection();
      one.close();
      two.close();
      try (Lease<FakeConnection> lease = pool.acquire(A)) {
        assertThat(lease.connection()).isSameAs(second); // LIFO
      }
    });
  }

  @Test
  void theTotalLimitQueuesAcquirersInArrivalOrder() {
    ConnectionPool<FakeConnection> pool = pool(limits(2, 0));
    factory.onConnect = () -> assertThat(pool.stats().open()).isLessThanOrEqualTo(2);
    List<Integer> order = new ArrayList<>();
    List<Task<FakeConnection>> users = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      users.add(user(pool, i % 2 == 0 ? A : B, Duration.ofSeconds(1), order, i));
    }
    loop.advance(Duration.ofSeconds(10));
    assertThat(order).containsExactly(0, 1, 2, 3, 4);
    assertThat(users).allMatch(Task::isDone);
    assertThat(pool.stats().open()).isLessThanOrEqualTo(2);
    assertThat(pool.stats().waiting()).isZero();
  }

  @Test
  void thePerHostLimitLeavesOtherHostsFree() {
    ConnectionPool<FakeConnection> pool = pool(limits(10, 1));
    List<Integer> order = new ArrayList<>();
    var _ = user(pool, A, Duration.ofSeconds(5), order, 1);
    Task<FakeConnection> secondA = user(pool, A, Duration.ZERO, order, 2);
    Task<FakeConnection> b = user(pool, B, Duration.ZERO, order, 3);
    loop.advance(Duration.ofSeconds(1));
    assertThat(b.isDone()).isTrue();
    assertThat(secondA.isDone()).isFalse();
    assertThat(pool.openFor(A)).isEqualTo(1);
    loop.advance(Duration.ofSeconds(5));
    assertThat(secondA.isDone()).isTrue();
    assertThat(order).containsExactly(1, 3, 2);
  }

  @Test
  void aFullTotalLimitOfIdleConnectionsClosesAnotherHostsOldestToMakeRoom() {
    ConnectionPool<FakeConnection> pool = pool(limits(2, 0));
    loop.run(() -> {
      Lease<FakeConnection> one = pool.acquire(A);
      Lease<FakeConnection> two = pool.acquire(A);
      one.close();
      Asyncio.sleep(Duration.ofSeconds(1));
      two.close();
      try (Lease<FakeConnection> b = pool.acquire(B)) {
        assertThat(b.connection().key).isEqualTo(B);
        assertThat(one.isReleased()).isTrue();
        assertThat(factory.opened.get(0).isClosed()).as("the oldest idle one").isTrue();
        assertThat(factory.opened.get(1).isClosed()).isFalse();
        assertThat(pool.stats().open()).isEqualTo(2);
      }
    });
  }

  @Test
  void idleConnectionsCloseAfterTheIdleTimeout() {
    ConnectionPool<FakeConnection> pool = pool(PoolSettings.defaults());
    factory.connectDelay = Duration.ZERO;
    loop.run(() -> pool.acquire(A).close());
    FakeConnection c = factory.opened.get(0);
    loop.advance(Duration.ofMillis(14_999));
    assertThat(c.isClosed()).isFalse();
    loop.advance(Duration.ofMillis(1));
    assertThat(c.isClosed()).isTrue();
    assertThat(pool.stats()).isEqualTo(new PoolStats(0, 0, 0, 0, 0, 0));
  }

  @Test
  void reuseRestartsTheIdleClock() {
    ConnectionPool<FakeConnection> pool = pool(PoolSettings.defaults());
    factory.connectDelay = Duration.ZERO;
    loop.run(() -> pool.acquire(A).close());
    loop.advance(Duration.ofSeconds(10));
    loop.run(() -> pool.acquire(A).close());
    FakeConnection c = factory.opened.get(0);
    loop.advance(Duration.ofSeconds(10)); // 20 s since the first release, 10 s since the second
    assertThat(c.isClosed()).isFalse();
    loop.advance(Duration.ofSeconds(5));
    assertThat(c.isClosed()).isTrue();
  }

  @Test
  void tenThousandIdleConnectionsAllCloseOnTime() {
    ConnectionPool<FakeConnection> pool = pool(limits(0, 0));
    factory.connectDelay = Duration.ZERO;
    int n = 10_000;
    loop.run(() -> {
      List<Lease<FakeConnection>> leases = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        leases.add(
            pool.acquire(ConnectionKey.of("http", "h" + (i % 100) + ".test", 80, null, null)));
      }
      leases.forEach(Lease::close);
    });
    assertThat(pool.stats().idle()).isEqualTo(n);
    loop.advance(Duration.ofSeconds(15));
    assertThat(factory.opened).allMatch(FakeConnection::isClosed);
    assertThat(pool.stats()).isEqualTo(new PoolStats(0, 0, 0, 0, 0, 0));
  }

  @Test
  void aStaleIdleConnectionIsDiscardedAtAcquire() {
    ConnectionPool<FakeConnection> pool = pool(PoolSettings.defaults());
    loop.run(() -> {
      pool.acquire(A).close();
      FakeConnection first = factory.opened.get(0);
      first.peerClosed = true; // the server closed it while it was idle (aiohttp #7297)
      try (Lease<FakeConnection> lease = pool.acquire(A)) {
        assertThat(lease.connection()).isNotSameAs(first);
        assertThat(lease.isReused()).isFalse();
      }
      assertThat(first.closes).isEqualTo(1);
      assertThat(pool.stats().open()).isEqualTo(1);
    });
  }

  @Test
  void aConnectionThatIsNotReusableIsClosedOnRelease() {
    ConnectionPool<FakeConnection> pool = pool(PoolSettings.defaults());
    loop.run(() -> {
      Lease<FakeConnection> unread = pool.acquire(A);
      unread.connection().leftUnread = true; // the body was not read to its end
      unread.close();
      Lease<FakeConnection> told = pool.acquire(A);
      told.release(false); // Connection: close
      assertThat(factory.opened).hasSize(2).allMatch(FakeConnection::isClosed);
      assertThat(pool.stats()).isEqualTo(new PoolStats(0, 0, 0, 0, 0, 0));
      told.release(true); // a second release does nothing
      assertThatThrownBy(told::connection).hasMessageContaining("was released");
    });
  }

  @Test
  void aFailedConnectFreesItsSlotAndWakesTheNextWaiter() {
    // aiohttp #835 / #2189: the slot of a failed connect leaked and the next waiter hung.
    ConnectionPool<FakeConnection> pool = pool(limits(1, 0));
    factory.fails = k -> factory.attempts == 1;
    Task<Lease<FakeConnection>> first = loop.createTask(() -> pool.acquire(A));
    Task<Lease<FakeConnection>> second = loop.createTask(() -> pool.acquire(A));
    loop.advance(Duration.ofSeconds(1));
    assertThat(first.exception()).hasMessageContaining("refused by the test");
    assertThat(second.result().connection()).isSameAs(factory.opened.get(0));
    assertThat(pool.stats().open()).isEqualTo(1);
  }

  @Test
  void aWaiterCancelledBeforeItIsWokenDoesNotSwallowTheWakeUp() {
    // aiohttp #9670: the wake-up went to a cancelled waiter and every later acquire timed out.
    ConnectionPool<FakeConnection> pool = pool(limits(1, 0));
    List<Integer> order = new ArrayList<>();
    var _ = user(pool, A, Duration.ofSeconds(2), order, 1);
    Task<FakeConnection> cancelled = user(pool, A, Duration.ZERO, order, 2);
    Task<FakeConnection> next = user(pool, A, Duration.ZERO, order, 3);
    loop.advance(Duration.ofSeconds(1));
    cancelled.cancel();
    loop.advance(Duration.ofSeconds(2));
    assertThat(cancelled.isCancelled()).isTrue();
    assertThat(next.isDone()).isTrue();
    assertThat(order).containsExactly(1, 3);
    assertThat(pool.stats()).isEqualTo(new PoolStats(1, 0, 0, 1, 0, 1));
  }

  @Test
  void aWaiterCancelledAfterItWasHandedAnIdleConnectionPassesItOn() {
    ConnectionPool<FakeConnection> pool = pool(limits(1, 0));
    List<Integer> order = new ArrayList<>();
    List<Task<FakeConnection>> users = new ArrayList<>();
    loop.run(() -> {
      Lease<FakeConnection> holder = pool.acquire(A);
      users.add(user(pool, A, Duration.ZERO, order, 2));
      users.add(user(pool, A, Duration.ZERO, order, 3));
      Asyncio.sleep(Duration.ofSeconds(1)); // both users queue
      holder.close(); // hands the connection to the first waiter ...
      users.get(0).cancel(); // ... which is cancelled before it runs
    });
    loop.advance(Duration.ofSeconds(1));
    Task<FakeConnection> handedOver = users.get(0);
    Task<FakeConnection> next = users.get(1);
    assertThat(handedOver.isCancelled()).isTrue();
    assertThat(next.result()).isSameAs(factory.opened.get(0));
    assertThat(order).containsExactly(3);
    assertThat(factory.opened).hasSize(1);
    assertThat(pool.stats()).isEqualTo(new PoolStats(1, 0, 0, 1, 0, 1));
  }

  @Test
  void aWaiterCancelledAfterItWasHandedAPlaceToConnectInPassesItOn() {
    ConnectionPool<FakeConnection> pool = pool(limits(1, 0));
    List<Integer> order = new ArrayList<>();
    List<Task<FakeConnection>> users = new ArrayList<>();
    loop.run(() -> {
      Lease<FakeConnection> holder = pool.acquire(A);
      users.add(user(pool, A, Duration.ZERO, order, 2));
      users.add(user(pool, A, Duration.ZERO, order, 3));
      Asyncio.sleep(Duration.ofSeconds(1));
      holder.release(false); // closed: the first waiter is handed an empty slot ...
      users.get(0).cancel(); // ... and cancelled before it connects
    });
    loop.advance(Duration.ofSeconds(1));
    Task<FakeConnection> handedOver = users.get(0);
    Task<FakeConnection> next = users.get(1);
    assertThat(handedOver.isCancelled()).isTrue();
    assertThat(next.isDone()).isTrue();
    assertThat(order).containsExactly(3);
    assertThat(factory.attempts).isEqualTo(2);
    assertThat(pool.stats()).isEqualTo(new PoolStats(1, 0, 0, 1, 0, 1));
  }

  @Test
  void aWaiterCancelledWhileItConnectsFreesTheSlot() {
    ConnectionPool<FakeConnection> pool = pool(limits(1, 0));
    factory.connectDelay = Duration.ofSeconds(1);
    List<Integer> order = new ArrayList<>();
    Task<FakeConnection> connecting = user(pool, A, Duration.ZERO, order, 1);
    Task<FakeConnection> next = user(pool, A, Duration.ZERO, order, 2);
    loop.advance(Duration.ofMillis(500));
    assertThat(pool.stats().connecting()).isEqualTo(1);
    connecting.cancel();
    loop.advance(Duration.ofMillis(1500));
    assertThat(connecting.isCancelled()).isTrue();
    assertThat(next.isDone()).isTrue();
    assertThat(loop.elapsed()).isEqualTo(Duration.ofSeconds(2));
    assertThat(pool.stats()).isEqualTo(new PoolStats(1, 0, 0, 1, 0, 1));
  }

  @Test
  void anIdleConnectionThatGoesStaleAfterTheHandOffIsReplaced() {
    ConnectionPool<FakeConnection> pool = pool(limits(1, 0));
    List<Task<Boolean>> waiters = new ArrayList<>();
    loop.run(() -> {
      Lease<FakeConnection> holder = pool.acquire(A);
      waiters.add(
          Asyncio.createTask(() -> {
            try (Lease<FakeConnection> lease = pool.acquire(A)) {
              return lease.isReused();
            }
          }));
      Asyncio.sleep(Duration.ofSeconds(1));
      FakeConnection c = holder.connection();
      holder.close(); // handed to the waiter ...
      c.peerClosed = true; // ... and closed by the peer before the waiter runs
    });
    loop.advance(Duration.ofSeconds(1));
    assertThat(waiters.get(0).result()).isFalse();
    assertThat(factory.opened).hasSize(2);
    assertThat(factory.opened.get(0).isClosed()).isTrue();
    assertThat(pool.stats().open()).isEqualTo(1);
  }

  @Test
  void theAcquireTimeoutSaysItWasThePoolWaitWhichLimitAndHowLong() {
    ConnectionPool<FakeConnection> pool =
        pool(limits(1, 0).withAcquireTimeout(Duration.ofSeconds(5)));
    List<Integer> order = new ArrayList<>();
    var _ = user(pool, A, Duration.ofSeconds(60), order, 1);
    Task<FakeConnection> late = user(pool, B, Duration.ZERO, order, 2);
    loop.advance(Duration.ofMillis(4_999));
    assertThat(late.isDone()).isFalse();
    loop.advance(Duration.ofMillis(11));
    assertThat(late.exception())
        .isInstanceOf(PoolAcquireTimeoutException.class)
        .hasMessage(
            "Timed out after 5 s waiting for a free connection from the pool for"
                + " http://b.test:80: the total limit of 1 connections was full (raise totalLimit"
                + " or the pool-acquire timeout, or release responses sooner)");
    PoolAcquireTimeoutException e = (PoolAcquireTimeoutException) late.exception();
    assertThat(e.limit()).isEqualTo(PoolLimit.TOTAL);
    assertThat(e.waited()).isEqualTo(Duration.ofSeconds(5));
    assertThat(pool.stats().waiting()).isZero();
  }

  @Test
  void theAcquireTimeoutNamesAFullPerHostLimit() {
    ConnectionPool<FakeConnection> pool =
        pool(limits(10, 1).withAcquireTimeout(Duration.ofMillis(2500)));
    List<Integer> order = new ArrayList<>();
    var _ = user(pool, A, Duration.ofSeconds(60), order, 1);
    Task<FakeConnection> late = user(pool, A, Duration.ZERO, order, 2);
    loop.advance(Duration.ofSeconds(3));
    assertThat(late.exception())
        .isInstanceOf(PoolAcquireTimeoutException.class)
        .hasMessageContaining("Timed out after 2.5 s waiting for a free connection from the pool")
        .hasMessageContaining("the per-host limit of 1 connections was full");
  }

  @Test
  void aRequestsOwnAcquireTimeoutOverridesThePoolDefault() {
    ConnectionPool<FakeConnection> pool =
        pool(limits(1, 0).withAcquireTimeout(Duration.ofSeconds(30)));
    List<Integer> order = new ArrayList<>();
    var _ = user(pool, A, Duration.ofSeconds(60), order, 1);
    Task<Lease<FakeConnection>> late =
        loop.createTask(() -> pool.acquire(A, Duration.ofSeconds(2)));
    Task<Lease<FakeConnection>> patient = loop.createTask(() -> pool.acquire(A, null));
    loop.advance(Duration.ofSeconds(40));
    assertThat(late.exception()).hasMessageStartingWith("Timed out after 2 s");
    assertThat(patient.isDone()).isFalse(); // no limit of its own, and not the pool's 30 s
    assertThatThrownBy(() -> loop.run(() -> pool.acquire(A, Duration.ZERO)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("acquireTimeout must be positive");
  }

  @Test
  void theAcquireTimeoutDoesNotCoverConnecting() {
    ConnectionPool<FakeConnection> pool =
        pool(limits(1, 0).withAcquireTimeout(Duration.ofSeconds(1)));
    factory.connectDelay = Duration.ofSeconds(10);
    loop.run(() -> pool.acquire(A).close());
    assertThat(loop.elapsed()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void closeClosesEveryConnectionFailsWaitersAndLaterAcquires() {
    ConnectionPool<FakeConnection> pool = pool(limits(3, 1));
    List<Integer> order = new ArrayList<>();
    Task<FakeConnection> holder = user(pool, A, Duration.ofSeconds(10), order, 1);
    loop.run(() -> pool.acquire(B).close()); // one idle
    Task<FakeConnection> waiter = user(pool, A, Duration.ZERO, order, 3);
    loop.advance(Duration.ofSeconds(1));
    assertThat(pool.stats().waiting()).isEqualTo(1);
    pool.close();
    assertThat(factory.opened).allMatch(FakeConnection::isClosed);
    loop.advance(Duration.ofSeconds(10));
    assertThat(waiter.exception())
        .isInstanceOf(PoolClosedException.class)
        .hasMessageContaining("session was closed");
    assertThat(holder.isDone()).isTrue(); // its release after close did nothing
    assertThat(factory.opened).allMatch(c -> c.closes == 1);
    assertThat(pool.stats()).isEqualTo(new PoolStats(0, 0, 0, 0, 0, 0));
    assertThatThrownBy(() -> loop.run(() -> pool.acquire(A)))
        .isInstanceOf(PoolClosedException.class)
        .hasMessage(
            "Cannot acquire a connection for http://a.test:80: the connection pool is closed"
                + " because its session was closed; create a new session for new requests");
  }

  @Test
  void aConnectInProgressWhenThePoolClosesClosesWhatItOpened() {
    ConnectionPool<FakeConnection> pool = pool(PoolSettings.defaults());
    factory.connectDelay = Duration.ofSeconds(1);
    Task<Lease<FakeConnection>> connecting = loop.createTask(() -> pool.acquire(A));
    loop.advance(Duration.ofMillis(500));
    pool.close();
    loop.advance(Duration.ofSeconds(1));
    assertThat(connecting.exception()).isInstanceOf(PoolClosedException.class);
    assertThat(factory.opened).hasSize(1).allMatch(FakeConnection::isClosed);
    assertThat(pool.stats()).isEqualTo(new PoolStats(0, 0, 0, 0, 0, 0));
  }

  @Test
  void theListenerHearsQueueingOnce() {
    ConnectionPool<FakeConnection> pool = pool(limits(1, 0));
    List<Integer> order = new ArrayList<>();
    var _ = user(pool, A, Duration.ofSeconds(1), order, 1);
    var _ = user(pool, A, Duration.ZERO, order, 2);
    loop.advance(Duration.ofSeconds(2));
    assertThat(events)
        .containsExactly(
            "create a.test", "queued a.test", "created a.test", "dequeued a.test", "reused a.test");
  }

  @Test
  void aThrowingListenerDoesNotDisturbThePool() {
    List<Throwable> reported = new ArrayList<>();
    loop.loop().setExceptionHandler((l, context) -> reported.add(context.exception()));
    PoolListener broken =
        new PoolListener() {
          @Override
          public void connectionCreateEnd(ConnectionKey key) {
            throw new IllegalStateException("listener bug");
          }
        };
    ConnectionPool<FakeConnection> pool =
        new ConnectionPool<>(loop.loop(), PoolSettings.defaults(), factory, broken);
    loop.run(() -> pool.acquire(A).close());
    assertThat(pool.stats().idle()).isEqualTo(1);
    assertThat(reported).singleElement().hasFieldOrPropertyWithValue("message", "listener bug");
  }

  @Test
  void settingsRejectNegativeLimitsWithTheFix() {
    assertThatThrownBy(() -> PoolSettings.defaults().withPerHostLimit(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("perHostLimit must be >= 0 (0 means no limit), got -1");
    assertThatThrownBy(() -> PoolSettings.defaults().withAcquireTimeout(Duration.ZERO))
        .hasMessageContaining("acquireTimeout must be positive");
    assertThatThrownBy(() -> new ConnectionKey("http", "A.test", 80, null, null))
        .hasMessageContaining("lower case");
  }

  @Test
  void aCancelledAcquirerCleansUpItsHostState() {
    ConnectionPool<FakeConnection> pool = pool(limits(1, 0));
    List<Integer> order = new ArrayList<>();
    Task<FakeConnection> holder = user(pool, A, Duration.ofSeconds(5), order, 1);
    Task<FakeConnection> waiter = user(pool, B, Duration.ZERO, order, 2);
    loop.advance(Duration.ofSeconds(1));
    waiter.cancel();
    loop.advance(Duration.ZERO);
    assertThat(pool.stats().hosts()).isEqualTo(1);
    holder.cancel();
    loop.advance(Duration.ZERO);
    assertThat(holder.isCancelled()).isTrue();
    assertThat(pool.stats()).isEqualTo(new PoolStats(1, 0, 0, 1, 0, 1));
    assertThatThrownBy(waiter::result).isInstanceOf(CancelledException.class);
  }
}

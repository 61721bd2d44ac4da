package org.asyncio4j.http.internal.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.asyncio4j.Asyncio;
import org.asyncio4j.CancelledException;
import org.asyncio4j.Task;
import org.asyncio4j.test.TestLoop;
import org.junit.jupiter.api.Test;

/**
 * Random programs against one {@link ConnectionPool}: tasks acquire and release on several hosts
 * with random holds, connect delays and failures, "not reusable" releases, peers that close idle
 * connections, acquire timeouts, and cancellations at random moments, some in the very step that
 * hands a slot over (before the woken waiter runs). After each program: the limits held at every
 * connect and release, no connection was leased twice at once, every acquire ended in a lease or an
 * exception, the counts came back to idle only, and close closed each connection exactly once. A
 * waiter left suspended forever makes the virtual-time loop throw {@code DeadlockException}.
 *
 * <p>On the virtual clock a seed replays the same program exactly; a failure names its seed.
 */
class ConnectionPoolPropertiesTest {
  private static final int EXAMPLES = 150;
  private static final long FIXED_SEED = 0x9670_4936L;

  @Test
  void randomProgramsNeverPassTheLimitsLeakASlotOrStrandAWaiter() {
    qt().withFixedSeed(FIXED_SEED)
        .withExamples(EXAMPLES)
        .forAll(longs().all())
        .checkAssert(ConnectionPoolPropertiesTest::check);
  }

  private static final class Tally {
    int started;
    int leased;
    int timedOut;
    int refused;
    int cancelledInAcquire;
  }

  private static void check(long seed) {
    Random schedule = new Random(seed);
    int hostCount = 1 + schedule.nextInt(3);
    int total = schedule.nextInt(5); // 0 = unlimited
    int perHost = schedule.nextInt(4); // 0 = unlimited
    Duration acquireTimeout =
        schedule.nextInt(3) == 0 ? Duration.ofMillis(200 + schedule.nextInt(3000)) : null;
    PoolSettings settings =
        new PoolSettings(
            total, perHost, Duration.ofMillis(500 + schedule.nextInt(3000)), acquireTimeout);
    int workers = 3 + schedule.nextInt(10);
    double failRate = schedule.nextInt(4) == 0 ? 0.3 : 0.0;
    String where = "seed " + seed + " " + settings + " workers " + workers;

    List<ConnectionKey> keys = new ArrayList<>();
    for (int i = 0; i < hostCount; i++) {
      keys.add(ConnectionKey.of("http", "h" + i + ".test", 80, null, null));
    }
    Random chance = new Random(schedule.nextLong());
    List<FakeConnection> opened = new ArrayList<>();
    Map<ConnectionKey, Integer> held = new HashMap<>();
    IdentityHashMap<FakeConnection, Boolean> leasedNow = new IdentityHashMap<>();
    Tally tally = new Tally();

    try (TestLoop loop = TestLoop.create()) {
      List<ConnectionPool<FakeConnection>> poolRef = new ArrayList<>(1);
      ConnectionFactory<FakeConnection> factory =
          key -> {
            assertLimits(poolRef.get(0), settings, key, where);
            Asyncio.sleep(Duration.ofMillis(chance.nextInt(400)));
            if (chance.nextDouble() < failRate) {
              throw new UncheckedIOException(new java.net.ConnectException("refused (test)"));
            }
            FakeConnection c = new FakeConnection(opened.size() + 1, key);
            opened.add(c);
            return c;
          };
      ConnectionPool<FakeConnection> pool =
          new ConnectionPool<>(loop.loop(), settings, factory, PoolListener.NONE);
      poolRef.add(pool);

      List<Task<Void>> tasks = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        long workerSeed = schedule.nextLong();
        tasks.add(
            loop.createTask(() -> {
              Random r = new Random(workerSeed);
              int rounds = 1 + r.nextInt(4);
              for (int round = 0; round < rounds; round++) {
                Asyncio.sleep(Duration.ofMillis(r.nextInt(300)));
                ConnectionKey key = keys.get(r.nextInt(keys.size()));
                tally.started++;
                Lease<FakeConnection> lease;
                try {
                  lease = pool.acquire(key);
                } catch (PoolAcquireTimeoutException e) {
                  tally.timedOut++;
                  continue;
                } catch (UncheckedIOException e) {
                  tally.refused++;
                  continue;
                } catch (CancelledException e) {
                  tally.cancelledInAcquire++;
                  throw e;
                }
                tally.leased++;
                FakeConnection c = lease.connection();
                assertThat(c.isReusable()).as("%s: handed a usable connection", where).isTrue();
                assertThat(leasedNow.put(c, true)).as("%s: leased twice", where).isNull();
                int now = held.merge(key, 1, Integer::sum);
                if (perHost > 0) {
                  assertThat(now).as("%s: per host", where).isLessThanOrEqualTo(perHost);
                }
                if (total > 0) {
                  assertThat(leasedNow.size()).as("%s: in all", where).isLessThanOrEqualTo(total);
                }
                try {
                  Asyncio.sleep(Duration.ofMillis(r.nextInt(500)));
                  if (r.nextInt(5) == 0) {
                    c.leftUnread = true; // the body was not read to its end
                  }
                } finally {
                  leasedNow.remove(c);
                  held.merge(key, -1, Integer::sum);
                  boolean keepAlive = r.nextInt(6) != 0;
                  lease.release(keepAlive);
                  assertLimits(pool, settings, key, where);
                  if (keepAlive && r.nextInt(4) == 0) {
                    c.peerClosed = true; // the server closes it while it is idle
                  }
                  if (r.nextInt(4) == 0) {
                    // cancel another task in the step that may have handed it a slot
                    tasks.get(r.nextInt(tasks.size())).cancel();
                  }
                }
              }
            }));
      }
      long chaosSeed = schedule.nextLong();
      Task<Void> chaos =
          loop.createTask(() -> {
            Random r = new Random(chaosSeed);
            for (int k = 0; k < workers; k++) {
              Asyncio.sleep(Duration.ofMillis(r.nextInt(400)));
              if (r.nextInt(3) == 0) {
                tasks.get(r.nextInt(tasks.size())).cancel();
              }
            }
          });

      loop.run(() -> {
        Asyncio.gatherReturnExceptions(tasks).await();
        chaos.await();
      });

      for (Task<Void> t : tasks) {
        if (!t.isCancelled()) {
          assertThat(t.exception()).as("%s: a worker failed", where).isNull();
        }
      }
      assertThat(tally.started)
          .as("%s: every acquire ended in a lease or an exception", where)
          .isEqualTo(tally.leased + tally.timedOut + tally.refused + tally.cancelledInAcquire);
      PoolStats after = pool.stats();
      assertThat(after.connecting()).as("%s: connecting", where).isZero();
      assertThat(after.inUse()).as("%s: leaked in use", where).isZero();
      assertThat(after.waiting()).as("%s: waiters left", where).isZero();
      assertThat(after.open()).as("%s: open = idle", where).isEqualTo(after.idle());
      long stillOpen = opened.stream().filter(c -> !c.isClosed()).count();
      assertThat(stillOpen).as("%s: open connections = idle slots", where).isEqualTo(after.idle());

      pool.close();
      assertThat(pool.stats()).isEqualTo(new PoolStats(0, 0, 0, 0, 0, 0));
      assertThat(opened).as("%s: closed exactly once", where).allMatch(c -> c.closes == 1);
    }
  }

  private static void assertLimits(
      ConnectionPool<FakeConnection> pool, PoolSettings settings, ConnectionKey key, String where) {
    PoolStats s = pool.stats(); // cross-checks the counts against every slot
    if (settings.totalLimit() > 0) {
      assertThat(s.open()).as("%s: open in all", where).isLessThanOrEqualTo(settings.totalLimit());
    }
    if (settings.perHostLimit() > 0) {
      assertThat(pool.openFor(key))
          .as("%s: open to %s", where, key)
          .isLessThanOrEqualTo(settings.perHostLimit());
    }
  }
}

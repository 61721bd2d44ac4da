package org.asyncio4j.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.asyncio4j.sync.SyncTesting.run;
import static org.asyncio4j.sync.SyncTesting.settle;
import static org.asyncio4j.sync.SyncTesting.yieldNow;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.asyncio4j.Asyncio;
import org.asyncio4j.CancelledException;
import org.asyncio4j.Task;
import org.junit.jupiter.api.Test;

/**
 * Random interleavings of acquires, releases, puts, gets and cancellations, driven by a seeded
 * schedule: each task draws its choices (how long to hold, how often to yield) from its own {@link
 * Random}, and a chaos task cancels tasks at random turns. On the virtual clock a seed replays the
 * same interleaving exactly, so a failure prints a seed that reproduces it.
 */
class SyncPropertiesTest {
  private static final int EXAMPLES = 60;
  private static final long FIXED_SEED = 0x5EED_A5F1L;

  @Test
  void lockNeverHeldTwiceAndGrantsInRequestOrder() {
    qt().withFixedSeed(FIXED_SEED)
        .withExamples(EXAMPLES)
        .forAll(longs().all(), integers().between(2, 8))
        .checkAssert((seed, tasks) -> checkExclusion(seed, tasks, 1, () -> new Lock()::acquire));
  }

  @Test
  void semaphoreNeverOverGrantsLosesNoPermitAndNeverJumpsTheQueue() {
    qt().withFixedSeed(FIXED_SEED)
        .withExamples(EXAMPLES)
        .forAll(longs().all(), integers().between(2, 8), integers().between(1, 3))
        .checkAssert((seed, tasks, permits) -> {
          Semaphore[] sem = new Semaphore[1];
          checkExclusion(
              seed,
              tasks,
              permits,
              () -> {
                sem[0] = new BoundedSemaphore(permits);
                return sem[0]::acquire;
              });
          // BoundedSemaphore would have thrown on a double release; a lost permit shows here.
          assertThat(sem[0].availablePermits()).as("seed %d", seed).isEqualTo(permits);
        });
  }

  /**
   * {@code tasks} tasks each take the primitive three times, hold it for a few turns, and release;
   * a chaos task cancels random ones. At no turn do more than {@code capacity} tasks hold it, the
   * tasks that got it got it in the order they asked (cancelled ones drop out), and at the end it
   * is free.
   */
  private static void checkExclusion(
      long seed, int tasks, int capacity, Supplier<Supplier<Held>> makeAcquire) {
    Supplier<Held> acquire = makeAcquire.get();
    Random schedule = new Random(seed);
    long[] taskSeeds = new long[tasks];
    for (int i = 0; i < tasks; i++) {
      taskSeeds[i] = schedule.nextLong();
    }
    long chaosSeed = schedule.nextLong();
    run(() -> {
      int[] holding = {0};
      int[] maxHolding = {0};
      List<Integer> requests = new ArrayList<>();
      List<Integer> grants = new ArrayList<>();
      int[] nextRequest = {0};
      List<Task<Void>> workers = new ArrayList<>();
      for (int i = 0; i < tasks; i++) {
        Random r = new Random(taskSeeds[i]);
        workers.add(
            Asyncio.createTask(() -> {
              for (int round = 0; round < 3; round++) {
                yieldTimes(r.nextInt(3));
                int ticket = nextRequest[0]++;
                requests.add(ticket);
                try (Held _ = acquire.get()) {
                  grants.add(ticket);
                  holding[0]++;
                  maxHolding[0] = Math.max(maxHolding[0], holding[0]);
                  try {
                    yieldTimes(r.nextInt(3));
                  } finally {
                    holding[0]--;
                  }
                } catch (CancelledException e) {
                  if (!grants.contains(ticket)) {
                    requests.remove(Integer.valueOf(ticket)); // asked, never got it: drops out
                  }
                  throw e;
                }
              }
            }));
      }
      Task<Void> chaos =
          Asyncio.createTask(() -> {
            Random r = new Random(chaosSeed);
            for (int k = 0; k < tasks; k++) {
              yieldTimes(r.nextInt(4));
              if (r.nextInt(3) == 0) {
                workers.get(r.nextInt(tasks)).cancel();
              }
            }
          });
      Asyncio.gatherReturnExceptions(workers).await();
      chaos.await();
      assertThat(maxHolding[0]).as("seed %d", seed).isLessThanOrEqualTo(capacity);
      assertThat(holding[0]).isZero();
      // A task cancelled after it got the primitive keeps its grant (it did hold it).
      List<Integer> grantedRequests = new ArrayList<>(requests);
      grantedRequests.retainAll(grants);
      assertThat(grants).as("seed %d: FIFO", seed).isEqualTo(grantedRequests);
      try (Held held = acquire.get()) {
        assertThat(held.isReleased()).isFalse(); // free again: does not wait
      }
    });
  }

  @Test
  void queueNeverLosesNorDuplicatesAnItemAndKeepsFifoOrder() {
    qt().withFixedSeed(FIXED_SEED)
        .withExamples(EXAMPLES)
        .forAll(longs().all(), integers().between(0, 3), integers().between(1, 4))
        .checkAssert((seed, maxsize, consumers) -> checkQueue(seed, maxsize, consumers));
  }

  private static void checkQueue(long seed, int maxsize, int consumers) {
    Random schedule = new Random(seed);
    int producers = 3;
    long[] seeds = new long[producers + consumers + 1];
    for (int i = 0; i < seeds.length; i++) {
      seeds[i] = schedule.nextLong();
    }
    run(() -> {
      Queue<Integer> q = new Queue<>(maxsize);
      List<Integer> put = new ArrayList<>();
      List<Integer> got = new ArrayList<>();
      List<Task<Void>> all = new ArrayList<>();
      for (int p = 0; p < producers; p++) {
        Random r = new Random(seeds[p]);
        int base = p * 1000;
        all.add(
            Asyncio.createTask(() -> {
              for (int i = 0; i < 10; i++) {
                yieldTimes(r.nextInt(3));
                q.put(base + i);
                put.add(base + i); // no suspension between the insert and this line
              }
            }));
      }
      for (int c = 0; c < consumers; c++) {
        Random r = new Random(seeds[producers + c]);
        all.add(
            Asyncio.createTask(() -> {
              while (true) {
                got.add(q.get()); // no suspension between the removal and this line
                yieldTimes(r.nextInt(3));
              }
            }));
      }
      Random chaos = new Random(seeds[seeds.length - 1]);
      for (int k = 0; k < 6; k++) {
        yieldTimes(chaos.nextInt(4));
        Task<Void> victim = all.get(chaos.nextInt(all.size()));
        victim.cancel();
      }
      settle();
      for (Task<Void> t : all) {
        t.cancel(); // consumers wait forever on an empty queue; producers may wait on a full one
      }
      Asyncio.gatherReturnExceptions(all).await();
      List<Integer> out = new ArrayList<>(got);
      while (!q.isEmpty()) {
        out.add(q.getNowait());
      }
      assertThat(out).as("seed %d: every item put comes out once, in order", seed).isEqualTo(put);
    });
  }

  private static void yieldTimes(int n) {
    for (int i = 0; i < n; i++) {
      yieldNow();
    }
  }
}

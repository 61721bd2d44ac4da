package org.asyncio4j.workloads;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Task;
import org.asyncio4j.sync.Held;
import org.asyncio4j.sync.Semaphore;

/**
 * SPEC W4 (semaphore): {@code Semaphore(8)}; 1,000 tasks, each does 200 times: acquire, {@code
 * sleep(Duration.ZERO)}, release. Metric: ns_per_acquire = round time / 200,000.
 */
public final class W4Semaphore {
  static final int TASKS = 1_000;
  static final int REPEATS = 200;
  static final int PERMITS = 8;
  static final int ACQUIRES = TASKS * REPEATS;

  private W4Semaphore() {}

  /**
   * Runs the workload and prints its RESULT line.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    String impl = Rounds.implLabel();
    Map<String, Double> figures = Rounds.measure(W4Semaphore::oneRound);
    Rounds.result(
        "semaphore",
        impl,
        "ns_per_acquire=" + Rounds.fmt(figures.get("ns_per_acquire")) + " acquires=" + ACQUIRES);
  }

  static Map<String, Double> oneRound() {
    Semaphore semaphore = new Semaphore(PERMITS);
    int[] state = new int[3]; // inside, peak, done: one loop thread, no races
    long t0 = System.nanoTime();
    List<Task<Void>> workers = new ArrayList<>(TASKS);
    for (int t = 0; t < TASKS; t++) {
      workers.add(
          Asyncio.createTask(() -> {
            for (int i = 0; i < REPEATS; i++) {
              try (Held _ = semaphore.acquire()) {
                state[0]++;
                state[1] = Math.max(state[1], state[0]);
                Asyncio.sleep(Duration.ZERO);
                state[0]--;
                state[2]++;
              }
            }
          }));
    }
    Asyncio.gather(workers).await();
    long elapsed = System.nanoTime() - t0;
    if (state[2] != ACQUIRES || state[1] != PERMITS) {
      Rounds.fail("semaphore", "done=" + state[2] + ",peak=" + state[1]);
    }
    return Map.of("ns_per_acquire", (double) elapsed / ACQUIRES);
  }
}

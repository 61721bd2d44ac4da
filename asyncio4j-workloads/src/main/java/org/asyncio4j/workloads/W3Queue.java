package org.asyncio4j.workloads;

import java.util.Map;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Task;
import org.asyncio4j.sync.Queue;

/**
 * SPEC W3 (queue): {@code Queue(maxsize = 128)}; one producer task puts the ints 0..N-1 (N =
 * 500,000), one consumer task gets them all and sums them; check the sum. Metric: ns_per_item =
 * round time / N.
 */
public final class W3Queue {
  static final int N = 500_000;
  static final int MAXSIZE = 128;

  private W3Queue() {}

  /**
   * Runs the workload and prints its RESULT line.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    String impl = Rounds.implLabel();
    Map<String, Double> figures = Rounds.measure(W3Queue::oneRound);
    Rounds.result(
        "queue", impl, "ns_per_item=" + Rounds.fmt(figures.get("ns_per_item")) + " items=" + N);
  }

  static Map<String, Double> oneRound() {
    Queue<Integer> queue = new Queue<>(MAXSIZE);
    long t0 = System.nanoTime();
    Task<Void> producer =
        Asyncio.createTask(() -> {
          for (int i = 0; i < N; i++) {
            queue.put(i);
          }
        });
    Task<Long> consumer =
        Asyncio.createTask(() -> {
          long sum = 0;
          for (int i = 0; i < N; i++) {
            sum += queue.get();
          }
          return sum;
        });
    var results = Asyncio.gather(producer, consumer).await();
    long elapsed = System.nanoTime() - t0;
    if (!Long.valueOf((long) N * (N - 1) / 2).equals(results.get(1))) {
      Rounds.fail("queue", "bad-sum");
    }
    return Map.of("ns_per_item", (double) elapsed / N);
  }
}

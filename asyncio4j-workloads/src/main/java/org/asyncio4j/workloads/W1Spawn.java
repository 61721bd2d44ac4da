package org.asyncio4j.workloads;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Task;

/**
 * SPEC W1 (spawn): create N = 200,000 tasks with createTask, each returning its own index; gather
 * them all; check the sum. Metric: ns_per_task = round time / N.
 *
 * <p>Run: {@code java --add-opens java.base/java.lang=ALL-UNNAMED -cp asyncio4j-workloads.jar
 * org.asyncio4j.workloads.W1Spawn} (without the flag: the public-API mode).
 */
public final class W1Spawn {
  static final int N = 200_000;

  private W1Spawn() {}

  /**
   * Runs the workload and prints its RESULT line.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    String impl = Rounds.implLabel();
    Map<String, Double> figures = Rounds.measure(W1Spawn::oneRound);
    Rounds.result(
        "spawn", impl, "ns_per_task=" + Rounds.fmt(figures.get("ns_per_task")) + " tasks=" + N);
  }

  static Map<String, Double> oneRound() {
    long t0 = System.nanoTime();
    List<Task<Integer>> tasks = new ArrayList<>(N);
    for (int i = 0; i < N; i++) {
      int index = i;
      tasks.add(Asyncio.createTask(() -> index));
    }
    List<Integer> values = Asyncio.gather(tasks).await();
    long elapsed = System.nanoTime() - t0;
    long sum = 0;
    for (int v : values) {
      sum += v;
    }
    if (sum != (long) N * (N - 1) / 2) {
      Rounds.fail("spawn", "bad-sum");
    }
    return Map.of("ns_per_task", (double) elapsed / N);
  }
}

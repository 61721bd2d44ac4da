package org.asyncio4j.workloads;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.asyncio4j.Asyncio;

/**
 * SPEC W2 (switch): 2 tasks, each loops N = 500,000 times over {@code sleep(Duration.ZERO)} (a bare
 * yield to the loop). Metric: ns_per_switch = round time / (2 N).
 *
 * <p>Run: {@code java --add-opens java.base/java.lang=ALL-UNNAMED -cp asyncio4j-workloads.jar
 * org.asyncio4j.workloads.W2Switch} (without the flag: the public-API mode).
 */
public final class W2Switch {
  static final int N = 500_000;

  private W2Switch() {}

  /**
   * Runs the workload and prints its RESULT line.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    String impl = Rounds.implLabel();
    Map<String, Double> figures = Rounds.measure(W2Switch::oneRound);
    Rounds.result(
        "switch",
        impl,
        "ns_per_switch=" + Rounds.fmt(figures.get("ns_per_switch")) + " switches=" + 2 * N);
  }

  static int switcher() {
    int count = 0;
    for (int i = 0; i < N; i++) {
      Asyncio.sleep(Duration.ZERO);
      count++;
    }
    return count;
  }

  static Map<String, Double> oneRound() {
    long t0 = System.nanoTime();
    List<Integer> counts =
        Asyncio.gather(
                Asyncio.createTask(W2Switch::switcher), Asyncio.createTask(W2Switch::switcher))
            .await();
    long elapsed = System.nanoTime() - t0;
    if (!counts.equals(List.of(N, N))) {
      Rounds.fail("switch", "bad-count");
    }
    return Map.of("ns_per_switch", (double) elapsed / (2 * N));
  }
}

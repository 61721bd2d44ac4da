package org.asyncio4j.workloads;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.asyncio4j.Asyncio;
import org.asyncio4j.EventLoop;

/**
 * The in-process protocol of shared/bench/SPEC.md: 2 warm-up rounds, then 5 measured rounds in the
 * same process; each figure is the median of the measured rounds; output is one {@code RESULT} line
 * on stdout, or {@code FAIL} and a non-zero exit when a self-check fails.
 */
final class Rounds {
  static final int WARMUP_ROUNDS = 2;
  static final int MEASURED_ROUNDS = 5;

  private Rounds() {}

  /** The SPEC implementation label of the scheduler mode this JVM runs in. */
  static String implLabel() {
    try (EventLoop probe = EventLoop.create()) {
      return probe.schedulerMode().equals("hook") ? "asyncio4j" : "asyncio4j-public";
    }
  }

  /**
   * Runs the rounds inside one {@code Asyncio.run}, as the CPython anchors do, and returns the
   * median of each figure.
   */
  static Map<String, Double> measure(Supplier<Map<String, Double>> oneRound) {
    return Asyncio.run(() -> {
      for (int i = 0; i < WARMUP_ROUNDS; i++) {
        var _ = oneRound.get();
      }
      @SuppressWarnings({"unchecked", "rawtypes"}) // a generic array
      Map<String, Double>[] measured = new Map[MEASURED_ROUNDS];
      for (int i = 0; i < MEASURED_ROUNDS; i++) {
        measured[i] = oneRound.get();
      }
      Map<String, Double> medians = new TreeMap<>();
      for (String key : measured[0].keySet()) {
        double[] values = new double[MEASURED_ROUNDS];
        for (int i = 0; i < MEASURED_ROUNDS; i++) {
          values[i] = measured[i].get(key);
        }
        Arrays.sort(values);
        medians.put(key, values[MEASURED_ROUNDS / 2]);
      }
      return medians;
    });
  }

  static void result(String workload, String impl, String metrics) {
    System.out.println("RESULT " + workload + " " + impl + " " + metrics);
    System.out.flush();
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }

  static void fail(String workload, String reason) {
    System.out.println("FAIL " + workload + " " + reason);
    System.out.flush();
    System.exit(1);
  }
}

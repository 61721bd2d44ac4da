package org.asyncio4j.workloads;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Task;

/**
 * SPEC W5 (timers): 100,000 tasks, task i sleeps (i mod 100) ms then returns i; gather all; check
 * the sum. Metrics: overshoot_ms = round time - 99 ms (median of the measured rounds);
 * bytes_per_task_cold = (resident memory while all 100,000 sleep - resident memory before) /
 * 100,000, from the first round of the process, before any warm-up (later rounds reuse memory and
 * read near zero; their median is printed as bytes_per_task).
 *
 * <p>"While all sleep" is after one {@code sleep(Duration.ZERO)} of the creating task: the loop has
 * then run every new task's first step, up to its sleep, as in the CPython and kotlinx anchors.
 * Resident memory is {@code VmRSS} of {@code /proc/self/status}, as in the anchors. An untimed
 * extra round prints heap_bytes_per_task: the heap retained per sleeping task after two full GCs
 * (the kotlinx and virtual-thread anchors print the same figure), each task sleeping 2 s + (i mod
 * 100) ms so that none wakes while the collector runs.
 *
 * <p>Run without a pre-touched heap (no {@code -XX:+AlwaysPreTouch}): a pre-touched heap is all
 * resident before the round and hides what the tasks cost. {@code scripts/bench} runs it with the
 * JVM's default heap, as the anchors run.
 */
public final class W5Timers {
  static final int N = 100_000;

  private W5Timers() {}

  /**
   * Runs the workload and prints its RESULT line.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    String impl = Rounds.implLabel();
    double[][] figures =
        Asyncio.run(() -> {
          double[] cold = oneRound();
          for (int i = 1; i < Rounds.WARMUP_ROUNDS; i++) {
            var _ = oneRound();
          }
          double[] overshoot = new double[Rounds.MEASURED_ROUNDS];
          double[] bytes = new double[Rounds.MEASURED_ROUNDS];
          for (int i = 0; i < Rounds.MEASURED_ROUNDS; i++) {
            double[] r = oneRound();
            overshoot[i] = r[0];
            bytes[i] = r[1];
          }
          return new double[][] {cold, overshoot, bytes, {heapPerSleepingTask()}};
        });
    Rounds.result(
        "timers",
        impl,
        "overshoot_ms="
            + Rounds.fmt(median(figures[1]))
            + " bytes_per_task="
            + Rounds.fmt(median(figures[2]))
            + " bytes_per_task_cold="
            + Rounds.fmt(figures[0][1])
            + " heap_bytes_per_task="
            + Rounds.fmt(figures[3][0])
            + " tasks="
            + N);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  static int sleeper(int i, long extraMillis) {
    Asyncio.sleep(Duration.ofMillis(extraMillis + i % 100));
    return i;
  }

  /** One round: {overshoot_ms, bytes_per_task}. */
  static double[] oneRound() {
    long rssBefore = rssBytes();
    long t0 = System.nanoTime();
    List<Task<Integer>> tasks = startSleepers(0);
    long rssSleeping = rssBytes();
    List<Integer> values = Asyncio.gather(tasks).await();
    double elapsedMs = (System.nanoTime() - t0) / 1e6;
    checkSum(values);
    return new double[] {elapsedMs - 99.0, (double) (rssSleeping - rssBefore) / N};
  }

  private static List<Task<Integer>> startSleepers(long extraMillis) {
    List<Task<Integer>> tasks = new ArrayList<>(N);
    for (int i = 0; i < N; i++) {
      int index = i;
      tasks.add(Asyncio.createTask(() -> sleeper(index, extraMillis)));
    }
    Asyncio.sleep(Duration.ZERO); // one loop pass: every task has started its sleep
    return tasks;
  }

  /** Untimed: heap retained per sleeping task, after two full GCs on each side. */
  static double heapPerSleepingTask() {
    var memory = ManagementFactory.getMemoryMXBean();
    System.gc();
    System.gc();
    long before = memory.getHeapMemoryUsage().getUsed();
    List<Task<Integer>> tasks = startSleepers(2_000);
    System.gc(); // the loop's thread is busy here: no task wakes
    System.gc();
    long during = memory.getHeapMemoryUsage().getUsed();
    checkSum(Asyncio.gather(tasks).await());
    return (double) (during - before) / N;
  }

  private static void checkSum(List<Integer> values) {
    long sum = 0;
    for (int v : values) {
      sum += v;
    }
    if (sum != (long) N * (N - 1) / 2) {
      Rounds.fail("timers", "bad-sum");
    }
  }

  /** VmRSS of /proc/self/status, in bytes. */
  static long rssBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          String kib = line.substring("VmRSS:".length()).strip(); // "123456 kB"
          return Long.parseLong(kib.substring(0, kib.indexOf(' '))) * 1024L;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Rounds.fail("timers", "no-VmRSS");
    return -1;
  }
}

package org.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Random programs of nested task groups, timeouts, {@code waitFor} and {@code shield}, with a chaos
 * task that cancels random tasks from outside, driven by a seed (on the virtual clock a seed
 * replays the same run). Whatever the interleaving: every child has ended before its group's block
 * is left; every failure raised is seen (by the root's awaiter, inside a group's ExceptionGroup, or
 * by the exception handler), exactly once when only the exact lambda forms are used; and {@code
 * cancelling()} is back to 0 at the end of every task that nobody cancelled from outside.
 */
class CancellationPropertiesTest {
  private static final int EXAMPLES = 150;
  private static final long FIXED_SEED = 0xCA_2CE1L;

  @Test
  void noChildOrphanedNoFailureLostNoCancellationLeftOver() {
    qt().withFixedSeed(FIXED_SEED)
        .withExamples(EXAMPLES)
        .forAll(longs().all(), booleans().all())
        .checkAssert(CancellationPropertiesTest::check);
  }

  /** What one run observed. */
  private static final class Run {
    final Random random;
    final boolean tryForms;
    final List<Throwable> raised = new ArrayList<>();
    final List<Throwable> handled = new ArrayList<>();
    final List<String> violations = new ArrayList<>();
    final List<Task<?>> tasks = new ArrayList<>();
    final Set<Task<?>> cancelledFromOutside =
        java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    int failures;
    final StringBuilder trace = new StringBuilder();

    void trace(String what) {
      Task<?> t = Asyncio.currentTask();
      trace.append(t == null ? "-" : t.getName()).append(' ').append(what).append('\n');
    }

    Run(long seed, boolean tryForms) {
      this.random = new Random(seed);
      this.tryForms = tryForms;
    }
  }

  private static void check(long seed, boolean tryForms) {
    Run run = new Run(seed, tryForms);
    Throwable[] rootOutcome = new Throwable[1];
    try (EventLoop loop = TestLoops.virtual()) {
      loop.setExceptionHandler((l, context) -> {
        Throwable e = context.exception();
        if (e != null) {
          run.handled.add(e);
        }
      });
      loop.runUntilComplete(() -> {
        Task<Void> root = spawn(run, 3);
        Task<Void> chaos =
            Asyncio.createTask(() -> {
              for (int i = 0; i < 4; i++) {
                Asyncio.sleep(Duration.ofMillis(run.random.nextInt(60)));
                List<Task<?>> live = run.tasks.stream().filter(t -> !t.isDone()).toList();
                if (live.isEmpty()) {
                  return;
                }
                Task<?> victim = live.get(run.random.nextInt(live.size()));
                run.cancelledFromOutside.add(victim);
                run.trace("chaos cancels " + victim.getName());
                victim.cancel();
              }
            });
        try {
          root.await();
        } catch (Throwable e) {
          rootOutcome[0] = e;
        }
        chaos.cancel();
        Asyncio.sleep(Duration.ofSeconds(10)); // anything left over would fail by now
      });
    }
    for (Task<?> t : run.tasks) {
      if (!t.isCancelled() && !run.cancelledFromOutside.contains(t) && t.cancelling() != 0) {
        run.violations.add(
            t.getName() + " ended with cancelling()=" + t.cancelling() + "\n" + run.trace);
      }
    }
    IdentityHashMap<Throwable, Integer> seen = new IdentityHashMap<>();
    count(rootOutcome[0], seen, 0);
    for (Throwable e : run.handled) {
      count(e, seen, 0);
    }
    for (Throwable failure : run.raised) {
      int n = seen.getOrDefault(failure, 0);
      if (n == 0 || (!tryForms && n != 1)) {
        run.violations.add(
            "failure "
                + failure.getMessage()
                + " seen "
                + n
                + " times; root: "
                + rootOutcome[0]
                + ", handler: "
                + run.handled);
      }
    }
    assertThat(run.violations).as("seed %s, try forms %s", seed, tryForms).isEmpty();
  }

  /** Counts each failure where an awaiter or handler sees it: in groups, causes and suppressed. */
  private static void count(@Nullable Throwable e, Map<Throwable, Integer> seen, int depth) {
    if (e == null || depth > 20) {
      return;
    }
    seen.merge(e, 1, Integer::sum);
    if (e instanceof ExceptionGroup g) {
      for (Throwable sub : g.exceptions()) {
        count(sub, seen, depth + 1);
      }
    }
    for (Throwable s : e.getSuppressed()) {
      // an ExceptionGroup lists its members as suppressed too, for its stack trace
      if (!(e instanceof ExceptionGroup g && g.exceptions().contains(s))) {
        count(s, seen, depth + 1);
      }
    }
  }

  private static Task<Void> spawn(Run run, int depth) {
    return watch(run, Asyncio.createTask(() -> program(run, depth)));
  }

  private static Task<Void> watch(Run run, Task<Void> t) {
    run.tasks.add(t);
    return t;
  }

  /** One random statement, run in the calling task. */
  private static void program(Run run, int depth) throws Exception {
    Random r = run.random;
    int kind = depth <= 0 ? r.nextInt(2) : r.nextInt(7);
    run.trace("kind " + kind + " depth " + depth);
    try {
      statement(run, depth, kind);
      run.trace("end kind " + kind + " normally");
    } catch (Throwable e) {
      run.trace("end kind " + kind + " with " + e);
      throw e;
    }
  }

  private static void statement(Run run, int depth, int kind) throws Exception {
    Random r = run.random;
    switch (kind) {
      case 0 -> Asyncio.sleep(Duration.ofMillis(r.nextInt(50)));
      case 1 -> {
        Asyncio.sleep(Duration.ofMillis(r.nextInt(50)));
        RuntimeException e = new IllegalStateException("failure-" + run.failures++);
        run.raised.add(e);
        throw e;
      }
      case 2, 3 -> group(run, depth);
      case 4 -> {
        Duration limit = Duration.ofMillis(r.nextInt(60));
        if (run.tryForms && r.nextBoolean()) {
          try (Timeout _ = Asyncio.timeout(limit)) {
            program(run, depth - 1);
          } catch (AsyncTimeoutException e) {
            // expected outcome of the deadline
          }
        } else {
          try {
            Asyncio.timeout(
                limit,
                () -> {
                  program(run, depth - 1);
                  return null;
                });
          } catch (AsyncTimeoutException e) {
            // expected outcome of the deadline
          }
        }
      }
      case 6 -> {
        // shield: an outside cancellation stops the wait, not the task; a failure of the task
        // after that goes to the exception handler (asyncio 3.14), so it is still seen once
        Task<Void> inner = spawn(run, depth - 1);
        Asyncio.shield(inner).await();
      }
      default -> {
        try {
          Asyncio.waitFor(
              () -> {
                program(run, depth - 1);
                return null;
              },
              Duration.ofMillis(r.nextInt(60)));
        } catch (AsyncTimeoutException e) {
          // expected outcome of the deadline
        }
      }
    }
  }

  private static void group(Run run, int depth) throws Exception {
    Random r = run.random;
    int children = 1 + r.nextInt(3);
    List<Task<?>> created = new ArrayList<>();
    TaskGroup.Body body =
        g -> {
          for (int i = 0; i < children; i++) {
            created.add(watch(run, g.createTask(() -> program(run, depth - 1))));
          }
          program(run, depth - 1);
        };
    try {
      if (run.tryForms && r.nextBoolean()) {
        try (var g = new TaskGroup()) {
          body.run(g);
        }
      } else {
        TaskGroup.run(body);
      }
    } catch (Throwable e) {
      // the group may have aborted: its children were cancelled from outside them
      run.cancelledFromOutside.addAll(created);
      throw e;
    } finally {
      for (Task<?> c : created) {
        if (!c.isDone()) {
          run.violations.add("a child of a group was still running when its block was left");
        }
      }
    }
  }
}

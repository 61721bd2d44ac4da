package org.asyncio4j.examples;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.asyncio4j.EventLoop;

/**
 * The demo: runs the ported asyncio tutorial programs one after the other, each under a header,
 * followed by its wall-clock time and what its synchronous version would take.
 *
 * <pre>{@code
 * java -jar asyncio4j-examples.jar                      # all of them, about 40 seconds
 * java -jar asyncio4j-examples.jar countasync countsync # only these
 * java -jar asyncio4j-examples.jar --list               # their names
 * }</pre>
 *
 * <p>Programs that sleep long in Python run shortened, and their header says so.
 */
public final class Demo {
  /** The largest random sleep of chained.py in the demo (10 s in the original). */
  private static final int CHAINED_MAX_SLEEP_SECONDS = 2;

  /** The largest random sleep of asyncq.py in the demo (10 s in the original). */
  private static final int ASYNCQ_MAX_SLEEP_SECONDS = 2;

  /** How long the demo's blocking foo blocks (10 s in the original). */
  private static final Duration BLOCKING_FOO_BLOCK = Duration.ofSeconds(1);

  /** Programs that no seed has, written for asyncio4j (their Python original is in the Javadoc). */
  private static final String OURS = "asyncio4j";

  private static final String SEED_000 = "seed 000 (Tankala, asyncio — Asynchronous I/O)";
  private static final String SEED_001 = "seed 001 (Lyz, Asyncio)";
  private static final String SEED_002 = "seed 002 (Aryaman, Asynchronous Programming in Python)";
  private static final String SEED_003 = "seed 003 (Intro to Async IO)";
  private static final String SEED_004 = "seed 004 (MG, AsyncIO for Beginners)";

  private Demo() {}

  /**
   * Runs the programs named in {@code args}, or all of them; {@code --list} lists them.
   *
   * @param args program names, or {@code --list}
   */
  public static void main(String[] args) {
    Map<String, Example> all = examples();
    if (args.length == 1 && (args[0].equals("--list") || args[0].equals("-l"))) {
      list(all, System.out);
      return;
    }
    List<Example> chosen = new ArrayList<>();
    for (String name : args) {
      Example e = all.get(name);
      if (e == null) {
        System.err.println(
            "Demo: no program named '" + name + "'; run with --list to see the names");
        System.exit(2);
      }
      chosen.add(e);
    }
    if (chosen.isEmpty()) {
      chosen.addAll(all.values());
    }
    System.exit(run(chosen, System.out) ? 0 : 1);
  }

  /** Prints each program's name and title, one a line, in the order they run. */
  static void list(Map<String, Example> all, PrintStream out) {
    for (Example e : all.values()) {
      out.printf("%-24s %s%n", e.name(), e.title());
    }
    out.flush();
  }

  /**
   * Runs {@code chosen} in order, printing to {@code out}.
   *
   * @return true if none failed
   */
  static boolean run(List<Example> chosen, PrintStream out) {
    boolean ok = true;
    long demoStart = System.nanoTime();
    for (Example e : chosen) {
      out.println();
      out.println("== " + e.name() + ": " + e.title());
      if (!e.note().isEmpty()) {
        out.println("   (" + e.note() + ")");
      }
      long start = System.nanoTime();
      try {
        Duration synchronous = e.body().run(out);
        String took = Programs.twoDecimals(Duration.ofNanos(System.nanoTime() - start));
        out.println(
            "-- "
                + e.name()
                + ": "
                + took
                + " s"
                + (synchronous == null
                    ? ""
                    : " (synchronous version: " + Programs.twoDecimals(synchronous) + " s)"));
      } catch (Exception | Error failure) {
        ok = false;
        out.println("-- " + e.name() + ": FAILED");
        failure.printStackTrace(out);
      }
      out.flush();
    }
    out.println();
    out.println(
        "== "
            + chosen.size()
            + " programs in "
            + Programs.twoDecimals(Duration.ofNanos(System.nanoTime() - demoStart))
            + " s"
            + (ok ? "" : ", some FAILED"));
    return ok;
  }

  /** The programs, in the order of the seeds. */
  static Map<String, Example> examples() {
    Map<String, Example> m = new LinkedHashMap<>();
    add(
        m,
        "hellofoo",
        SEED_000 + ": asyncio.run(foo()) prints Hello World",
        "",
        out -> {
          HelloWorldFoo.run(out, realTime());
          return null;
        });
    add(
        m,
        "slowtask",
        SEED_000 + ": foo awaits some_slow_task() in sequence",
        "",
        out -> {
          SlowTaskAwaited.run(out, realTime());
          return SlowTaskAwaited.synchronousTime();
        });
    add(
        m,
        "slowtaskcreated",
        SEED_000 + ": create_task(some_slow_task()), then sleep(1.1)",
        "",
        out -> {
          SlowTaskCreated.run(out, realTime());
          return SlowTaskCreated.synchronousTime();
        });
    add(
        m,
        "quarterhalf",
        SEED_000 + ": quarter- and half-second printers as two awaited tasks",
        "",
        out -> {
          QuarterHalfTasks.run(out, realTime());
          return QuarterHalfTasks.synchronousTime();
        });
    add(
        m,
        "quarterhalfgather",
        SEED_000 + ": the same printers with asyncio.gather",
        "",
        out -> {
          QuarterHalfGather.run(out, realTime());
          return QuarterHalfGather.synchronousTime();
        });
    add(
        m,
        "semaphorefetch",
        SEED_000 + ": five fetches gathered, two at a time through Semaphore(2)",
        "simulated: each fetch sleeps "
            + SemaphoreFetch.FETCH_TIME.toSeconds()
            + " s instead of calling the server",
        out -> {
          SemaphoreFetch.run(out, realTime());
          return SemaphoreFetch.synchronousTime();
        });
    add(
        m,
        "countasync",
        SEED_001 + ": countasync.py, three count() gathered",
        "",
        out -> {
          CountAsync.run(out, realTime());
          return CountAsync.synchronousTime();
        });
    add(
        m,
        "countsync",
        SEED_001 + ": countsync.py, the synchronous version with time.sleep",
        "",
        out -> {
          CountSync.run(out, SyncClock.SYSTEM);
          return null;
        });
    add(
        m,
        "chained",
        SEED_001 + ": chained.py 1 2 3, part1/part2 chains with random sleeps",
        "shortened: random sleeps of 0 to "
            + CHAINED_MAX_SLEEP_SECONDS
            + " s instead of 0 to "
            + Chained.MAX_SLEEP_SECONDS
            + " s; java.util.Random(444), not Python's generator",
        out ->
            Chained.run(
                    out,
                    realTime(),
                    new Random(Chained.SEED),
                    CHAINED_MAX_SLEEP_SECONDS,
                    Chained.parseArgs())
                .synchronousTime());
    add(
        m,
        "asyncq",
        SEED_001 + ": asyncq.py, 5 producers and 10 consumers over an asyncio.Queue",
        "shortened: random sleeps of 0 to "
            + ASYNCQ_MAX_SLEEP_SECONDS
            + " s instead of 0 to "
            + AsyncQ.MAX_SLEEP_SECONDS
            + " s; java.util.Random(444), not Python's generator",
        out ->
            AsyncQ.run(
                    out,
                    realTime(),
                    new Random(AsyncQ.SEED),
                    ASYNCQ_MAX_SLEEP_SECONDS,
                    AsyncQ.DEFAULT_NPROD,
                    AsyncQ.DEFAULT_NCON)
                .synchronousTime());
    add(
        m,
        "blockingfoo",
        SEED_002 + ": the synchronous foo with a blocking sleep",
        "shortened: blocks " + BLOCKING_FOO_BLOCK.toSeconds() + " s instead of 10 s",
        out -> {
          BlockingFoo.run(out, SyncClock.SYSTEM, BLOCKING_FOO_BLOCK);
          return null;
        });
    add(
        m,
        "helloworld",
        SEED_002 + ": asyncio.run(main()) prints hello world",
        "",
        out -> {
          HelloWorldMain.run(out, realTime());
          return null;
        });
    add(
        m,
        "awaitfoo",
        SEED_002 + ": main awaits foo",
        "",
        out -> {
          AwaitFoo.run(out, realTime());
          return AwaitFoo.synchronousTime();
        });
    add(
        m,
        "tasknotawaited",
        SEED_002 + ": a task never awaited never prints Ending foo",
        "",
        out -> {
          TaskNeverAwaited.run(out, realTime());
          return TaskNeverAwaited.synchronousTime();
        });
    add(
        m,
        "taskawaited",
        SEED_002 + ": the same task, awaited",
        "",
        out -> {
          TaskAwaited.run(out, realTime());
          return TaskAwaited.synchronousTime();
        });
    add(
        m,
        "fetchdata",
        SEED_002 + ": fetch_data() beside print_numbers()",
        "",
        out -> {
          FetchData.run(out, realTime());
          return FetchData.synchronousTime();
        });
    add(
        m,
        "helloagain",
        SEED_003 + ": Hello world!, sleep(1), Hello again!",
        "",
        out -> {
          HelloAgain.run(out, realTime());
          return HelloAgain.synchronousTime();
        });
    add(
        m,
        "saysequential",
        SEED_003 + ": say_something awaited twice in a row",
        "",
        out -> {
          SaySomethingSequential.run(out, realTime(), Programs.localClock());
          return SaySomethingSequential.synchronousTime();
        });
    add(
        m,
        "saytasks",
        SEED_003 + ": say_something as two tasks",
        "",
        out -> {
          SaySomethingTasks.run(out, realTime(), Programs.localClock());
          return SaySomethingTasks.synchronousTime();
        });
    add(
        m,
        "greetings",
        SEED_003 + ": gather(greetings(), greetings())",
        "",
        out -> {
          Greetings.run(out, realTime());
          return Greetings.synchronousTime();
        });
    add(
        m,
        "multadd",
        SEED_003 + ": mult and add awaited in sequence",
        "",
        out -> {
          MultAddAwaited.run(out, realTime());
          return MultAddAwaited.synchronousTime();
        });
    add(
        m,
        "multaddtasks",
        SEED_003 + ": mult and add as tasks",
        "",
        out -> {
          MultAddTasks.run(out, realTime());
          return MultAddTasks.synchronousTime();
        });
    add(
        m,
        "futurestates",
        SEED_003 + ": a Future made outside any loop, then cancelled",
        "",
        out -> {
          FutureStates.run(out);
          return null;
        });
    add(
        m,
        "waitfor",
        SEED_003 + ": wait_for(slow_operation(), timeout=1.0)",
        "",
        out -> {
          WaitForTimeout.run(out, realTime());
          return WaitForTimeout.synchronousTime();
        });
    add(
        m,
        "rununtilcomplete",
        SEED_004 + ": an explicit loop and run_until_complete",
        "reconstructed: the article shows its code as an image",
        out -> {
          RunUntilComplete.run(out, realTime());
          return RunUntilComplete.synchronousTime();
        });
    add(
        m,
        "gatherexception",
        SEED_004 + ": gather() raises, the other task runs on",
        "reconstructed: the article shows its code as an image",
        out -> {
          GatherException.run(out, realTime());
          return GatherException.synchronousTime();
        });
    add(
        m,
        "gatherreturnexceptions",
        SEED_004 + ": gather(..., return_exceptions=True)",
        "reconstructed: the article shows its code as an image",
        out -> {
          GatherReturnExceptions.run(out, realTime());
          return GatherReturnExceptions.synchronousTime();
        });
    add(
        m,
        "logpipeline",
        OURS + ": a pipeline of three async generators that stops after two errors",
        "",
        out -> {
          LogPipeline.run(out, realTime());
          return LogPipeline.synchronousTime();
        });
    return m;
  }

  private static void add(
      Map<String, Example> m, String name, String title, String note, Example.Body body) {
    m.put(name, new Example(name, title, note, body));
  }

  private static EventLoop.Builder realTime() {
    return EventLoop.builder();
  }
}

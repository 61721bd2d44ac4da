package org.asyncio4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class DemoTest {
  private final Output output = new Output();

  @Test
  void everyProgramHasAUniqueLowerCaseName() {
    Map<String, Example> all = Demo.examples();
    assertThat(all).hasSize(28);
    assertThat(all.keySet()).allMatch(n -> n.matches("[a-z]+"));
    assertThat(all.values())
        .allMatch(e -> e.title().startsWith("seed 00") || e.title().startsWith("asyncio4j: "));
    assertThat(Objects.requireNonNull(all.get("logpipeline")).title()).contains("async generators");
  }

  @Test
  void listPrintsEveryNameWithItsTitleInTheOrderTheyRun() {
    Map<String, Example> all = Demo.examples();
    Demo.list(all, output.out);
    List<String> lines = output.lines();
    assertThat(lines).hasSize(all.size());
    List<Example> programs = List.copyOf(all.values());
    for (int i = 0; i < lines.size(); i++) {
      Example e = programs.get(i);
      assertThat(lines.get(i)).matches(e.name() + " +\\Q" + e.title() + "\\E");
    }
    assertThat(lines.getFirst()).startsWith("hellofoo ");
  }

  @Test
  void runPrintsHeaderOutputAndTimes() {
    Map<String, Example> all = Demo.examples();
    boolean ok = Demo.run(List.of(all.get("futurestates"), all.get("hellofoo")), output.out);
    assertThat(ok).isTrue();
    List<String> lines = output.lines();
    assertThat(lines.get(1)).startsWith("== futurestates: seed 003");
    assertThat(lines.subList(2, 6)).containsExactly("false", "false", "true", "true");
    assertThat(lines.get(6)).matches("-- futurestates: \\d+\\.\\d\\d s");
    assertThat(lines.get(8)).startsWith("== hellofoo: seed 000");
    assertThat(lines.get(9)).isEqualTo("Hello World");
    assertThat(lines.get(10)).matches("-- hellofoo: \\d+\\.\\d\\d s");
    assertThat(lines.getLast()).matches("== 2 programs in \\d+\\.\\d\\d s");
  }

  @Test
  void runShowsTheSynchronousTimeBesideTheMeasuredOne() {
    Example fast = Demo.examples().get("slowtask");
    boolean ok = Demo.run(List.of(fast), output.out);
    assertThat(ok).isTrue();
    assertThat(output.lines())
        .anyMatch(l -> l.matches("-- slowtask: 1\\.\\d\\d s \\(synchronous version: 1\\.00 s\\)"));
  }

  @Test
  void theSyncPrimitiveProgramsAreThereAndSayHowTheyDiffer() {
    Map<String, Example> all = Demo.examples();
    Example semaphoreFetch = Objects.requireNonNull(all.get("semaphorefetch"));
    Example asyncq = Objects.requireNonNull(all.get("asyncq"));
    assertThat(semaphoreFetch.title()).startsWith("seed 000");
    assertThat(semaphoreFetch.note()).startsWith("simulated:");
    assertThat(asyncq.title()).startsWith("seed 001").contains("asyncq.py");
    assertThat(asyncq.note()).contains("0 to 2 s instead of 0 to 10 s");
    // in the order of the seeds: after the other programs of their seed
    List<String> names = List.copyOf(all.keySet());
    assertThat(names.indexOf("semaphorefetch")).isLessThan(names.indexOf("countasync"));
    assertThat(names.indexOf("asyncq")).isGreaterThan(names.indexOf("chained"));
    assertThat(names.indexOf("asyncq")).isLessThan(names.indexOf("blockingfoo"));
  }

  @Test
  void semaphoreFetchTakesThreeRoundsOfTheFive() {
    boolean ok = Demo.run(List.of(Demo.examples().get("semaphorefetch")), output.out);
    assertThat(ok).isTrue();
    assertThat(output.lines())
        .filteredOn(l -> l.startsWith("Data from "))
        .hasSize(SemaphoreFetch.URL_LIST.size());
    assertThat(output.lines())
        .anyMatch(
            l -> l.matches("-- semaphorefetch: 3\\.\\d\\d s \\(synchronous version: 5\\.00 s\\)"));
  }

  @Test
  void aFailingProgramIsReportedAndTheRestRuns() {
    Example failing =
        new Example(
            "failing",
            "seed 000: a test program",
            "",
            out -> {
              throw new IllegalStateException("boom");
            });
    Example fine = Demo.examples().get("futurestates");
    boolean ok = Demo.run(List.of(failing, fine), output.out);
    assertThat(ok).isFalse();
    assertThat(output.lines()).contains("-- failing: FAILED", "false");
    assertThat(output.lines().getLast()).endsWith(", some FAILED");
  }
}

package org.asyncio4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoTest {
  private final Output output = new Output();

  @Test
  void everyProgramHasAUniqueLowerCaseName() {
    Map<String, Example> all = Demo.examples();
    assertThat(all).hasSize(25);
    assertThat(all.keySet()).allMatch(n -> n.matches("[a-z]+"));
    assertThat(all.values()).allMatch(e -> e.title().startsWith("seed 00"));
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

package org.asyncio4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The subprocess example: lines are printed as the command writes them, not when it ends. */
@Timeout(60)
class RunCommandTest {
  private static final Pattern LINE = Pattern.compile("\\[(\\d+\\.\\d) s\\] (.*)");

  private final Output output = new Output();

  @Test
  void printsEachLineWhenItComes() {
    int code = RunCommand.run(output.out, RunCommand.DEFAULT_COMMAND);
    List<String> lines = output.lines();
    assertThat(code).isZero();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(3)).isEqualTo("exit 0");
    double previous = -1;
    for (int i = 0; i < 3; i++) {
      Matcher m = LINE.matcher(lines.get(i));
      assertThat(m.matches()).as(lines.get(i)).isTrue();
      assertThat(m.group(2)).isEqualTo("line " + (i + 1));
      double at = Double.parseDouble(m.group(1));
      if (previous >= 0) {
        // The command sleeps half a second between lines: a program that printed only at the
        // end would show them all at the same time.
        assertThat(at - previous)
            .as("seconds between lines %d and %d", i, i + 1)
            .isGreaterThanOrEqualTo(0.4 - 1e-9);
      }
      previous = at;
    }
  }

  @Test
  void reportsTheExitCodeAndStderrInPlace() {
    int code = RunCommand.run(output.out, List.of("sh", "-c", "echo out; echo err >&2; exit 3"));
    assertThat(code).isEqualTo(3);
    assertThat(output.lines()).hasSize(3);
    assertThat(output.lines().get(0)).endsWith("] out");
    assertThat(output.lines().get(1)).endsWith("] err");
    assertThat(output.lines().get(2)).isEqualTo("exit 3");
  }
}

package org.asyncio4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs an asyncio documentation example in CPython (python3, a child process), so that a test can
 * hold the Java twin's output against the original's. Skips the test where there is no python3.
 */
final class Cpython {
  private static final Path PYTHON = Path.of("/usr/bin/python3");

  /** How long a docs client may take; it ends in milliseconds on loopback. */
  private static final long TIMEOUT_SECONDS = 30;

  private Cpython() {}

  /** Runs {@code script} with {@code args} to its end and returns what it printed; no stderr. */
  static List<String> run(String script, String... args) throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(PYTHON), "needs python3 at " + PYTHON);
    List<String> command = new ArrayList<>(List.of(PYTHON.toString(), "-u", "-c", script));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).start();
    // The output is a few lines: it fits the pipes' buffers, so waiting first cannot deadlock.
    if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("python3 did not finish in " + TIMEOUT_SECONDS + " s: " + script);
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(err).as("python3's stderr").isEmpty();
    assertThat(p.exitValue()).as("python3's exit code").isZero();
    return out.lines().toList();
  }
}

package org.asyncio4j.internal.process;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Exit values and signals: how the JDK reports a signalled child, and how to send one a signal the
 * JDK has no method for.
 *
 * <p>On Unix the JDK's {@link Process#exitValue()} is the exit status for a normal exit and {@code
 * 128 + N} for a child killed by signal N (the {@code WIFSIGNALED} branch of its {@code waitpid}
 * code), as a shell's {@code $?}. asyncio reports a signalled child as {@code -N}; so do we, for
 * every value from {@code 129} to {@code 128 + }{@value #MAX_SIGNAL}. The JDK folds both cases into
 * one number, so a child that itself calls {@code exit(130)} is reported as {@code -2} too: a
 * program that must tell those apart should not use exit statuses above 128, as shells already
 * advise.
 */
final class ExitCodes {
  static final int SIGKILL = 9;
  static final int SIGTERM = 15;

  /** The highest signal number on Linux (SIGRTMAX). */
  static final int MAX_SIGNAL = 64;

  /** The JDK's offset for a signalled child's exit value. */
  private static final int SIGNAL_EXIT_BASE = 128;

  /** How long to wait for the {@code kill} command. */
  private static final long KILL_COMMAND_TIMEOUT_SECONDS = 5;

  private ExitCodes() {}

  /** The asyncio return code for the JDK's exit value. */
  static int returncode(int exitValue) {
    if (exitValue > SIGNAL_EXIT_BASE && exitValue <= SIGNAL_EXIT_BASE + MAX_SIGNAL) {
      return -(exitValue - SIGNAL_EXIT_BASE);
    }
    return exitValue;
  }

  /** Sends {@code signal} to {@code process}: through the JDK where it can, else {@code kill}. */
  static void sendSignal(Process process, int signal) {
    if (signal <= 0 || signal > MAX_SIGNAL) {
      throw new IllegalArgumentException(
          "Not a signal number: " + signal + "; pass 1.." + MAX_SIGNAL + " (SIGTERM is 15)");
    }
    if (signal == SIGTERM) {
      process.destroy(); // SIGTERM on Unix
      return;
    }
    if (signal == SIGKILL) {
      process.destroyForcibly(); // SIGKILL on Unix
      return;
    }
    if (System.getProperty("os.name", "").startsWith("Windows")) {
      throw new UnsupportedOperationException(
          "Signal "
              + signal
              + " cannot be sent on Windows: only terminate() and kill() work there");
    }
    try {
      Process kill =
          new ProcessBuilder(List.of("kill", "-" + signal, Long.toString(process.pid())))
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!kill.waitFor(KILL_COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        kill.destroyForcibly();
        throw new IllegalStateException(
            "kill -"
                + signal
                + " "
                + process.pid()
                + " did not finish in "
                + KILL_COMMAND_TIMEOUT_SECONDS
                + " s");
      }
      // A non-zero status means the child is gone already: ignored, as asyncio ignores
      // ProcessLookupError.
    } catch (IOException e) {
      throw new UnsupportedOperationException(
          "Signal "
              + signal
              + " needs the kill command, which could not be run: "
              + e.getMessage()
              + "; only terminate() and kill() work without it",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sending signal " + signal, e);
    }
  }
}

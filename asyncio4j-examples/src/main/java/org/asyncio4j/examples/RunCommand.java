package org.asyncio4j.examples;

import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.asyncio4j.EventLoop;
import org.asyncio4j.net.StreamReader;
import org.asyncio4j.process.Redirect;
import org.asyncio4j.process.Subprocess;
import org.asyncio4j.process.SubprocessOptions;
import org.asyncio4j.process.Subprocesses;

/**
 * Runs a command and prints its output line by line as it comes, each line with the time it
 * arrived, then the exit code (issue 8; the Python original is ours):
 *
 * <pre>{@code
 * async def main(cmd):
 *     start = time.perf_counter()
 *     proc = await asyncio.create_subprocess_exec(
 *         *cmd, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
 *     async for line in proc.stdout:
 *         print(f"[{time.perf_counter() - start:0.1f} s] {line.decode().rstrip()}")
 *     print(f"exit {await proc.wait()}")
 *
 * asyncio.run(main(sys.argv[1:] or ["sh", "-c", "for i in 1 2 3; do echo line $i; sleep 0.5; done"]))
 * }</pre>
 *
 * <p>The task reading the lines waits in {@code readline()} while the command is quiet; the loop
 * meanwhile is free for other tasks. stderr is merged into stdout ({@link Redirect#STDOUT}) so that
 * errors appear in place.
 */
public final class RunCommand {
  /** What runs when no command is given: three lines, half a second apart. */
  static final List<String> DEFAULT_COMMAND =
      List.of("sh", "-c", "for i in 1 2 3; do echo line $i; sleep 0.5; done");

  private RunCommand() {}

  /**
   * Runs the command given as arguments, or {@link #DEFAULT_COMMAND}.
   *
   * @param args the program and its arguments
   */
  public static void main(String[] args) {
    int code = run(System.out, args.length == 0 ? DEFAULT_COMMAND : List.of(args));
    System.exit(code < 0 ? 128 - code : code);
  }

  /**
   * Runs {@code command} on a new loop, printing to {@code out}.
   *
   * @param out where the lines go
   * @param command the program and its arguments
   * @return the command's return code
   */
  public static int run(PrintStream out, List<String> command) {
    try (EventLoop loop = EventLoop.create()) {
      return loop.runUntilComplete(() -> main(out, command));
    }
  }

  private static int main(PrintStream out, List<String> command) {
    double start = Programs.perfCounter();
    Subprocess proc =
        Subprocesses.exec(
            command, SubprocessOptions.defaults().stdout(Redirect.PIPE).stderr(Redirect.STDOUT));
    StreamReader stdout = Objects.requireNonNull(proc.stdout());
    for (byte[] line : stdout) {
      out.println(
          String.format(
              Locale.ROOT,
              "[%.1f s] %s",
              Programs.perfCounter() - start,
              new String(line, Charset.defaultCharset()).stripTrailing()));
    }
    int code = proc.waitFor();
    out.println("exit " + code);
    return code;
  }
}

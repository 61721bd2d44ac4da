package org.asyncio4j.process;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.asyncio4j.net.StreamReader;
import org.jspecify.annotations.Nullable;

/**
 * How to start a child process: where its three standard streams go, its working directory, its
 * environment, and the limit of its stream readers. Immutable; each {@code with}-style method
 * returns a changed copy.
 *
 * <pre>{@code
 * SubprocessOptions options =
 *     SubprocessOptions.pipes().stderr(Redirect.STDOUT).cwd(Path.of("/tmp"));
 * }</pre>
 *
 * <p>asyncio: the keyword arguments of {@code create_subprocess_exec}: {@code stdin}, {@code
 * stdout}, {@code stderr}, {@code cwd}, {@code env}, {@code limit}.
 *
 * @param stdin where the child's stdin comes from
 * @param stdout where the child's stdout goes
 * @param stderr where the child's stderr goes ({@link Redirect#STDOUT}: with stdout)
 * @param cwd the working directory, or null for the parent's
 * @param env the whole environment, or null for the parent's
 * @param limit the limit of the {@link StreamReader}s of stdout and stderr, in bytes
 */
public record SubprocessOptions(
    Redirect stdin,
    Redirect stdout,
    Redirect stderr,
    @Nullable Path cwd,
    @Nullable Map<String, String> env,
    int limit) {

  /**
   * Checks the options.
   *
   * @throws IllegalArgumentException if a redirect does not fit its stream or the limit is not
   *     positive
   */
  public SubprocessOptions {
    Objects.requireNonNull(stdin, "stdin");
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
    stdin.forInput();
    stdout.forOutput("stdout");
    if (stderr != Redirect.STDOUT) {
      stderr.forOutput("stderr");
    }
    if (limit <= 0) {
      throw new IllegalArgumentException("limit must be positive (bytes), got " + limit);
    }
    env = env == null ? null : Map.copyOf(env);
  }

  /**
   * asyncio's defaults: every stream inherited from the parent.
   *
   * @return the options
   */
  public static SubprocessOptions defaults() {
    return new SubprocessOptions(
        Redirect.INHERIT,
        Redirect.INHERIT,
        Redirect.INHERIT,
        null,
        null,
        StreamReader.DEFAULT_LIMIT_BYTES);
  }

  /**
   * All three streams piped, as for {@link Subprocess#communicate}.
   *
   * @return the options
   */
  public static SubprocessOptions pipes() {
    return defaults().stdin(Redirect.PIPE).stdout(Redirect.PIPE).stderr(Redirect.PIPE);
  }

  /**
   * Returns a copy with stdin redirected.
   *
   * @param r where stdin comes from
   * @return the changed options
   */
  public SubprocessOptions stdin(Redirect r) {
    return new SubprocessOptions(r, stdout, stderr, cwd, env, limit);
  }

  /**
   * Returns a copy with stdout redirected.
   *
   * @param r where stdout goes
   * @return the changed options
   */
  public SubprocessOptions stdout(Redirect r) {
    return new SubprocessOptions(stdin, r, stderr, cwd, env, limit);
  }

  /**
   * Returns a copy with stderr redirected.
   *
   * @param r where stderr goes
   * @return the changed options
   */
  public SubprocessOptions stderr(Redirect r) {
    return new SubprocessOptions(stdin, stdout, r, cwd, env, limit);
  }

  /**
   * Returns a copy with another working directory.
   *
   * @param dir the directory, or null for the parent's
   * @return the changed options
   */
  public SubprocessOptions cwd(@Nullable Path dir) {
    return new SubprocessOptions(stdin, stdout, stderr, dir, env, limit);
  }

  /**
   * Returns a copy with another environment (the whole of it, not additions).
   *
   * @param environment the variables, or null for the parent's
   * @return the changed options
   */
  public SubprocessOptions env(@Nullable Map<String, String> environment) {
    return new SubprocessOptions(stdin, stdout, stderr, cwd, environment, limit);
  }

  /**
   * Returns a copy with another stream-reader limit.
   *
   * @param bytes the limit
   * @return the changed options
   */
  public SubprocessOptions limit(int bytes) {
    return new SubprocessOptions(stdin, stdout, stderr, cwd, env, bytes);
  }

  /**
   * Makes the JDK's builder for {@code command} with these options. For the internal layer.
   *
   * @param command the program and its arguments
   * @return the builder
   */
  ProcessBuilder toBuilder(java.util.List<String> command) {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.redirectInput(stdin.forInput());
    pb.redirectOutput(stdout.forOutput("stdout"));
    if (stderr == Redirect.STDOUT) {
      pb.redirectErrorStream(true);
    } else {
      pb.redirectError(stderr.forOutput("stderr"));
    }
    if (cwd != null) {
      pb.directory(cwd.toFile());
    }
    if (env != null) {
      pb.environment().clear();
      pb.environment().putAll(env);
    }
    return pb;
  }
}

package org.asyncio4j.process;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Where one of a child's standard streams goes: a pipe to the loop, the parent's own stream,
 * nowhere, a file, or (for stderr) wherever stdout goes.
 *
 * <pre>{@code
 * SubprocessOptions options =
 *     SubprocessOptions.defaults().stdout(Redirect.PIPE).stderr(Redirect.STDOUT);
 * }</pre>
 *
 * <p>asyncio: the {@code stdin}/{@code stdout}/{@code stderr} arguments: {@code PIPE}, {@code None}
 * ({@link #INHERIT}), {@code DEVNULL}, {@code STDOUT}, or an open file.
 */
public final class Redirect {
  /** What kind of redirect. */
  enum Kind {
    PIPE,
    INHERIT,
    DEVNULL,
    STDOUT,
    READ_FILE,
    WRITE_FILE,
    APPEND_FILE
  }

  /** A pipe between the child and the loop: a stream of the {@link Subprocess}. */
  public static final Redirect PIPE = new Redirect(Kind.PIPE, null);

  /** The parent's own stream (asyncio's {@code None}, the default). */
  public static final Redirect INHERIT = new Redirect(Kind.INHERIT, null);

  /** {@code /dev/null}: the child reads nothing, or what it writes is dropped. */
  public static final Redirect DEVNULL = new Redirect(Kind.DEVNULL, null);

  /** For stderr only: into the same place as stdout. */
  public static final Redirect STDOUT = new Redirect(Kind.STDOUT, null);

  private final Kind kind;
  private final @Nullable Path file;

  private Redirect(Kind kind, @Nullable Path file) {
    this.kind = kind;
    this.file = file;
  }

  /**
   * The child's stdin reads {@code file}.
   *
   * @param file the file to read
   * @return the redirect
   */
  public static Redirect from(Path file) {
    return new Redirect(Kind.READ_FILE, file);
  }

  /**
   * The child's stdout or stderr replaces the contents of {@code file}.
   *
   * @param file the file to write
   * @return the redirect
   */
  public static Redirect to(Path file) {
    return new Redirect(Kind.WRITE_FILE, file);
  }

  /**
   * The child's stdout or stderr is appended to {@code file}.
   *
   * @param file the file to append to
   * @return the redirect
   */
  public static Redirect appendTo(Path file) {
    return new Redirect(Kind.APPEND_FILE, file);
  }

  Kind kind() {
    return kind;
  }

  @Nullable Path file() {
    return file;
  }

  /** The JDK's redirect for the child's stdin. */
  ProcessBuilder.Redirect forInput() {
    return switch (kind) {
      case PIPE -> ProcessBuilder.Redirect.PIPE;
      case INHERIT -> ProcessBuilder.Redirect.INHERIT;
      case DEVNULL -> ProcessBuilder.Redirect.from(new java.io.File(DEV_NULL));
      case READ_FILE -> ProcessBuilder.Redirect.from(fileOrThrow().toFile());
      case STDOUT, WRITE_FILE, APPEND_FILE ->
          throw new IllegalArgumentException(
              this + " is not a redirect for stdin: use PIPE, INHERIT, DEVNULL or from(file)");
    };
  }

  /** The JDK's redirect for the child's stdout or stderr ({@link #STDOUT} is handled apart). */
  ProcessBuilder.Redirect forOutput(String stream) {
    return switch (kind) {
      case PIPE -> ProcessBuilder.Redirect.PIPE;
      case INHERIT -> ProcessBuilder.Redirect.INHERIT;
      case DEVNULL -> ProcessBuilder.Redirect.DISCARD;
      case WRITE_FILE -> ProcessBuilder.Redirect.to(fileOrThrow().toFile());
      case APPEND_FILE -> ProcessBuilder.Redirect.appendTo(fileOrThrow().toFile());
      case STDOUT, READ_FILE ->
          throw new IllegalArgumentException(
              this
                  + " is not a redirect for "
                  + stream
                  + ": use PIPE, INHERIT, DEVNULL, to(file) or appendTo(file)"
                  + (kind == Kind.STDOUT ? " (STDOUT is for stderr only)" : ""));
    };
  }

  private Path fileOrThrow() {
    Path f = file;
    if (f == null) {
      throw new IllegalStateException(this + " has no file");
    }
    return f;
  }

  /** Where the JDK's DISCARD points on Unix; also the input of {@link #DEVNULL}. */
  private static final String DEV_NULL = "/dev/null";

  @Override
  public String toString() {
    return file == null ? "Redirect." + kind : "Redirect." + kind + "(" + file + ")";
  }
}

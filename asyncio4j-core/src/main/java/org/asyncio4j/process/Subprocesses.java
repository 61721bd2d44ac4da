package org.asyncio4j.process;

import java.util.List;
import java.util.function.Supplier;
import org.asyncio4j.Asyncio;
import org.asyncio4j.EventLoop;
import org.asyncio4j.internal.process.ProcessTransport;
import org.asyncio4j.internal.process.SubprocessStreamProtocol;
import org.asyncio4j.net.Endpoint;

/**
 * Starting child processes from a task: {@link #exec} and {@link #shell} give a {@link Subprocess}
 * with streams; {@link #subprocessExec} and {@link #subprocessShell} connect the child to a {@link
 * SubprocessProtocol} of your own. Each must be called from a task of a running loop, and the child
 * belongs to that loop.
 *
 * <pre>{@code
 * Subprocess p = Subprocesses.exec(List.of("ls", "-l"), SubprocessOptions.defaults()
 *     .stdout(Redirect.PIPE));
 * for (byte[] line : p.stdout()) {
 *   System.out.print(new String(line, StandardCharsets.UTF_8));
 * }
 * p.waitFor();
 * }</pre>
 *
 * <p>asyncio: {@code asyncio.create_subprocess_exec}, {@code create_subprocess_shell}, {@code
 * loop.subprocess_exec}, {@code loop.subprocess_shell}
 */
public final class Subprocesses {
  /** The shell of {@link #shell}, as Python's {@code subprocess} uses on Unix. */
  static final String SHELL = "/bin/sh";

  private Subprocesses() {}

  /**
   * Starts {@code args} (the program, then its arguments; no shell) and returns the child with its
   * piped streams. Suspends the calling task until the child is connected.
   *
   * <p>Cancellation: if cancelled while it connects, the child is killed.
   *
   * <p>asyncio: {@code await asyncio.create_subprocess_exec(program, *args, ...)}
   *
   * @param args the program and its arguments
   * @param options redirects, directory, environment, reader limit
   * @return the child
   * @throws java.io.UncheckedIOException if the program cannot be started
   * @throws IllegalArgumentException if {@code args} is empty
   */
  public static Subprocess exec(List<String> args, SubprocessOptions options) {
    EventLoop loop = Asyncio.getRunningLoop();
    if (args.isEmpty()) {
      throw new IllegalArgumentException("exec() needs the program to run: args is empty");
    }
    SubprocessStreamProtocol protocol = new SubprocessStreamProtocol(loop, options.limit());
    ProcessTransport t = ProcessTransport.start(loop, () -> protocol, options.toBuilder(args));
    return new Subprocess(t, protocol);
  }

  /**
   * Starts {@code args} with every stream inherited, as {@link #exec(List, SubprocessOptions)}.
   *
   * <p>asyncio: {@code await asyncio.create_subprocess_exec(program, *args)}
   *
   * @param args the program and its arguments
   * @return the child
   */
  public static Subprocess exec(String... args) {
    return exec(List.of(args), SubprocessOptions.defaults());
  }

  /**
   * Runs {@code command} through {@code /bin/sh -c}, as {@link #exec}. Quote what comes from
   * elsewhere: the shell interprets every character.
   *
   * <p>asyncio: {@code await asyncio.create_subprocess_shell(cmd, ...)}
   *
   * @param command the shell command line
   * @param options redirects, directory, environment, reader limit
   * @return the child (the shell's process)
   */
  public static Subprocess shell(String command, SubprocessOptions options) {
    return exec(List.of(SHELL, "-c", command), options);
  }

  /**
   * Starts {@code args} and connects its pipes to a protocol from {@code factory}; suspends the
   * calling task until the protocol's {@code connectionMade} has run.
   *
   * <p>asyncio: {@code await loop.subprocess_exec(protocol_factory, *args, ...)}
   *
   * @param factory makes the protocol
   * @param args the program and its arguments
   * @param options redirects, directory, environment (the limit is not used)
   * @param <P> the protocol type
   * @return the transport and the protocol
   * @throws java.io.UncheckedIOException if the program cannot be started
   */
  public static <P extends SubprocessProtocol> Endpoint<SubprocessTransport, P> subprocessExec(
      Supplier<P> factory, List<String> args, SubprocessOptions options) {
    EventLoop loop = Asyncio.getRunningLoop();
    if (args.isEmpty()) {
      throw new IllegalArgumentException(
          "subprocessExec() needs the program to run: args is empty");
    }
    ProcessTransport t = ProcessTransport.start(loop, factory, options.toBuilder(args));
    @SuppressWarnings("unchecked") // start() made the protocol with factory
    P protocol = (P) t.getProtocol();
    return new Endpoint<>(t, protocol);
  }

  /**
   * Runs {@code command} through {@code /bin/sh -c}, as {@link #subprocessExec}.
   *
   * <p>asyncio: {@code await loop.subprocess_shell(protocol_factory, cmd, ...)}
   *
   * @param factory makes the protocol
   * @param command the shell command line
   * @param options redirects, directory, environment
   * @param <P> the protocol type
   * @return the transport and the protocol
   */
  public static <P extends SubprocessProtocol> Endpoint<SubprocessTransport, P> subprocessShell(
      Supplier<P> factory, String command, SubprocessOptions options) {
    return subprocessExec(factory, List.of(SHELL, "-c", command), options);
  }
}

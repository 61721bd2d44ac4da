package org.asyncio4j.process;

import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Coroutine;
import org.asyncio4j.internal.process.ProcessTransport;
import org.asyncio4j.internal.process.SubprocessStreamProtocol;
import org.asyncio4j.net.ConnectionResetException;
import org.asyncio4j.net.StreamReader;
import org.asyncio4j.net.StreamWriter;
import org.jspecify.annotations.Nullable;

/**
 * A child process whose piped streams are a {@link StreamWriter} (its stdin) and {@link
 * StreamReader}s (its stdout and stderr), made by {@link Subprocesses#exec} or {@link
 * Subprocesses#shell}. Named so as not to shadow {@link java.lang.Process}.
 *
 * <p>Loop-confined: use it only from tasks of the loop that started it. Cancelling {@link
 * #waitFor()} or {@link #communicate} leaves the child running, as in asyncio: kill it with {@link
 * #kill()} if it must stop.
 *
 * <pre>{@code
 * Subprocess p = Subprocesses.exec(List.of("sort"), SubprocessOptions.pipes());
 * Subprocess.Output out = p.communicate("b\na\n".getBytes(StandardCharsets.UTF_8));
 * System.out.print(new String(out.stdout(), StandardCharsets.UTF_8));  // a, b
 * System.out.println("exit " + p.returncode());                        // 0
 * }</pre>
 *
 * <p>asyncio: {@code asyncio.subprocess.Process}
 */
public final class Subprocess {
  /**
   * What {@link #communicate} collected.
   *
   * @param stdout all the child wrote to stdout, or null if it was not piped
   * @param stderr all the child wrote to stderr, or null if it was not piped
   */
  @SuppressWarnings("ArrayRecordComponent") // asyncio's (stdout, stderr) tuple of bytes: the
  // arrays are the caller's to keep, and nobody compares two outputs with equals
  public record Output(byte @Nullable [] stdout, byte @Nullable [] stderr) {}

  private final ProcessTransport transport;
  private final @Nullable StreamWriter stdin;
  private final @Nullable StreamReader stdout;
  private final @Nullable StreamReader stderr;

  Subprocess(ProcessTransport transport, SubprocessStreamProtocol protocol) {
    this.transport = transport;
    this.stdin = protocol.stdin();
    this.stdout = protocol.stdout();
    this.stderr = protocol.stderr();
  }

  /**
   * Returns the writer to the child's stdin.
   *
   * <p>asyncio: {@code Process.stdin}
   *
   * @return the writer, or null if stdin is not {@link Redirect#PIPE}
   */
  public @Nullable StreamWriter stdin() {
    return stdin;
  }

  /**
   * Returns the reader of the child's stdout.
   *
   * <p>asyncio: {@code Process.stdout}
   *
   * @return the reader, or null if stdout is not {@link Redirect#PIPE}
   */
  public @Nullable StreamReader stdout() {
    return stdout;
  }

  /**
   * Returns the reader of the child's stderr.
   *
   * <p>asyncio: {@code Process.stderr}
   *
   * @return the reader, or null if stderr is not {@link Redirect#PIPE}
   */
  public @Nullable StreamReader stderr() {
    return stderr;
  }

  /**
   * Returns the child's process id.
   *
   * <p>asyncio: {@code Process.pid}
   *
   * @return the pid
   */
  public long pid() {
    return transport.getPid();
  }

  /**
   * Returns the child's return code, or null while it runs: its exit status, or {@code -N} if
   * signal N killed it. The JDK reports a signalled child as {@code 128 + N}; every exit value from
   * 129 to 192 is therefore given as {@code -(value - 128)}, including a child that exits with such
   * a status itself, which the JDK cannot tell apart.
   *
   * <p>The code is known once the child has exited and its stdout and stderr pipes have ended.
   *
   * <p>asyncio: {@code Process.returncode}
   *
   * @return the code, or null
   */
  public @Nullable Integer returncode() {
    return transport.getReturncode();
  }

  /**
   * Suspends the calling task until the child exits; returns its {@link #returncode()}. Read the
   * piped output meanwhile (or use {@link #communicate}): a child that fills its pipe waits for it
   * to be read, and so would this.
   *
   * <p>Cancellation: the child keeps running.
   *
   * <p>asyncio: {@code await Process.wait()} ({@code wait} is final in {@link Object})
   *
   * @return the return code
   * @throws org.asyncio4j.CancelledException if the calling task is cancelled while it waits
   */
  public int waitFor() {
    return transport.waitForExit();
  }

  /**
   * The same as {@link #waitFor()}, named as {@code Future.await()}.
   *
   * <p>asyncio: {@code await Process.wait()}
   *
   * @return the return code
   */
  public int await() {
    return waitFor();
  }

  /**
   * Writes {@code input} to the child's stdin and closes it, reads its stdout and stderr to their
   * ends, all at once (so a child that writes much before it reads cannot deadlock it), then waits
   * for the child to exit. A child that stops reading its stdin early is not an error here: the
   * broken pipe is ignored, as asyncio does.
   *
   * <p>Cancellation: the child keeps running; what was read so far is lost.
   *
   * <p>asyncio: {@code await Process.communicate(input)}
   *
   * @param input the bytes for stdin, or null to write none (stdin is still closed)
   * @return what the child wrote to its piped stdout and stderr
   * @throws IllegalStateException if {@code input} is given and stdin is not piped
   * @throws org.asyncio4j.CancelledException if the calling task is cancelled while it waits
   */
  public Output communicate(byte @Nullable [] input) {
    if (input != null && stdin == null) {
      throw new IllegalStateException(
          "communicate(input) on "
              + this
              + " whose stdin is not piped: start it with"
              + " stdin(Redirect.PIPE)");
    }
    List<Coroutine<byte @Nullable []>> parts = new ArrayList<>(3);
    StreamWriter in = stdin;
    parts.add(() -> {
      if (in != null) {
        feedStdin(in, input);
      }
      return null;
    });
    parts.add(() -> readStream(stdout, 1));
    parts.add(() -> readStream(stderr, 2));
    List<byte @Nullable []> out = Asyncio.<byte @Nullable []>gather(parts).await();
    waitFor();
    return new Output(out.get(1), out.get(2));
  }

  /**
   * Communicates with no input.
   *
   * <p>asyncio: {@code await Process.communicate()}
   *
   * @return what the child wrote to its piped stdout and stderr
   */
  public Output communicate() {
    return communicate(null);
  }

  private static void feedStdin(StreamWriter in, byte @Nullable [] input) {
    try {
      if (input != null) {
        in.write(input);
      }
      in.drain();
    } catch (ConnectionResetException e) {
      // The child closed its stdin or exited: communicate() ignores a broken pipe (asyncio).
    }
    in.close();
  }

  private byte @Nullable [] readStream(@Nullable StreamReader stream, int fd) {
    if (stream == null) {
      return null;
    }
    byte[] all = stream.read(-1);
    org.asyncio4j.net.BaseTransport pipe = transport.getPipeTransport(fd);
    if (pipe != null) {
      pipe.close();
    }
    return all;
  }

  /**
   * Sends signal {@code signal} to the child, as {@link SubprocessTransport#sendSignal}.
   *
   * <p>asyncio: {@code Process.send_signal}
   *
   * @param signal the signal number
   */
  public void sendSignal(int signal) {
    transport.sendSignal(signal);
  }

  /**
   * Asks the child to stop (SIGTERM); does nothing once it has exited.
   *
   * <p>asyncio: {@code Process.terminate}
   */
  public void terminate() {
    transport.terminate();
  }

  /**
   * Kills the child (SIGKILL); does nothing once it has exited.
   *
   * <p>asyncio: {@code Process.kill}
   */
  public void kill() {
    transport.kill();
  }

  /**
   * Returns the child's transport.
   *
   * @return the transport
   */
  public SubprocessTransport transport() {
    return transport;
  }

  @Override
  public String toString() {
    return "<Subprocess "
        + pid()
        + (returncode() != null ? " returncode=" + returncode() : "")
        + ">";
  }
}

package org.asyncio4j.process;

import org.asyncio4j.net.BaseTransport;
import org.jspecify.annotations.Nullable;

/**
 * A child process and its pipes, as {@link Subprocesses#subprocessExec} makes it.
 *
 * <p>Loop-confined: call it only from tasks and callbacks of the loop that started the child.
 *
 * <pre>{@code
 * Endpoint<SubprocessTransport, SubprocessProtocol> e =
 *     Subprocesses.subprocessExec(
 *         () -> new SubprocessProtocol() {}, List.of("ls", "-l"), SubprocessOptions.pipes());
 * System.out.println("pid " + e.transport().getPid());
 * }</pre>
 *
 * <p>asyncio: {@code asyncio.SubprocessTransport}
 */
public interface SubprocessTransport extends BaseTransport {
  /**
   * Returns the child's process id.
   *
   * <p>asyncio: {@code SubprocessTransport.get_pid}
   *
   * @return the pid
   */
  long getPid();

  /**
   * Returns the child's return code once it has exited (see {@link Subprocess#returncode()} for
   * what a signal gives), or null while it runs.
   *
   * <p>asyncio: {@code SubprocessTransport.get_returncode}
   *
   * @return the code, or null
   */
  @Nullable Integer getReturncode();

  /**
   * Returns the transport of the pipe to the child's {@code fd}: a {@link
   * org.asyncio4j.net.WriteTransport} for 0 (stdin), a {@link org.asyncio4j.net.ReadTransport} for
   * 1 and 2 (stdout, stderr).
   *
   * <p>asyncio: {@code SubprocessTransport.get_pipe_transport}
   *
   * @param fd 0, 1 or 2
   * @return the pipe's transport, or null if that fd is not a pipe
   */
  @Nullable BaseTransport getPipeTransport(int fd);

  /**
   * Sends signal {@code signal} to the child; does nothing once it has exited. SIGTERM (15) and
   * SIGKILL (9) go through the JDK ({@link java.lang.Process#destroy}, {@link
   * java.lang.Process#destroyForcibly}); any other signal is sent by running {@code kill -<signal>
   * <pid>}, which blocks the loop for the few milliseconds that takes.
   *
   * <p>asyncio: {@code SubprocessTransport.send_signal}
   *
   * @param signal the signal number
   * @throws IllegalArgumentException if {@code signal} is not a positive signal number
   * @throws UnsupportedOperationException if another signal is asked for where there is no {@code
   *     kill} command (Windows)
   */
  void sendSignal(int signal);

  /**
   * Asks the child to stop: SIGTERM.
   *
   * <p>asyncio: {@code SubprocessTransport.terminate}
   */
  void terminate();

  /**
   * Kills the child: SIGKILL.
   *
   * <p>asyncio: {@code SubprocessTransport.kill}
   */
  void kill();

  /**
   * Closes the pipes and kills the child if it still runs. Idempotent.
   *
   * <p>asyncio: {@code SubprocessTransport.close}
   */
  @Override
  void close();
}

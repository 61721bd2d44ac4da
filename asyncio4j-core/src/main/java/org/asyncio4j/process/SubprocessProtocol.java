package org.asyncio4j.process;

import org.asyncio4j.net.BaseProtocol;
import org.jspecify.annotations.Nullable;

/**
 * The callbacks of a child process's transport, all on the loop: {@code connectionMade} once, then
 * {@link #pipeDataReceived} for what the child writes to its stdout (fd 1) or stderr (fd 2), {@link
 * #pipeConnectionLost} once per pipe, {@link #processExited} once, and {@code connectionLost} last,
 * once the child has exited and every pipe is closed. {@code pauseWriting}/{@code resumeWriting}
 * are about the stdin pipe's buffer.
 *
 * <p>Order: a read pipe's data all comes before its {@code pipeConnectionLost}. {@code
 * processExited} is called once the child has exited and every read pipe has reached its end (so
 * after the read pipes' {@code pipeConnectionLost}); the stdin pipe, if still open, is lost after
 * it. asyncio leaves the order of pipe ends and exit to the operating system (gh-108973); here it
 * is always this one.
 *
 * <pre>{@code
 * class Collect implements SubprocessProtocol {
 *   final ByteArrayOutputStream out = new ByteArrayOutputStream();
 *
 *   public void pipeDataReceived(int fd, byte[] data) {
 *     if (fd == 1) out.writeBytes(data);
 *   }
 * }
 * }</pre>
 *
 * <p>asyncio: {@code asyncio.SubprocessProtocol}
 */
public interface SubprocessProtocol extends BaseProtocol<SubprocessTransport> {
  /**
   * The child wrote {@code data} to its stdout ({@code fd} 1) or stderr ({@code fd} 2).
   *
   * <p>asyncio: {@code SubprocessProtocol.pipe_data_received}
   *
   * @param fd the child's file descriptor: 1 or 2
   * @param data the bytes, a fresh array the protocol may keep
   */
  default void pipeDataReceived(int fd, byte[] data) {}

  /**
   * A pipe to the child closed: {@code fd} 0 (stdin), 1 (stdout) or 2 (stderr).
   *
   * <p>asyncio: {@code SubprocessProtocol.pipe_connection_lost}
   *
   * @param fd the child's file descriptor
   * @param exc null for a regular end, else what broke the pipe (a write to a child that no longer
   *     reads: {@link org.asyncio4j.net.ConnectionResetException})
   */
  default void pipeConnectionLost(int fd, @Nullable Exception exc) {}

  /**
   * The child exited; {@link SubprocessTransport#getReturncode()} has its code.
   *
   * <p>asyncio: {@code SubprocessProtocol.process_exited}
   */
  default void processExited() {}
}

package org.asyncio4j.net;

import java.io.IOException;

/**
 * The connection was aborted on this side: a TLS handshake that took longer than its timeout, or a
 * transport that was aborted while an operation (a {@code sendfile}, say) was using it.
 *
 * <pre>{@code
 * try (FileChannel file = FileChannel.open(Path.of("big.iso"))) {
 *   loop.sendfile(transport, file);
 * } catch (ConnectionAbortedException e) {
 *   System.out.println(e.getMessage());
 * }
 * }</pre>
 *
 * <p>asyncio: {@code ConnectionAbortedError}
 */
public class ConnectionAbortedException extends ConnectionException {
  private static final long serialVersionUID = 1L;

  /**
   * An exception with a message and the JDK's exception that caused it.
   *
   * @param message what failed
   * @param cause the JDK's exception
   */
  public ConnectionAbortedException(String message, IOException cause) {
    super(message, cause);
  }

  /**
   * An exception with a message only.
   *
   * @param message what failed
   */
  public ConnectionAbortedException(String message) {
    super(message);
  }
}

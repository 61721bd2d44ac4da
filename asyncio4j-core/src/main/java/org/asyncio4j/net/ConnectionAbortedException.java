package org.asyncio4j.net;

import java.io.IOException;

/**
 * The connection was aborted on this side
 *
 * <pre>{@code
 * try {
 *   loop.createConnection(() -> new Protocol() {}, "127.0.0.1", 9);
 * } catch (ConnectionAbortedException e) {
 *   System.out.println(e.getMessage());
 * }
 * }</pre>
 *
 * <p>asyncio: {@code a handshake timed out, or the transport was aborted while an operation
 * waited.:ConnectionAbortedError}
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

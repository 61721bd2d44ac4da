package org.asyncio4j.net;

import java.io.IOException;

/**
 * The peer reset the connection, or it was lost while in use.
 *
 * <pre>{@code
 * try {
 *   loop.createConnection(() -> new Protocol() {}, "127.0.0.1", 9);
 * } catch (ConnectionResetException e) {
 *   System.out.println(e.getMessage());
 * }
 * }</pre>
 *
 * <p>asyncio: {@code ConnectionResetError}
 */
public class ConnectionResetException extends ConnectionException {
  private static final long serialVersionUID = 1L;

  /**
   * An exception with a message and the JDK's exception that caused it.
   *
   * @param message what failed
   * @param cause the JDK's exception
   */
  public ConnectionResetException(String message, IOException cause) {
    super(message, cause);
  }

  /**
   * An exception with a message only.
   *
   * @param message what failed
   */
  public ConnectionResetException(String message) {
    super(message);
  }
}

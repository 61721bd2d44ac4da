package org.asyncio4j.net;

import java.io.IOException;

/**
 * Nothing listens at the address connected to.
 *
 * <pre>{@code
 * try {
 *   loop.createConnection(() -> new Protocol() {}, "127.0.0.1", 9);
 * } catch (ConnectionRefusedException e) {
 *   System.out.println(e.getMessage());
 * }
 * }</pre>
 *
 * <p>asyncio: {@code ConnectionRefusedError}
 */
public class ConnectionRefusedException extends ConnectionException {
  private static final long serialVersionUID = 1L;

  /**
   * An exception with a message and the JDK's exception that caused it.
   *
   * @param message what failed
   * @param cause the JDK's exception
   */
  public ConnectionRefusedException(String message, IOException cause) {
    super(message, cause);
  }

  /**
   * An exception with a message only.
   *
   * @param message what failed
   */
  public ConnectionRefusedException(String message) {
    super(message);
  }
}

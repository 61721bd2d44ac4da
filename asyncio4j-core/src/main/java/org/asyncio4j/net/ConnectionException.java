package org.asyncio4j.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketException;

/**
 * A connection failed or broke: asyncio's {@code ConnectionError} family, unchecked as this
 * library's exceptions are. {@link #getCause()} is the JDK's own {@link IOException} where there
 * was one (a {@link java.net.ConnectException}, a {@link SocketException}), so code that knows the
 * JDK's types can still tell them apart.
 *
 * <pre>{@code
 * try {
 *   loop.createConnection(() -> new Protocol() {}, "127.0.0.1", 9);
 * } catch (ConnectionException e) {
 *   System.out.println("cannot connect: " + e.getMessage());
 * }
 * }</pre>
 *
 * <p>asyncio: {@code ConnectionError}
 */
public class ConnectionException extends UncheckedIOException {
  private static final long serialVersionUID = 1L;

  /**
   * An exception with a message and the JDK's exception that caused it.
   *
   * @param message what failed
   * @param cause the JDK's exception
   */
  public ConnectionException(String message, IOException cause) {
    super(message, cause);
  }

  /**
   * An exception with a message and no JDK exception behind it (the cause is a {@link
   * SocketException} with the same message, as {@link UncheckedIOException} needs one).
   *
   * @param message what failed
   */
  public ConnectionException(String message) {
    super(message, new SocketException(message));
  }
}

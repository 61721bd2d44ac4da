package org.asyncio4j.net;

/**
 * The zero-copy path of {@code sendfile} cannot be used for this socket and file, and the caller
 * turned the fallback (reading the file and writing it) off.
 *
 * <pre>{@code
 * try (FileChannel file = FileChannel.open(Path.of("index.html"))) {
 *   loop.sendfile(transport, file, 0, null, false);
 * } catch (SendfileNotAvailableException e) {
 *   System.out.println(e.getMessage());
 * }
 * }</pre>
 *
 * <p>asyncio: {@code asyncio.SendfileNotAvailableError} (a {@code RuntimeError}; here an {@link
 * UnsupportedOperationException}, the JDK's word for an operation this object cannot do)
 */
public class SendfileNotAvailableException extends UnsupportedOperationException {
  private static final long serialVersionUID = 1L;

  /**
   * An exception with a message.
   *
   * @param message why sendfile cannot be used
   */
  public SendfileNotAvailableException(String message) {
    super(message);
  }

  /**
   * An exception with a message and the cause.
   *
   * @param message why sendfile cannot be used
   * @param cause what the JDK reported
   */
  public SendfileNotAvailableException(String message, Throwable cause) {
    super(message, cause);
  }
}

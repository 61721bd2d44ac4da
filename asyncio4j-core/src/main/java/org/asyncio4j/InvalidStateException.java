package org.asyncio4j;

/**
 * Thrown when an operation is not allowed in the current state of a {@link Future}: setting the
 * result of a future that is already done, or reading the result of one that is not.
 *
 * <pre>{@code
 * Future<String> f = loop.createFuture();
 * f.result();   // throws InvalidStateException: Result is not ready.
 * }</pre>
 *
 * <p>asyncio: {@code asyncio.InvalidStateError}
 */
public class InvalidStateException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates one.
   *
   * @param message what state the object was in and what was attempted
   */
  public InvalidStateException(String message) {
    super(message);
  }
}

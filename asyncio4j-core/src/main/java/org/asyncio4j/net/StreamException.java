package org.asyncio4j.net;

/**
 * A stream read could not be satisfied as asked: the base of {@link IncompleteReadException} (the
 * stream ended first) and {@link LimitOverrunException} (the data passed the reader's limit).
 * Unchecked, as this library's exceptions are.
 *
 * <pre>{@code
 * try {
 *   byte[] header = reader.readexactly(16);
 * } catch (StreamException e) {
 *   System.out.println("bad frame: " + e.getMessage());
 * }
 * }</pre>
 *
 * <p>asyncio: no common base; {@code IncompleteReadError} extends {@code EOFError} and {@code
 * LimitOverrunError} extends {@code Exception}. One base lets a caller catch both in one clause.
 */
public class StreamException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * An exception with a message.
   *
   * @param message what went wrong
   */
  public StreamException(String message) {
    super(message);
  }
}

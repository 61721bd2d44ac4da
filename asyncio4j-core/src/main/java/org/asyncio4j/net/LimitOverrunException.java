package org.asyncio4j.net;

/**
 * A read until a separator passed the reader's limit ({@link StreamReader#DEFAULT_LIMIT_BYTES}
 * unless set): the separator was not found within the limit, or was found beyond it. From {@link
 * StreamReader#readuntil} the data stays in the reader, so it can still be read (with {@code
 * read(n)}, say); {@link #consumed()} says how much of it to skip to get past it.
 *
 * <pre>{@code
 * try {
 *   byte[] line = reader.readuntil("\r\n".getBytes(StandardCharsets.US_ASCII));
 * } catch (LimitOverrunException e) {
 *   reader.readexactly(e.consumed());  // skip what is known not to hold the separator
 * }
 * }</pre>
 *
 * <p>asyncio: {@code asyncio.LimitOverrunError}
 */
public class LimitOverrunException extends StreamException {
  private static final long serialVersionUID = 1L;

  private final int consumed;

  /**
   * An exception with asyncio's message and the number of bytes to consume.
   *
   * @param message what passed the limit
   * @param consumed how many bytes are known not to hold the separator (or precede it)
   */
  public LimitOverrunException(String message, int consumed) {
    super(message);
    this.consumed = consumed;
  }

  /**
   * Returns how many bytes of the reader's buffer are known not to hold the separator (when it was
   * not found), or precede it (when it was found beyond the limit).
   *
   * <p>asyncio: {@code LimitOverrunError.consumed}
   *
   * @return the byte count
   */
  public int consumed() {
    return consumed;
  }
}

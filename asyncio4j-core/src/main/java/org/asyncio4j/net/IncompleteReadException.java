package org.asyncio4j.net;

import org.jspecify.annotations.Nullable;

/**
 * The stream ended before a read was satisfied: {@link StreamReader#readexactly} reached the end
 * before {@code n} bytes, or {@link StreamReader#readuntil} before the separator. {@link
 * #partial()} holds the bytes read before the end; they are no longer in the reader.
 *
 * <pre>{@code
 * try {
 *   byte[] frame = reader.readexactly(512);
 * } catch (IncompleteReadException e) {
 *   System.out.println("peer closed after " + e.partial().length + " of " + e.expected());
 * }
 * }</pre>
 *
 * <p>asyncio: {@code asyncio.IncompleteReadError}; the message is asyncio's ({@code "18 bytes read
 * on a total of 36 expected bytes"}, {@code "undefined"} for a read until a separator).
 */
public class IncompleteReadException extends StreamException {
  private static final long serialVersionUID = 1L;

  private final byte[] partial;
  private final @Nullable Integer expected;

  /**
   * An exception for a read that got {@code partial} before the end.
   *
   * @param partial the bytes read before the end of the stream (kept, not copied)
   * @param expected how many bytes were asked for; null when the read was until a separator
   */
  public IncompleteReadException(byte[] partial, @Nullable Integer expected) {
    super(
        partial.length
            + " bytes read on a total of "
            + (expected == null ? "undefined" : expected.toString())
            + " expected bytes");
    this.partial = partial;
    this.expected = expected;
  }

  /**
   * Returns the bytes read before the stream ended (possibly part of the separator).
   *
   * <p>asyncio: {@code IncompleteReadError.partial}
   *
   * @return the bytes, the exception's own array
   */
  public byte[] partial() {
    return partial;
  }

  /**
   * Returns how many bytes the read asked for.
   *
   * <p>asyncio: {@code IncompleteReadError.expected}
   *
   * @return the count, or null for a read until a separator
   */
  public @Nullable Integer expected() {
    return expected;
  }
}

package org.asyncio4j.http.internal.codec;

/**
 * The bounds a parser enforces, by name. The defaults are aiohttp's: 8190 bytes for the start line
 * and for each field line, 128 fields, and a few empty lines before a request.
 *
 * @param maxLineSize the longest request line, status line or chunk-size line (extensions
 *     included), CRLF excluded; a longer request line is answered 414
 * @param maxFieldSize the longest header or trailer field line, CRLF excluded (431)
 * @param maxHeaders the most header fields, and separately the most trailer fields (431)
 * @param maxLeadingEmptyLines empty lines tolerated before a request or status line (RFC 9112 2.2
 *     asks for at least one)
 * @param maxContentLength the largest declared {@code Content-Length} (413); chunked bodies are
 *     bounded by their consumer, which sees every chunk as it arrives
 */
public record ParserLimits(
    int maxLineSize,
    int maxFieldSize,
    int maxHeaders,
    int maxLeadingEmptyLines,
    long maxContentLength) {
  /** aiohttp's limits, with no bound on the declared length. */
  public static final ParserLimits DEFAULTS = new ParserLimits(8190, 8190, 128, 8, Long.MAX_VALUE);

  /** Checks the bounds are positive. */
  public ParserLimits {
    if (maxLineSize < 16 || maxFieldSize < 16 || maxHeaders < 1 || maxLeadingEmptyLines < 0) {
      throw new IllegalArgumentException(
          "parser limits too small: line "
              + maxLineSize
              + ", field "
              + maxFieldSize
              + " (both at least 16), headers "
              + maxHeaders
              + " (at least 1), leading empty lines "
              + maxLeadingEmptyLines
              + " (at least 0)");
    }
    if (maxContentLength < 0) {
      throw new IllegalArgumentException("maxContentLength " + maxContentLength + " < 0");
    }
  }

  /** These limits with another {@code maxContentLength}. */
  public ParserLimits withMaxContentLength(long max) {
    return new ParserLimits(maxLineSize, maxFieldSize, maxHeaders, maxLeadingEmptyLines, max);
  }
}

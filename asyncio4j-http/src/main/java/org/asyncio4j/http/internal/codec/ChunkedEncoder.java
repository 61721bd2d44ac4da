package org.asyncio4j.http.internal.codec;

import org.asyncio4j.http.Headers;

/**
 * The chunked transfer coding's framing (RFC 9112 7.1): a size line before each chunk, CRLF after
 * it, and the last chunk with optional trailer fields. The data itself is not copied: write {@link
 * #chunkHeader}, the data, then {@link #crlf}; or take {@link #chunk} when one array is simpler.
 *
 * <pre>{@code
 * byte[] head = ChunkedEncoder.chunkHeader(data.length); // "1a\r\n"
 * byte[] end = ChunkedEncoder.lastChunk(Headers.of());     // "0\r\n\r\n"
 * }</pre>
 */
public final class ChunkedEncoder {
  private ChunkedEncoder() {}

  private static final byte[] CRLF = {'\r', '\n'};

  /** The line ending after a chunk's data (a new array each time). */
  public static byte[] crlf() {
    return CRLF.clone();
  }

  private static final byte[] LAST = {'0', '\r', '\n', '\r', '\n'};

  private static final byte[] HEX =
      "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  /**
   * The size line of a chunk of {@code length} bytes.
   *
   * @throws IllegalArgumentException when {@code length} is not positive (a zero-size chunk is the
   *     last chunk: write {@link #lastChunk} for that)
   */
  public static byte[] chunkHeader(int length) {
    if (length <= 0) {
      throw new IllegalArgumentException(
          "a chunk of " + length + " bytes: a chunk has 1 or more (0 is the last chunk)");
    }
    int digits = (32 - Integer.numberOfLeadingZeros(length) + 3) / 4;
    byte[] out = new byte[digits + 2];
    for (int i = digits - 1, v = length; i >= 0; i--, v >>>= 4) {
      out[i] = HEX[v & 0xf];
    }
    out[digits] = '\r';
    out[digits + 1] = '\n';
    return out;
  }

  /** One framed chunk: size line, a copy of the data, CRLF. Nothing for empty data. */
  public static byte[] chunk(byte[] data, int offset, int length) {
    java.util.Objects.checkFromIndexSize(offset, length, data.length);
    if (length == 0) {
      return new byte[0];
    }
    byte[] head = chunkHeader(length);
    byte[] out = new byte[head.length + length + 2];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(data, offset, out, head.length, length);
    out[out.length - 2] = '\r';
    out[out.length - 1] = '\n';
    return out;
  }

  /**
   * The last chunk and the trailer section.
   *
   * @throws IllegalArgumentException when a trailer field is one a trailer may not carry (framing,
   *     routing, control: RFC 9110 6.5.1) or has a forbidden character
   */
  public static byte[] lastChunk(Headers trailers) {
    if (trailers.isEmpty()) {
      return LAST.clone();
    }
    int size = 3;
    for (int i = 0; i < trailers.size(); i++) {
      String n = trailers.name(i);
      String v = trailers.value(i);
      if (FieldRules.forbiddenInTrailer(n)) {
        throw new IllegalArgumentException(
            "the field " + HttpChars.snippet(n) + " may not be sent in a trailer (RFC 9110 6.5.1)");
      }
      for (int k = 0; k < v.length(); k++) {
        char c = v.charAt(k);
        if (c > 0xff || HttpChars.isForbiddenCtl(c)) {
          throw new IllegalArgumentException(
              "the value of trailer " + HttpChars.snippet(n) + " has " + HttpChars.describe(c));
        }
      }
      size += n.length() + 2 + v.length() + 2;
    }
    size += 2;
    byte[] out = new byte[size];
    out[0] = '0';
    out[1] = '\r';
    out[2] = '\n';
    int p = 3;
    for (int i = 0; i < trailers.size(); i++) {
      p = Http1Writer.ascii(out, p, trailers.name(i));
      out[p++] = ':';
      out[p++] = ' ';
      p = Http1Writer.ascii(out, p, trailers.value(i));
      out[p++] = '\r';
      out[p++] = '\n';
    }
    out[p++] = '\r';
    out[p] = '\n';
    return out;
  }
}

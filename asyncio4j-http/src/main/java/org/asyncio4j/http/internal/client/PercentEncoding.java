package org.asyncio4j.http.internal.client;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding of URL components (RFC 3986 section 2.1), with the character sets yarl uses:
 * UTF-8 bytes, upper-case hex, and unpaired surrogates dropped (yarl encodes with {@code
 * errors="ignore"}).
 */
final class PercentEncoding {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  /** RFC 3986 unreserved, plus the sub-delimiters that are never a query's separators. */
  static final String ALLOWED =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$'()*,";

  /** A query's key or value (yarl's {@code QUERY_PART_QUOTER}): {@code +&=;} are encoded. */
  static final String QUERY_PART_SAFE = ALLOWED + "?/:@";

  /** A path written by a user (yarl's {@code PATH_REQUOTER}). */
  static final String PATH_SAFE = ALLOWED + "+&=;@:/";

  /** A whole query written by a user (yarl's {@code QUERY_REQUOTER}). */
  static final String QUERY_SAFE = ALLOWED + "+&=;?/:@";

  /** A fragment written by a user (yarl's {@code FRAGMENT_REQUOTER}). */
  static final String FRAGMENT_SAFE = ALLOWED + "+&=;?/:@";

  /** The user information of an authority: no {@code @}, and {@code :} only as the separator. */
  static final String USERINFO_SAFE = ALLOWED + "+&=;:";

  private PercentEncoding() {}

  /**
   * Encodes {@code s}: characters in {@code safe} stay, a space becomes {@code +} when {@code
   * plusForSpace}, everything else becomes {@code %XX} of its UTF-8 bytes. With {@code requote}, a
   * {@code %} followed by two hex digits is kept as an escape already made (any other {@code %} is
   * encoded), as yarl does for URLs a user wrote; without it every {@code %} is encoded.
   */
  static String encode(String s, String safe, boolean plusForSpace, boolean requote) {
    StringBuilder out = null;
    int n = s.length();
    for (int i = 0; i < n; ) {
      char c = s.charAt(i);
      boolean keep =
          c < 0x80
              && (safe.indexOf(c) >= 0 || (requote && c == '%' && isEscape(s, i)))
              && !(plusForSpace && c == ' ');
      if (keep) {
        if (out != null) {
          out.append(c);
        }
        i++;
        continue;
      }
      if (out == null) {
        out = new StringBuilder(n + 16).append(s, 0, i);
      }
      if (plusForSpace && c == ' ') {
        out.append('+');
        i++;
        continue;
      }
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isSurrogate((char) cp)) {
        continue; // an unpaired surrogate: no UTF-8 for it
      }
      for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
        out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
      }
    }
    return out == null ? s : out.toString();
  }

  /**
   * Decodes {@code %XX} escapes as UTF-8 (malformed sequences become U+FFFD), and {@code +} as a
   * space when {@code plusAsSpace}. A {@code %} without two hex digits stays as written.
   */
  static String decode(String s, boolean plusAsSpace) {
    if (s.indexOf('%') < 0 && !(plusAsSpace && s.indexOf('+') >= 0)) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < s.length(); ) {
      char c = s.charAt(i);
      if (c == '%' && isEscape(s, i)) {
        bytes.write(
            Character.digit(s.charAt(i + 1), 16) << 4 | Character.digit(s.charAt(i + 2), 16));
        i += 3;
        continue;
      }
      if (bytes.size() > 0) {
        out.append(bytes.toString(StandardCharsets.UTF_8));
        bytes.reset();
      }
      out.append(plusAsSpace && c == '+' ? ' ' : c);
      i++;
    }
    if (bytes.size() > 0) {
      out.append(bytes.toString(StandardCharsets.UTF_8));
    }
    return out.toString();
  }

  private static boolean isEscape(String s, int i) {
    return i + 2 < s.length()
        && Character.digit(s.charAt(i + 1), 16) >= 0
        && Character.digit(s.charAt(i + 2), 16) >= 0
        && s.charAt(i + 1) < 0x80
        && s.charAt(i + 2) < 0x80;
  }
}

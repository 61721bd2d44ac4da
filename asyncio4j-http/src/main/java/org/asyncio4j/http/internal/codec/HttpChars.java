package org.asyncio4j.http.internal.codec;

/**
 * The character classes of RFC 9110 and 9112, as 256-entry tables (no regexes on the hot path), and
 * the bounded, escaped snippets that error messages show of bad input.
 */
public final class HttpChars {
  private HttpChars() {}

  private static final boolean[] TCHAR = new boolean[256];
  private static final boolean[] FIELD_VALUE = new boolean[256];
  private static final boolean[] TARGET = new boolean[256];
  private static final boolean[] HOST = new boolean[256];

  static {
    for (int c = '0'; c <= '9'; c++) {
      TCHAR[c] = true;
    }
    for (int c = 'a'; c <= 'z'; c++) {
      TCHAR[c] = true;
      TCHAR[c - 32] = true;
    }
    for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
      TCHAR[c] = true;
    }
    // field-vchar = VCHAR / obs-text, with SP and HTAB inside a value
    FIELD_VALUE['\t'] = true;
    for (int c = 0x20; c <= 0x7e; c++) {
      FIELD_VALUE[c] = true;
    }
    for (int c = 0x80; c <= 0xff; c++) {
      FIELD_VALUE[c] = true;
    }
    // request-target: visible ASCII only (no SP, no CTL, no obs-text: RFC 3986 has no raw octets
    // above 0x7E; percent-encoding is how they travel)
    for (int c = 0x21; c <= 0x7e; c++) {
      TARGET[c] = true;
    }
    // Host = uri-host [ ":" port ]: unreserved / pct-encoded / sub-delims, ":" and IP-literal's []
    for (int c = 0; c < 256; c++) {
      HOST[c] = TCHAR[c] && c != '#' && c != '^' && c != '`' && c != '|';
    }
    for (char c : ":[](),;=".toCharArray()) {
      HOST[c] = true;
    }
  }

  /** A {@code tchar} of RFC 9110 section 5.6.2: the characters of tokens (names, methods). */
  public static boolean isTchar(int b) {
    return TCHAR[b & 0xff];
  }

  /** An octet allowed in a field value: VCHAR, obs-text, SP and HTAB (no CTL, no DEL). */
  public static boolean isFieldValueOctet(int b) {
    return FIELD_VALUE[b & 0xff];
  }

  /** An octet allowed in a request-target: visible ASCII. */
  public static boolean isTargetOctet(int b) {
    return TARGET[b & 0xff];
  }

  /** An octet allowed in a {@code Host} value. */
  public static boolean isHostOctet(int b) {
    return HOST[b & 0xff];
  }

  /** A CTL the writer refuses: 0x00-0x08, 0x0A-0x1F and 0x7F (HTAB is allowed in values). */
  public static boolean isForbiddenCtl(int c) {
    return (c < 0x20 && c != '\t') || c == 0x7f;
  }

  /** Whether {@code s} is a non-empty token. */
  public static boolean isToken(CharSequence s) {
    if (s.length() == 0) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c > 0xff || !TCHAR[c]) {
        return false;
      }
    }
    return true;
  }

  /** The index of the first character of {@code s} that is not a tchar, or -1. */
  public static int firstNonTchar(CharSequence s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c > 0xff || !TCHAR[c]) {
        return i;
      }
    }
    return -1;
  }

  /** Compares two strings ignoring the case of ASCII letters only (not Unicode case folding). */
  @SuppressWarnings("ReferenceEquality") // identity first: interned names are the common case
  public static boolean equalsIgnoreAsciiCase(String a, String b) {
    if (a == b) {
      return true;
    }
    int n = a.length();
    if (n != b.length()) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        int lx = x | 0x20;
        if (lx != (y | 0x20) || lx < 'a' || lx > 'z') {
          return false;
        }
      }
    }
    return true;
  }

  /** Compares a string with bytes (Latin-1) ignoring the case of ASCII letters only. */
  public static boolean equalsIgnoreAsciiCase(String a, byte[] b, int off, int len) {
    if (a.length() != len) {
      return false;
    }
    for (int i = 0; i < len; i++) {
      int x = a.charAt(i);
      int y = b[off + i] & 0xff;
      if (x != y) {
        int lx = x | 0x20;
        if (lx != (y | 0x20) || lx < 'a' || lx > 'z') {
          return false;
        }
      }
    }
    return true;
  }

  /** The ASCII lower case of a character (other characters unchanged). */
  public static int toLowerAscii(int c) {
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
  }

  private static final int SNIPPET_MAX = 40;

  /**
   * A bounded, printable rendering of bytes for an error message: at most 40 characters shown,
   * non-printable ones as {@code \xNN}, the rest counted ("... (+123 bytes)").
   */
  public static String snippet(byte[] b, int off, int len) {
    StringBuilder sb = new StringBuilder(Math.min(len, SNIPPET_MAX) + 16).append('"');
    int shown = Math.min(len, SNIPPET_MAX);
    for (int i = 0; i < shown; i++) {
      appendEscaped(sb, b[off + i] & 0xff);
    }
    sb.append('"');
    if (len > shown) {
      sb.append("... (+").append(len - shown).append(" bytes)");
    }
    return sb.toString();
  }

  /** {@link #snippet(byte[], int, int)} for a string. */
  public static String snippet(CharSequence s) {
    StringBuilder sb = new StringBuilder(Math.min(s.length(), SNIPPET_MAX) + 16).append('"');
    int shown = Math.min(s.length(), SNIPPET_MAX);
    for (int i = 0; i < shown; i++) {
      appendEscaped(sb, s.charAt(i));
    }
    sb.append('"');
    if (s.length() > shown) {
      sb.append("... (+").append(s.length() - shown).append(" characters)");
    }
    return sb.toString();
  }

  /** A character named for a message: {@code 'x' (0x78)} or {@code 0x0a}. */
  public static String describe(int c) {
    if (c > 0x20 && c < 0x7f) {
      return "'" + (char) c + "' (0x" + hex2(c) + ")";
    }
    return "0x" + (c > 0xff ? Integer.toHexString(c) : hex2(c));
  }

  private static void appendEscaped(StringBuilder sb, int c) {
    if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
      sb.append((char) c);
    } else if (c > 0xff) {
      sb.append("\\u").append(String.format("%04x", c));
    } else {
      sb.append("\\x").append(hex2(c));
    }
  }

  private static String hex2(int c) {
    String h = Integer.toHexString(c);
    return h.length() == 1 ? "0" + h : h;
  }
}

package org.asyncio4j.http.internal.codec;

import org.asyncio4j.http.Headers;
import org.jspecify.annotations.Nullable;

/** Reading the fields that frame and route a message: lengths, codings, connection options. */
final class FieldRules {
  private FieldRules() {}

  /** Fields a trailer section may not carry (RFC 9110 6.5.1, 9112 7.1.2). */
  static boolean forbiddenInTrailer(String name) {
    return is(name, HeaderNames.CONTENT_LENGTH)
        || is(name, HeaderNames.TRANSFER_ENCODING)
        || is(name, HeaderNames.HOST)
        || is(name, HeaderNames.CONNECTION)
        || is(name, "Keep-Alive")
        || is(name, HeaderNames.UPGRADE)
        || is(name, "Proxy-Connection")
        || is(name, "TE")
        || is(name, "Trailer")
        || is(name, HeaderNames.EXPECT)
        || is(name, "Content-Encoding")
        || is(name, "Content-Type")
        || is(name, "Content-Range")
        || is(name, "Authorization")
        || is(name, "Cookie")
        || is(name, "Set-Cookie");
  }

  // identity first: the parser hands over the shared HeaderNames strings for common names
  @SuppressWarnings("ReferenceEquality")
  static boolean is(String name, String wanted) {
    return name == wanted || HttpChars.equalsIgnoreAsciiCase(name, wanted);
  }

  /** 1*DIGIT as a length, or -1 when it is not one (empty, a sign, spaces, letters, overflow). */
  static long parseLength(String v) {
    int n = v.length();
    if (n == 0 || n > 18) {
      return -1;
    }
    long x = 0;
    for (int i = 0; i < n; i++) {
      char c = v.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      x = x * 10 + (c - '0');
    }
    return x;
  }

  /**
   * Splits a list field's value on commas, stripping OWS: {@code null} when an element is empty (a
   * strict reading: {@code ,chunked} is not {@code chunked}).
   */
  static String @Nullable [] listElements(String v) {
    int count = 1;
    for (int i = 0; i < v.length(); i++) {
      if (v.charAt(i) == ',') {
        count++;
      }
    }
    String[] out = new String[count];
    int k = 0;
    int start = 0;
    for (int i = 0; i <= v.length(); i++) {
      if (i == v.length() || v.charAt(i) == ',') {
        String el = v.substring(start, i).strip();
        if (el.isEmpty()) {
          return null;
        }
        out[k++] = el;
        start = i + 1;
      }
    }
    return out;
  }

  /** Whether any {@code Connection} field lists {@code option} (case-insensitive). */
  static boolean connectionHas(Headers h, String option) {
    for (int i = 0; i < h.size(); i++) {
      if (is(h.name(i), HeaderNames.CONNECTION)) {
        String v = h.value(i);
        int start = 0;
        for (int j = 0; j <= v.length(); j++) {
          if (j == v.length() || v.charAt(j) == ',') {
            if (HttpChars.equalsIgnoreAsciiCase(v.substring(start, j).strip(), option)) {
              return true;
            }
            start = j + 1;
          }
        }
      }
    }
    return false;
  }

  /** The outcome of reading {@code Transfer-Encoding}. */
  enum Coding {
    /** No field. */
    ABSENT,
    /** {@code chunked}, once, last, alone. */
    CHUNKED,
    /** {@code chunked} last, after other codings this codec does not decode. */
    CHUNKED_AFTER_OTHERS,
    /** {@code chunked} before another coding: the length cannot be known. */
    NOT_CHUNKED_LAST,
    /** Only codings other than {@code chunked} (well-formed tokens). */
    UNSUPPORTED,
    /** {@code chunked} more than once. */
    DUPLICATE_CHUNKED,
    /** An empty element, or an element that is not a token (with optional parameters). */
    MALFORMED
  }

  /** Reads every {@code Transfer-Encoding} field as one list. */
  static Coding transferCoding(Headers h) {
    int chunkedCount = 0;
    int total = 0;
    boolean lastChunked = false;
    boolean any = false;
    for (int i = 0; i < h.size(); i++) {
      if (!is(h.name(i), HeaderNames.TRANSFER_ENCODING)) {
        continue;
      }
      any = true;
      String[] elements = listElements(h.value(i));
      if (elements == null) {
        return Coding.MALFORMED;
      }
      for (String el : elements) {
        int semi = el.indexOf(';');
        String coding = (semi >= 0 ? el.substring(0, semi) : el).strip();
        if (!HttpChars.isToken(coding)) {
          return Coding.MALFORMED;
        }
        total++;
        lastChunked = HttpChars.equalsIgnoreAsciiCase(coding, "chunked");
        if (lastChunked) {
          if (semi >= 0) {
            return Coding.MALFORMED; // chunked has no parameters
          }
          chunkedCount++;
        }
      }
    }
    if (!any) {
      return Coding.ABSENT;
    }
    if (chunkedCount > 1) {
      return Coding.DUPLICATE_CHUNKED;
    }
    if (!lastChunked) {
      return chunkedCount > 0 ? Coding.NOT_CHUNKED_LAST : Coding.UNSUPPORTED;
    }
    return total == 1 ? Coding.CHUNKED : Coding.CHUNKED_AFTER_OTHERS;
  }
}

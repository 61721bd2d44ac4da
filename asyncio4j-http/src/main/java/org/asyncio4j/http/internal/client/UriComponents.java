package org.asyncio4j.http.internal.client;

import org.jspecify.annotations.Nullable;

/**
 * The five components of a URI reference, each {@code null} when undefined (RFC 3986 section 5.2
 * tells "undefined" from "empty": {@code http://h?} has an empty query, {@code http://h} none).
 *
 * @param scheme the scheme, or null for a relative reference
 * @param authority the authority after {@code //}, or null
 * @param path the path, possibly empty, never null
 * @param query the query after {@code ?}, or null
 * @param fragment the fragment after {@code #}, or null
 */
record UriComponents(
    @Nullable String scheme,
    @Nullable String authority,
    String path,
    @Nullable String query,
    @Nullable String fragment) {

  /** Splits a reference as RFC 3986 Appendix B's regular expression does, without one. */
  static UriComponents split(String s) {
    int end = s.length();
    String fragment = null;
    int hash = s.indexOf('#');
    if (hash >= 0) {
      fragment = s.substring(hash + 1);
      end = hash;
    }
    String query = null;
    int question = s.indexOf('?');
    if (question >= 0 && question < end) {
      query = s.substring(question + 1, end);
      end = question;
    }
    int start = 0;
    String scheme = null;
    int colon = s.indexOf(':');
    if (colon > 0 && colon < end && isScheme(s, colon)) {
      scheme = s.substring(0, colon);
      start = colon + 1;
    }
    String authority = null;
    if (s.startsWith("//", start)) {
      int slash = s.indexOf('/', start + 2);
      int authorityEnd = slash < 0 || slash > end ? end : slash;
      authority = s.substring(start + 2, authorityEnd);
      start = authorityEnd;
    }
    return new UriComponents(scheme, authority, s.substring(start, end), query, fragment);
  }

  /** RFC 3986 section 3.1: {@code ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )} before the colon. */
  private static boolean isScheme(String s, int colon) {
    for (int i = 0; i < colon; i++) {
      char c = s.charAt(i);
      boolean alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      if (!alpha && (i == 0 || !((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'))) {
        return false;
      }
    }
    return true;
  }

  /** Recomposes the reference (RFC 3986 section 5.3). */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    if (scheme != null) {
      b.append(scheme).append(':');
    }
    if (authority != null) {
      b.append("//").append(authority);
    }
    b.append(path);
    if (query != null) {
      b.append('?').append(query);
    }
    if (fragment != null) {
      b.append('#').append(fragment);
    }
    return b.toString();
  }
}

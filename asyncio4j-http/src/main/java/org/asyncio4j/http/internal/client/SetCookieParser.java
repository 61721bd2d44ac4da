package org.asyncio4j.http.internal.client;

import java.time.Instant;
import java.util.Locale;
import org.asyncio4j.http.client.Cookie;
import org.jspecify.annotations.Nullable;

/**
 * Reads a {@code Set-Cookie} header value as RFC 6265 section 5.2 says: the name and value before
 * the first {@code ;}, then attributes, the last of each name winning, unknown or malformed ones
 * ignored.
 */
final class SetCookieParser {
  /**
   * What one header says, before the jar applies the storage model.
   *
   * @param name the cookie's name
   * @param value its value
   * @param maxAgeSeconds the Max-Age, or null (a value at or below zero expires the cookie)
   * @param expires the Expires date, or null
   * @param domain the Domain without a leading dot, lower case; null when none was given
   * @param path the Path, or null when none (or one not starting with /) was given
   * @param secure the Secure flag
   * @param httpOnly the HttpOnly flag
   * @param sameSite the SameSite attribute, or null
   * @param domainEndsWithDot true if the Domain written ended with a dot (aiohttp: host-only)
   */
  record SetCookie(
      String name,
      String value,
      @Nullable Long maxAgeSeconds,
      @Nullable Instant expires,
      @Nullable String domain,
      @Nullable String path,
      boolean secure,
      boolean httpOnly,
      Cookie.@Nullable SameSite sameSite,
      boolean domainEndsWithDot) {}

  private SetCookieParser() {}

  /**
   * Parses one header value.
   *
   * @param header the value of a Set-Cookie header
   * @return what it sets, or null when RFC 6265 says to ignore it (no {@code =}, an empty name, a
   *     control character in the name or value)
   */
  static @Nullable SetCookie parse(String header) {
    int semicolon = header.indexOf(';');
    String pair = semicolon < 0 ? header : header.substring(0, semicolon);
    int eq = pair.indexOf('=');
    if (eq < 0) {
      return null;
    }
    String name = trim(pair.substring(0, eq));
    String value = trim(pair.substring(eq + 1));
    if (name.isEmpty() || hasControl(name) || hasControl(value)) {
      return null;
    }
    Long maxAge = null;
    Instant expires = null;
    String domain = null;
    boolean domainEndsWithDot = false;
    String path = null;
    boolean secure = false;
    boolean httpOnly = false;
    Cookie.SameSite sameSite = null;
    int at = semicolon;
    while (at >= 0) {
      int next = header.indexOf(';', at + 1);
      String av = header.substring(at + 1, next < 0 ? header.length() : next);
      at = next;
      int e = av.indexOf('=');
      String attribute = trim(e < 0 ? av : av.substring(0, e)).toLowerCase(Locale.ROOT);
      String v = e < 0 ? "" : trim(av.substring(e + 1));
      switch (attribute) {
        case "expires" -> {
          Instant when = CookieDates.parse(v);
          if (when != null) {
            expires = when;
          }
        }
        case "max-age" -> {
          Long seconds = maxAge(v);
          if (seconds != null) {
            maxAge = seconds;
          }
        }
        case "domain" -> {
          if (!v.isEmpty()) {
            String d = v.startsWith(".") ? v.substring(1) : v;
            domainEndsWithDot = d.endsWith(".");
            domain = d.toLowerCase(Locale.ROOT);
          }
        }
        case "path" -> path = v.startsWith("/") ? v : null;
        case "secure" -> secure = true;
        case "httponly" -> httpOnly = true;
        case "samesite" -> {
          switch (v.toLowerCase(Locale.ROOT)) {
            case "strict" -> sameSite = Cookie.SameSite.STRICT;
            case "lax" -> sameSite = Cookie.SameSite.LAX;
            case "none" -> sameSite = Cookie.SameSite.NONE;
            default -> {} // unknown values are ignored (RFC 6265bis 5.6.7)
          }
        }
        default -> {} // unknown attributes are ignored (RFC 6265 5.2)
      }
    }
    return new SetCookie(
        name, value, maxAge, expires, domain, path, secure, httpOnly, sameSite, domainEndsWithDot);
  }

  /** RFC 6265 5.2.2: an optional {@code -} then digits; anything else is ignored. */
  private static @Nullable Long maxAge(String v) {
    int start = v.startsWith("-") ? 1 : 0;
    if (v.length() == start) {
      return null;
    }
    for (int i = start; i < v.length(); i++) {
      if (v.charAt(i) < '0' || v.charAt(i) > '9') {
        return null;
      }
    }
    if (start == 1) {
      return 0L; // any negative age expires the cookie
    }
    // Digits beyond a long are "forever": saturate rather than overflow
    return v.length() > 18 ? Long.MAX_VALUE : Long.parseLong(v);
  }

  /** Trims spaces and tabs (RFC 6265's WSP), not other characters {@code String.strip} takes. */
  private static String trim(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && (s.charAt(start) == ' ' || s.charAt(start) == '\t')) {
      start++;
    }
    while (end > start && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')) {
      end--;
    }
    return s.substring(start, end);
  }

  private static boolean hasControl(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7F) {
        return true;
      }
    }
    return false;
  }
}

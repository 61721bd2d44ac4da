package org.asyncio4j.http.internal.client;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The cookie-date algorithm of RFC 6265 section 5.1.1: the lenient reading of {@code Expires} that
 * browsers share, which finds a time, a day, a month and a year among tokens in any order ({@code
 * Wed, 09 Jun 2021 10:18:14 GMT}, {@code Wednesday, 09-Jun-21 10:18:14 GMT}, {@code Jun 9 10:18:14
 * 2021}).
 */
final class CookieDates {
  private static final String MONTHS = "janfebmaraprmayjunjulaugsepoctnovdec";

  private CookieDates() {}

  /**
   * Parses a cookie date.
   *
   * @param s the attribute's value
   * @return the instant (UTC), or null if it is not a date by the algorithm
   */
  static @Nullable Instant parse(String s) {
    int hour = -1;
    int minute = -1;
    int second = -1;
    int day = -1;
    int month = -1;
    int year = -1;
    int i = 0;
    int n = s.length();
    while (i < n) {
      while (i < n && isDelimiter(s.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !isDelimiter(s.charAt(i))) {
        i++;
      }
      if (start == i) {
        continue;
      }
      String token = s.substring(start, i);
      int[] time;
      if (hour < 0 && (time = time(token)) != null) {
        hour = time[0];
        minute = time[1];
        second = time[2];
      } else if (day < 0 && digitsThenAnything(token, 1, 2) >= 0) {
        day = digitsThenAnything(token, 1, 2);
      } else if (month < 0 && token.length() >= 3 && month(token) >= 0) {
        month = month(token);
      } else if (year < 0 && digitsThenAnything(token, 2, 4) >= 0) {
        year = digitsThenAnything(token, 2, 4);
      }
    }
    if (year >= 70 && year <= 99) {
      year += 1900;
    } else if (year >= 0 && year <= 69) {
      year += 2000;
    }
    if (hour < 0 || day < 0 || month < 0 || year < 0) {
      return null;
    }
    if (day < 1 || day > 31 || year < 1601 || hour > 23 || minute > 59 || second > 59) {
      return null;
    }
    try {
      return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      return null; // 31 June, 29 February of a common year
    }
  }

  private static boolean isDelimiter(char c) {
    return c == 0x09
        || (c >= 0x20 && c <= 0x2F)
        || (c >= 0x3B && c <= 0x40)
        || (c >= 0x5B && c <= 0x60)
        || (c >= 0x7B && c <= 0x7E);
  }

  /** {@code min} to {@code max} digits, then a non-digit and anything, or the end; else -1. */
  private static int digitsThenAnything(String token, int min, int max) {
    int k = 0;
    while (k < token.length() && k <= max && isDigit(token.charAt(k))) {
      k++;
    }
    if (k < min || k > max) {
      return -1;
    }
    return Integer.parseInt(token.substring(0, k));
  }

  /** {@code hms-time ( non-digit *OCTET )}: 1-2 digits, colon, 1-2 digits, colon, 1-2 digits. */
  private static int @Nullable [] time(String token) {
    int[] fields = new int[3];
    int k = 0;
    for (int f = 0; f < 3; f++) {
      int start = k;
      while (k < token.length() && k - start < 3 && isDigit(token.charAt(k))) {
        k++;
      }
      int len = k - start;
      if (len < 1 || len > 2) {
        return null;
      }
      fields[f] = Integer.parseInt(token.substring(start, k));
      if (f < 2) {
        if (k >= token.length() || token.charAt(k) != ':') {
          return null;
        }
        k++;
      }
    }
    return k == token.length() || !isDigit(token.charAt(k)) ? fields : null;
  }

  private static int month(String token) {
    int at = MONTHS.indexOf(token.substring(0, 3).toLowerCase(Locale.ROOT));
    return at >= 0 && at % 3 == 0 ? at / 3 + 1 : -1;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}

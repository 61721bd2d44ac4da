package org.asyncio4j.http.internal.client;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The content-type check of {@code response.json()}: which media types hold JSON.
 *
 * <p>aiohttp: {@code helpers.json_re}, {@code ^(?:application/|[\w.-]+/[\w.+-]+?\+)json$} matched
 * ignoring case against the media type without its parameters. That is {@code application/json}, or
 * any {@code type/subtype+json} ({@code application/vnd.api+json}, {@code
 * application/problem+json}) whose type is made of word characters, dots and dashes and whose
 * subtype before {@code +json} is not empty and is made of word characters, dots, pluses and
 * dashes. Written without a regular expression: it runs for every {@code json()} call. Word
 * characters are Unicode letters, digits and {@code _}, as Python's {@code \w} in a str pattern.
 */
public final class JsonContentType {
  /** What aiohttp's {@code content_type} is for a response without a Content-Type header. */
  public static final String DEFAULT_MEDIA_TYPE = "application/octet-stream";

  private static final String JSON_SUFFIX = "+json";

  private JsonContentType() {}

  /**
   * Whether a media type is JSON by aiohttp's rule.
   *
   * @param mediaType the type without parameters ({@code application/json}), any case
   * @return true if {@code json()} may decode a body of this type
   */
  public static boolean isJson(String mediaType) {
    if (mediaType.equalsIgnoreCase("application/json")) {
      return true;
    }
    int slash = mediaType.indexOf('/');
    if (slash <= 0) {
      return false;
    }
    for (int i = 0; i < slash; i++) {
      char c = mediaType.charAt(i);
      if (!isWordChar(c) && c != '.' && c != '-') {
        return false;
      }
    }
    int suffix = mediaType.length() - JSON_SUFFIX.length();
    // the subtype needs at least one character before "+json"
    if (suffix <= slash + 1
        || !mediaType.regionMatches(true, suffix, JSON_SUFFIX, 0, JSON_SUFFIX.length())) {
      return false;
    }
    for (int i = slash + 1; i < suffix; i++) {
      char c = mediaType.charAt(i);
      if (!isWordChar(c) && c != '.' && c != '+' && c != '-') {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether a response's media type is what {@code json(expected)} accepts: by {@link #isJson} when
   * {@code expected} is {@code application/json}, else when the response's type contains {@code
   * expected} (aiohttp's {@code is_expected_content_type}, a substring test).
   *
   * @param mediaType the response's media type, without parameters
   * @param expected the type the caller expects, without parameters
   * @return true if the body may be decoded
   */
  public static boolean isExpected(String mediaType, String expected) {
    if (expected.equals("application/json")) {
      return isJson(mediaType);
    }
    return mediaType.contains(expected);
  }

  /**
   * The media type of a Content-Type header value: before any parameter, trimmed, lower case.
   *
   * @param contentType the header's value, or null when the response has none
   * @return the media type; {@link #DEFAULT_MEDIA_TYPE} for a missing or empty header
   */
  public static String mediaType(@Nullable String contentType) {
    if (contentType == null) {
      return DEFAULT_MEDIA_TYPE;
    }
    int semicolon = contentType.indexOf(';');
    String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
    return type.isEmpty() ? DEFAULT_MEDIA_TYPE : type.toLowerCase(Locale.ROOT);
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }
}

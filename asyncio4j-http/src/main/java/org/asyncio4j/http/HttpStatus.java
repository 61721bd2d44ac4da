package org.asyncio4j.http;

import org.jspecify.annotations.Nullable;

/**
 * An HTTP status code and its reason phrase: the codes of RFC 9110 and the common registered ones
 * (WebDAV, 429, 431, 451...) as constants, any other three-digit code as itself with an empty
 * reason.
 *
 * <pre>{@code
 * HttpStatus s = HttpStatus.of(404);
 * assertThat(s).isSameAs(HttpStatus.NOT_FOUND);
 * assertThat(s.reasonPhrase()).isEqualTo("Not Found");
 * assertThat(s.isClientError()).isTrue();
 * }</pre>
 *
 * <p>The reason phrase is informational (RFC 9112 section 4: clients should ignore it); a received
 * response keeps the phrase the server sent beside its status code.
 */
public final class HttpStatus {
  private static final HttpStatus[] KNOWN = new HttpStatus[600];

  /** 100 Continue. */
  public static final HttpStatus CONTINUE = known(100, "Continue");

  /** 101 Switching Protocols. */
  public static final HttpStatus SWITCHING_PROTOCOLS = known(101, "Switching Protocols");

  /** 102 Processing (RFC 2518). */
  public static final HttpStatus PROCESSING = known(102, "Processing");

  /** 103 Early Hints (RFC 8297). */
  public static final HttpStatus EARLY_HINTS = known(103, "Early Hints");

  /** 200 OK. */
  public static final HttpStatus OK = known(200, "OK");

  /** 201 Created. */
  public static final HttpStatus CREATED = known(201, "Created");

  /** 202 Accepted. */
  public static final HttpStatus ACCEPTED = known(202, "Accepted");

  /** 203 Non-Authoritative Information. */
  public static final HttpStatus NON_AUTHORITATIVE_INFORMATION =
      known(203, "Non-Authoritative Information");

  /** 204 No Content. */
  public static final HttpStatus NO_CONTENT = known(204, "No Content");

  /** 205 Reset Content. */
  public static final HttpStatus RESET_CONTENT = known(205, "Reset Content");

  /** 206 Partial Content. */
  public static final HttpStatus PARTIAL_CONTENT = known(206, "Partial Content");

  /** 207 Multi-Status (RFC 4918). */
  public static final HttpStatus MULTI_STATUS = known(207, "Multi-Status");

  /** 208 Already Reported (RFC 5842). */
  public static final HttpStatus ALREADY_REPORTED = known(208, "Already Reported");

  /** 226 IM Used (RFC 3229). */
  public static final HttpStatus IM_USED = known(226, "IM Used");

  /** 300 Multiple Choices. */
  public static final HttpStatus MULTIPLE_CHOICES = known(300, "Multiple Choices");

  /** 301 Moved Permanently. */
  public static final HttpStatus MOVED_PERMANENTLY = known(301, "Moved Permanently");

  /** 302 Found. */
  public static final HttpStatus FOUND = known(302, "Found");

  /** 303 See Other. */
  public static final HttpStatus SEE_OTHER = known(303, "See Other");

  /** 304 Not Modified. */
  public static final HttpStatus NOT_MODIFIED = known(304, "Not Modified");

  /** 305 Use Proxy. */
  public static final HttpStatus USE_PROXY = known(305, "Use Proxy");

  /** 307 Temporary Redirect. */
  public static final HttpStatus TEMPORARY_REDIRECT = known(307, "Temporary Redirect");

  /** 308 Permanent Redirect. */
  public static final HttpStatus PERMANENT_REDIRECT = known(308, "Permanent Redirect");

  /** 400 Bad Request. */
  public static final HttpStatus BAD_REQUEST = known(400, "Bad Request");

  /** 401 Unauthorized. */
  public static final HttpStatus UNAUTHORIZED = known(401, "Unauthorized");

  /** 402 Payment Required. */
  public static final HttpStatus PAYMENT_REQUIRED = known(402, "Payment Required");

  /** 403 Forbidden. */
  public static final HttpStatus FORBIDDEN = known(403, "Forbidden");

  /** 404 Not Found. */
  public static final HttpStatus NOT_FOUND = known(404, "Not Found");

  /** 405 Method Not Allowed. */
  public static final HttpStatus METHOD_NOT_ALLOWED = known(405, "Method Not Allowed");

  /** 406 Not Acceptable. */
  public static final HttpStatus NOT_ACCEPTABLE = known(406, "Not Acceptable");

  /** 407 Proxy Authentication Required. */
  public static final HttpStatus PROXY_AUTHENTICATION_REQUIRED =
      known(407, "Proxy Authentication Required");

  /** 408 Request Timeout. */
  public static final HttpStatus REQUEST_TIMEOUT = known(408, "Request Timeout");

  /** 409 Conflict. */
  public static final HttpStatus CONFLICT = known(409, "Conflict");

  /** 410 Gone. */
  public static final HttpStatus GONE = known(410, "Gone");

  /** 411 Length Required. */
  public static final HttpStatus LENGTH_REQUIRED = known(411, "Length Required");

  /** 412 Precondition Failed. */
  public static final HttpStatus PRECONDITION_FAILED = known(412, "Precondition Failed");

  /** 413 Content Too Large. */
  public static final HttpStatus CONTENT_TOO_LARGE = known(413, "Content Too Large");

  /** 414 URI Too Long. */
  public static final HttpStatus URI_TOO_LONG = known(414, "URI Too Long");

  /** 415 Unsupported Media Type. */
  public static final HttpStatus UNSUPPORTED_MEDIA_TYPE = known(415, "Unsupported Media Type");

  /** 416 Range Not Satisfiable. */
  public static final HttpStatus RANGE_NOT_SATISFIABLE = known(416, "Range Not Satisfiable");

  /** 417 Expectation Failed. */
  public static final HttpStatus EXPECTATION_FAILED = known(417, "Expectation Failed");

  /** 418 I'm a teapot (RFC 2324; RFC 9110 reserves the code). */
  public static final HttpStatus IM_A_TEAPOT = known(418, "I'm a teapot");

  /** 421 Misdirected Request. */
  public static final HttpStatus MISDIRECTED_REQUEST = known(421, "Misdirected Request");

  /** 422 Unprocessable Content. */
  public static final HttpStatus UNPROCESSABLE_CONTENT = known(422, "Unprocessable Content");

  /** 423 Locked (RFC 4918). */
  public static final HttpStatus LOCKED = known(423, "Locked");

  /** 424 Failed Dependency (RFC 4918). */
  public static final HttpStatus FAILED_DEPENDENCY = known(424, "Failed Dependency");

  /** 425 Too Early (RFC 8470). */
  public static final HttpStatus TOO_EARLY = known(425, "Too Early");

  /** 426 Upgrade Required. */
  public static final HttpStatus UPGRADE_REQUIRED = known(426, "Upgrade Required");

  /** 428 Precondition Required (RFC 6585). */
  public static final HttpStatus PRECONDITION_REQUIRED = known(428, "Precondition Required");

  /** 429 Too Many Requests (RFC 6585). */
  public static final HttpStatus TOO_MANY_REQUESTS = known(429, "Too Many Requests");

  /** 431 Request Header Fields Too Large (RFC 6585). */
  public static final HttpStatus REQUEST_HEADER_FIELDS_TOO_LARGE =
      known(431, "Request Header Fields Too Large");

  /** 451 Unavailable For Legal Reasons (RFC 7725). */
  public static final HttpStatus UNAVAILABLE_FOR_LEGAL_REASONS =
      known(451, "Unavailable For Legal Reasons");

  /** 500 Internal Server Error. */
  public static final HttpStatus INTERNAL_SERVER_ERROR = known(500, "Internal Server Error");

  /** 501 Not Implemented. */
  public static final HttpStatus NOT_IMPLEMENTED = known(501, "Not Implemented");

  /** 502 Bad Gateway. */
  public static final HttpStatus BAD_GATEWAY = known(502, "Bad Gateway");

  /** 503 Service Unavailable. */
  public static final HttpStatus SERVICE_UNAVAILABLE = known(503, "Service Unavailable");

  /** 504 Gateway Timeout. */
  public static final HttpStatus GATEWAY_TIMEOUT = known(504, "Gateway Timeout");

  /** 505 HTTP Version Not Supported. */
  public static final HttpStatus HTTP_VERSION_NOT_SUPPORTED =
      known(505, "HTTP Version Not Supported");

  /** 506 Variant Also Negotiates (RFC 2295). */
  public static final HttpStatus VARIANT_ALSO_NEGOTIATES = known(506, "Variant Also Negotiates");

  /** 507 Insufficient Storage (RFC 4918). */
  public static final HttpStatus INSUFFICIENT_STORAGE = known(507, "Insufficient Storage");

  /** 508 Loop Detected (RFC 5842). */
  public static final HttpStatus LOOP_DETECTED = known(508, "Loop Detected");

  /** 510 Not Extended (RFC 2774). */
  public static final HttpStatus NOT_EXTENDED = known(510, "Not Extended");

  /** 511 Network Authentication Required (RFC 6585). */
  public static final HttpStatus NETWORK_AUTHENTICATION_REQUIRED =
      known(511, "Network Authentication Required");

  private final int code;
  private final String reasonPhrase;

  private HttpStatus(int code, String reasonPhrase) {
    this.code = code;
    this.reasonPhrase = reasonPhrase;
  }

  private static HttpStatus known(int code, String reason) {
    HttpStatus s = new HttpStatus(code, reason);
    KNOWN[code] = s;
    return s;
  }

  /**
   * The status with {@code code}: its constant when there is one, else a status with an empty
   * reason phrase.
   *
   * @throws IllegalArgumentException unless 100 &lt;= code &lt;= 999 (a status code is three
   *     digits)
   */
  public static HttpStatus of(int code) {
    if (code < 100 || code > 999) {
      throw new IllegalArgumentException(
          "HTTP status code " + code + " is not three digits: use 100 to 999 (RFC 9110 15)");
    }
    HttpStatus s = code < KNOWN.length ? KNOWN[code] : null;
    return s != null ? s : new HttpStatus(code, "");
  }

  /** The standard reason phrase of {@code code}, or the empty string when it has none. */
  public static String reasonPhraseOf(int code) {
    HttpStatus s = code >= 0 && code < KNOWN.length ? KNOWN[code] : null;
    return s != null ? s.reasonPhrase : "";
  }

  /** The three-digit code. */
  public int code() {
    return code;
  }

  /** The reason phrase: {@code Not Found}; empty for a code without one. */
  public String reasonPhrase() {
    return reasonPhrase;
  }

  /** 1xx: an interim response; the final one follows. */
  public boolean isInformational() {
    return code >= 100 && code < 200;
  }

  /** 2xx. */
  public boolean isSuccess() {
    return code >= 200 && code < 300;
  }

  /** 3xx. */
  public boolean isRedirect() {
    return code >= 300 && code < 400;
  }

  /** 4xx. */
  public boolean isClientError() {
    return code >= 400 && code < 500;
  }

  /** 5xx. */
  public boolean isServerError() {
    return code >= 500 && code < 600;
  }

  /** Whether a response with this status never has a body: 1xx, 204 and 304 (RFC 9112 6.3). */
  public boolean forbidsBody() {
    return isInformational() || code == 204 || code == 304;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof HttpStatus s && s.code == code && s.reasonPhrase.equals(reasonPhrase);
  }

  @Override
  public int hashCode() {
    return code * 31 + reasonPhrase.hashCode();
  }

  /** {@code 404 Not Found}. */
  @Override
  public String toString() {
    return reasonPhrase.isEmpty() ? Integer.toString(code) : code + " " + reasonPhrase;
  }
}

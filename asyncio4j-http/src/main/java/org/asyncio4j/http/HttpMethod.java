package org.asyncio4j.http;

import org.asyncio4j.http.internal.codec.HttpChars;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP request method (RFC 9110 section 9): the standard ones as constants, any other token as
 * an extension method. Method names are case-sensitive ({@code get} is not {@code GET}).
 *
 * <pre>{@code
 * HttpMethod m = HttpMethod.of("PUT");
 * assertThat(m).isSameAs(HttpMethod.PUT);
 * assertThat(m.isIdempotent()).isTrue();
 * assertThat(m.isSafe()).isFalse();
 * HttpMethod purge = HttpMethod.of("PURGE"); // an extension method: neither safe nor idempotent
 * }</pre>
 */
public final class HttpMethod {
  /** GET: safe and idempotent. */
  public static final HttpMethod GET = new HttpMethod("GET", true, true);

  /** HEAD: safe and idempotent; its response has no body. */
  public static final HttpMethod HEAD = new HttpMethod("HEAD", true, true);

  /** POST. */
  public static final HttpMethod POST = new HttpMethod("POST", false, false);

  /** PUT: idempotent. */
  public static final HttpMethod PUT = new HttpMethod("PUT", false, true);

  /** DELETE: idempotent. */
  public static final HttpMethod DELETE = new HttpMethod("DELETE", false, true);

  /** CONNECT: a 2xx answer turns the connection into a tunnel. */
  public static final HttpMethod CONNECT = new HttpMethod("CONNECT", false, false);

  /** OPTIONS: safe and idempotent; the only method with the {@code *} target. */
  public static final HttpMethod OPTIONS = new HttpMethod("OPTIONS", true, true);

  /** TRACE: safe and idempotent. */
  public static final HttpMethod TRACE = new HttpMethod("TRACE", true, true);

  /** PATCH (RFC 5789). */
  public static final HttpMethod PATCH = new HttpMethod("PATCH", false, false);

  private final String name;
  private final boolean safe;
  private final boolean idempotent;

  private HttpMethod(String name, boolean safe, boolean idempotent) {
    this.name = name;
    this.safe = safe;
    this.idempotent = idempotent;
  }

  /**
   * The method named {@code name}: a constant for a standard method, else an extension method.
   *
   * @throws IllegalArgumentException when {@code name} is not a token
   */
  public static HttpMethod of(String name) {
    HttpMethod standard = standard(name);
    if (standard != null) {
      return standard;
    }
    int bad = HttpChars.firstNonTchar(name);
    if (name.isEmpty() || bad >= 0) {
      throw new IllegalArgumentException(
          "HTTP method "
              + HttpChars.snippet(name)
              + (name.isEmpty() ? " is empty" : " has " + HttpChars.describe(name.charAt(bad)))
              + ": a method is a token (RFC 9110 9.1: letters, digits and !#$%&'*+-.^_`|~)");
    }
    return new HttpMethod(name, false, false);
  }

  /** The standard method named exactly {@code name}, or null. */
  public static @Nullable HttpMethod standard(String name) {
    return switch (name) {
      case "GET" -> GET;
      case "HEAD" -> HEAD;
      case "POST" -> POST;
      case "PUT" -> PUT;
      case "DELETE" -> DELETE;
      case "CONNECT" -> CONNECT;
      case "OPTIONS" -> OPTIONS;
      case "TRACE" -> TRACE;
      case "PATCH" -> PATCH;
      default -> null;
    };
  }

  /** The method's name: {@code GET}. */
  public String name() {
    return name;
  }

  /** Whether the method is safe (RFC 9110 9.2.1): GET, HEAD, OPTIONS and TRACE. */
  public boolean isSafe() {
    return safe;
  }

  /**
   * Whether the method is idempotent (RFC 9110 9.2.2): the safe ones, PUT and DELETE. A client may
   * retry these on a connection that closed before the answer.
   */
  public boolean isIdempotent() {
    return idempotent;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof HttpMethod m && m.name.equals(name);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public String toString() {
    return name;
  }
}

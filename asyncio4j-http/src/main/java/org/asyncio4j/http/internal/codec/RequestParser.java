package org.asyncio4j.http.internal.codec;

import java.util.Set;
import org.asyncio4j.http.Headers;
import org.asyncio4j.http.HttpMethod;
import org.asyncio4j.http.HttpVersion;
import org.jspecify.annotations.Nullable;

/**
 * The strict request parser of RFC 9112 (what a server reads): CRLF only, no obs-fold, no
 * whitespace before a colon, tokens for names and methods, {@code HTTP/1.0} or {@code HTTP/1.1}
 * exactly (another {@code HTTP/d.d} is 505), {@code Host} exactly once in HTTP/1.1, lengths and
 * codings read so that no two parsers could frame the body differently.
 *
 * <pre>{@code
 * RequestParser p = new RequestParser(listener);
 * int used = p.feed(bytes, 0, n); // fewer than n when the listener paused or an upgrade stopped it
 * }</pre>
 *
 * <p>Framing rules (each a smuggling vector when read loosely): {@code Content-Length} must be one
 * field of 1*DIGIT (no sign, list, spaces inside, nor a second field even with the same value:
 * stricter than RFC 9110 8.6, as llhttp); with {@code Transfer-Encoding} it is rejected and the
 * connection closes (9112 6.1); {@code Transfer-Encoding} in HTTP/1.0 is rejected (9112 6.1);
 * {@code chunked} must be the last coding and appear once, else 400; codings other than {@code
 * chunked} are not implemented: 501 (9112 6.1). Trailer fields that frame or route (lengths,
 * codings, {@code Host}, connection options...) are rejected.
 *
 * <p>An {@code Upgrade} request ({@code Connection: upgrade}) or a CONNECT stops the parser after
 * the message (its head, and its body if it declares one; a CONNECT may not declare one): the bytes
 * after it belong to the new protocol, or to the next request if the server declines and calls
 * {@link #resumeAfterStop}.
 */
public final class RequestParser extends Http1Parser<RequestHead> {
  private @Nullable HttpMethod method;
  private @Nullable String target;
  private @Nullable HttpVersion version;

  /** A strict parser with the default limits. */
  public RequestParser(Http1Listener<RequestHead> listener) {
    this(listener, ParserLimits.DEFAULTS);
  }

  /** A strict parser with these limits. */
  public RequestParser(Http1Listener<RequestHead> listener, ParserLimits limits) {
    this(listener, limits, Set.of());
  }

  /** A parser accepting the named deviations (none by default for requests). */
  public RequestParser(
      Http1Listener<RequestHead> listener, ParserLimits limits, Set<Leniency> leniencies) {
    super(listener, limits, leniencies);
  }

  @Override
  protected int tooLongStartLineStatus() {
    return 414;
  }

  @Override
  protected HttpParseException error(int requestStatus, String message) {
    return new HttpParseException(requestStatus, message);
  }

  @Override
  protected void startLine(byte[] b, int s, int e) {
    int sp1 = -1;
    for (int i = s; i < e; i++) {
      if (b[i] == ' ') {
        sp1 = i;
        break;
      }
    }
    int sp2 = -1;
    for (int i = e - 1; i > sp1; i--) {
      if (b[i] == ' ') {
        sp2 = i;
        break;
      }
    }
    if (sp1 < 0 || sp2 < 0) {
      throw error(
          400,
          "the request line "
              + HttpChars.snippet(b, s, e - s)
              + " is not method SP target SP version (RFC 9112 3)");
    }
    version = version(b, sp2 + 1, e);
    method = method(b, s, sp1);
    int ts = sp1 + 1;
    if (ts == sp2) {
      throw error(400, "the request line has an empty request-target (two spaces in a row)");
    }
    for (int i = ts; i < sp2; i++) {
      if (!HttpChars.isTargetOctet(b[i])) {
        throw error(
            400,
            "invalid character "
                + HttpChars.describe(b[i] & 0xff)
                + " in the request-target at column "
                + (i - ts)
                + ": a target is visible ASCII, one space on each side (RFC 9112 3.2)");
      }
    }
    target = new String(b, ts, sp2 - ts, java.nio.charset.StandardCharsets.ISO_8859_1);
    checkTargetForm(method, target);
  }

  private HttpVersion version(byte[] b, int s, int e) {
    int n = e - s;
    if (n == 8
        && b[s] == 'H'
        && b[s + 1] == 'T'
        && b[s + 2] == 'T'
        && b[s + 3] == 'P'
        && b[s + 4] == '/'
        && b[s + 6] == '.'
        && isDigit(b[s + 5])
        && isDigit(b[s + 7])) {
      if (b[s + 5] == '1' && b[s + 7] == '1') {
        return HttpVersion.HTTP_1_1;
      }
      if (b[s + 5] == '1' && b[s + 7] == '0') {
        return HttpVersion.HTTP_1_0;
      }
      throw error(
          505,
          "HTTP version "
              + HttpChars.snippet(b, s, n)
              + " is not supported: this server speaks HTTP/1.0 and HTTP/1.1");
    }
    throw error(
        400,
        "the request line ends with "
            + HttpChars.snippet(b, s, n)
            + ", not an HTTP version (HTTP/DIGIT.DIGIT, case-sensitive, RFC 9112 2.3)");
  }

  private static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }

  private HttpMethod method(byte[] b, int s, int e) {
    if (e == s) {
      throw error(400, "the request line starts with a space: no method");
    }
    HttpMethod standard = standardMethod(b, s, e - s);
    if (standard != null) {
      return standard;
    }
    for (int i = s; i < e; i++) {
      if (!HttpChars.isTchar(b[i])) {
        throw error(
            400,
            "invalid character "
                + HttpChars.describe(b[i] & 0xff)
                + " in the method at column "
                + (i - s)
                + ": a method is a token (RFC 9110 9.1)");
      }
    }
    return HttpMethod.of(new String(b, s, e - s, java.nio.charset.StandardCharsets.ISO_8859_1));
  }

  private static final HttpMethod[] STANDARD = {
    HttpMethod.GET,
    HttpMethod.HEAD,
    HttpMethod.POST,
    HttpMethod.PUT,
    HttpMethod.DELETE,
    HttpMethod.CONNECT,
    HttpMethod.OPTIONS,
    HttpMethod.TRACE,
    HttpMethod.PATCH
  };

  private static @Nullable HttpMethod standardMethod(byte[] b, int s, int len) {
    for (HttpMethod m : STANDARD) {
      String n = m.name();
      if (n.length() == len) {
        boolean same = true;
        for (int i = 0; i < len; i++) {
          if (b[s + i] != n.charAt(i)) {
            same = false;
            break;
          }
        }
        if (same) {
          return m;
        }
      }
    }
    return null;
  }

  private void checkTargetForm(HttpMethod m, String t) {
    if (t.equals("*")) {
      if (!m.equals(HttpMethod.OPTIONS)) {
        throw error(400, "the asterisk-form target '*' is for OPTIONS only, not " + m);
      }
      return;
    }
    if (m.equals(HttpMethod.CONNECT)) {
      int colon = t.lastIndexOf(':');
      boolean ok = colon > 0 && colon < t.length() - 1 && t.indexOf('/') < 0 && t.indexOf('@') < 0;
      for (int i = colon + 1; ok && i < t.length(); i++) {
        ok = t.charAt(i) >= '0' && t.charAt(i) <= '9';
      }
      if (!ok) {
        throw error(
            400,
            "CONNECT needs an authority-form target host:port, not "
                + HttpChars.snippet(t)
                + " (RFC 9112 3.2.3)");
      }
      return;
    }
    if (t.charAt(0) == '/') {
      return;
    }
    // absolute-form: scheme ":" hier-part, scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
    int colon = t.indexOf(':');
    boolean scheme = colon > 0 && Character.isLetter(t.charAt(0)) && t.charAt(0) < 0x80;
    for (int i = 1; scheme && i < colon; i++) {
      char c = t.charAt(i);
      scheme =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '+'
              || c == '-'
              || c == '.';
    }
    if (!scheme) {
      throw error(
          400,
          "the request-target "
              + HttpChars.snippet(t)
              + " is neither origin-form (/path) nor absolute-form (scheme:...) (RFC 9112 3.2)");
    }
  }

  @Override
  protected void headComplete() {
    HttpMethod m = java.util.Objects.requireNonNull(method);
    HttpVersion v = java.util.Objects.requireNonNull(version);
    String t = java.util.Objects.requireNonNull(target);
    int hosts = 0;
    int lengths = 0;
    String lengthValue = "";
    boolean hasTe = false;
    boolean expectContinue = false;
    boolean hasUpgrade = false;
    for (int i = 0; i < fieldCount; i++) {
      String n = names[i];
      if (FieldRules.is(n, HeaderNames.HOST)) {
        hosts++;
        checkHost(values[i]);
      } else if (FieldRules.is(n, HeaderNames.CONTENT_LENGTH)) {
        lengths++;
        lengthValue = values[i];
      } else if (FieldRules.is(n, HeaderNames.TRANSFER_ENCODING)) {
        hasTe = true;
      } else if (FieldRules.is(n, HeaderNames.EXPECT)) {
        expectContinue = HttpChars.equalsIgnoreAsciiCase(values[i], "100-continue");
      } else if (FieldRules.is(n, HeaderNames.UPGRADE)) {
        hasUpgrade = true;
      }
    }
    if (hosts > 1) {
      throw error(400, "the request has " + hosts + " Host fields: one at most (RFC 9112 3.2)");
    }
    if (hosts == 0 && v == HttpVersion.HTTP_1_1) {
      throw error(400, "an HTTP/1.1 request without a Host field (RFC 9112 3.2)");
    }
    Headers headers = buildFields();
    boolean chunked = false;
    long length = 0;
    if (hasTe) {
      if (v == HttpVersion.HTTP_1_0) {
        throw error(
            400, "Transfer-Encoding in an HTTP/1.0 request: its framing is faulty (RFC 9112 6.1)");
      }
      if (lengths > 0) {
        throw error(
            400,
            "both Content-Length and Transfer-Encoding: the request could be framed two ways"
                + " (RFC 9112 6.1); the connection closes");
      }
      chunked =
          switch (FieldRules.transferCoding(headers)) {
            case CHUNKED -> true;
            case CHUNKED_AFTER_OTHERS, UNSUPPORTED ->
                throw error(
                    501,
                    "Transfer-Encoding "
                        + HttpChars.snippet(String.join(", ", headers.getAll("Transfer-Encoding")))
                        + " uses a coding this server does not implement: only chunked (RFC 9112 6.1)");
            case NOT_CHUNKED_LAST ->
                throw error(
                    400,
                    "chunked is not the last transfer coding (RFC 9112 6.3: the length is unknown)");
            case DUPLICATE_CHUNKED ->
                throw error(
                    400, "chunked appears more than once in Transfer-Encoding (RFC 9112 6.1)");
            case MALFORMED ->
                throw error(
                    400,
                    "a malformed Transfer-Encoding "
                        + HttpChars.snippet(String.join(", ", headers.getAll("Transfer-Encoding")))
                        + ": a list of tokens, none empty");
            case ABSENT -> throw new IllegalStateException("Transfer-Encoding seen but absent");
          };
    } else if (lengths > 1) {
      throw error(400, "the request has " + lengths + " Content-Length fields: one at most");
    } else if (lengths == 1) {
      length = FieldRules.parseLength(lengthValue);
      if (length < 0) {
        throw error(
            400,
            "Content-Length "
                + HttpChars.snippet(lengthValue)
                + " is not a number of at most 18 digits (1*DIGIT: no sign, list or spaces)");
      }
      if (length > limits.maxContentLength()) {
        throw error(
            413,
            "Content-Length "
                + length
                + " is over this server's limit of "
                + limits.maxContentLength()
                + " bytes");
      }
    }
    boolean connect = m.equals(HttpMethod.CONNECT);
    if (connect && (chunked || length > 0)) {
      throw error(400, "a CONNECT request with a body (RFC 9110 9.3.6: it has no content)");
    }
    boolean upgrade = connect || (hasUpgrade && FieldRules.connectionHas(headers, "upgrade"));
    boolean keepAlive =
        v == HttpVersion.HTTP_1_1
            ? !FieldRules.connectionHas(headers, "close")
            : FieldRules.connectionHas(headers, "keep-alive");
    method = null;
    target = null;
    version = null;
    listener.onHead(
        new RequestHead(
            m, t, v, headers, keepAlive, upgrade, expectContinue, chunked, chunked ? -1 : length));
    beginBody(
        chunked ? BodyFraming.CHUNKED : length > 0 ? BodyFraming.LENGTH : BodyFraming.NONE,
        length,
        upgrade);
  }

  private void checkHost(String host) {
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      if (c > 0xff || !HttpChars.isHostOctet(c)) {
        throw error(
            400,
            "invalid character "
                + HttpChars.describe(c)
                + " in the Host field at column "
                + i
                + ": Host is host[:port] (no userinfo, path or spaces; RFC 9112 3.2)");
      }
    }
  }

  @Override
  protected Headers checkTrailers(Headers trailers) {
    for (int i = 0; i < trailers.size(); i++) {
      if (FieldRules.forbiddenInTrailer(trailers.name(i))) {
        throw error(
            400,
            "the trailer field "
                + HttpChars.snippet(trailers.name(i))
                + " may not be sent in a trailer (RFC 9110 6.5.1: framing, routing and control"
                + " fields stay in the header section)");
      }
    }
    return trailers;
  }
}

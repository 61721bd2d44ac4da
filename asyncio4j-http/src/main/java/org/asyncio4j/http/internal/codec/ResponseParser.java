package org.asyncio4j.http.internal.codec;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.asyncio4j.http.Headers;
import org.asyncio4j.http.HttpMethod;
import org.asyncio4j.http.HttpVersion;
import org.jspecify.annotations.Nullable;

/**
 * The response parser (what a client reads): RFC 9112's framing, with the {@link Leniency}s of
 * {@link Leniency#RESPONSE_DEFAULTS} where real servers are sloppy (bare LF, obs-fold, a status
 * line without reason, a repeated same {@code Content-Length}, TE beside CL). NUL, CR and other
 * controls in values are always rejected (aiohttp CVE-2026-34520).
 *
 * <pre>{@code
 * ResponseParser p = new ResponseParser(listener);
 * p.expectResponseTo(HttpMethod.HEAD); // a response to HEAD has no body, whatever it declares
 * p.feed(bytes, 0, n);
 * p.feedEof(); // completes a body delimited by the close
 * }</pre>
 *
 * <p>Framing (RFC 9112 6.3): none for a response to HEAD and for 1xx, 204 and 304; a 2xx to CONNECT
 * and a 101 stop the parser after the head (a tunnel, a new protocol); an interim 1xx (100
 * Continue, 103 Early Hints) is a message of its own, and the final response follows for the same
 * request; chunked when {@code chunked} is the last coding; else the body runs until the close when
 * a coding is present or no length is declared. Codings before {@code chunked} are left in the body
 * (visible in the head's fields) for the caller to decode. Errors carry status 502, as a proxy
 * would answer for a bad upstream response; forbidden trailer fields are dropped.
 */
public final class ResponseParser extends Http1Parser<ResponseHead> {
  private HttpMethod requestMethod = HttpMethod.GET;
  private @Nullable HttpVersion version;
  private int status;
  private String reason = "";

  /** A parser with the default limits and leniencies. */
  public ResponseParser(Http1Listener<ResponseHead> listener) {
    this(listener, ParserLimits.DEFAULTS, Leniency.RESPONSE_DEFAULTS);
  }

  /** A parser with these limits and exactly these leniencies. */
  public ResponseParser(
      Http1Listener<ResponseHead> listener, ParserLimits limits, Set<Leniency> leniencies) {
    super(listener, limits, leniencies);
  }

  /**
   * The method of the request whose response comes next (GET until told otherwise): it decides
   * whether a body follows (HEAD, CONNECT).
   */
  public void expectResponseTo(HttpMethod method) {
    requestMethod = method;
  }

  @Override
  protected int tooLongStartLineStatus() {
    return 502;
  }

  @Override
  protected HttpParseException error(int requestStatus, String message) {
    return new HttpParseException(502, "bad response: " + message);
  }

  @Override
  protected void startLine(byte[] b, int s, int e) {
    int n = e - s;
    if (n < 12
        || b[s] != 'H'
        || b[s + 1] != 'T'
        || b[s + 2] != 'T'
        || b[s + 3] != 'P'
        || b[s + 4] != '/'
        || b[s + 5] != '1'
        || b[s + 6] != '.'
        || (b[s + 7] != '0' && b[s + 7] != '1')
        || b[s + 8] != ' ') {
      throw error(
          502,
          "the status line "
              + HttpChars.snippet(b, s, n)
              + " does not start with HTTP/1.0 or HTTP/1.1 and a space");
    }
    version = b[s + 7] == '1' ? HttpVersion.HTTP_1_1 : HttpVersion.HTTP_1_0;
    int code = 0;
    for (int i = s + 9; i < s + 12; i++) {
      if (b[i] < '0' || b[i] > '9') {
        throw error(
            502, "the status code in " + HttpChars.snippet(b, s, n) + " is not three digits");
      }
      code = code * 10 + (b[i] - '0');
    }
    if (code < 100) {
      throw error(502, "status code " + code + " is below 100");
    }
    status = code;
    int rs = s + 12;
    if (rs == e) {
      if (!lenient(Leniency.MISSING_REASON_SPACE)) {
        throw error(502, "the status line has no space after the status code");
      }
      reason = "";
      return;
    }
    if (b[rs] != ' ') {
      throw error(
          502, "the status code in " + HttpChars.snippet(b, s, n) + " is not followed by a space");
    }
    for (int i = rs + 1; i < e; i++) {
      if (!HttpChars.isFieldValueOctet(b[i])) {
        throw error(
            502, "invalid character " + HttpChars.describe(b[i] & 0xff) + " in the reason phrase");
      }
    }
    reason = rs + 1 == e ? "" : new String(b, rs + 1, e - rs - 1, StandardCharsets.ISO_8859_1);
  }

  @Override
  protected void headComplete() {
    HttpVersion v = java.util.Objects.requireNonNull(version);
    int lengths = 0;
    long length = -1;
    boolean hasTe = false;
    for (int i = 0; i < fieldCount; i++) {
      String n = names[i];
      if (FieldRules.is(n, HeaderNames.CONTENT_LENGTH)) {
        String[] elements = FieldRules.listElements(values[i]);
        if (elements == null) {
          throw error(502, "an empty element in Content-Length " + HttpChars.snippet(values[i]));
        }
        for (String el : elements) {
          long x = FieldRules.parseLength(el);
          if (x < 0) {
            throw error(502, "Content-Length " + HttpChars.snippet(values[i]) + " is not a number");
          }
          if (++lengths > 1
              && (x != length || !lenient(Leniency.DUPLICATE_CONTENT_LENGTH_SAME_VALUE))) {
            throw error(
                502,
                x != length
                    ? "Content-Length declared twice with different values"
                    : "Content-Length declared more than once");
          }
          length = x;
        }
      } else if (FieldRules.is(n, HeaderNames.TRANSFER_ENCODING)) {
        hasTe = true;
      }
    }
    Headers headers = buildFields();
    boolean keepAlive =
        v == HttpVersion.HTTP_1_1
            ? !FieldRules.connectionHas(headers, "close")
            : FieldRules.connectionHas(headers, "keep-alive");
    BodyFraming framing;
    boolean stop = false;
    if (status == 101 || (requestMethod.equals(HttpMethod.CONNECT) && status / 100 == 2)) {
      framing = BodyFraming.TUNNEL;
      stop = true;
    } else if (status / 100 == 1
        || status == 204
        || status == 304
        || requestMethod.equals(HttpMethod.HEAD)) {
      framing = BodyFraming.NONE;
    } else if (hasTe) {
      if (lengths > 0) {
        if (!lenient(Leniency.TRANSFER_ENCODING_WITH_CONTENT_LENGTH)) {
          throw error(502, "both Content-Length and Transfer-Encoding");
        }
        keepAlive = false;
      }
      switch (FieldRules.transferCoding(headers)) {
        case CHUNKED, CHUNKED_AFTER_OTHERS -> framing = BodyFraming.CHUNKED;
        case DUPLICATE_CHUNKED ->
            throw error(502, "chunked appears more than once in Transfer-Encoding");
        case MALFORMED -> throw error(502, "a malformed Transfer-Encoding");
        default -> {
          framing = BodyFraming.UNTIL_CLOSE;
          keepAlive = false;
        }
      }
    } else if (lengths > 0) {
      framing = BodyFraming.LENGTH;
    } else {
      framing = BodyFraming.UNTIL_CLOSE;
      keepAlive = false;
    }
    long declared = framing == BodyFraming.LENGTH ? length : -1;
    if (declared > limits.maxContentLength()) {
      throw error(413, "Content-Length " + declared + " is over the limit");
    }
    int code = status;
    String r = reason;
    version = null;
    listener.onHead(new ResponseHead(v, code, r, headers, keepAlive, framing, declared));
    beginBody(framing, declared, stop);
  }

  @Override
  protected Headers checkTrailers(Headers trailers) {
    Headers.Builder kept = null;
    for (int i = 0; i < trailers.size(); i++) {
      if (FieldRules.forbiddenInTrailer(trailers.name(i))) {
        if (kept == null) {
          kept = Headers.builder();
          for (int j = 0; j < i; j++) {
            kept.add(trailers.name(j), trailers.value(j));
          }
        }
      } else if (kept != null) {
        kept.add(trailers.name(i), trailers.value(i));
      }
    }
    return kept == null ? trailers : kept.build();
  }
}

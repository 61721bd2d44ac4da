package org.asyncio4j.http.internal.codec;

import org.asyncio4j.http.Headers;
import org.asyncio4j.http.HttpMethod;
import org.asyncio4j.http.HttpVersion;

/**
 * Writes request and status lines with their header fields as bytes, refusing what would let a peer
 * read the message differently (aiohttp's THREAT_MODEL 5.2): CTLs (0x00-0x08, 0x0A-0x1F, 0x7F) or
 * characters beyond ISO-8859-1 in names, values, the reason and the target; both {@code
 * Content-Length} and {@code Transfer-Encoding}; a coding list that does not end with {@code
 * chunked}; a length or coding on a 1xx or 204 response. The framing the head announces comes back
 * with the bytes, so the body writer can be held to it.
 *
 * <pre>{@code
 * EncodedHead head = Http1Writer.responseHead(HttpVersion.HTTP_1_1, 200, "OK",
 *     Headers.of("Content-Length", "5"), HttpMethod.GET);
 * }</pre>
 */
public final class Http1Writer {
  private Http1Writer() {}

  /**
   * A request head.
   *
   * @throws IllegalArgumentException for a forbidden character or contradictory framing
   */
  public static EncodedHead requestHead(
      HttpMethod method, String target, HttpVersion version, Headers headers) {
    if (target.isEmpty()) {
      throw new IllegalArgumentException("an empty request-target: use \"/\" for the root");
    }
    for (int i = 0; i < target.length(); i++) {
      char c = target.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        throw new IllegalArgumentException(
            "the request-target "
                + HttpChars.snippet(target)
                + " has "
                + HttpChars.describe(c)
                + " at index "
                + i
                + ": a target is visible ASCII (percent-encode the rest)");
      }
    }
    Framing f = framing(headers);
    BodyFraming framing =
        f.chunked ? BodyFraming.CHUNKED : f.length >= 0 ? BodyFraming.LENGTH : BodyFraming.NONE;
    int size = method.name().length() + 1 + target.length() + 1 + 8 + 2 + fieldsSize(headers) + 2;
    byte[] out = new byte[size];
    int p = ascii(out, 0, method.name());
    out[p++] = ' ';
    p = ascii(out, p, target);
    out[p++] = ' ';
    p = ascii(out, p, version.text());
    out[p++] = '\r';
    out[p++] = '\n';
    p = fields(out, p, headers);
    out[p++] = '\r';
    out[p] = '\n';
    return new EncodedHead(out, framing, framing == BodyFraming.LENGTH ? f.length : -1);
  }

  /**
   * A response head for a request of {@code requestMethod} (HEAD: no body follows).
   *
   * @throws IllegalArgumentException for a forbidden character or contradictory framing
   */
  public static EncodedHead responseHead(
      HttpVersion version, int status, String reason, Headers headers, HttpMethod requestMethod) {
    if (status < 100 || status > 999) {
      throw new IllegalArgumentException("status " + status + " is not three digits");
    }
    checkText(reason, "the reason phrase");
    Framing f = framing(headers);
    boolean noBodyStatus = status / 100 == 1 || status == 204;
    if (noBodyStatus && (f.length >= 0 || f.chunked)) {
      throw new IllegalArgumentException(
          "a "
              + status
              + " response with Content-Length or Transfer-Encoding: RFC 9110 8.6 and 9112 6.1"
              + " forbid them on 1xx and 204");
    }
    BodyFraming framing;
    if (noBodyStatus || status == 304 || requestMethod.equals(HttpMethod.HEAD)) {
      framing = BodyFraming.NONE;
    } else if (status == 101 || (requestMethod.equals(HttpMethod.CONNECT) && status / 100 == 2)) {
      framing = BodyFraming.TUNNEL;
    } else if (f.chunked) {
      framing = BodyFraming.CHUNKED;
    } else if (f.length >= 0) {
      framing = BodyFraming.LENGTH;
    } else {
      framing = BodyFraming.UNTIL_CLOSE;
    }
    int size = 8 + 1 + 3 + 1 + reason.length() + 2 + fieldsSize(headers) + 2;
    byte[] out = new byte[size];
    int p = ascii(out, 0, version.text());
    out[p++] = ' ';
    out[p++] = (byte) ('0' + status / 100);
    out[p++] = (byte) ('0' + status / 10 % 10);
    out[p++] = (byte) ('0' + status % 10);
    out[p++] = ' ';
    p = ascii(out, p, reason);
    out[p++] = '\r';
    out[p++] = '\n';
    p = fields(out, p, headers);
    out[p++] = '\r';
    out[p] = '\n';
    return new EncodedHead(out, framing, framing == BodyFraming.LENGTH ? f.length : -1);
  }

  private record Framing(long length, boolean chunked) {}

  private static Framing framing(Headers headers) {
    long length = -1;
    boolean te = false;
    boolean chunked = false;
    for (int i = 0; i < headers.size(); i++) {
      String n = headers.name(i);
      checkName(n);
      checkText(headers.value(i), "the value of " + HttpChars.snippet(n));
      if (FieldRules.is(n, HeaderNames.CONTENT_LENGTH)) {
        long x = FieldRules.parseLength(headers.value(i));
        if (x < 0 || length >= 0) {
          throw new IllegalArgumentException(
              length >= 0
                  ? "Content-Length given twice: send one"
                  : "Content-Length "
                      + HttpChars.snippet(headers.value(i))
                      + " is not a number of at most 18 digits");
        }
        length = x;
      } else if (FieldRules.is(n, HeaderNames.TRANSFER_ENCODING)) {
        te = true;
      }
    }
    if (te) {
      if (length >= 0) {
        throw new IllegalArgumentException(
            "both Content-Length and Transfer-Encoding: send one (a peer could frame the message"
                + " either way, RFC 9112 6.1)");
      }
      FieldRules.Coding c = FieldRules.transferCoding(headers);
      if (c != FieldRules.Coding.CHUNKED && c != FieldRules.Coding.CHUNKED_AFTER_OTHERS) {
        throw new IllegalArgumentException(
            "Transfer-Encoding "
                + HttpChars.snippet(String.join(", ", headers.getAll("Transfer-Encoding")))
                + " does not end with chunked once: this writer frames bodies with chunked");
      }
      chunked = true;
    }
    return new Framing(length, chunked);
  }

  private static void checkName(String n) {
    if (!HttpChars.isToken(n)) {
      throw new IllegalArgumentException("header name " + HttpChars.snippet(n) + " is not a token");
    }
  }

  private static void checkText(String s, String what) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c > 0xff || HttpChars.isForbiddenCtl(c)) {
        throw new IllegalArgumentException(
            what
                + " has "
                + HttpChars.describe(c)
                + " at index "
                + i
                + (c > 0xff
                    ? ": only ISO-8859-1 characters travel in a head (encode the value)"
                    : ": control characters (0x00-0x08, 0x0A-0x1F, 0x7F) are refused"));
      }
    }
  }

  private static int fieldsSize(Headers h) {
    int n = 0;
    for (int i = 0; i < h.size(); i++) {
      n += h.name(i).length() + 2 + h.value(i).length() + 2;
    }
    return n;
  }

  private static int fields(byte[] out, int p, Headers h) {
    for (int i = 0; i < h.size(); i++) {
      p = ascii(out, p, h.name(i));
      out[p++] = ':';
      out[p++] = ' ';
      p = ascii(out, p, h.value(i));
      out[p++] = '\r';
      out[p++] = '\n';
    }
    return p;
  }

  /** Writes a checked ISO-8859-1 string (one byte per char). */
  static int ascii(byte[] out, int p, String s) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      out[p + i] = (byte) s.charAt(i);
    }
    return p + n;
  }
}

package org.asyncio4j.http.internal.codec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.asyncio4j.http.HttpMethod;

/**
 * Response vectors (llhttp test/response/*.md, aiohttp's response-parser tests and advisories, RFC
 * 9112 6.3), with the method of the request each answers (GET unless said).
 */
final class ResponseVectors {
  private ResponseVectors() {}

  static final List<Vector> ALL = new ArrayList<>();
  static final Map<String, HttpMethod> METHOD = new HashMap<>();

  private static void add(String id, String input, boolean eof, String expected) {
    ALL.add(new Vector(id, input, eof, expected, ""));
  }

  private static void add(
      String id, HttpMethod method, String input, boolean eof, String expected) {
    METHOD.put(id, method);
    add(id, input, eof, expected);
  }

  static HttpMethod method(Vector v) {
    return METHOD.getOrDefault(v.id(), HttpMethod.GET);
  }

  private static final String CHUNKED_HEAD =
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";

  static {
    String ok5 = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";
    add("RESP-CL", ok5, false, "HTTP/1.1 200 \"OK\" [Content-Length: 5] LENGTH body=\"hello\"");
    add(
        "RESP-PIPELINED",
        ok5 + ok5,
        false,
        "HTTP/1.1 200 \"OK\" [Content-Length: 5] LENGTH body=\"hello\" ; HTTP/1.1 200 \"OK\""
            + " [Content-Length: 5] LENGTH body=\"hello\"");
    add(
        "RESP-CHUNKED-TRAILERS",
        CHUNKED_HEAD + "5\r\nhello\r\n0\r\nX-T: 1\r\nContent-Length: 9\r\n\r\n",
        false,
        "HTTP/1.1 200 \"OK\" [Transfer-Encoding: chunked] CHUNKED body=\"hello\" trailers[X-T: 1]");
    add(
        "RESP-204-NO-BODY",
        "HTTP/1.1 204 No Content\r\n\r\n" + ok5,
        false,
        "HTTP/1.1 204 \"No Content\" [] NONE ; HTTP/1.1 200 \"OK\" [Content-Length: 5] LENGTH"
            + " body=\"hello\"");
    add(
        "RESP-304-CL-NO-BODY",
        "HTTP/1.1 304 Not Modified\r\nContent-Length: 100\r\n\r\n",
        false,
        "HTTP/1.1 304 \"Not Modified\" [Content-Length: 100] NONE");
    add(
        "RESP-HEAD-CL-NO-BODY",
        HttpMethod.HEAD,
        "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n",
        false,
        "HTTP/1.1 200 \"OK\" [Content-Length: 100] NONE");
    add(
        "RESP-100-CONTINUE",
        "HTTP/1.1 100 Continue\r\n\r\n" + ok5,
        false,
        "HTTP/1.1 100 \"Continue\" [] NONE ; HTTP/1.1 200 \"OK\" [Content-Length: 5] LENGTH"
            + " body=\"hello\"");
    add(
        "RESP-103-EARLY-HINTS",
        "HTTP/1.1 103 Early Hints\r\nLink: </s.css>; rel=preload\r\n\r\n" + ok5,
        false,
        "HTTP/1.1 103 \"Early Hints\" [Link: </s.css>; rel=preload] NONE ; HTTP/1.1 200 \"OK\""
            + " [Content-Length: 5] LENGTH body=\"hello\"");
    add(
        "RESP-101-SWITCHING",
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"
            + "\u0081\u0000",
        false,
        "HTTP/1.1 101 \"Switching Protocols\" [Upgrade: websocket, Connection: Upgrade] TUNNEL"
            + " >>\\x81\\x00");
    add(
        "RESP-CONNECT-200-TUNNEL",
        HttpMethod.CONNECT,
        "HTTP/1.1 200 Connection established\r\n\r\n\u0016\u0003",
        false,
        "HTTP/1.1 200 \"Connection established\" [] TUNNEL >>\\x16\\x03");
    add(
        "RESP-UNTIL-CLOSE",
        "HTTP/1.1 200 OK\r\n\r\nall of it",
        true,
        "HTTP/1.1 200 \"OK\" [] close UNTIL_CLOSE body=\"all of it\"");
    add(
        "RESP-HTTP10-UNTIL-CLOSE",
        "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nold",
        true,
        "HTTP/1.0 200 \"OK\" [Content-Type: text/plain] close UNTIL_CLOSE body=\"old\"");
    add(
        "RESP-CONNECTION-CLOSE",
        "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
        false,
        "HTTP/1.1 200 \"OK\" [Connection: close, Content-Length: 0] close LENGTH");
    add(
        "RESP-LENIENT-BARE-LF",
        "HTTP/1.1 200 OK\nContent-Length: 2\n\nhi",
        false,
        "HTTP/1.1 200 \"OK\" [Content-Length: 2] LENGTH body=\"hi\"");
    add(
        "RESP-LENIENT-OBS-FOLD",
        "HTTP/1.1 200 OK\r\nX-Long: a\r\n\tb\r\n c\r\nContent-Length: 0\r\n\r\n",
        false,
        "HTTP/1.1 200 \"OK\" [X-Long: a b c, Content-Length: 0] LENGTH");
    add(
        "RESP-LENIENT-NO-REASON",
        "HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n",
        false,
        "HTTP/1.1 200 \"\" [Content-Length: 0] LENGTH");
    add(
        "RESP-EMPTY-REASON",
        "HTTP/1.1 404 \r\nContent-Length: 0\r\n\r\n",
        false,
        "HTTP/1.1 404 \"\" [Content-Length: 0] LENGTH");
    add(
        "RESP-LENIENT-DUPLICATE-CL-SAME",
        "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 2, 2\r\n\r\nhi",
        false,
        "HTTP/1.1 200 \"OK\" [Content-Length: 2, Content-Length: 2, 2] LENGTH body=\"hi\"");
    add(
        "RESP-DUPLICATE-CL-DIFFERENT",
        "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nhi!",
        false,
        "!502");
    add(
        "RESP-LENIENT-TE-AND-CL",
        "HTTP/1.1 200 OK\r\nContent-Length: 99\r\n"
            + CHUNKED_HEAD.substring(17)
            + "2\r\nhi\r\n0\r\n\r\n",
        false,
        "HTTP/1.1 200 \"OK\" [Content-Length: 99, Transfer-Encoding: chunked] close CHUNKED"
            + " body=\"hi\"");
    add(
        "RESP-TE-NOT-CHUNKED-UNTIL-CLOSE",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\nzzz",
        true,
        "HTTP/1.1 200 \"OK\" [Transfer-Encoding: gzip] close UNTIL_CLOSE body=\"zzz\"");
    add(
        "RESP-TE-GZIP-CHUNKED",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n3\r\nzzz\r\n0\r\n\r\n",
        false,
        "HTTP/1.1 200 \"OK\" [Transfer-Encoding: gzip, chunked] CHUNKED body=\"zzz\"");
    add(
        "CVE-2026-34520-NUL-IN-RESPONSE-VALUE",
        "HTTP/1.1 200 OK\r\nX: a\u0000b\r\nContent-Length: 0\r\n\r\n",
        false,
        "!502");
    add("RESP-BARE-CR", "HTTP/1.1 200 OK\r\nX: a\rb\r\nContent-Length: 0\r\n\r\n", false, "!502");
    add("RESP-TWO-DIGIT-STATUS", "HTTP/1.1 20 OK\r\n\r\n", false, "!502");
    add("RESP-HTTP2-STATUS-LINE", "HTTP/2 200 OK\r\n\r\n", false, "!502");
    add("RESP-LOWERCASE-VERSION", "http/1.1 200 OK\r\n\r\n", false, "!502");
    add("RESP-SP-BEFORE-COLON", "HTTP/1.1 200 OK\r\nContent-Length : 0\r\n\r\n", false, "!502");
    add("RESP-CL-SHORT-AT-EOF", "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhello", true, "!502");
    add(
        "RESP-CHUNK-EXT-LF",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;a\u0000\r\nhello\r\n0\r\n\r\n",
        false,
        "!502");
    add(
        "RESP-TOO-MANY-HEADERS",
        "HTTP/1.1 200 OK\r\n" + "X: 1\r\n".repeat(129) + "\r\n",
        false,
        "!502");
    add("RESP-NEGATIVE-CL", "HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\n", false, "!502");
    add("RESP-CUT-IN-HEAD", "HTTP/1.1 200 OK\r\nContent-Le", true, "!502");
  }
}

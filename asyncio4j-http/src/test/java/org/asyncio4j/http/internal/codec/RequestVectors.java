package org.asyncio4j.http.internal.codec;

import java.util.ArrayList;
import java.util.List;

/**
 * Request vectors, re-expressed from: Http11Probe's suites (IDs SMUG-*, COMP-*, MAL-*, RFC*),
 * llhttp's test/request/*.md (LLHTTP-*), aiohttp's tests/test_http_parser.py and advisories
 * (AIOHTTP-*, CVE-*), HTTP Garden's trophies (GARDEN-*). The bytes are written here from the facts
 * those sources state; none is copied.
 */
final class RequestVectors {
  private RequestVectors() {}

  static final String H = "Host: a\r\n";
  static final String GET = "GET / HTTP/1.1\r\n" + H + "\r\n";
  static final String OK_GET = "GET / HTTP/1.1 [Host: a]";

  static final List<Vector> ALL = new ArrayList<>();

  private static void ok(String id, String input, String expected) {
    ALL.add(new Vector(id, input, false, expected, ""));
  }

  private static void ok(String id, String input, String expected, String nodeDiffers) {
    ALL.add(new Vector(id, input, false, expected, nodeDiffers));
  }

  private static void bad(String id, String input, int status) {
    ALL.add(new Vector(id, input, false, "!" + status, ""));
  }

  private static void bad(String id, String input, int status, String nodeDiffers) {
    ALL.add(new Vector(id, input, false, "!" + status, nodeDiffers));
  }

  private static void eof(String id, String input, String expected) {
    ALL.add(new Vector(id, input, true, expected, ""));
  }

  private static String post(String headers, String body) {
    return "POST / HTTP/1.1\r\n" + H + headers + "\r\n" + body;
  }

  static {
    // ---- accepted
    ok("COMP-BASELINE", GET, OK_GET);
    ok("COMP-LEADING-CRLF", "\r\n\r\n" + GET, OK_GET);
    ok(
        "COMP-POST-CL-BODY",
        post("Content-Length: 5\r\n", "hello"),
        "POST / HTTP/1.1 [Host: a, Content-Length: 5] body=\"hello\"");
    ok(
        "COMP-POST-CL-ZERO",
        post("Content-Length: 0\r\n", ""),
        "POST / HTTP/1.1 [Host: a, Content-Length: 0]");
    ok("COMP-POST-NO-CL-NO-TE", post("", ""), "POST / HTTP/1.1 [Host: a]");
    ok(
        "COMP-CHUNKED-BODY",
        post("Transfer-Encoding: chunked\r\n", "5\r\nhello\r\n0\r\n\r\n"),
        "POST / HTTP/1.1 [Host: a, Transfer-Encoding: chunked] body=\"hello\"");
    ok(
        "COMP-CHUNKED-MULTI",
        post("Transfer-Encoding: chunked\r\n", "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"),
        "POST / HTTP/1.1 [Host: a, Transfer-Encoding: chunked] body=\"hello world\"");
    ok(
        "COMP-CHUNKED-EMPTY",
        post("Transfer-Encoding: chunked\r\n", "0\r\n\r\n"),
        "POST / HTTP/1.1 [Host: a, Transfer-Encoding: chunked]");
    ok(
        "COMP-CHUNKED-EXTENSION",
        post("Transfer-Encoding: chunked\r\n", "5;ext=val\r\nhello\r\n0;last\r\n\r\n"),
        "POST / HTTP/1.1 [Host: a, Transfer-Encoding: chunked] body=\"hello\"");
    ok(
        "LLHTTP-CHUNK-EXT-QUOTED",
        post("Transfer-Encoding: chunked\r\n", "5;a=\"b; c\\\"d\"\r\nhello\r\n0\r\n\r\n"),
        "POST / HTTP/1.1 [Host: a, Transfer-Encoding: chunked] body=\"hello\"");
    ok(
        "RFC9112-7.1.1-BWS-BEFORE-SEMICOLON",
        post("Transfer-Encoding: chunked\r\n", "5 ;a = b\r\nhello\r\n0\r\n\r\n"),
        "POST / HTTP/1.1 [Host: a, Transfer-Encoding: chunked] body=\"hello\"",
        "llhttp (strict in node 20) rejects whitespace after the chunk size; RFC 9112 7.1.1 allows"
            + " BWS before ';' and around '='");
    ok(
        "COMP-CHUNKED-TRAILER-VALID",
        post("Transfer-Encoding: chunked\r\n", "5\r\nhello\r\n0\r\nX-Checksum: 1\r\n\r\n"),
        "POST / HTTP/1.1 [Host: a, Transfer-Encoding: chunked] body=\"hello\""
            + " trailers[X-Checksum: 1]");
    ok(
        "COMP-CHUNKED-HEX-UPPERCASE",
        post("Transfer-Encoding: chunked\r\n", "A\r\n0123456789\r\n0\r\n\r\n"),
        "POST / HTTP/1.1 [Host: a, Transfer-Encoding: chunked] body=\"0123456789\"");
    ok(
        "LLHTTP-CHUNKED-CASE-INSENSITIVE",
        post("transfer-encoding: CHUNKED\r\n", "1\r\nx\r\n0\r\n\r\n"),
        "POST / HTTP/1.1 [Host: a, transfer-encoding: CHUNKED] body=\"x\"");
    ok(
        "COMP-ABSOLUTE-FORM",
        "GET http://a/x?y HTTP/1.1\r\n" + H + "\r\n",
        "GET http://a/x?y HTTP/1.1 [Host: a]");
    ok(
        "SMUG-ABSOLUTE-URI-HOST-MISMATCH",
        "GET http://b/ HTTP/1.1\r\n" + H + "\r\n",
        "GET http://b/ HTTP/1.1 [Host: a]");
    ok("COMP-OPTIONS-STAR", "OPTIONS * HTTP/1.1\r\n" + H + "\r\n", "OPTIONS * HTTP/1.1 [Host: a]");
    ok(
        "COMP-METHOD-CONNECT",
        "CONNECT a:443 HTTP/1.1\r\nHost: a:443\r\n\r\n\u0016\u0003\u0001tls",
        "CONNECT a:443 HTTP/1.1 [Host: a:443] upgrade >>\\x16\\x03\\x01tls");
    ok(
        "LLHTTP-UPGRADE-WEBSOCKET",
        "GET /ws HTTP/1.1\r\n"
            + H
            + "Connection: Upgrade\r\nUpgrade: websocket\r\n\r\n\u0081\u0000",
        "GET /ws HTTP/1.1 [Host: a, Connection: Upgrade, Upgrade: websocket] upgrade"
            + " >>\\x81\\x00");
    ok(
        "LLHTTP-UPGRADE-WITHOUT-CONNECTION-OPTION",
        "GET / HTTP/1.1\r\n" + H + "Upgrade: websocket\r\n\r\n" + GET,
        "GET / HTTP/1.1 [Host: a, Upgrade: websocket] ; " + OK_GET);
    ok("COMP-HTTP10-NO-HOST", "GET / HTTP/1.0\r\n\r\n", "GET / HTTP/1.0 [] close");
    ok(
        "COMP-HTTP10-KEEP-ALIVE",
        "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
        "GET / HTTP/1.0 [Connection: keep-alive]");
    ok(
        "COMP-CONNECTION-CLOSE",
        "GET / HTTP/1.1\r\n" + H + "Connection: foo, Close\r\n\r\n",
        "GET / HTTP/1.1 [Host: a, Connection: foo, Close] close");
    ok(
        "SMUG-CL-LEADING-ZEROS",
        post("Content-Length: 005\r\n", "hello"),
        "POST / HTTP/1.1 [Host: a, Content-Length: 005] body=\"hello\"");
    ok(
        "SMUG-TE-TRAILING-SPACE",
        post("Transfer-Encoding: chunked \r\n", "0\r\n\r\n"),
        "POST / HTTP/1.1 [Host: a, Transfer-Encoding: chunked]");
    ok("SMUG-PIPELINE-SAFE", GET + GET + GET, OK_GET + " ; " + OK_GET + " ; " + OK_GET);
    ok(
        "SMUG-CL0-BODY-POISON",
        post("Content-Length: 0\r\n", "") + "GET /x HTTP/1.1\r\n" + H + "\r\n",
        "POST / HTTP/1.1 [Host: a, Content-Length: 0] ; GET /x HTTP/1.1 [Host: a]");
    ok(
        "LLHTTP-PIPELINE-AFTER-CHUNKED",
        post("Transfer-Encoding: chunked\r\n", "1\r\na\r\n0\r\n\r\n") + GET,
        "POST / HTTP/1.1 [Host: a, Transfer-Encoding: chunked] body=\"a\" ; " + OK_GET);
    ok(
        "SMUG-HEAD-CL-BODY",
        "HEAD / HTTP/1.1\r\n" + H + "Content-Length: 5\r\n\r\nhello",
        "HEAD / HTTP/1.1 [Host: a, Content-Length: 5] body=\"hello\"");
    ok(
        "SMUG-EXPECT-100-CL",
        post("Expect: 100-continue\r\nContent-Length: 2\r\n", "hi"),
        "POST / HTTP/1.1 [Host: a, Expect: 100-continue, Content-Length: 2] expect100 body=\"hi\"");
    ok(
        "AIOHTTP-OWS-AROUND-VALUE",
        "GET / HTTP/1.1\r\nHost:   a \t\r\nX-Empty:\r\n\r\n",
        "GET / HTTP/1.1 [Host: a, X-Empty: ]");
    ok(
        "AIOHTTP-OBS-TEXT-IN-VALUE",
        "GET / HTTP/1.1\r\n" + H + "X-Name: caf\u00e9\r\n\r\n",
        "GET / HTTP/1.1 [Host: a, X-Name: caf\\xe9]");
    ok(
        "MAL-URL-PERCENT-CRLF",
        "GET /%0d%0aX:%20y HTTP/1.1\r\n" + H + "\r\n",
        "GET /%0d%0aX:%20y HTTP/1.1 [Host: a]");
    ok(
        "COMP-METHOD-CASE",
        "get / HTTP/1.1\r\n" + H + "\r\n",
        "get / HTTP/1.1 [Host: a]",
        "llhttp knows a fixed list of methods and rejects others (400); ours accepts any token as"
            + " an extension method (RFC 9110 9.1) and the server answers 501 or 405");
    ok(
        "COMP-UNKNOWN-METHOD",
        "FOO / HTTP/1.1\r\n" + H + "\r\n",
        "FOO / HTTP/1.1 [Host: a]",
        "llhttp rejects methods outside its list (400); an extension method is a token here");
    ok("COMP-HOST-EMPTY-VALUE", "GET / HTTP/1.1\r\nHost:\r\n\r\n", "GET / HTTP/1.1 [Host: ]");
    ok(
        "COMP-HOST-IPV6",
        "GET / HTTP/1.1\r\nHost: [::1]:8080\r\n\r\n",
        "GET / HTTP/1.1 [Host: [::1]:8080]");

    // ---- framing: smuggling
    bad(
        "SMUG-CL-TE-BOTH",
        post("Content-Length: 5\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\n"),
        400);
    bad(
        "SMUG-CLTE-PIPELINE",
        post("Content-Length: 30\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\n" + GET),
        400);
    bad(
        "SMUG-TECL-PIPELINE",
        post("Transfer-Encoding: chunked\r\nContent-Length: 3\r\n", "5\r\nhello\r\n0\r\n\r\n"),
        400);
    bad(
        "SMUG-CLTE-SMUGGLED-GET",
        post(
            "Content-Length: 44\r\nTransfer-Encoding: chunked\r\n",
            "0\r\n\r\nGET /admin HTTP/1.1\r\n" + H + "\r\n"),
        400);
    bad(
        "SMUG-TECL-DESYNC",
        post("Transfer-Encoding: chunked\r\nContent-Length: 4\r\n", "5c\r\nGPOST / HTTP/1.1\r\n"),
        400);
    bad("SMUG-DUPLICATE-CL", post("Content-Length: 5\r\nContent-Length: 5\r\n", "hello"), 400);
    bad(
        "SMUG-DUPLICATE-CL-DIFFERENT",
        post("Content-Length: 5\r\nContent-Length: 6\r\n", "hello!"),
        400);
    bad("SMUG-CL-COMMA-SAME", post("Content-Length: 5, 5\r\n", "hello"), 400);
    bad("SMUG-CL-COMMA-DIFFERENT", post("Content-Length: 5, 6\r\n", "hello!"), 400);
    bad("SMUG-CL-NEGATIVE", post("Content-Length: -1\r\n", ""), 400);
    bad("RFC9112-6.1-CL-PLUS-SIGN", post("Content-Length: +5\r\n", "hello"), 400);
    bad("RFC9112-6.1-CL-NON-NUMERIC", post("Content-Length: abc\r\n", ""), 400);
    bad("SMUG-CL-OCTAL", post("Content-Length: 0o5\r\n", "hello"), 400);
    bad("SMUG-CL-HEX", post("Content-Length: 0x5\r\n", "hello"), 400);
    bad("MAL-CL-EMPTY", post("Content-Length:\r\n", ""), 400);
    bad("LLHTTP-CL-SPACE-INSIDE", post("Content-Length: 1 2\r\n", "hello world!"), 400);
    bad("MAL-CL-OVERFLOW", post("Content-Length: 99999999999999999999\r\n", ""), 400);
    bad(
        "CVE-2025-69224-UNICODE-DIGIT-CL",
        post("Content-Length: \u00d9\u00a5\r\n", "x"),
        400); // U+0665 ARABIC-INDIC FIVE as UTF-8 bytes: \d matched it in aiohttp's Python parser
    bad("GARDEN-16-CL-NBSP", post("Content-Length: \u00a05\r\n", "hello"), 400);
    bad("SMUG-TE-XCHUNKED", post("Transfer-Encoding: xchunked\r\n", "0\r\n\r\n"), 501);
    bad("COMP-UNKNOWN-TE-501", post("Transfer-Encoding: gzip\r\n", ""), 501);
    bad(
        "AIOHTTP-TE-GZIP-CHUNKED-501",
        post("Transfer-Encoding: gzip, chunked\r\n", "0\r\n\r\n"),
        501);
    bad(
        "SMUG-TE-NOT-FINAL-CHUNKED",
        post("Transfer-Encoding: chunked, gzip\r\n", "0\r\n\r\n"),
        400);
    bad(
        "SMUG-TE-DOUBLE-CHUNKED",
        post("Transfer-Encoding: chunked, chunked\r\n", "0\r\n\r\n"),
        400);
    bad(
        "GARDEN-11-TE-TWO-FIELDS-CHUNKED",
        post("Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\n"),
        400);
    bad("GARDEN-21-TE-LEADING-COMMA", post("Transfer-Encoding: ,chunked\r\n", "0\r\n\r\n"), 400);
    bad(
        "AIOHTTP-TE-CHUNKED123",
        post("Transfer-Encoding: chunked123\r\n", "0\r\n\r\n"),
        501); // a token, not chunked: a coding we do not implement
    bad("SMUG-TE-HTTP10", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400);
    bad("SMUG-TE-SP-BEFORE-COLON", post("Transfer-Encoding : chunked\r\n", "0\r\n\r\n"), 400);
    bad("SMUG-TE-VTAB", post("Transfer-Encoding: \u000bchunked\r\n", "0\r\n\r\n"), 400);
    bad("SMUG-TE-NULL", post("Transfer-Encoding: chunked\u0000\r\n", "0\r\n\r\n"), 400);
    bad("SMUG-TE-OBS-FOLD", post("Transfer-Encoding:\r\n chunked\r\n", "0\r\n\r\n"), 400);
    // an unknown field (names may hold '_'): no framing, so "0" is read as the next request line
    ok(
        "SMUG-TRANSFER_ENCODING",
        post("Transfer_Encoding: chunked\r\n", "0\r\n\r\n"),
        "POST / HTTP/1.1 [Host: a, Transfer_Encoding: chunked] !400");

    // ---- chunks
    String te = "Transfer-Encoding: chunked\r\n";
    bad("SMUG-CHUNK-BARE-SEMICOLON", post(te, "5;\r\nhello\r\n0\r\n\r\n"), 400);
    bad("SMUG-CHUNK-UNDERSCORE", post(te, "1_0\r\n0123456789abcdef\r\n0\r\n\r\n"), 400);
    bad("SMUG-CHUNK-HEX-PREFIX", post(te, "0x5\r\nhello\r\n0\r\n\r\n"), 400);
    bad("SMUG-CHUNK-SIZE-PLUS", post(te, "+5\r\nhello\r\n0\r\n\r\n"), 400);
    bad("SMUG-CHUNK-EXT-LF", post(te, "5;a\nb\r\nhello\r\n0\r\n\r\n"), 400); // CVE-2024-52304
    bad("SMUG-CHUNK-LF-TERM", post(te, "5\r\nhello\n0\r\n\r\n"), 400);
    bad("LLHTTP-CHUNK-SIZE-BARE-LF", post(te, "5\nhello\r\n0\r\n\r\n"), 400);
    bad("GARDEN-31-CHUNK-LINE-CR-X", post(te, "5\rX\r\nhello\r\n0\r\n\r\n"), 400);
    bad("SMUG-CHUNK-INVALID-SIZE-DESYNC", post(te, "zz\r\nhello\r\n0\r\n\r\n"), 400);
    bad("LLHTTP-CHUNK-SIZE-TRAILING-SPACE", post(te, "5 \r\nhello\r\n0\r\n\r\n"), 400);
    bad("LLHTTP-CHUNK-DATA-TOO-LONG", post(te, "3\r\nhello\r\n0\r\n\r\n"), 400);
    bad("MAL-CHUNK-SIZE-OVERFLOW", post(te, "ffffffffffffffffff\r\nx\r\n"), 400);
    bad("MAL-CHUNK-SIZE-63-BIT-OVERFLOW", post(te, "8000000000000000\r\nx\r\n"), 400);
    bad("MAL-CHUNK-EXT-64K", post(te, "1;a=" + "x".repeat(9000) + "\r\nx\r\n0\r\n\r\n"), 400);
    bad("CVE-2025-69224-UNICODE-DIGIT-CHUNK", post(te, "\u00d9\u00a5\r\nhello\r\n0\r\n\r\n"), 400);
    bad("SMUG-TRAILER-CL", post(te, "0\r\nContent-Length: 5\r\n\r\n"), 400);
    bad("SMUG-TRAILER-TE", post(te, "0\r\nTransfer-Encoding: chunked\r\n\r\n"), 400);
    bad("SMUG-TRAILER-HOST", post(te, "0\r\nHost: evil\r\n\r\n"), 400);
    bad("CVE-2026-22815-TRAILER-COUNT", post(te, "0\r\n" + "X-T: 1\r\n".repeat(129) + "\r\n"), 431);
    bad("CVE-2026-22815-TRAILER-SIZE", post(te, "0\r\nX-T: " + "a".repeat(8200) + "\r\n\r\n"), 431);
    bad("CVE-2025-53643-TRAILER-BARE-LF", post(te, "0\r\nX-T: 1\n\r\n"), 400);
    eof("COMP-CHUNKED-NO-FINAL", post(te, "5\r\nhello\r\n"), "!400");
    eof("MAL-POST-CL-HUGE-NO-BODY", post("Content-Length: 999999999999\r\n", ""), "!400");
    eof("COMP-POST-CL-UNDERSEND", post("Content-Length: 10\r\n", "hello"), "!400");

    // ---- line endings, whitespace, names
    bad("RFC9112-2.2-BARE-LF-REQUEST-LINE", "GET / HTTP/1.1\n" + H + "\r\n", 400);
    bad("RFC9112-2.2-BARE-LF-HEADER", "GET / HTTP/1.1\r\nHost: a\n\r\n", 400);
    bad("RFC9112-2.2-BARE-LF-END", "GET / HTTP/1.1\r\n" + H + "\n", 400);
    bad("SMUG-BARE-CR-HEADER-VALUE", "GET / HTTP/1.1\r\n" + H + "X: a\rb\r\n\r\n", 400);
    bad("GARDEN-30-HEADERS-END-CR-X", "GET / HTTP/1.1\r\n" + H + "\rX\r\n\r\n", 400);
    bad("RFC9112-5.1-OBS-FOLD", "GET / HTTP/1.1\r\n" + H + "X: a\r\n b\r\n\r\n", 400);
    bad("COMP-WHITESPACE-BEFORE-HEADERS", "GET / HTTP/1.1\r\n " + H + "\r\n", 400);
    bad("RFC9110-5.6.2-SP-BEFORE-COLON", "GET / HTTP/1.1\r\nHost : a\r\n\r\n", 400);
    bad("GARDEN-3-TAB-BEFORE-COLON", "GET / HTTP/1.1\r\n" + H + "X\t: a\r\n\r\n", 400);
    bad("RFC9112-5-EMPTY-HEADER-NAME", "GET / HTTP/1.1\r\n" + H + ": a\r\n\r\n", 400);
    bad("RFC9112-5-INVALID-HEADER-NAME", "GET / HTTP/1.1\r\n" + H + "X[]: a\r\n\r\n", 400);
    bad("RFC9112-5-HEADER-NO-COLON", "GET / HTTP/1.1\r\n" + H + "X a\r\n\r\n", 400);
    bad("AIOHTTP-NON-ASCII-HEADER-NAME", "GET / HTTP/1.1\r\n" + H + "X-\u00e9: a\r\n\r\n", 400);
    bad("MAL-NUL-IN-HEADER-VALUE", "GET / HTTP/1.1\r\n" + H + "X: a\u0000b\r\n\r\n", 400);
    bad("CVE-2023-37276-CTL-IN-VALUE", "GET / HTTP/1.1\r\n" + H + "X: a\u0001b\r\n\r\n", 400, "");
    bad("AIOHTTP-DEL-IN-VALUE", "GET / HTTP/1.1\r\n" + H + "X: a\u007fb\r\n\r\n", 400, "");

    // ---- Host
    bad("RFC9112-7.1-MISSING-HOST", "GET / HTTP/1.1\r\n\r\n", 400);
    bad("RFC9110-5.4-DUPLICATE-HOST", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400);
    bad("COMP-DUPLICATE-HOST-SAME", "GET / HTTP/1.1\r\nHost: a\r\nHost: a\r\n\r\n", 400);
    bad("CVE-2026-34525-DUPLICATE-HOST-CASE", "GET / HTTP/1.1\r\nHost: a\r\nhost: b\r\n\r\n", 400);
    bad("COMP-HOST-WITH-USERINFO", "GET / HTTP/1.1\r\nHost: u@a\r\n\r\n", 400);
    bad("COMP-HOST-WITH-PATH", "GET / HTTP/1.1\r\nHost: a/b\r\n\r\n", 400);
    bad("COMP-HOST-WITH-SPACE", "GET / HTTP/1.1\r\nHost: a b\r\n\r\n", 400);

    // ---- request line
    bad("COMP-ASTERISK-WITH-GET", "GET * HTTP/1.1\r\n" + H + "\r\n", 400);
    bad("RFC9112-3-MULTI-SP-REQUEST-LINE", "GET  / HTTP/1.1\r\n" + H + "\r\n", 400);
    bad("RFC9112-3-MISSING-TARGET", "GET HTTP/1.1\r\n" + H + "\r\n", 400);
    bad("COMP-REQUEST-LINE-TAB", "GET\t/ HTTP/1.1\r\n" + H + "\r\n", 400);
    bad("COMP-SPACE-IN-TARGET", "GET /a b HTTP/1.1\r\n" + H + "\r\n", 400);
    bad("LLHTTP-TRAILING-SPACE-REQUEST-LINE", "GET / HTTP/1.1 \r\n" + H + "\r\n", 400);
    bad("COMP-VERSION-CASE", "GET / http/1.1\r\n" + H + "\r\n", 400);
    bad("COMP-VERSION-LEADING-ZEROS", "GET / HTTP/01.1\r\n" + H + "\r\n", 400);
    bad("COMP-VERSION-MISSING-MINOR", "GET / HTTP/1\r\n" + H + "\r\n", 400);
    bad("COMP-VERSION-WHITESPACE", "GET / HTTP/ 1.1\r\n" + H + "\r\n", 400);
    bad("GARDEN-5-VERSION-PREFIX", "GET / HTTP/1.1x\r\n" + H + "\r\n", 400);
    bad("COMP-VERSION-1.2", "GET / HTTP/1.2\r\n" + H + "\r\n", 505);
    bad("COMP-VERSION-2.0", "GET / HTTP/2.0\r\n" + H + "\r\n", 505);
    bad("MAL-H2-PREFACE", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 505);
    bad("LLHTTP-HTTP09", "GET /\r\n\r\n", 400);
    bad("GARDEN-6-METHOD-NUL", "GET\u0000 / HTTP/1.1\r\n" + H + "\r\n", 400);
    bad("LLHTTP-CONNECT-ORIGIN-FORM", "CONNECT / HTTP/1.1\r\n" + H + "\r\n", 400);
    bad(
        "LLHTTP-CONNECT-WITH-BODY",
        "CONNECT a:443 HTTP/1.1\r\nHost: a:443\r\nContent-Length: 2\r\n\r\nhi",
        400,
        "node hands a CONNECT's body to the tunnel; RFC 9110 9.3.6: a CONNECT has no content,"
            + " so a declared one is rejected");
    bad("LLHTTP-TARGET-NON-ASCII", "GET /caf\u00e9 HTTP/1.1\r\n" + H + "\r\n", 400);
    bad("MAL-BINARY-GARBAGE", "\u0000\u00ff\u0012\u00fe\r\n\r\n", 400);
    bad(
        "AIOHTTP-TLS-HANDSHAKE-ON-HTTP-PORT",
        "\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003\r\n\r\n",
        400);
    bad(
        "COMP-TOO-MANY-LEADING-CRLF",
        "\r\n".repeat(9) + GET,
        400,
        "node skips any number of empty lines before a request; ours tolerates 8");

    // ---- limits
    bad(
        "MAL-LONG-REQUEST-LINE-414",
        "GET /" + "a".repeat(8200) + " HTTP/1.1\r\n" + H + "\r\n",
        414);
    ok(
        "COMP-LONG-URL-OK",
        "GET /" + "a".repeat(8000) + " HTTP/1.1\r\n" + H + "\r\n",
        "GET /" + "a".repeat(8000) + " HTTP/1.1 [Host: a]");
    bad(
        "MAL-LONG-HEADER-431",
        "GET / HTTP/1.1\r\n" + H + "X: " + "a".repeat(8200) + "\r\n\r\n",
        431);
    bad(
        "MAL-MANY-HEADERS",
        "GET / HTTP/1.1\r\n" + H + "X-A: 1\r\n".repeat(128) + "\r\n",
        431,
        "node limits the header section's size (16 KiB), not the count: it accepts 129 fields");
    ok(
        "MAL-MANY-HEADERS-AT-LIMIT",
        "GET / HTTP/1.1\r\n" + H + "X-A: 1\r\n".repeat(127) + "\r\n",
        "GET / HTTP/1.1 [Host: a" + ", X-A: 1".repeat(127) + "]");

    // where node:http (llhttp 9, as node 20 builds it) reads these differently, and why
    nodeDiffers(
        "AIOHTTP-TE-GZIP-CHUNKED-501",
        "node accepts codings before chunked and hands the still-gzipped body on; we do not decode transfer codings other than chunked, so 501 (RFC 9112 6.1)");
    nodeDiffers(
        "GARDEN-21-TE-LEADING-COMMA",
        "node ignores the empty list element; we reject it, since parsers that disagree on ',chunked' smuggle (HTTP Garden #21)");
    nodeDiffers(
        "SMUG-TE-HTTP10",
        "node reads chunked in HTTP/1.0; RFC 9112 6.1 says treat the framing as faulty");
    nodeDiffers(
        "SMUG-TRANSFER_ENCODING",
        "node parses the pipelined '0' line before answering the first request, and its error answer replaces the first response; both read no body and reject the '0' request");
    nodeDiffers(
        "MAL-CHUNK-EXT-64K",
        "node bounds chunk extensions at 16 KiB; ours count against the 8190-byte line limit");
    nodeDiffers(
        "SMUG-TRAILER-HOST",
        "node keeps any trailer field; we reject framing and routing fields in trailers (RFC 9110 6.5.1)");
    nodeDiffers(
        "CVE-2026-22815-TRAILER-COUNT",
        "node bounds the trailer section's size only; we count trailers against the 128-field limit as aiohttp does since CVE-2026-22815");
    nodeDiffers(
        "CVE-2026-22815-TRAILER-SIZE",
        "node's limit is the section's 16 KiB; ours is 8190 bytes per field");
    nodeDiffers(
        "RFC9110-5.4-DUPLICATE-HOST",
        "node's parser does not look at Host beyond its presence; RFC 9112 3.2 says 400");
    nodeDiffers(
        "COMP-DUPLICATE-HOST-SAME", "node does not check Host duplicates; RFC 9112 3.2 says 400");
    nodeDiffers(
        "CVE-2026-34525-DUPLICATE-HOST-CASE",
        "node does not check Host duplicates; RFC 9112 3.2 says 400");
    nodeDiffers(
        "COMP-HOST-WITH-USERINFO",
        "node does not validate the Host value; RFC 9112 3.2: an invalid Host is 400");
    nodeDiffers(
        "COMP-HOST-WITH-PATH",
        "node does not validate the Host value; RFC 9112 3.2: an invalid Host is 400");
    nodeDiffers(
        "COMP-HOST-WITH-SPACE",
        "node does not validate the Host value; RFC 9112 3.2: an invalid Host is 400");
    nodeDiffers(
        "COMP-ASTERISK-WITH-GET",
        "node accepts '*' with any method; RFC 9112 3.2.4 keeps it for OPTIONS");
    nodeDiffers(
        "RFC9112-3-MULTI-SP-REQUEST-LINE",
        "node (llhttp built lenient) skips repeated spaces; RFC 9112 3 is single SP");
    nodeDiffers(
        "COMP-VERSION-2.0", "node accepts HTTP/2.0 in an HTTP/1 request line; we answer 505");
    nodeDiffers("LLHTTP-HTTP09", "node reads 'GET /' as HTTP/0.9; we do not speak 0.9");
    nodeDiffers(
        "LLHTTP-CONNECT-ORIGIN-FORM",
        "node accepts any target with CONNECT; RFC 9112 3.2.3 requires authority-form");
    nodeDiffers(
        "MAL-LONG-HEADER-431",
        "node's limit is the header section's 16 KiB total, not 8190 bytes a field");
    nodeDiffers(
        "MAL-LONG-REQUEST-LINE-414",
        "node's limit is the header section's 16 KiB total, not 8190 bytes for the request line");
  }

  private static void nodeDiffers(String id, String why) {
    for (int i = 0; i < ALL.size(); i++) {
      Vector v = ALL.get(i);
      if (v.id().equals(id)) {
        ALL.set(i, new Vector(v.id(), v.input(), v.eof(), v.expected(), why));
        return;
      }
    }
    throw new IllegalArgumentException("no vector " + id);
  }
}

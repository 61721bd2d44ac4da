package org.asyncio4j.http.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.asyncio4j.http.Headers;
import org.asyncio4j.http.HttpMethod;
import org.asyncio4j.http.HttpVersion;
import org.junit.jupiter.api.Test;

class Http1WriterTest {
  private static String text(byte[] b) {
    return new String(b, StandardCharsets.ISO_8859_1);
  }

  @Test
  void requestHeadBytes() {
    EncodedHead h =
        Http1Writer.requestHead(
            HttpMethod.POST,
            "/x?y=1",
            HttpVersion.HTTP_1_1,
            Headers.of("Host", "a", "Content-Length", "3"));
    assertThat(text(h.bytes()))
        .isEqualTo("POST /x?y=1 HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\n");
    assertThat(h.framing()).isEqualTo(BodyFraming.LENGTH);
    assertThat(h.contentLength()).isEqualTo(3);
  }

  @Test
  void responseHeadBytesAndFraming() {
    EncodedHead h =
        Http1Writer.responseHead(
            HttpVersion.HTTP_1_1,
            200,
            "OK",
            Headers.of("Transfer-Encoding", "chunked"),
            HttpMethod.GET);
    assertThat(text(h.bytes())).isEqualTo("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
    assertThat(h.framing()).isEqualTo(BodyFraming.CHUNKED);
    assertThat(
            Http1Writer.responseHead(HttpVersion.HTTP_1_1, 200, "OK", Headers.of(), HttpMethod.GET)
                .framing())
        .isEqualTo(BodyFraming.UNTIL_CLOSE);
  }

  @Test
  void whatTheParserReadsBackIsWhatWasWritten() {
    Headers sent = Headers.of("Host", "a", "X-Tab", "a\tb", "X-Latin", "caf\u00e9");
    EncodedHead h = Http1Writer.requestHead(HttpMethod.GET, "/", HttpVersion.HTTP_1_1, sent);
    Transcript<RequestHead> t = new Transcript<>(Transcript::request);
    new RequestParser(t).feed(h.bytes());
    assertThat(Transcript.run(new RequestParser(t), t, Splits.whole(new byte[0]), false))
        .isEqualTo("GET / HTTP/1.1 " + Transcript.headers(sent));
  }

  @Test
  void controlCharactersAreRefusedEverywhere() {
    for (char c : new char[] {0, 1, 8, '\n', 0x0b, '\r', 0x1f, 0x7f}) {
      assertThatThrownBy(() ->
              Http1Writer.responseHead(
                  HttpVersion.HTTP_1_1, 200, "O" + c + "K", Headers.of(), HttpMethod.GET))
          .as("reason with 0x%02x", (int) c)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("reason phrase");
      assertThatThrownBy(() ->
              Http1Writer.requestHead(
                  HttpMethod.GET, "/a" + c, HttpVersion.HTTP_1_1, Headers.of("Host", "a")))
          .as("target with 0x%02x", (int) c)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("request-target");
    }
    // CR, LF and NUL are already refused by Headers; the other CTLs by the writer
    for (char c : new char[] {1, 8, 0x0b, 0x1f, 0x7f}) {
      Headers h = Headers.of("X", "a" + c);
      assertThatThrownBy(
              () -> Http1Writer.requestHead(HttpMethod.GET, "/", HttpVersion.HTTP_1_1, h))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("value of \"X\"");
    }
    assertThatThrownBy(() ->
            Http1Writer.requestHead(
                HttpMethod.GET, "/", HttpVersion.HTTP_1_1, Headers.of("X", "\u20ac")))
        .hasMessageContaining("ISO-8859-1");
    assertThatThrownBy(() ->
            Http1Writer.requestHead(HttpMethod.GET, "/a b", HttpVersion.HTTP_1_1, Headers.of()))
        .hasMessageContaining("0x20");
  }

  @Test
  void neverBothContentLengthAndTransferEncoding() {
    assertThatThrownBy(() ->
            Http1Writer.responseHead(
                HttpVersion.HTTP_1_1,
                200,
                "OK",
                Headers.of("Content-Length", "1", "Transfer-Encoding", "chunked"),
                HttpMethod.GET))
        .hasMessageContaining("both Content-Length and Transfer-Encoding");
    assertThatThrownBy(() ->
            Http1Writer.requestHead(
                HttpMethod.POST,
                "/",
                HttpVersion.HTTP_1_1,
                Headers.of("Content-Length", "1", "Content-Length", "1")))
        .hasMessageContaining("twice");
    assertThatThrownBy(() ->
            Http1Writer.requestHead(
                HttpMethod.POST,
                "/",
                HttpVersion.HTTP_1_1,
                Headers.of("Transfer-Encoding", "gzip")))
        .hasMessageContaining("chunked");
  }

  @Test
  void noBodyForHead1xx204And304() {
    for (int status : new int[] {100, 103, 204, 304}) {
      EncodedHead h =
          Http1Writer.responseHead(HttpVersion.HTTP_1_1, status, "", Headers.of(), HttpMethod.GET);
      assertThat(h.framing()).as("%d", status).isEqualTo(BodyFraming.NONE);
      assertThatThrownBy(() -> h.bodyGuard().write(1)).isInstanceOf(IllegalStateException.class);
    }
    EncodedHead head =
        Http1Writer.responseHead(
            HttpVersion.HTTP_1_1, 200, "OK", Headers.of("Content-Length", "10"), HttpMethod.HEAD);
    assertThat(head.framing()).isEqualTo(BodyFraming.NONE);
    assertThatThrownBy(() -> head.bodyGuard().write(10)).hasMessageContaining("allows no body");
    assertThatThrownBy(() ->
            Http1Writer.responseHead(
                HttpVersion.HTTP_1_1, 204, "", Headers.of("Content-Length", "0"), HttpMethod.GET))
        .hasMessageContaining("204");
  }

  @Test
  void theBodyGuardHoldsALengthToItsWord() {
    BodyGuard g = new BodyGuard(BodyFraming.LENGTH, 5);
    g.write(3);
    assertThatThrownBy(g::finish).hasMessageContaining("3 of its declared 5");
    assertThatThrownBy(() -> g.write(3)).hasMessageContaining("beyond");
    g.write(2);
    g.finish();
    assertThat(g.written()).isEqualTo(5);
  }

  @Test
  void chunkedFramingRoundTripsThroughTheParser() {
    byte[] data = "hello world".getBytes(StandardCharsets.US_ASCII);
    assertThat(text(ChunkedEncoder.chunkHeader(26))).isEqualTo("1a\r\n");
    assertThat(text(ChunkedEncoder.chunkHeader(4096))).isEqualTo("1000\r\n");
    String body =
        text(ChunkedEncoder.chunk(data, 0, 5))
            + text(ChunkedEncoder.chunk(data, 5, 6))
            + text(ChunkedEncoder.lastChunk(Headers.of("X-Sum", "42")));
    assertThat(body).isEqualTo("5\r\nhello\r\n6\r\n world\r\n0\r\nX-Sum: 42\r\n\r\n");
    Transcript<RequestHead> t = new Transcript<>(Transcript::request);
    String out =
        Transcript.run(
            new RequestParser(t),
            t,
            Splits.whole(
                ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n" + body)
                    .getBytes(StandardCharsets.ISO_8859_1)),
            false);
    assertThat(out).endsWith("body=\"hello world\" trailers[X-Sum: 42]");
    assertThat(text(ChunkedEncoder.lastChunk(Headers.of()))).isEqualTo("0\r\n\r\n");
    assertThatThrownBy(() -> ChunkedEncoder.lastChunk(Headers.of("Content-Length", "1")))
        .hasMessageContaining("trailer");
    assertThatThrownBy(() -> ChunkedEncoder.chunkHeader(0)).hasMessageContaining("last chunk");
  }

  @Test
  void theDateIsFormattedOncePerSecond() {
    AtomicLong now = new AtomicLong(784111777_000L); // Sun, 06 Nov 1994 08:49:37 GMT
    DateCache cache = new DateCache(now::get);
    assertThat(cache.text()).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
    byte[] first = cache.bytes();
    now.addAndGet(999);
    assertThat(cache.bytes()).isSameAs(first);
    now.addAndGet(1);
    assertThat(cache.text()).isEqualTo("Sun, 06 Nov 1994 08:49:38 GMT");
    assertThat(DateCache.format(Instant.ofEpochSecond(0)))
        .isEqualTo("Thu, 01 Jan 1970 00:00:00 GMT");
  }
}

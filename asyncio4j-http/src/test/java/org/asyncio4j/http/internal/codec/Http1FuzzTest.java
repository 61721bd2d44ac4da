package org.asyncio4j.http.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.asyncio4j.http.Headers;
import org.asyncio4j.http.HttpMethod;

/**
 * Fuzzing the parsers and the chunked decoder. The invariants: no exception but {@link
 * HttpParseException} (anything else fails the run: a crash); a line held across feeds stays within
 * its limit (bounded memory); and feeding the input split anywhere (two pieces at a point the input
 * picks, and one byte at a time) gives the same transcript as feeding it whole.
 *
 * <p>In the normal test run these run their seeds only (Jazzer's regression mode, seeds in {@code
 * src/test/resources/org/asyncio4j/http/internal/codec/Http1FuzzTestInputs/<method>/}); {@code
 * scripts/fuzz-http} fuzzes for a given time.
 */
class Http1FuzzTest {
  private static final int MAX_LINE = ParserLimits.DEFAULTS.maxLineSize() + 2;

  @FuzzTest
  void requestParser(byte[] data) {
    String whole = request(List.of(data));
    if (data.length > 1) {
      int k = 1 + (data[0] & 0xff) % (data.length - 1);
      assertThat(request(Splits.at(data, k))).isEqualTo(whole);
    }
    if (data.length <= 4096) {
      assertThat(request(Splits.bytewise(data))).isEqualTo(whole);
    }
  }

  @FuzzTest
  void responseParser(byte[] data) {
    if (data.length == 0) {
      return;
    }
    HttpMethod method =
        switch (data[0] & 3) {
          case 0 -> HttpMethod.GET;
          case 1 -> HttpMethod.HEAD;
          case 2 -> HttpMethod.CONNECT;
          default -> HttpMethod.POST;
        };
    byte[] rest = java.util.Arrays.copyOfRange(data, 1, data.length);
    String whole = response(method, List.of(rest));
    if (rest.length > 1) {
      int k = 1 + (data[0] & 0xff) % (rest.length - 1);
      assertThat(response(method, Splits.at(rest, k))).isEqualTo(whole);
    }
    if (rest.length <= 4096) {
      assertThat(response(method, Splits.bytewise(rest))).isEqualTo(whole);
    }
  }

  private static final byte[] CHUNKED_HEAD =
      "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
          .getBytes(StandardCharsets.ISO_8859_1);

  /**
   * The chunked decoder on fuzzed chunk framing, and on our encoder's framing of fuzzed data cut
   * into fuzzed chunk sizes: what comes out is what went in.
   */
  @FuzzTest
  void chunkedDecoder(byte[] data) {
    byte[] framed = new byte[CHUNKED_HEAD.length + data.length];
    System.arraycopy(CHUNKED_HEAD, 0, framed, 0, CHUNKED_HEAD.length);
    System.arraycopy(data, 0, framed, CHUNKED_HEAD.length, data.length);
    String whole = request(List.of(framed));
    if (data.length > 1) {
      int k = CHUNKED_HEAD.length + (data[0] & 0xff) % data.length;
      assertThat(request(Splits.at(framed, k))).isEqualTo(whole);
    }

    ByteArrayOutputStream encoded = new ByteArrayOutputStream();
    encoded.writeBytes(CHUNKED_HEAD);
    int i = 0;
    while (i < data.length) {
      int n = Math.min(data.length - i, 1 + (data[i] & 0x3f));
      encoded.writeBytes(ChunkedEncoder.chunk(data, i, n));
      i += n;
    }
    encoded.writeBytes(ChunkedEncoder.lastChunk(Headers.of()));
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    Http1Listener<RequestHead> l =
        new Http1Listener<>() {
          @Override
          public void onHead(RequestHead head) {}

          @Override
          public void onBody(byte[] b, int off, int len) {
            body.write(b, off, len);
          }

          @Override
          public boolean onMessageComplete() {
            return true;
          }
        };
    RequestParser p = new RequestParser(l);
    byte[] all = encoded.toByteArray();
    assertThat(p.feed(all)).isEqualTo(all.length);
    assertThat(p.isIdle()).isTrue();
    assertThat(body.toByteArray()).isEqualTo(data);
  }

  private static String request(List<byte[]> pieces) {
    Transcript<RequestHead> t = new Transcript<>(Transcript::request);
    RequestParser p = new RequestParser(t);
    String out = Transcript.run(p, t, pieces, false);
    assertThat(p.bufferedLineBytes()).isLessThanOrEqualTo(MAX_LINE);
    return out;
  }

  private static String response(HttpMethod method, List<byte[]> pieces) {
    Transcript<ResponseHead> t = new Transcript<>(Transcript::response);
    ResponseParser p = new ResponseParser(t);
    p.expectResponseTo(method);
    String out = Transcript.run(p, t, pieces, true);
    assertThat(p.bufferedLineBytes()).isLessThanOrEqualTo(MAX_LINE);
    return out;
  }
}

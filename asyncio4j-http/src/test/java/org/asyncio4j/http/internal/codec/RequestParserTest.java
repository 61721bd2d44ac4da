package org.asyncio4j.http.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.http.HttpMethod;
import org.junit.jupiter.api.Test;

class RequestParserTest {
  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void aListenerThatPausesStopsFeedAfterTheMessage() {
    Transcript<RequestHead> t = new Transcript<>(Transcript::request);
    t.pauseAfterEach = true;
    RequestParser p = new RequestParser(t);
    byte[] two = bytes(RequestVectors.GET + RequestVectors.GET);
    int first = p.feed(two, 0, two.length);
    assertThat(first).isEqualTo(RequestVectors.GET.length());
    assertThat(t.completed).isEqualTo(1);
    assertThat(p.isIdle()).isTrue();
    assertThat(p.feed(two, first, two.length - first)).isEqualTo(two.length - first);
    assertThat(t.completed).isEqualTo(2);
  }

  @Test
  void theHeadCarriesFramingAndConnectionFacts() {
    List<RequestHead> heads = new ArrayList<>();
    RequestParser p = new RequestParser(listener(heads));
    p.feed(bytes("POST /u?q=1 HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc"));
    RequestHead h = heads.getFirst();
    assertThat(h.method()).isSameAs(HttpMethod.POST);
    assertThat(h.target()).isEqualTo("/u?q=1");
    assertThat(h.contentLength()).isEqualTo(3);
    assertThat(h.chunked()).isFalse();
    assertThat(h.keepAlive()).isTrue();
    // common names are shared strings: no allocation per parsed name
    assertThat(h.headers().name(1)).isSameAs(HeaderNames.CONTENT_LENGTH);
  }

  @Test
  void errorMessagesNameTheProblemWithoutEchoingTheNextRequest() {
    // aiohttp PR #13136: a bare LF buffered across reads leaked the next request into the message
    RequestParser p = new RequestParser(listener(new ArrayList<>()));
    p.feed(bytes("GET / HTTP/1.1\r\nHost: a"));
    assertThatThrownBy(() -> p.feed(bytes("\nGET /secret-token HTTP/1.1\r\n\r\n")))
        .isInstanceOfSatisfying(
            HttpParseException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.mustClose()).isTrue();
              assertThat(e.getMessage()).contains("bare LF").doesNotContain("secret");
              assertThat(e.getStackTrace()).isEmpty();
            });
    assertThat(p.state()).isEqualTo("FAILED");
    assertThatThrownBy(() -> p.feed(bytes("x")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("FAILED");
  }

  @Test
  void aSnippetOfBadInputIsBounded() {
    RequestParser p = new RequestParser(listener(new ArrayList<>()));
    String target = "/" + "x".repeat(5000);
    assertThatThrownBy(() -> p.feed(bytes("GET " + target + " HTTP/9\r\n")))
        .isInstanceOfSatisfying(
            HttpParseException.class,
            e -> assertThat(String.valueOf(e.getMessage())).hasSizeLessThan(300));
  }

  @Test
  void aDirectBufferIsFedThroughACopy() {
    List<RequestHead> heads = new ArrayList<>();
    RequestParser p = new RequestParser(listener(heads));
    byte[] b = bytes(RequestVectors.GET);
    ByteBuffer direct = ByteBuffer.allocateDirect(b.length).put(b).flip();
    assertThat(p.feed(direct)).isEqualTo(b.length);
    assertThat(direct.hasRemaining()).isFalse();
    assertThat(heads).hasSize(1);
    ByteBuffer heap = ByteBuffer.wrap(b);
    p.feed(heap);
    assertThat(heap.position()).isEqualTo(b.length);
    assertThat(heads).hasSize(2);
  }

  @Test
  void aDeclinedUpgradeResumesParsing() {
    List<RequestHead> heads = new ArrayList<>();
    RequestParser p = new RequestParser(listener(heads));
    byte[] b =
        bytes(
            "GET / HTTP/1.1\r\nHost: a\r\nConnection: upgrade\r\nUpgrade: h2c\r\n\r\n"
                + RequestVectors.GET);
    int used = p.feed(b);
    assertThat(p.isStopped()).isTrue();
    assertThatThrownBy(() -> p.feed(b, used, b.length - used))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("resumeAfterStop");
    p.resumeAfterStop();
    p.feed(b, used, b.length - used);
    assertThat(heads).hasSize(2);
  }

  @Test
  void theContentLengthLimitAnswers413() {
    RequestParser p =
        new RequestParser(
            listener(new ArrayList<>()), ParserLimits.DEFAULTS.withMaxContentLength(10));
    assertThatThrownBy(
            () -> p.feed(bytes("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\n")))
        .isInstanceOfSatisfying(
            HttpParseException.class, e -> assertThat(e.status()).isEqualTo(413));
  }

  @Test
  void anEndOfInputBetweenMessagesIsClean() {
    RequestParser p = new RequestParser(listener(new ArrayList<>()));
    p.feed(bytes(RequestVectors.GET));
    p.feedEof();
    assertThat(p.state()).isEqualTo("CLOSED");
  }

  static Http1Listener<RequestHead> listener(List<RequestHead> heads) {
    return new Http1Listener<>() {
      @Override
      public void onHead(RequestHead head) {
        heads.add(head);
      }

      @Override
      public void onBody(byte[] data, int offset, int length) {}

      @Override
      public boolean onMessageComplete() {
        return true;
      }
    };
  }
}

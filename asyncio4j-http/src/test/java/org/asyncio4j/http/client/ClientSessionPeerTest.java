package org.asyncio4j.http.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.asyncio4j.Asyncio;
import org.asyncio4j.http.JsonCodec;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ClientSession against Python's http.server (HTTP/1.1, keep-alive), a peer nobody here wrote. */
class ClientSessionPeerTest {
  private static @Nullable PythonPeer peer;

  @BeforeAll
  static void startPeer() {
    peer = PythonPeer.start("python3", "http_server.py");
  }

  @AfterAll
  static void stopPeer() {
    if (peer != null) {
      peer.close();
    }
  }

  private static String url(String path) {
    return java.util.Objects.requireNonNull(peer).url(path);
  }

  /** A codec that hands JSON back as its text, to see what json() decodes without Jackson. */
  static final class TextJson implements JsonCodec {
    @Override
    public byte[] encode(@Nullable Object value) {
      return String.valueOf(value).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public @Nullable Object decode(byte[] json) {
      return new String(json, StandardCharsets.UTF_8);
    }

    @Override
    public <T> @Nullable T decode(byte[] json, Class<T> type) {
      return type.cast(decode(json));
    }

    @Override
    public @Nullable Object decode(byte[] json, Type type) {
      return decode(json);
    }
  }

  private static ClientSession session() {
    return ClientSession.builder().jsonCodec(new TextJson()).build();
  }

  @Test
  void manyRequestsShareOneKeptAliveConnection() {
    Asyncio.run(() -> {
      try (ClientSession s = session()) {
        String firstPort = null;
        for (int i = 0; i < 20; i++) {
          try (ClientResponse r = s.get(url("/hello/" + i))) {
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.ok()).isTrue();
            assertThat(r.text()).isEqualTo("path /hello/" + i);
            String port = r.headers().get("X-Peer-Port");
            if (firstPort == null) {
              firstPort = port;
            }
            assertThat(port).isEqualTo(firstPort);
          }
        }
      }
    });
  }

  @Test
  void emptyPathSegmentsGoOnTheWireAsWritten() {
    Asyncio.run(() -> {
      try (ClientSession s = session();
          ClientResponse r = s.get(url("/api//is-package-exists/boto3"))) {
        // Inside the path: CPython's http.server collapses a leading "//" itself (gh-87389);
        // the seed's own URL is checked against the JDK's server in the examples.
        assertThat(r.text()).isEqualTo("path /api//is-package-exists/boto3");
      }
    });
  }

  @Test
  void chunkedAndLengthBodiesAndJson() {
    Asyncio.run(() -> {
      try (ClientSession s = session()) {
        try (ClientResponse r = s.get(url("/chunked"))) {
          assertThat(r.text()).isEqualTo("hello chunked world\n");
        }
        try (ClientResponse r = s.get(url("/json"))) {
          assertThat(r.contentType()).isEqualTo("application/json");
          assertThat(r.json()).isEqualTo("{\"isPackageExists\": true, \"n\": [1, 2.5]}");
        }
        try (ClientResponse r = s.get(url("/plain"))) {
          assertThatThrownBy(r::json)
              .isInstanceOf(ContentTypeException.class)
              .hasMessageContaining("text/plain");
        }
        try (ClientResponse r = s.get(url("/plain"))) {
          assertThat(r.json(String.class, null)).isEqualTo("path /plain");
        }
      }
    });
  }

  @Test
  void streamingReads() {
    Asyncio.run(() -> {
      try (ClientSession s = session()) {
        try (ClientResponse r = s.get(url("/chunked"))) {
          StringBuilder b = new StringBuilder();
          for (byte[] piece : r.content().iterChunked(4)) {
            assertThat(piece.length).isBetween(1, 4);
            b.append(new String(piece, StandardCharsets.US_ASCII));
          }
          assertThat(b).hasToString("hello chunked world\n");
        }
        try (ClientResponse r = s.get(url("/chunked"))) {
          assertThat(new String(r.content().readline(), StandardCharsets.US_ASCII))
              .isEqualTo("hello chunked world\n");
          assertThat(r.content().readChunk()).isEmpty();
        }
      }
    });
  }

  @Test
  void notFoundRaisesWhenAsked() {
    Asyncio.run(() -> {
      try (ClientSession s = session()) {
        try (ClientResponse r = s.get(url("/missing"))) {
          assertThat(r.status()).isEqualTo(404);
          assertThat(r.ok()).isFalse();
          assertThatThrownBy(r::raiseForStatus)
              .isInstanceOf(ClientResponseException.class)
              .hasMessageContaining("404");
        }
        assertThatThrownBy(
                () -> s.get(url("/missing"), RequestOptions.create().raiseForStatus(true)))
            .isInstanceOfSatisfying(
                ClientResponseException.class, e -> assertThat(e.status()).isEqualTo(404));
        // the connection survived both
        try (ClientResponse r = s.get(url("/after"))) {
          assertThat(r.text()).isEqualTo("path /after");
        }
      }
      try (ClientSession s = ClientSession.builder().raiseForStatus(true).build()) {
        assertThatThrownBy(() -> s.get(url("/missing")))
            .isInstanceOf(ClientResponseException.class);
      }
    });
  }

  @Test
  void headHasNoBody() {
    Asyncio.run(() -> {
      try (ClientSession s = session()) {
        try (ClientResponse r = s.head(url("/json"))) {
          assertThat(r.status()).isEqualTo(200);
          assertThat(r.headers().get("Content-Length")).isNotEqualTo("0");
          assertThat(r.read()).isEmpty();
        }
        try (ClientResponse r = s.get(url("/json"))) {
          assertThat(r.read()).isNotEmpty();
        }
      }
    });
  }

  @Test
  void postJsonTextAndForm() {
    Asyncio.run(() -> {
      try (ClientSession s = session()) {
        try (ClientResponse r = s.post(url("/post"), RequestOptions.create().json("[1]"))) {
          assertThat((String) r.json())
              .isEqualTo("{\"type\": \"application/json\", \"body\": \"[1]\"}");
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("name", "boto 3");
        form.put("x", "a&b");
        try (ClientResponse r = s.post(url("/post"), RequestOptions.create().form(form))) {
          assertThat((String) r.json())
              .isEqualTo(
                  "{\"type\": \"application/x-www-form-urlencoded\","
                      + " \"body\": \"name=boto+3&x=a%26b\"}");
        }
        try (ClientResponse r = s.post(url("/post"), RequestOptions.create().text("h\u00e9"))) {
          assertThat((String) r.json()).contains("text/plain; charset=utf-8").contains("h\\u00e9");
        }
      }
    });
  }

  @Test
  void queryParametersAndCookies() {
    Asyncio.run(() -> {
      try (ClientSession s =
          ClientSession.builder().cookieJar(CookieJar.builder().unsafe(true).build()).build()) {
        try (ClientResponse r =
            s.get(url("/echo-query?a=1"), RequestOptions.create().param("q", "x y"))) {
          assertThat(r.text()).isEqualTo("/echo-query?a=1&q=x+y");
        }
        s.get(url("/cookie")).close();
        try (ClientResponse r = s.get(url("/show-cookie"))) {
          assertThat(r.text()).isEqualTo("token=t1");
        }
      }
    });
  }

  @Test
  void aPooledConnectionTheServerClosedIsReplaced() {
    Asyncio.run(() -> {
      try (ClientSession s = session()) {
        try (ClientResponse r = s.get(url("/close-after"))) {
          assertThat(r.text()).isEqualTo("bye");
        }
        for (int i = 0; i < 3; i++) {
          try (ClientResponse r = s.get(url("/again"))) {
            assertThat(r.text()).isEqualTo("path /again");
          }
        }
      }
    });
  }

  @Test
  void aTruncatedBodyIsAPayloadError() {
    Asyncio.run(() -> {
      try (ClientSession s = session();
          ClientResponse r = s.get(url("/truncated"))) {
        assertThatThrownBy(r::read)
            .isInstanceOf(ClientPayloadException.class)
            .hasMessageContaining("Response payload is not completed")
            .hasMessageContaining("90 bytes before the end");
      }
    });
  }

  @Test
  void aClosedSessionRefusesRequests() {
    Asyncio.run(() -> {
      ClientSession s = session();
      s.close();
      assertThat(s.isClosed()).isTrue();
      assertThatThrownBy(() -> s.get(url("/x")))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("closed");
    });
  }

  @Test
  void aRefusedConnectionIsAConnectionError() {
    Asyncio.run(() -> {
      try (ClientSession s = session()) {
        assertThatThrownBy(() -> s.get("http://127.0.0.1:1/"))
            .isInstanceOf(ClientConnectionException.class)
            .hasMessageContaining("127.0.0.1:1");
      }
    });
  }

  @Test
  void anUnclosedSessionIsReported() {
    ClientSession.UnclosedReport open = new ClientSession.UnclosedReport("x");
    open.run(); // logs a warning; a closed one logs nothing
    ClientSession.UnclosedReport closed = new ClientSession.UnclosedReport("x");
    closed.closed = true;
    closed.run();
    assertThat(closed.closed).isTrue();
  }
}

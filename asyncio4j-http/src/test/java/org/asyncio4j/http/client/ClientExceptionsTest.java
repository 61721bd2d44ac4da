package org.asyncio4j.http.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.asyncio4j.AsyncTimeoutException;
import org.asyncio4j.CancelledException;
import org.junit.jupiter.api.Test;

class ClientExceptionsTest {
  private static final URI URL = URI.create("http://example.com/x");

  @Test
  void aResponseExceptionReadsAsAiohttps() {
    ClientResponseException e = new ClientResponseException(404, "Not Found", URL);
    assertThat(e).hasMessage("404, message='Not Found', url='http://example.com/x'");
    assertThat(e.status()).isEqualTo(404);
    assertThat(e.reason()).isEqualTo("Not Found");
    assertThat(e.url()).isEqualTo(URL);
    assertThat(e).isInstanceOf(ClientException.class).isInstanceOf(RuntimeException.class);
  }

  @Test
  void contentTypeAndRedirectExceptionsAreResponseExceptions() {
    ContentTypeException ct = new ContentTypeException(200, "OK", URL, "text/html");
    assertThat(ct)
        .isInstanceOf(ClientResponseException.class)
        .hasMessageStartingWith("Attempt to decode JSON with unexpected mimetype: text/html");
    assertThat(ct.contentType()).isEqualTo("text/html");
    assertThat(ct.status()).isEqualTo(200);
    TooManyRedirectsException tm = new TooManyRedirectsException(302, "Found", URL, 10);
    assertThat(tm)
        .isInstanceOf(ClientResponseException.class)
        .hasMessageContaining("More than 10 redirects");
    assertThat(tm.maxRedirects()).isEqualTo(10);
  }

  @Test
  void connectionAndPayloadExceptionsKeepTheirCause() {
    IOException io = new IOException("Connection refused");
    assertThat(new ClientConnectionException("Cannot connect to example.com:80", io)).hasCause(io);
    assertThat(new ClientPayloadException("Response payload is not completed", null))
        .isInstanceOf(ClientException.class)
        .hasNoCause();
  }

  @Test
  void eachTimeoutNamesItsLimitAndLength() {
    AsyncTimeoutException cause = new AsyncTimeoutException("deadline");
    List<ClientTimeoutException> all =
        List.of(
            new TotalTimeoutException(Duration.ofSeconds(300), URL, cause),
            new ConnectTimeoutException(Duration.ofMillis(1500), URL, null),
            new SockConnectTimeoutException(Duration.ofMillis(250), null, null),
            new SockReadTimeoutException(Duration.ofSeconds(10), URL, null),
            new PoolAcquireTimeoutException(Duration.ofSeconds(2), URL, null));
    assertThat(all)
        .extracting(ClientTimeoutException::setting)
        .containsExactly("total", "connect", "sockConnect", "sockRead", "poolAcquire");
    assertThat(all.get(0))
        .hasMessage(
            "The total timeout of 300 s passed for the whole exchange (http://example.com/x); set"
                + " ClientTimeout.total for a longer limit")
        .hasCause(cause);
    assertThat(all.get(1).getMessage())
        .startsWith("The connect timeout of 1.5 s passed while getting a connection");
    assertThat(all.get(2))
        .hasMessage(
            "The sockConnect timeout of 250 ms passed while opening a connection; set"
                + " ClientTimeout.sockConnect for a longer limit");
    assertThat(all.get(2).url()).isNull();
    assertThat(all.get(3).getMessage()).contains("waiting for the response's next bytes");
    assertThat(all.get(4).getMessage()).contains("waiting for a free connection of the pool");
    assertThat(all.get(4).timeout()).isEqualTo(Duration.ofSeconds(2));
    for (ClientTimeoutException e : all) {
      // a failure, not a cancellation
      assertThat(e).isInstanceOf(ClientException.class).isNotInstanceOf(CancelledException.class);
    }
    assertThat(ClientTimeoutException.format(Duration.ofNanos(1_500_000))).isEqualTo("1.5 ms");
  }
}

package org.asyncio4j.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HttpMethodStatusVersionTest {
  @Test
  void standardMethodsAreConstantsWithTheirProperties() {
    assertThat(HttpMethod.of("GET")).isSameAs(HttpMethod.GET);
    assertThat(HttpMethod.GET.isSafe()).isTrue();
    assertThat(HttpMethod.HEAD.isSafe()).isTrue();
    assertThat(HttpMethod.OPTIONS.isSafe()).isTrue();
    assertThat(HttpMethod.TRACE.isSafe()).isTrue();
    assertThat(HttpMethod.PUT.isSafe()).isFalse();
    assertThat(HttpMethod.PUT.isIdempotent()).isTrue();
    assertThat(HttpMethod.DELETE.isIdempotent()).isTrue();
    assertThat(HttpMethod.POST.isIdempotent()).isFalse();
    assertThat(HttpMethod.PATCH.isIdempotent()).isFalse();
    assertThat(HttpMethod.CONNECT.isIdempotent()).isFalse();
  }

  @Test
  void methodsAreCaseSensitiveTokens() {
    HttpMethod get = HttpMethod.of("get");
    assertThat(get).isNotEqualTo(HttpMethod.GET);
    assertThat(get.isSafe()).isFalse();
    assertThat(HttpMethod.of("PURGE")).isEqualTo(HttpMethod.of("PURGE"));
    assertThat(HttpMethod.of("PURGE").toString()).isEqualTo("PURGE");
    assertThatThrownBy(() -> HttpMethod.of("G T")).hasMessageContaining("token");
    assertThatThrownBy(() -> HttpMethod.of("")).hasMessageContaining("empty");
  }

  @Test
  void statusTableAndClasses() {
    assertThat(HttpStatus.of(200)).isSameAs(HttpStatus.OK);
    assertThat(HttpStatus.of(431).reasonPhrase()).isEqualTo("Request Header Fields Too Large");
    assertThat(HttpStatus.of(413).reasonPhrase()).isEqualTo("Content Too Large");
    assertThat(HttpStatus.reasonPhraseOf(505)).isEqualTo("HTTP Version Not Supported");
    assertThat(HttpStatus.reasonPhraseOf(299)).isEmpty();
    HttpStatus odd = HttpStatus.of(299);
    assertThat(odd.reasonPhrase()).isEmpty();
    assertThat(odd.isSuccess()).isTrue();
    assertThat(odd.toString()).isEqualTo("299");
    assertThat(HttpStatus.of(103).isInformational()).isTrue();
    assertThat(HttpStatus.of(308).isRedirect()).isTrue();
    assertThat(HttpStatus.of(404).isClientError()).isTrue();
    assertThat(HttpStatus.of(503).isServerError()).isTrue();
    assertThat(HttpStatus.of(999).isServerError()).isFalse();
    assertThat(HttpStatus.NOT_FOUND.toString()).isEqualTo("404 Not Found");
    assertThat(HttpStatus.NO_CONTENT.forbidsBody()).isTrue();
    assertThat(HttpStatus.NOT_MODIFIED.forbidsBody()).isTrue();
    assertThat(HttpStatus.CONTINUE.forbidsBody()).isTrue();
    assertThat(HttpStatus.OK.forbidsBody()).isFalse();
    assertThatThrownBy(() -> HttpStatus.of(99)).hasMessageContaining("three digits");
    assertThatThrownBy(() -> HttpStatus.of(1000)).hasMessageContaining("three digits");
  }

  @Test
  void versions() {
    assertThat(HttpVersion.of("HTTP/1.1")).isSameAs(HttpVersion.HTTP_1_1);
    assertThat(HttpVersion.HTTP_1_0.text()).isEqualTo("HTTP/1.0");
    assertThat(HttpVersion.HTTP_1_0.keepsAliveByDefault()).isFalse();
    assertThat(HttpVersion.HTTP_1_1.major()).isEqualTo(1);
    assertThat(HttpVersion.HTTP_1_1.minor()).isEqualTo(1);
    assertThatThrownBy(() -> HttpVersion.of("http/1.1")).hasMessageContaining("case-sensitive");
  }
}

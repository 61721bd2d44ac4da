package org.asyncio4j.http.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class BasicAuthTest {
  @Test
  void encodesLoginAndPassword() {
    // ported from test_helpers.py::test_basic_auth4 (encode)
    assertThat(new BasicAuth("nkim", "pwd").encode()).isEqualTo("Basic bmtpbTpwd2Q=");
    assertThat(new BasicAuth("nkim", "").encode()).isEqualTo("Basic bmtpbTo=");
  }

  @Test
  void aColonInTheLoginIsRefused() {
    // ported from test_helpers.py::test_basic_auth_no_user_colon... (":" not allowed in login)
    assertThatThrownBy(() -> new BasicAuth("nkim:1", "pwd"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("':' is not allowed in the login");
    assertThat(new BasicAuth("nkim", "pw:d").encode()).isEqualTo("Basic bmtpbTpwdzpk");
  }

  @Test
  void decodesAHeader() {
    // ported from test_helpers.py::test_basic_auth_decode
    assertThat(BasicAuth.decode("Basic bmtpbTpwd2Q=")).isEqualTo(new BasicAuth("nkim", "pwd"));
    assertThat(BasicAuth.decode("basic   bmtpbTpwdzpk ").password()).isEqualTo("pw:d");
  }

  @Test
  void badHeadersSayWhatIsWrong() {
    // ported from test_helpers.py::test_basic_auth_invalid, ..._decode_not_basic,
    // ..._decode_bad_base64
    assertThatThrownBy(() -> BasicAuth.decode("bmtpbTpwd2Q="))
        .hasMessageContaining("expected 'Basic <base64>'");
    assertThatThrownBy(() -> BasicAuth.decode("Complex bmtpbTpwd2Q="))
        .hasMessage("Unknown authorization method Complex");
    assertThatThrownBy(() -> BasicAuth.decode("Basic bmtpbTpwd2Q"))
        .hasMessageContaining("Invalid base64");
    assertThatThrownBy(() -> BasicAuth.decode("Basic ****")).hasMessageContaining("Invalid base64");
    String noColon = Base64.getEncoder().encodeToString("nkim".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> BasicAuth.decode("Basic " + noColon))
        .hasMessageContaining("no ':' between login and password");
  }

  @Test
  void utf8ByDefaultLatin1WhenAskedAndNothingReplacedSilently() {
    BasicAuth utf8 = new BasicAuth("jürgen", "пароль");
    assertThat(BasicAuth.decode(utf8.encode())).isEqualTo(utf8);
    BasicAuth latin1 = new BasicAuth("jürgen", "é", StandardCharsets.ISO_8859_1);
    assertThat(latin1.encode())
        .isEqualTo(
            "Basic "
                + Base64.getEncoder()
                    .encodeToString("jürgen:é".getBytes(StandardCharsets.ISO_8859_1)));
    // latin-1 bytes are not UTF-8: decode falls back to latin-1
    assertThat(BasicAuth.decode(latin1.encode())).isEqualTo(latin1);
    assertThat(BasicAuth.decode(latin1.encode(), StandardCharsets.ISO_8859_1)).isEqualTo(latin1);
    assertThatThrownBy(() -> BasicAuth.decode(latin1.encode(), StandardCharsets.UTF_8))
        .hasMessageContaining("not UTF-8 text");
    assertThatThrownBy(() -> new BasicAuth("u", "пароль", StandardCharsets.ISO_8859_1))
        .hasMessageContaining("ISO-8859-1 cannot encode");
  }

  @Test
  void credentialsComeFromAUrl() {
    // ported from test_helpers.py::test_basic_auth_from_url
    assertThat(BasicAuth.fromUri(URI.create("http://user:pass@example.com")))
        .contains(new BasicAuth("user", "pass"));
    assertThat(BasicAuth.fromUri(URI.create("http://user@example.com")))
        .contains(new BasicAuth("user", ""));
    assertThat(BasicAuth.fromUri(URI.create("http://us%20er:p%40ss@example.com")))
        .contains(new BasicAuth("us er", "p@ss"));
    assertThat(BasicAuth.fromUri(URI.create("http://example.com"))).isEmpty();
    // a ':' decoded into the user cannot be sent as basic auth (aiohttp raises ValueError too)
    assertThatThrownBy(() -> BasicAuth.fromUri(URI.create("http://us%3Aer:p@example.com")))
        .hasMessageContaining("':' is not allowed in the login");
  }

  @Test
  void toStringHidesThePassword() {
    assertThat(new BasicAuth("user", "secret").toString())
        .isEqualTo("BasicAuth[login=user, password=***, charset=UTF-8]")
        .doesNotContain("secret");
  }
}

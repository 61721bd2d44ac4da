package org.asyncio4j.http.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlsTest {
  private static final URI RFC_BASE = URI.create("http://a/b/c/d;p?q");

  @ParameterizedTest
  @CsvSource(
      delimiter = ' ',
      value = {
        // RFC 3986 section 5.4.1, normal examples
        "g:h g:h",
        "g http://a/b/c/g",
        "./g http://a/b/c/g",
        "g/ http://a/b/c/g/",
        "/g http://a/g",
        "//g http://g",
        "?y http://a/b/c/d;p?y",
        "g?y http://a/b/c/g?y",
        "#s http://a/b/c/d;p?q#s",
        "g#s http://a/b/c/g#s",
        "g?y#s http://a/b/c/g?y#s",
        ";x http://a/b/c/;x",
        "g;x http://a/b/c/g;x",
        "g;x?y#s http://a/b/c/g;x?y#s",
        "'' http://a/b/c/d;p?q",
        ". http://a/b/c/",
        "./ http://a/b/c/",
        ".. http://a/b/",
        "../ http://a/b/",
        "../g http://a/b/g",
        "../.. http://a/",
        "../../ http://a/",
        "../../g http://a/g",
        // section 5.4.2, abnormal examples
        "../../../g http://a/g",
        "../../../../g http://a/g",
        "/./g http://a/g",
        "/../g http://a/g",
        "g. http://a/b/c/g.",
        ".g http://a/b/c/.g",
        "g.. http://a/b/c/g..",
        "..g http://a/b/c/..g",
        "./../g http://a/b/g",
        "./g/. http://a/b/c/g/",
        "g/./h http://a/b/c/g/h",
        "g/../h http://a/b/c/h",
        "g;x=1/./y http://a/b/c/g;x=1/y",
        "g;x=1/../y http://a/b/c/y",
        "g?y/./x http://a/b/c/g?y/./x",
        "g?y/../x http://a/b/c/g?y/../x",
        "g#s/./x http://a/b/c/g#s/./x",
        "g#s/../x http://a/b/c/g#s/../x",
        "http:g http:g"
      })
  void joinsAsRfc3986Section5Says(String reference, String expected) {
    assertThat(Urls.join(RFC_BASE, reference)).hasToString(expected);
  }

  @Test
  void joiningKeepsEmptyPathSegmentsAsWritten() {
    URI base = URI.create("http://127.0.0.1:8080/api/");
    assertThat(Urls.join(base, "x//y")).hasToString("http://127.0.0.1:8080/api/x//y");
    assertThat(Urls.join(base, "x//y/./z//")).hasToString("http://127.0.0.1:8080/api/x//y/z//");
    assertThat(Urls.join(base, "/a//b/../c")).hasToString("http://127.0.0.1:8080/a//c");
    assertThat(Urls.join(URI.create("http://h/"), ".//is-package-exists/boto3"))
        .hasToString("http://h//is-package-exists/boto3");
    // a reference that starts with // names a host (RFC 3986 4.2), as in yarl
    assertThat(Urls.join(URI.create("http://h/"), "//is-package-exists/boto3"))
        .hasToString("http://is-package-exists/boto3");
    // java.net.URI's resolve drops the empty segment: why join exists
    assertThat(base.resolve("x//y")).hasToString("http://127.0.0.1:8080/api/x/y");
  }

  @Test
  void theSeedsUrlsKeepTheirDoubleSlash() {
    URI u = Urls.parse("https://backend.piptrends.com//is-package-exists/boto3");
    assertThat(u.getRawPath()).isEqualTo("//is-package-exists/boto3");
    assertThat(Urls.host(u)).isEqualTo("backend.piptrends.com");
    assertThat(Urls.requestTarget(u)).isEqualTo("//is-package-exists/boto3");
    URI local = Urls.parse("http://127.0.0.1:8080" + "//is-package-exists/" + "urllib3");
    assertThat(Urls.requestTarget(local)).isEqualTo("//is-package-exists/urllib3");
    assertThat(Urls.hostHeader(local)).isEqualTo("127.0.0.1:8080");
  }

  @Test
  void parseEncodesWhatAUriCannotHoldAndKeepsEscapes() {
    assertThat(Urls.parse("http://h/a b/ü?q=x y&r=ä#frag ment"))
        .hasToString("http://h/a%20b/%C3%BC?q=x%20y&r=%C3%A4#frag%20ment");
    assertThat(Urls.parse("http://h/a%2Fb%zz%").getRawPath()).isEqualTo("/a%2Fb%25zz%25");
    assertThat(Urls.parse("http://h/a|b[c]{d}\"e\\f^g`h<i>").getRawPath())
        .isEqualTo("/a%7Cb%5Bc%5D%7Bd%7D%22e%5Cf%5Eg%60h%3Ci%3E");
    assertThat(Urls.parse("http://h/😀").getRawPath()).isEqualTo("/%F0%9F%98%80");
    assertThat(Urls.parse("HTTP://Example.COM/Path")).hasToString("http://example.com/Path");
  }

  @Test
  void internationalizedHostsBecomePunycode() {
    URI u = Urls.parse("http://bücher.de/x");
    assertThat(u.getHost()).isEqualTo("xn--bcher-kva.de");
    assertThat(Urls.hostHeader(u)).isEqualTo("xn--bcher-kva.de");
    assertThat(Urls.parse("http://пример.испытание:8080/").getRawAuthority())
        .isEqualTo("xn--e1afmkfd.xn--80akhbyknj4f:8080");
  }

  @Test
  void hostsAndPortsAlsoWhereUriGivesNoHost() {
    URI docker = Urls.parse("http://my_service:8080/x");
    assertThat(docker.getHost()).isNull(); // java.net.URI's registry-based authority
    assertThat(Urls.host(docker)).isEqualTo("my_service");
    assertThat(Urls.port(docker)).isEqualTo(8080);
    assertThat(Urls.hostHeader(docker)).isEqualTo("my_service:8080");

    assertThat(Urls.port(URI.create("http://h/"))).isEqualTo(80);
    assertThat(Urls.port(URI.create("https://h/"))).isEqualTo(443);
    assertThat(Urls.port(URI.create("wss://h/"))).isEqualTo(443);
    assertThat(Urls.explicitPort(URI.create("https://h/"))).isNull();
    assertThat(Urls.hostHeader(URI.create("https://h:443/"))).isEqualTo("h");
    assertThat(Urls.hostHeader(URI.create("http://h:443/"))).isEqualTo("h:443");
    assertThatThrownBy(() -> Urls.port(URI.create("ftp://h/")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("No default port for the scheme 'ftp'");

    URI v6 = Urls.parse("http://[::1]:8443/x");
    assertThat(Urls.host(v6)).isEqualTo("[::1]");
    assertThat(Urls.hostName(v6)).isEqualTo("::1");
    assertThat(Urls.port(v6)).isEqualTo(8443);
    assertThat(Urls.isSecure(v6)).isFalse();
    assertThat(Urls.isSecure(URI.create("HTTPS://h/"))).isTrue();
  }

  @Test
  void badHostsAndPortsAreRefusedWithTheReason() {
    assertThatThrownBy(() -> Urls.parse("http://h:80x/"))
        .hasMessageContaining("port 80x is not a number");
    assertThatThrownBy(() -> Urls.parse("http://h:65536/")).hasMessageContaining("above 65535");
    assertThatThrownBy(() -> Urls.parse("http://a b/"))
        .hasMessageContaining("holds the character ' '");
    assertThatThrownBy(() -> Urls.parse("http://[::1/")).hasMessageContaining("without ']'");
  }

  @Test
  void userInfoIsDecodedAndCanBeRemoved() {
    URI u = Urls.parse("http://us%20er:p%40ss:w@h:81/x?q#f");
    Urls.UserInfo info = Urls.userInfo(u);
    assertThat(info).isEqualTo(new Urls.UserInfo("us er", "p@ss:w"));
    assertThat(info).hasToString("UserInfo[user=us er, password=***]");
    assertThat(Urls.userInfo(URI.create("http://user@h/")))
        .isEqualTo(new Urls.UserInfo("user", ""));
    assertThat(Urls.userInfo(URI.create("http://h/"))).isNull();
    assertThat(Urls.withoutUserInfoAndFragment(u)).hasToString("http://h:81/x?q");
    assertThat(Urls.userInfo(Urls.parse("http://u:p@my_host/")))
        .isEqualTo(new Urls.UserInfo("u", "p"));
  }

  @Test
  void aBaseUrlMustBeAbsoluteAndEndWithASlash() {
    // aiohttp: ClientSession(base_url=...) raises "base_url must have a trailing '/'"
    assertThat(Urls.checkBaseUrl(URI.create("http://h"))).hasToString("http://h/");
    assertThat(Urls.checkBaseUrl(URI.create("http://h/api/"))).hasToString("http://h/api/");
    assertThatThrownBy(() -> Urls.checkBaseUrl(URI.create("http://h/api")))
        .hasMessageContaining("must end with '/' (write http://h/api/)");
    assertThatThrownBy(() -> Urls.checkBaseUrl(URI.create("/api/")))
        .hasMessageContaining("must be absolute");
  }

  @Test
  void requestTargetsAreOriginForm() {
    assertThat(Urls.requestTarget(URI.create("http://h"))).isEqualTo("/");
    assertThat(Urls.requestTarget(URI.create("http://h?a=1"))).isEqualTo("/?a=1");
    assertThat(Urls.requestTarget(URI.create("http://h/p%20q?a=%26#f"))).isEqualTo("/p%20q?a=%26");
  }

  @Test
  void ipAddressesAreToldFromNames() {
    assertThat(Urls.isIpAddress("127.0.0.1")).isTrue();
    assertThat(Urls.isIpAddress("::1")).isTrue();
    assertThat(Urls.isIpAddress("[2001:db8::1]")).isTrue();
    assertThat(Urls.isIpAddress("example.com")).isFalse();
    assertThat(Urls.isIpAddress("1.2.3.4.example")).isFalse();
    assertThat(Urls.isIpAddress("localhost")).isFalse();
  }
}

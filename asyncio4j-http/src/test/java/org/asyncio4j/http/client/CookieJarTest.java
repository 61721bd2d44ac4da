package org.asyncio4j.http.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import org.asyncio4j.Asyncio;
import org.asyncio4j.EventLoop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CookieJarTest {
  private static final Instant START = Instant.parse("2026-12-03T00:00:00Z");

  // The jar's clock is the loop's virtual time, as a session's is: sleeping moves it, at once.
  private final EventLoop loop = EventLoop.builder().virtualTime(true).build();
  private final InstantSource clock = () -> START.plusNanos(loop.timeNanos());

  @AfterEach
  void closeLoop() {
    loop.close();
  }

  private void sleep(Duration d) {
    loop.runUntilComplete(() -> Asyncio.sleep(d));
  }

  private CookieJar jar() {
    return CookieJar.builder().clock(clock).build();
  }

  private static List<String> names(List<Cookie> cookies) {
    return cookies.stream().map(Cookie::name).toList();
  }

  /** aiohttp's test_cookiejar.py cookies, one Set-Cookie header each. */
  private static final List<String> AIOHTTP_COOKIES =
      List.of(
          "shared-cookie=first",
          "domain-cookie=second; Domain=example.com",
          "subdomain1-cookie=third; Domain=test1.example.com",
          "subdomain2-cookie=fourth; Domain=test2.example.com",
          "dotted-domain-cookie=fifth; Domain=.example.com",
          "different-domain-cookie=sixth; Domain=different.org",
          "secure-cookie=seventh; Domain=secure.com; Secure",
          "no-path-cookie=eighth; Domain=pathtest.com",
          "path1-cookie=ninth; Domain=pathtest.com; Path=/",
          "path2-cookie=tenth; Domain=pathtest.com; Path=/one",
          "path3-cookie=eleventh; Domain=pathtest.com; Path=/one/two",
          "path4-cookie=twelfth; Domain=pathtest.com; Path=/one/two/",
          "expires-cookie=thirteenth; Domain=expirestest.com; Path=/; Expires=Tue, 1 Jan 1980 12:00:00 GMT",
          "max-age-cookie=fourteenth; Domain=maxagetest.com; Path=/; Max-Age=60",
          "invalid-max-age-cookie=fifteenth; Domain=invalid-values.com; Max-Age=string",
          "invalid-expires-cookie=sixteenth; Domain=invalid-values.com; Expires=string");

  @Test
  void aCookieGoesBackToTheHostThatSetItAndToPathsUnderItsPath() {
    CookieJar jar = jar();
    jar.updateCookies(
        List.of("session=abc; Path=/; HttpOnly", "cart=1"), URI.create("https://shop.example/a/b"));
    assertThat(names(jar.filterCookies(URI.create("https://shop.example/a/c"))))
        .containsExactly("cart", "session"); // /a before /: longer paths first
    assertThat(names(jar.filterCookies(URI.create("https://shop.example/"))))
        .containsExactly("session");
    assertThat(jar.filterCookies(URI.create("https://other.example/a/"))).isEmpty();
    // host-only: no subdomain
    assertThat(jar.filterCookies(URI.create("https://www.shop.example/a/"))).isEmpty();
    assertThat(jar.cookieHeader(URI.create("https://shop.example/a/x")))
        .contains("cart=1; session=abc");
    assertThat(jar.cookieHeader(URI.create("https://nobody.example/"))).isEmpty();
  }

  @Test
  void domainCookiesGoToSubdomainsAndOthersAreRefused() {
    CookieJar jar = jar();
    jar.updateCookies(AIOHTTP_COOKIES, URI.create("http://test1.example.com/"));
    // for another domain, or for a sibling: refused at storage (RFC 6265 5.3 step 6)
    assertThat(names(jar.cookies()))
        .containsExactly(
            "shared-cookie", "domain-cookie", "subdomain1-cookie", "dotted-domain-cookie");
    assertThat(names(jar.filterCookies(URI.create("http://example.com/"))))
        .containsExactly("domain-cookie", "dotted-domain-cookie");
    assertThat(names(jar.filterCookies(URI.create("http://deep.test1.example.com/"))))
        .containsExactly("domain-cookie", "subdomain1-cookie", "dotted-domain-cookie");
    assertThat(names(jar.filterCookies(URI.create("http://test1.example.com/"))))
        .containsExactly(
            "shared-cookie", "domain-cookie", "subdomain1-cookie", "dotted-domain-cookie");
  }

  @Test
  void pathsMatchAtSlashBoundaries() {
    CookieJar jar = jar();
    // without shared-cookie (host-only, path /): the path cookies alone
    jar.updateCookies(
        AIOHTTP_COOKIES.subList(1, AIOHTTP_COOKIES.size()), URI.create("http://pathtest.com/"));
    assertThat(names(jar.filterCookies(URI.create("http://pathtest.com/one/two/three"))))
        .containsExactly(
            "path4-cookie", "path3-cookie", "path2-cookie", "no-path-cookie", "path1-cookie");
    assertThat(names(jar.filterCookies(URI.create("http://pathtest.com/one/two"))))
        .containsExactly("path3-cookie", "path2-cookie", "no-path-cookie", "path1-cookie");
    assertThat(names(jar.filterCookies(URI.create("http://pathtest.com/onetwo"))))
        .containsExactly("no-path-cookie", "path1-cookie");
    assertThat(names(jar.filterCookies(URI.create("http://pathtest.com"))))
        .containsExactly("no-path-cookie", "path1-cookie");
  }

  @Test
  void theDefaultPathIsTheRequestsDirectory() {
    CookieJar jar = jar();
    jar.updateCookies(
        List.of("a=1", "b=2; Path=relative"), URI.create("http://h.example/docs/page"));
    assertThat(jar.cookies()).extracting(Cookie::path).containsExactly("/docs", "/docs");
    jar.updateCookies(List.of("c=3"), URI.create("http://h.example/page"));
    assertThat(jar.cookies()).extracting(Cookie::path).endsWith("/");
  }

  @Test
  void secureCookiesGoOnlyOverHttpsOrATrustedOrigin() {
    CookieJar jar = jar();
    jar.updateCookies(List.of("s=1; Secure", "p=2"), URI.create("https://secure.example/"));
    assertThat(names(jar.filterCookies(URI.create("https://secure.example/"))))
        .containsExactly("s", "p");
    assertThat(names(jar.filterCookies(URI.create("http://secure.example/")))).containsExactly("p");
    // ported from test_cookiejar.py::test_treat_as_secure_origin
    CookieJar trusting =
        CookieJar.builder()
            .unsafe(true)
            .clock(clock)
            .treatAsSecureOrigin(URI.create("http://127.0.0.1"))
            .build();
    URI endpoint = URI.create("http://127.0.0.1/");
    trusting.updateCookies(List.of("cookie-key=cookie-value; HttpOnly; Path=/; Secure"), endpoint);
    assertThat(trusting.filterCookies(endpoint)).hasSize(1);
    assertThat(trusting.filterCookies(URI.create("http://127.0.0.1:8080/"))).isEmpty();
  }

  @Test
  void expiryFollowsMaxAgeOverExpiresOnTheJarsClock() {
    CookieJar jar = jar();
    URI url = URI.create("http://maxagetest.com/");
    jar.updateCookies(
        List.of(
            "max-age-cookie=fourteenth; Path=/; Max-Age=60",
            "both=x; Max-Age=10; Expires=Fri, 01 Jan 2100 00:00:00 GMT",
            "dated=y; Expires=Thu, 03 Dec 2026 00:00:30 GMT",
            "session=z"),
        url);
    assertThat(jar.cookies())
        .filteredOn(c -> c.name().equals("max-age-cookie"))
        .singleElement()
        .satisfies(c -> assertThat(c.expires()).isEqualTo(START.plusSeconds(60)));
    sleep(Duration.ofSeconds(11));
    assertThat(names(jar.filterCookies(url))).containsExactly("max-age-cookie", "dated", "session");
    sleep(Duration.ofSeconds(20));
    assertThat(names(jar.filterCookies(url))).containsExactly("max-age-cookie", "session");
    sleep(Duration.ofSeconds(30));
    assertThat(names(jar.cookies())).containsExactly("session");
    assertThat(jar.cookies().getFirst().isPersistent()).isFalse();
  }

  @Test
  void anExpiredCookieRemovesTheOneItReplaces() {
    CookieJar jar = jar();
    URI url = URI.create("http://h.example/");
    jar.updateCookies(List.of("a=1", "b=2"), url);
    jar.updateCookies(
        List.of("a=gone; Max-Age=0", "b=gone; Expires=Tue, 1 Jan 1980 12:00:00 GMT"), url);
    assertThat(jar.cookies()).isEmpty();
    jar.updateCookies(List.of("c=1; Max-Age=-5"), url);
    assertThat(jar.cookies()).isEmpty();
  }

  @Test
  void aReplacedCookieKeepsItsPlaceAmongEqualPaths() {
    CookieJar jar = jar();
    URI url = URI.create("http://h.example/");
    jar.updateCookies(List.of("first=1", "second=2"), url);
    jar.updateCookies(List.of("first=changed"), url);
    assertThat(jar.cookieHeader(url)).contains("first=changed; second=2");
  }

  @Test
  void cookiesFromIpAddressesAreRefusedUnlessUnsafe() {
    // ported from test_cookiejar.py::test_domain_filter_ip_cookie_receive
    CookieJar jar = jar();
    jar.updateCookies(AIOHTTP_COOKIES, URI.create("http://1.2.3.4/"));
    jar.updateCookies(List.of("v6=1"), URI.create("http://[::1]:8080/"));
    assertThat(jar.cookies()).isEmpty();

    CookieJar unsafe = CookieJar.builder().unsafe(true).clock(clock).build();
    unsafe.updateCookies(
        List.of("shared-cookie=first", "ip-cookie=second; Domain=127.0.0.1"),
        URI.create("http://127.0.0.1/"));
    assertThat(unsafe.cookieHeader(URI.create("http://127.0.0.1/")))
        .contains("shared-cookie=first; ip-cookie=second");
    // an address has no subdomains: Domain=0.0.1 from 127.0.0.1 does not domain-match
    unsafe.updateCookies(List.of("sub=1; Domain=0.0.1"), URI.create("http://127.0.0.1/"));
    assertThat(names(unsafe.cookies())).containsExactly("shared-cookie", "ip-cookie");
  }

  @Test
  void aDomainEndingWithADotMakesTheCookieHostOnly() {
    // ported from test_cookiejar.py::test_ignore_domain_ending_with_dot
    CookieJar jar = jar();
    jar.updateCookies(
        List.of("cookie=val; Domain=example.com.;"), URI.create("http://www.example.com"));
    assertThat(jar.cookieHeader(URI.create("http://www.example.com/"))).contains("cookie=val");
    assertThat(jar.cookieHeader(URI.create("http://example.com/"))).isEmpty();
  }

  @Test
  void aTopLevelDomainAndMalformedHeadersAreIgnored() {
    CookieJar jar = jar();
    URI url = URI.create("http://a.example.com/");
    jar.updateCookies(
        List.of(
            "tld=1; Domain=com",
            "noequals",
            "=novalue",
            "  ; Path=/",
            "crlf=a\r\nSet-Cookie: evil=1",
            "nul=a\0b",
            "ok=1"),
        url);
    assertThat(names(jar.cookies())).containsExactly("ok");
  }

  @Test
  void attributesAreReadCaseInsensitivelyAndTheLastWins() {
    CookieJar jar = jar();
    jar.updateCookies(
        List.of(
            "id=\"quoted value\"; PATH=/x; path=/y; SECURE; httponly; SameSite=lax; domain=.Example.COM; Max-Age=junk"),
        URI.create("https://www.example.com/"));
    Cookie c = jar.cookies().getFirst();
    assertThat(c)
        .isEqualTo(
            new Cookie(
                "id",
                "\"quoted value\"",
                "example.com",
                "/y",
                null,
                false,
                true,
                true,
                Cookie.SameSite.LAX));
    assertThat(Cookie.SameSite.LAX.attributeValue()).isEqualTo("Lax");
  }

  @Test
  void clearClearDomainAndAdd() {
    // ported from test_cookiejar.py::test_cookie_jar_clear_domain
    CookieJar jar = jar();
    jar.updateCookies(
        List.of(
            "foo=bar",
            "domain_cookie=value; Domain=example.com",
            "subdomain_cookie=value; Domain=test.example.com"),
        URI.create("http://test.example.com/"));
    jar.add(new Cookie("other", "v", "other.org", "/", null, true, false, false, null));
    jar.clearDomain("example.com");
    assertThat(names(jar.cookies())).containsExactly("other");
    jar.clear(c -> c.domain().equals("other.org"));
    assertThat(jar.cookies()).isEmpty();
    jar.add(new Cookie("x", "1", "h", "/", START.plusSeconds(5), true, false, false, null));
    jar.clear();
    assertThat(jar.cookies()).isEmpty();
  }

  @Test
  void aCookieThatCannotGoInAHeaderIsRefused() {
    assertThatThrownBy(() -> new Cookie("a\r\nb", "v", "h", "/", null, true, false, false, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a\\r\\nb")
        .hasMessageContaining("U+000D");
    assertThatThrownBy(() -> new Cookie("", "v", "h", "/", null, true, false, false, null))
        .hasMessageContaining("needs a name");
    assertThatThrownBy(() -> new Cookie("a", "v;w", "h", "/", null, true, false, false, null))
        .hasMessageContaining("U+003B");
    assertThatThrownBy(() -> new Cookie("a", "v", "h", "x", null, true, false, false, null))
        .hasMessageContaining("must start with '/'");
  }

  @Test
  void theDummyJarKeepsNothing() {
    // ported from test_cookiejar.py::test_dummy_cookie_jar
    CookieJar dummy = CookieJar.dummy();
    dummy.updateCookies(List.of("a=1"), URI.create("http://example.com/"));
    dummy.add(new Cookie("b", "2", "example.com", "/", null, true, false, false, null));
    assertThat(dummy.cookies()).isEmpty();
    assertThat(dummy.filterCookies(URI.create("http://example.com/"))).isEmpty();
    assertThat(dummy.cookieHeader(URI.create("http://example.com/"))).isEqualTo(Optional.empty());
    assertThat(CookieJar.dummy()).isSameAs(dummy);
  }
}

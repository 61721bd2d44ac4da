package org.asyncio4j.http.internal.client;

import java.net.URI;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.asyncio4j.http.client.Cookie;
import org.asyncio4j.http.client.CookieJar;

/**
 * The {@link CookieJar} that stores: RFC 6265 section 5.3 (storage) and 5.4 (retrieval), with
 * aiohttp's refusals (IP-address hosts unless unsafe). Entries are kept in insertion order in one
 * map keyed by name, domain and path; a client holds tens of cookies, so a scan per request is
 * cheaper than an index.
 */
public final class StoringCookieJar implements CookieJar {
  /** Where Max-Age and far Expires dates stop: year 9999, well inside {@link Instant}'s range. */
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  private record Key(String name, String domain, String path) {}

  /** A stored cookie and when it was first stored (RFC 6265's creation-time, for ordering). */
  private record Entry(Cookie cookie, long created) {}

  private final boolean unsafe;
  private final InstantSource clock;
  private final List<URI> secureOrigins;
  private final Map<Key, Entry> cookies = new LinkedHashMap<>();
  private long sequence;

  /**
   * Creates an empty jar.
   *
   * @param unsafe whether cookies from IP-address hosts are kept
   * @param clock the clock of expiry
   * @param secureOrigins http origins treated as secure
   */
  public StoringCookieJar(boolean unsafe, InstantSource clock, List<URI> secureOrigins) {
    this.unsafe = unsafe;
    this.clock = clock;
    this.secureOrigins = List.copyOf(secureOrigins);
  }

  @Override
  public void updateCookies(Iterable<String> setCookieHeaders, URI responseUrl) {
    String host = Urls.hostName(responseUrl).toLowerCase(Locale.ROOT);
    if (!unsafe && Urls.isIpAddress(host)) {
      return; // aiohttp: "Don't accept cookies from IPs"
    }
    Instant now = clock.instant();
    for (String header : setCookieHeaders) {
      SetCookieParser.SetCookie sc = SetCookieParser.parse(header);
      if (sc != null) {
        store(sc, host, responseUrl, now);
      }
    }
  }

  private void store(SetCookieParser.SetCookie sc, String host, URI url, Instant now) {
    Instant expires = null;
    if (sc.maxAgeSeconds() != null) {
      long age = sc.maxAgeSeconds();
      expires =
          age <= 0
              ? Instant.EPOCH
              : (age >= LATEST.getEpochSecond() - now.getEpochSecond()
                  ? LATEST
                  : now.plusSeconds(age));
    } else if (sc.expires() != null) {
      expires = sc.expires().isAfter(LATEST) ? LATEST : sc.expires();
    }
    String domain = sc.domain();
    boolean hostOnly;
    if (domain == null || sc.domainEndsWithDot()) {
      hostOnly = true;
      domain = host;
    } else {
      if (!domainMatches(host, domain)) {
        return; // a response may not set cookies for another domain
      }
      // No public suffix list: refuse at least a bare top-level domain (Domain=com)
      if (domain.indexOf('.') < 0 && !domain.equals(host)) {
        return;
      }
      hostOnly = false;
    }
    String path = sc.path() != null ? sc.path() : defaultPath(url);
    Cookie cookie =
        new Cookie(
            sc.name(),
            sc.value(),
            domain,
            path,
            expires,
            hostOnly,
            sc.secure(),
            sc.httpOnly(),
            sc.sameSite());
    put(cookie, now);
  }

  @Override
  public void add(Cookie cookie) {
    put(cookie, clock.instant());
  }

  private void put(Cookie cookie, Instant now) {
    Key key = new Key(cookie.name(), cookie.domain(), cookie.path());
    Entry old = cookies.remove(key);
    if (cookie.isExpired(now)) {
      return; // RFC 6265 5.3 step 12: an expired cookie only removes the one it replaces
    }
    // step 11: a replaced cookie keeps its creation time
    cookies.put(key, new Entry(cookie, old != null ? old.created() : sequence++));
  }

  @Override
  public List<Cookie> filterCookies(URI requestUrl) {
    if (cookies.isEmpty()) {
      return List.of();
    }
    removeExpired();
    String host = Urls.hostName(requestUrl).toLowerCase(Locale.ROOT);
    String path =
        requestUrl.getRawPath() == null || requestUrl.getRawPath().isEmpty()
            ? "/"
            : requestUrl.getRawPath();
    boolean secure = Urls.isSecure(requestUrl) || isSecureOrigin(requestUrl);
    List<Entry> matching = new ArrayList<>();
    for (Entry e : cookies.values()) {
      Cookie c = e.cookie();
      boolean domainOk = c.hostOnly() ? host.equals(c.domain()) : domainMatches(host, c.domain());
      if (domainOk && pathMatches(path, c.path()) && (secure || !c.secure())) {
        matching.add(e);
      }
    }
    matching.sort(
        Comparator.comparingInt((Entry e) -> -e.cookie().path().length())
            .thenComparingLong(Entry::created));
    List<Cookie> out = new ArrayList<>(matching.size());
    for (Entry e : matching) {
      out.add(e.cookie());
    }
    return out;
  }

  private boolean isSecureOrigin(URI url) {
    if (secureOrigins.isEmpty() || url.getScheme() == null) {
      return false;
    }
    for (URI origin : secureOrigins) {
      if (url.getScheme().equalsIgnoreCase(origin.getScheme())
          && Urls.host(url).equals(Urls.host(origin))
          && Urls.port(url) == Urls.port(origin)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public List<Cookie> cookies() {
    removeExpired();
    List<Cookie> out = new ArrayList<>(cookies.size());
    for (Entry e : cookies.values()) {
      out.add(e.cookie());
    }
    return out;
  }

  @Override
  public void clear() {
    cookies.clear();
  }

  @Override
  public void clear(Predicate<Cookie> predicate) {
    cookies.values().removeIf(e -> predicate.test(e.cookie()));
  }

  @Override
  public void clearDomain(String domain) {
    String d = domain.startsWith(".") ? domain.substring(1) : domain;
    String lower = d.toLowerCase(Locale.ROOT);
    clear(c -> domainMatches(c.domain(), lower));
  }

  private void removeExpired() {
    Instant now = clock.instant();
    for (Iterator<Entry> it = cookies.values().iterator(); it.hasNext(); ) {
      if (it.next().cookie().isExpired(now)) {
        it.remove();
      }
    }
  }

  /**
   * RFC 6265 5.1.3: the same string, or {@code host} ends with {@code "." + domain} and is a name,
   * not an IP address.
   */
  static boolean domainMatches(String host, String domain) {
    if (host.equals(domain)) {
      return true;
    }
    return host.length() > domain.length()
        && host.endsWith(domain)
        && host.charAt(host.length() - domain.length() - 1) == '.'
        && !Urls.isIpAddress(host);
  }

  /** RFC 6265 5.1.4: the same path, or a prefix that ends at a {@code /}. */
  static boolean pathMatches(String requestPath, String cookiePath) {
    if (requestPath.equals(cookiePath)) {
      return true;
    }
    return requestPath.startsWith(cookiePath)
        && (cookiePath.endsWith("/") || requestPath.charAt(cookiePath.length()) == '/');
  }

  /** RFC 6265 5.1.4's default-path: the request path up to, not including, its last {@code /}. */
  static String defaultPath(URI url) {
    String path = url.getRawPath();
    if (path == null || !path.startsWith("/")) {
      return "/";
    }
    int last = path.lastIndexOf('/');
    return last == 0 ? "/" : path.substring(0, last);
  }

  @Override
  public String toString() {
    return "<CookieJar cookies=" + cookies.size() + (unsafe ? " unsafe" : "") + ">";
  }
}

package org.asyncio4j.http.client;

import java.net.URI;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.asyncio4j.http.internal.client.DummyCookieJar;
import org.asyncio4j.http.internal.client.StoringCookieJar;

/**
 * Cookies a client keeps between requests: it stores what servers set with {@code Set-Cookie} and
 * gives each request the cookies meant for its URL, by RFC 6265's storage and retrieval rules
 * (domain and path matching, host-only cookies, Secure, expiry by Max-Age or Expires).
 *
 * <p>Loop-confined, as the session that uses it: not thread-safe.
 *
 * <p>As aiohttp's {@code CookieJar}: cookies from a host that is an IP address are refused unless
 * the jar is built {@link Builder#unsafe(boolean) unsafe}; a Domain ending in a dot makes the
 * cookie host-only. Beyond it, as browsers do: a cookie whose name or value holds a control
 * character is ignored, and so is a Domain without a dot other than the host itself ({@code
 * Domain=com}). There is no public suffix list (RFC 6265 section 5.3 step 5 asks for one), so
 * {@code Domain=co.uk} from {@code a.co.uk} is stored, as in aiohttp.
 *
 * <pre>{@code
 * CookieJar jar = CookieJar.builder().unsafe(true).build(); // accepts cookies from 127.0.0.1
 * jar.updateCookies(List.of("token=t1; Max-Age=3600"), URI.create("http://127.0.0.1:8080/"));
 * Optional<String> header = jar.cookieHeader(URI.create("http://127.0.0.1:8080/api"));
 * // header: Optional[token=t1]
 * }</pre>
 *
 * <p>aiohttp: {@code aiohttp.CookieJar} ({@code update_cookies}, {@code filter_cookies}, {@code
 * clear}, {@code clear_domain}), {@code aiohttp.DummyCookieJar} ({@link #dummy()})
 */
public interface CookieJar {
  /**
   * Stores the cookies of a response's {@code Set-Cookie} headers. Malformed headers and cookies a
   * response may not set (for another domain, from an IP address when not unsafe) are ignored, as
   * RFC 6265 says; a cookie that is already expired removes the one it replaces.
   *
   * @param setCookieHeaders the header values, one cookie each
   * @param responseUrl the URL of the response that set them
   */
  void updateCookies(Iterable<String> setCookieHeaders, URI responseUrl);

  /**
   * Stores one cookie as it is, replacing the one with the same name, domain and path.
   *
   * @param cookie the cookie
   */
  void add(Cookie cookie);

  /**
   * The cookies a request to {@code requestUrl} carries, in the order of RFC 6265 section 5.4:
   * longer paths first, then the older first. Expired cookies are removed first.
   *
   * @param requestUrl the request's URL
   * @return the cookies, possibly none
   */
  List<Cookie> filterCookies(URI requestUrl);

  /**
   * The Cookie header of a request to {@code requestUrl}: {@code name=value} pairs of {@link
   * #filterCookies} joined by {@code "; "}.
   *
   * @param requestUrl the request's URL
   * @return the header's value, or empty when no cookie goes with the request
   */
  default Optional<String> cookieHeader(URI requestUrl) {
    List<Cookie> cookies = filterCookies(requestUrl);
    if (cookies.isEmpty()) {
      return Optional.empty();
    }
    List<String> pairs = new ArrayList<>(cookies.size());
    for (Cookie c : cookies) {
      pairs.add(c.name() + "=" + c.value());
    }
    return Optional.of(String.join("; ", pairs));
  }

  /**
   * Every cookie stored and not expired, oldest first.
   *
   * @return the cookies
   */
  List<Cookie> cookies();

  /** Removes every cookie. */
  void clear();

  /**
   * Removes the cookies that match.
   *
   * @param predicate which to remove
   */
  void clear(Predicate<Cookie> predicate);

  /**
   * Removes the cookies of a domain and of its subdomains.
   *
   * @param domain the domain, any case, with or without a leading dot
   */
  void clearDomain(String domain);

  /**
   * A jar with the defaults: cookies from IP addresses refused, the system clock.
   *
   * @return a new jar
   */
  static CookieJar create() {
    return builder().build();
  }

  /**
   * A jar that stores nothing and sends nothing, for a session that must not keep cookies.
   *
   * @return the jar
   */
  static CookieJar dummy() {
    return DummyCookieJar.INSTANCE;
  }

  /**
   * A builder for a jar with other settings.
   *
   * @return a builder with the defaults
   */
  static Builder builder() {
    return new Builder();
  }

  /** Settings of a {@link CookieJar}. */
  final class Builder {
    private boolean unsafe;
    private InstantSource clock = InstantSource.system();
    private final List<URI> secureOrigins = new ArrayList<>();

    private Builder() {}

    /**
     * Whether cookies from hosts that are IP addresses are kept (aiohttp's {@code unsafe}); off by
     * default, as a cookie for an address could be sent to whatever later answers at it.
     *
     * @param unsafe true to keep them
     * @return this builder
     */
    public Builder unsafe(boolean unsafe) {
      this.unsafe = unsafe;
      return this;
    }

    /**
     * The clock expiry is measured on; the system clock by default. Tests pass a clock on the
     * loop's virtual time.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(InstantSource clock) {
      this.clock = clock;
      return this;
    }

    /**
     * An origin over plain http that gets Secure cookies as if it were https (aiohttp's {@code
     * treat_as_secure_origin}), such as a local test server.
     *
     * @param origin scheme, host and port, as {@code http://localhost:8080}
     * @return this builder
     */
    public Builder treatAsSecureOrigin(URI origin) {
      secureOrigins.add(origin);
      return this;
    }

    /**
     * Builds the jar.
     *
     * @return a new, empty jar
     */
    public CookieJar build() {
      return new StoringCookieJar(unsafe, clock, secureOrigins);
    }
  }
}

package org.asyncio4j.http.client;

import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A cookie as a {@link CookieJar} stores it (RFC 6265 section 5.3): the name and value a server
 * set, the domain and path it applies to, and its attributes.
 *
 * <pre>{@code
 * CookieJar jar = CookieJar.create();
 * jar.updateCookies(List.of("session=abc123; Path=/; HttpOnly"), URI.create("https://example.com/login"));
 * for (Cookie c : jar.filterCookies(URI.create("https://example.com/account"))) {
 *   System.out.println(c.name() + " = " + c.value() + " for " + c.domain() + c.path());
 * }
 * }</pre>
 *
 * <p>aiohttp: a {@code http.cookies.Morsel} in {@code CookieJar}
 *
 * @param name the name, not empty
 * @param value the value, as the server wrote it (double quotes included, as RFC 6265 keeps them)
 * @param domain the host (host-only) or domain the cookie goes to, lower case, without a leading
 *     dot
 * @param path the path prefix the cookie goes to, starting with {@code /}
 * @param expires when it expires; null for a session cookie (kept until the jar is dropped)
 * @param hostOnly true when the server gave no Domain: only the host itself gets it, no subdomain
 * @param secure true when it goes only over https (and origins the jar treats as secure)
 * @param httpOnly true when the server asked that scripts not see it (HTTP requests still send it)
 * @param sameSite the SameSite attribute, or null when the server gave none (stored, not applied: a
 *     program is not a browser and has no "site for cookies")
 */
public record Cookie(
    String name,
    String value,
    String domain,
    String path,
    @Nullable Instant expires,
    boolean hostOnly,
    boolean secure,
    boolean httpOnly,
    @Nullable SameSite sameSite) {

  /** The SameSite attribute (RFC 6265bis section 5.4.7). */
  public enum SameSite {
    /** {@code SameSite=Strict} */
    STRICT,
    /** {@code SameSite=Lax} */
    LAX,
    /** {@code SameSite=None} */
    NONE;

    /**
     * The attribute's value as written in a Set-Cookie header.
     *
     * @return {@code Strict}, {@code Lax} or {@code None}
     */
    public String attributeValue() {
      String n = name();
      return n.charAt(0) + n.substring(1).toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Checks the parts.
   *
   * @throws IllegalArgumentException if the name is empty, a name or value holds a control
   *     character, {@code ;} or (in the name) {@code =}, or the path does not start with {@code /}
   */
  public Cookie {
    if (name.isEmpty()) {
      throw new IllegalArgumentException("A cookie needs a name (got an empty one)");
    }
    checkOctets("name", name, "=;");
    checkOctets("value", value, ";");
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException(
          "The path of cookie " + name + " must start with '/', not " + path);
    }
    domain = domain.toLowerCase(Locale.ROOT);
  }

  private static void checkOctets(String what, String s, String forbidden) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7F || forbidden.indexOf(c) >= 0) {
        throw new IllegalArgumentException(
            "The cookie "
                + what
                + " "
                + s.replace("\r", "\\r").replace("\n", "\\n")
                + " holds the character U+"
                + String.format("%04X", (int) c)
                + ", which cannot go in a Cookie header");
      }
    }
  }

  /**
   * Whether the cookie has expired at {@code now}.
   *
   * @param now the jar's clock
   * @return true if it has an expiry time and that time is not after {@code now}
   */
  public boolean isExpired(Instant now) {
    return expires != null && !expires.isAfter(now);
  }

  /**
   * Whether the cookie outlives the program's session (it has an expiry time).
   *
   * @return true for a persistent cookie
   */
  public boolean isPersistent() {
    return expires != null;
  }
}

package org.asyncio4j.http.internal.client;

import java.net.IDN;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * URLs for the client, on {@link java.net.URI}: the public API takes and gives {@code URI}s (the
 * Java idiom; no URL type of our own), and this class does what {@code URI} does not do as yarl
 * does it.
 *
 * <p>Where {@code java.net.URI} is not right for HTTP, and what is used instead:
 *
 * <ul>
 *   <li>{@link URI#resolve} follows RFC 2396: it drops empty path segments ({@code x//y} becomes
 *       {@code x/y}), resolves the empty reference to the base's directory and {@code ?y} against
 *       the directory. {@link #join} is RFC 3986 section 5.2, which keeps empty segments as
 *       written, as yarl's {@code URL.join} does. {@link URI#normalize} also collapses {@code //};
 *       nothing here calls it.
 *   <li>{@link URI#getHost} is null for a host with {@code _} (Docker service names) or with
 *       non-ASCII letters (the authority is then "registry based"). {@link #host} reads the raw
 *       authority instead, and {@link #parse} turns an internationalized host into its ASCII
 *       (punycode) form with {@link IDN#toASCII}. That is IDNA 2003; yarl uses IDNA 2008 with UTS
 *       46 when the {@code idna} package is present, which differs for a few letters ({@code ß}
 *       stays {@code ß} there, becomes {@code ss} here).
 *   <li>{@code new URI(String)} refuses what users write (a space, {@code |}, non-ASCII in a path).
 *       {@link #parse} percent-encodes those per component, keeps escapes already made, and
 *       lower-cases the host, as yarl's {@code URL(str)} does, so that every URI the client holds
 *       is ASCII and its raw path and query go on the wire as they are.
 * </ul>
 */
public final class Urls {
  private Urls() {}

  /**
   * Parses a URL as a user writes it (yarl's {@code URL(str)}): characters that a URI cannot hold
   * are percent-encoded, {@code %XX} escapes are kept, an internationalized host becomes punycode,
   * and the host is lower-cased. Empty path segments are kept.
   *
   * @param url the URL or relative reference
   * @return the URI
   * @throws IllegalArgumentException if the host is not a valid name or the result is not a URI
   */
  public static URI parse(String url) {
    UriComponents c = UriComponents.split(url.strip());
    String authority = c.authority() == null ? null : authority(c.authority(), url);
    String path = PercentEncoding.encode(c.path(), PercentEncoding.PATH_SAFE, false, true);
    String query =
        c.query() == null
            ? null
            : PercentEncoding.encode(c.query(), PercentEncoding.QUERY_SAFE, false, true);
    String fragment =
        c.fragment() == null
            ? null
            : PercentEncoding.encode(c.fragment(), PercentEncoding.FRAGMENT_SAFE, false, true);
    String scheme = c.scheme() == null ? null : c.scheme().toLowerCase(Locale.ROOT);
    if (authority != null && !path.isEmpty() && path.charAt(0) != '/') {
      path = "/" + path; // cannot happen after split, kept as the rule RFC 3986 3.3 states
    }
    String s = new UriComponents(scheme, authority, path, query, fragment).toString();
    try {
      return new URI(s);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("Invalid URL " + url + ": " + e.getMessage(), e);
    }
  }

  private static String authority(String raw, String url) {
    int at = raw.lastIndexOf('@');
    String userInfo = at < 0 ? null : raw.substring(0, at);
    String hostPort = raw.substring(at + 1);
    String host;
    String port = null;
    if (hostPort.startsWith("[")) {
      int close = hostPort.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("Invalid URL " + url + ": an IPv6 host without ']'");
      }
      host = hostPort.substring(0, close + 1).toLowerCase(Locale.ROOT);
      if (close + 1 < hostPort.length()) {
        if (hostPort.charAt(close + 1) != ':') {
          throw new IllegalArgumentException(
              "Invalid URL " + url + ": characters after the IPv6 host's ']'");
        }
        port = hostPort.substring(close + 2);
      }
    } else {
      int colon = hostPort.lastIndexOf(':');
      host = colon < 0 ? hostPort : hostPort.substring(0, colon);
      port = colon < 0 ? null : hostPort.substring(colon + 1);
      host = asciiHost(PercentEncoding.decode(host, false), url);
    }
    if (port != null && !port.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
      throw new IllegalArgumentException(
          "Invalid URL " + url + ": port " + port + " is not a number");
    }
    if (port != null && !port.isEmpty() && (port.length() > 5 || Integer.parseInt(port) > 65535)) {
      throw new IllegalArgumentException(
          "Invalid URL " + url + ": port " + port + " is above 65535");
    }
    StringBuilder b = new StringBuilder();
    if (userInfo != null) {
      b.append(PercentEncoding.encode(userInfo, PercentEncoding.USERINFO_SAFE, false, true))
          .append('@');
    }
    b.append(host);
    if (port != null && !port.isEmpty()) {
      b.append(':').append(port);
    }
    return b.toString();
  }

  private static String asciiHost(String host, String url) {
    boolean ascii = host.chars().allMatch(ch -> ch < 0x80);
    if (!ascii) {
      try {
        host = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "Invalid URL " + url + ": host " + host + " is not a valid name: " + e.getMessage(), e);
      }
    }
    for (int i = 0; i < host.length(); i++) {
      char ch = host.charAt(i);
      if (ch <= ' ' || "/?#@[]\\%<>\"^`{|}".indexOf(ch) >= 0 || ch == 0x7F) {
        throw new IllegalArgumentException(
            "Invalid URL " + url + ": host " + host + " holds the character '" + ch + "'");
      }
    }
    return host.toLowerCase(Locale.ROOT);
  }

  /**
   * Resolves a reference against a base URL as RFC 3986 section 5.2 says (and yarl's {@code
   * URL.join} does): empty path segments are kept as written, {@code .} and {@code ..} are removed.
   * A reference that starts with {@code //} is a network-path reference: its first segment is a
   * host, so {@code join(http://h/, "//x/y")} is {@code http://x/y}. To add a path that starts with
   * an empty segment, write {@code .//x/y} (it gives {@code http://h//x/y}) or the absolute URL.
   *
   * @param base an absolute URL
   * @param reference what a user wrote, parsed by {@link #parse}
   * @return the target URI
   */
  public static URI join(URI base, String reference) {
    UriComponents b = UriComponents.split(base.toString());
    UriComponents r = UriComponents.split(parse(reference).toString());
    String scheme;
    String authority;
    String path;
    String query;
    if (r.scheme() != null) {
      scheme = r.scheme();
      authority = r.authority();
      path = removeDotSegments(r.path());
      query = r.query();
    } else {
      scheme = b.scheme();
      if (r.authority() != null) {
        authority = r.authority();
        path = removeDotSegments(r.path());
        query = r.query();
      } else {
        authority = b.authority();
        if (r.path().isEmpty()) {
          path = b.path();
          query = r.query() != null ? r.query() : b.query();
        } else {
          path = removeDotSegments(r.path().startsWith("/") ? r.path() : merge(b, r.path()));
          query = r.query();
        }
      }
    }
    return URI.create(new UriComponents(scheme, authority, path, query, r.fragment()).toString());
  }

  /** RFC 3986 section 5.2.3. */
  private static String merge(UriComponents base, String path) {
    if (base.authority() != null && base.path().isEmpty()) {
      return "/" + path;
    }
    int slash = base.path().lastIndexOf('/');
    return slash < 0 ? path : base.path().substring(0, slash + 1) + path;
  }

  /** RFC 3986 section 5.2.4, which keeps empty segments. */
  static String removeDotSegments(String path) {
    if (path.indexOf('.') < 0) {
      return path;
    }
    String in = path;
    StringBuilder out = new StringBuilder(path.length());
    while (!in.isEmpty()) {
      if (in.startsWith("../")) {
        in = in.substring(3);
      } else if (in.startsWith("./")) {
        in = in.substring(2);
      } else if (in.startsWith("/./")) {
        in = in.substring(2);
      } else if (in.equals("/.")) {
        in = "/";
      } else if (in.startsWith("/../")) {
        in = in.substring(3);
        removeLastSegment(out);
      } else if (in.equals("/..")) {
        in = "/";
        removeLastSegment(out);
      } else if (in.equals(".") || in.equals("..")) {
        in = "";
      } else {
        int next = in.indexOf('/', in.startsWith("/") ? 1 : 0);
        int end = next < 0 ? in.length() : next;
        out.append(in, 0, end);
        in = in.substring(end);
      }
    }
    return out.toString();
  }

  private static void removeLastSegment(StringBuilder out) {
    int slash = out.lastIndexOf("/");
    out.setLength(Math.max(slash, 0));
  }

  /**
   * Checks a session's base URL as aiohttp does: absolute, and its path ends with {@code /} (an
   * empty path counts as {@code /}), so that joining never drops the base's last segment.
   *
   * @param base the base URL
   * @return the base, with an empty path made {@code /}
   * @throws IllegalArgumentException naming the problem
   */
  public static URI checkBaseUrl(URI base) {
    if (!base.isAbsolute() || base.getRawAuthority() == null) {
      throw new IllegalArgumentException(
          "The base URL " + base + " must be absolute (scheme and host, as http://host/)");
    }
    String path = base.getRawPath();
    if (path == null || path.isEmpty()) {
      return URI.create(
          new UriComponents(
                  base.getScheme(),
                  base.getRawAuthority(),
                  "/",
                  base.getRawQuery(),
                  base.getRawFragment())
              .toString());
    }
    if (!path.endsWith("/")) {
      throw new IllegalArgumentException(
          "The base URL "
              + base
              + " must end with '/' (write "
              + base.getScheme()
              + "://"
              + base.getRawAuthority()
              + path
              + "/): a reference replaces the last segment of a path without one");
    }
    return base;
  }

  /**
   * The host of a URL, also where {@link URI#getHost} gives null ({@code my_service}); IPv6 hosts
   * keep their brackets, as in the Host header.
   *
   * @param uri an absolute URL
   * @return the host, lower case; empty if the URL has none
   */
  public static String host(URI uri) {
    String host = uri.getHost();
    if (host != null) {
      return host.toLowerCase(Locale.ROOT);
    }
    String authority = uri.getRawAuthority();
    if (authority == null) {
      return "";
    }
    String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
    if (hostPort.startsWith("[")) {
      int close = hostPort.indexOf(']');
      return (close < 0 ? hostPort : hostPort.substring(0, close + 1)).toLowerCase(Locale.ROOT);
    }
    int colon = hostPort.lastIndexOf(':');
    return (colon < 0 ? hostPort : hostPort.substring(0, colon)).toLowerCase(Locale.ROOT);
  }

  /**
   * The host without IPv6 brackets, as a socket address and a cookie domain want it.
   *
   * @param uri an absolute URL
   * @return the host name or address literal
   */
  public static String hostName(URI uri) {
    String host = host(uri);
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  /**
   * The port written in a URL, or null.
   *
   * @param uri an absolute URL
   * @return the port, or null when the URL has none
   */
  public static @Nullable Integer explicitPort(URI uri) {
    if (uri.getHost() != null) {
      return uri.getPort() < 0 ? null : uri.getPort();
    }
    String authority = uri.getRawAuthority();
    if (authority == null) {
      return null;
    }
    String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
    int close = hostPort.lastIndexOf(']');
    int colon = hostPort.lastIndexOf(':');
    if (colon <= close || colon == hostPort.length() - 1) {
      return null;
    }
    return Integer.parseInt(hostPort.substring(colon + 1));
  }

  /**
   * The port a connection to the URL goes to: the one written, else the scheme's default.
   *
   * @param uri an absolute URL
   * @return the port
   * @throws IllegalArgumentException for a scheme without a default and no port
   */
  public static int port(URI uri) {
    Integer port = explicitPort(uri);
    return port != null ? port : defaultPort(uri.getScheme());
  }

  /**
   * The default port of a scheme: 80 for http and ws, 443 for https and wss.
   *
   * @param scheme the scheme, any case
   * @return the port
   * @throws IllegalArgumentException for another scheme
   */
  public static int defaultPort(@Nullable String scheme) {
    String s = scheme == null ? "" : scheme.toLowerCase(Locale.ROOT);
    return switch (s) {
      case "http", "ws" -> 80;
      case "https", "wss" -> 443;
      default ->
          throw new IllegalArgumentException(
              "No default port for the scheme '" + scheme + "' (http, https, ws and wss have one)");
    };
  }

  /**
   * Whether requests to the URL go over TLS.
   *
   * @param uri an absolute URL
   * @return true for https and wss
   */
  public static boolean isSecure(URI uri) {
    String s = uri.getScheme();
    return s != null && (s.equalsIgnoreCase("https") || s.equalsIgnoreCase("wss"));
  }

  /**
   * The Host header for a URL: the host, and the port unless it is the scheme's default.
   *
   * @param uri an absolute http(s) URL
   * @return the header's value
   */
  public static String hostHeader(URI uri) {
    Integer port = explicitPort(uri);
    String host = host(uri);
    return port == null || port == defaultPort(uri.getScheme()) ? host : host + ":" + port;
  }

  /**
   * The request target of the origin form (RFC 9112 section 3.2.1): the raw path ({@code /} when
   * empty) and query, without the fragment. Empty segments are kept.
   *
   * @param uri an absolute URL
   * @return the target
   */
  public static String requestTarget(URI uri) {
    String path = uri.getRawPath();
    String query = uri.getRawQuery();
    String target = path == null || path.isEmpty() ? "/" : path;
    return query == null ? target : target + "?" + query;
  }

  /**
   * The user and password written in a URL, decoded.
   *
   * @param uri a URL
   * @return them, or null when the URL has no user information
   */
  public static @Nullable UserInfo userInfo(URI uri) {
    String raw = uri.getRawUserInfo();
    if (raw == null) {
      String authority = uri.getRawAuthority();
      int at = authority == null ? -1 : authority.lastIndexOf('@');
      if (at < 0) {
        return null;
      }
      raw = authority.substring(0, at);
    }
    int colon = raw.indexOf(':');
    String user = colon < 0 ? raw : raw.substring(0, colon);
    String password = colon < 0 ? "" : raw.substring(colon + 1);
    return new UserInfo(
        PercentEncoding.decode(user, false), PercentEncoding.decode(password, false));
  }

  /**
   * The URL without user information and fragment: what a request line, a redirect's history and a
   * log may show.
   *
   * @param uri an absolute URL
   * @return the URL without them
   */
  public static URI withoutUserInfoAndFragment(URI uri) {
    String authority = uri.getRawAuthority();
    if (authority != null) {
      authority = authority.substring(authority.lastIndexOf('@') + 1);
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    return URI.create(
        new UriComponents(uri.getScheme(), authority, path, uri.getRawQuery(), null).toString());
  }

  /**
   * Whether a host is an IPv4 or IPv6 address literal rather than a name (aiohttp's {@code
   * is_ip_address}, used to refuse cookies from addresses).
   *
   * @param host a host, IPv6 with or without brackets
   * @return true for an address
   */
  public static boolean isIpAddress(String host) {
    String h =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    try {
      if (h.indexOf(':') >= 0) {
        Inet6Address.ofLiteral(h);
      } else {
        Inet4Address.ofLiteral(h);
      }
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * The user information of a URL.
   *
   * @param user the user, decoded
   * @param password the password, decoded; empty when none was written
   */
  public record UserInfo(String user, String password) {
    @Override
    public String toString() {
      return "UserInfo[user=" + user + ", password=***]";
    }
  }
}

package org.asyncio4j.http.internal.client;

import java.net.URI;
import java.util.List;
import java.util.function.Predicate;
import org.asyncio4j.http.client.Cookie;
import org.asyncio4j.http.client.CookieJar;

/** The jar that keeps nothing (aiohttp's {@code DummyCookieJar}). */
public final class DummyCookieJar implements CookieJar {
  /** The one instance: it has no state. */
  public static final DummyCookieJar INSTANCE = new DummyCookieJar();

  private DummyCookieJar() {}

  @Override
  public void updateCookies(Iterable<String> setCookieHeaders, URI responseUrl) {}

  @Override
  public void add(Cookie cookie) {}

  @Override
  public List<Cookie> filterCookies(URI requestUrl) {
    return List.of();
  }

  @Override
  public List<Cookie> cookies() {
    return List.of();
  }

  @Override
  public void clear() {}

  @Override
  public void clear(Predicate<Cookie> predicate) {}

  @Override
  public void clearDomain(String domain) {}

  @Override
  public String toString() {
    return "<DummyCookieJar>";
  }
}

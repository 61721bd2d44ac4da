package org.asyncio4j.http.client;

import java.io.Serial;
import java.net.URI;

/**
 * A request was redirected more times than allowed (10 by default, as aiohttp). The status, reason
 * and URL are those of the last redirect response.
 *
 * <pre>{@code
 * try {
 *   String page = fetch(url);
 * } catch (TooManyRedirectsException e) {
 *   System.out.println("gave up after " + e.maxRedirects() + " redirects at " + e.url());
 * }
 * }</pre>
 *
 * <p>aiohttp: {@code aiohttp.TooManyRedirects}
 */
public class TooManyRedirectsException extends ClientResponseException {
  @Serial private static final long serialVersionUID = 1L;

  private final int maxRedirects;

  /**
   * Creates one.
   *
   * @param status the last redirect's status
   * @param reason its reason phrase
   * @param url the URL that sent it
   * @param maxRedirects the limit that was reached
   */
  public TooManyRedirectsException(int status, String reason, URI url, int maxRedirects) {
    super(
        status,
        reason,
        url,
        "More than "
            + maxRedirects
            + " redirects, the last "
            + status
            + " from "
            + url
            + "; raise maxRedirects if the server means it");
    this.maxRedirects = maxRedirects;
  }

  /**
   * The limit that was reached.
   *
   * @return the number of redirects allowed
   */
  public int maxRedirects() {
    return maxRedirects;
  }
}

package org.asyncio4j.http.client;

import java.io.Serial;
import java.net.URI;

/**
 * A response that the client did not accept: a 4xx or 5xx status when the session or the request
 * asks to raise for it ({@code raiseForStatus}), and the failures of reading a response as asked
 * ({@link ContentTypeException}, {@link TooManyRedirectsException}). It carries the status, the
 * reason phrase and the URL that answered (without its user information).
 *
 * <pre>{@code
 * try {
 *   String page = fetch(url);
 * } catch (ClientResponseException e) {
 *   if (e.status() == 404) {
 *     System.out.println("no such page: " + e.url());
 *   }
 * }
 * }</pre>
 *
 * <p>aiohttp: {@code aiohttp.ClientResponseError(request_info, history, status, message, headers)};
 * its message reads {@code 404, message='Not Found', url='...'}, and so does this one. The
 * response's headers are not part of it yet.
 */
public class ClientResponseException extends ClientException {
  @Serial private static final long serialVersionUID = 1L;

  private final int status;
  private final String reason;
  private final URI url;

  /**
   * Creates one whose message is aiohttp's: status, reason and URL.
   *
   * @param status the response's status code
   * @param reason its reason phrase (empty if it had none)
   * @param url the URL that answered
   */
  public ClientResponseException(int status, String reason, URI url) {
    this(status, reason, url, status + ", message='" + reason + "', url='" + url + "'");
  }

  /**
   * Creates one with a message of its own.
   *
   * @param status the response's status code
   * @param reason its reason phrase
   * @param url the URL that answered
   * @param message what went wrong
   */
  protected ClientResponseException(int status, String reason, URI url, String message) {
    super(message);
    this.status = status;
    this.reason = reason;
    this.url = url;
  }

  /**
   * The status code.
   *
   * @return the code, as 404
   */
  public int status() {
    return status;
  }

  /**
   * The reason phrase.
   *
   * @return the phrase, as {@code Not Found}; empty if the response had none
   */
  public String reason() {
    return reason;
  }

  /**
   * The URL that answered (after redirects).
   *
   * @return the URL
   */
  public URI url() {
    return url;
  }
}

package org.asyncio4j.http.client;

import java.io.Serial;
import java.net.URI;

/**
 * {@code json()} on a response whose Content-Type is not JSON ({@code application/json} or a {@code
 * +json} type, as aiohttp checks). The check can be turned off where {@code json()} is called, for
 * servers that send JSON as {@code text/plain} (aiohttp's {@code content_type=None}).
 *
 * <pre>{@code
 * try {
 *   String page = fetch(url);
 * } catch (ContentTypeException e) {
 *   System.out.println("not JSON but " + e.contentType());
 * }
 * }</pre>
 *
 * <p>aiohttp: {@code aiohttp.ContentTypeError}, "Attempt to decode JSON with unexpected mimetype"
 */
public class ContentTypeException extends ClientResponseException {
  @Serial private static final long serialVersionUID = 1L;

  private final String contentType;

  /**
   * Creates one.
   *
   * @param status the response's status code
   * @param reason its reason phrase
   * @param url the URL that answered
   * @param contentType the media type it had
   */
  public ContentTypeException(int status, String reason, URI url, String contentType) {
    super(
        status,
        reason,
        url,
        "Attempt to decode JSON with unexpected mimetype: "
            + contentType
            + " (from "
            + url
            + "); if the body is JSON anyway, turn the content-type check off for this call");
    this.contentType = contentType;
  }

  /**
   * The media type the response had.
   *
   * @return the type without parameters, as {@code text/html}
   */
  public String contentType() {
    return contentType;
  }
}

package org.asyncio4j.http.client;

import java.io.Serial;
import org.jspecify.annotations.Nullable;

/**
 * The root of the HTTP client's exceptions: catch it to handle every failure of a request. It is
 * unchecked, as asyncio4j's exceptions are.
 *
 * <pre>{@code
 * try {
 *   String page = fetch(url);
 * } catch (ClientResponseException e) {
 *   System.out.println("HTTP " + e.status() + " from " + e.url());
 * } catch (ClientException e) {
 *   System.out.println("request failed: " + e.getMessage());
 * }
 * }</pre>
 *
 * <p>The family: {@link ClientConnectionException} (the connection failed), {@link
 * ClientResponseException} (a response said no: {@link ContentTypeException}, {@link
 * TooManyRedirectsException}), {@link ClientPayloadException} (a body could not be read whole), and
 * {@link ClientTimeoutException} with one subclass per limit of {@link ClientTimeout}.
 *
 * <p>aiohttp: {@code aiohttp.ClientError}
 */
public class ClientException extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  /**
   * Creates one.
   *
   * @param message what failed
   */
  public ClientException(String message) {
    super(message);
  }

  /**
   * Creates one with its cause.
   *
   * @param message what failed
   * @param cause what made it fail
   */
  public ClientException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}

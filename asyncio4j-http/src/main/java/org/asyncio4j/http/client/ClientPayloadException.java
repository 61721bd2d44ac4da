package org.asyncio4j.http.client;

import java.io.Serial;
import org.jspecify.annotations.Nullable;

/**
 * A body could not be read whole or decoded: the connection closed before the Content-Length was
 * reached, a chunked body ended without its last chunk, gzip data was corrupt or expanded past its
 * cap. The message says which (aiohttp #4397 and its kin are what vague messages cost).
 *
 * <pre>{@code
 * try {
 *   String page = fetch(url);
 * } catch (ClientPayloadException e) {
 *   System.out.println("incomplete response: " + e.getMessage());
 * }
 * }</pre>
 *
 * <p>aiohttp: {@code aiohttp.ClientPayloadError}
 */
public class ClientPayloadException extends ClientException {
  @Serial private static final long serialVersionUID = 1L;

  /**
   * Creates one.
   *
   * @param message what is wrong with the body
   * @param cause the decoder's or the connection's exception, if any
   */
  public ClientPayloadException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}

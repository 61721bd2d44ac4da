package org.asyncio4j.http.client;

import java.io.Serial;
import org.jspecify.annotations.Nullable;

/**
 * A connection to the server could not be made or broke: refused, reset, closed before the response
 * came, a name that does not resolve, a TLS handshake that failed. The cause is the I/O exception
 * underneath.
 *
 * <pre>{@code
 * try {
 *   String page = fetch(url);
 * } catch (ClientConnectionException e) {
 *   System.out.println("cannot reach the server: " + e.getMessage());
 * }
 * }</pre>
 *
 * <p>aiohttp: {@code aiohttp.ClientConnectionError} ({@code ClientConnectorError}, {@code
 * ServerDisconnectedError} and the others under it)
 */
public class ClientConnectionException extends ClientException {
  @Serial private static final long serialVersionUID = 1L;

  /**
   * Creates one.
   *
   * @param message what failed, with the host and port
   * @param cause the I/O exception, if any
   */
  public ClientConnectionException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}

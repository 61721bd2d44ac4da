package org.asyncio4j.http.internal.client;

import java.io.Serial;

/**
 * The server closed the connection where a response (or the rest of one) was due. On a reused
 * connection before any response byte, the session retries an idempotent request once.
 */
public final class ServerDisconnectedException extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  /**
   * Creates one.
   *
   * @param message what was cut short, and by whom
   */
  public ServerDisconnectedException(String message) {
    super(message);
  }
}

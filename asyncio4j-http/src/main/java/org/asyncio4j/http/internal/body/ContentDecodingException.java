package org.asyncio4j.http.internal.body;

import java.io.Serial;
import org.jspecify.annotations.Nullable;

/**
 * A compressed body that cannot be decoded: corrupt, cut short, or followed by garbage. The client
 * turns it into a {@code ClientPayloadException}, the server into a 400.
 */
public class ContentDecodingException extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  /**
   * Creates one.
   *
   * @param message what is wrong with the body
   * @param cause the inflater's exception, if any
   */
  public ContentDecodingException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}

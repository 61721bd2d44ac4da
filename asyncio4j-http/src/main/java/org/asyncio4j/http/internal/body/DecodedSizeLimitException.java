package org.asyncio4j.http.internal.body;

import java.io.Serial;

/**
 * A compressed body that expands beyond the cap set against decompression bombs. The message names
 * the cap and the setting that raises it. The server answers it with 413.
 */
public final class DecodedSizeLimitException extends ContentDecodingException {
  @Serial private static final long serialVersionUID = 1L;

  private final long cap;

  /**
   * Creates one.
   *
   * @param coding the content coding that expanded ({@code gzip}, {@code deflate})
   * @param cap the cap in bytes
   * @param capSetting the setting that raises it, as the user writes it
   */
  public DecodedSizeLimitException(String coding, long cap, String capSetting) {
    super(
        "The "
            + coding
            + " body expands beyond "
            + cap
            + " bytes ("
            + ContentDecoders.mebibytes(cap)
            + "), the cap against decompression bombs; if the body is meant to be this large,"
            + " raise the cap with "
            + capSetting,
        null);
    this.cap = cap;
  }

  /**
   * The cap that was exceeded.
   *
   * @return bytes
   */
  public long cap() {
    return cap;
  }
}

package org.asyncio4j.net;

/**
 * The watermarks of a transport's write buffer: above {@code high} bytes buffered the protocol's
 * {@code pauseWriting()} is called, and once the buffer drains to {@code low} or less its {@code
 * resumeWriting()}.
 *
 * <pre>{@code
 * WriteBufferLimits limits = transport.getWriteBufferLimits();
 * System.out.println(limits.low() + ".." + limits.high());  // 16384..65536 by default
 * }</pre>
 *
 * <p>asyncio: the tuple of {@code WriteTransport.get_write_buffer_limits}
 *
 * @param low the low watermark, in bytes
 * @param high the high watermark, in bytes
 */
public record WriteBufferLimits(int low, int high) {
  /** asyncio's default high watermark: 64 KiB. */
  public static final int DEFAULT_HIGH_BYTES = 64 * 1024;

  /** The default limits: 64 KiB high, a quarter of it low. */
  public static final WriteBufferLimits DEFAULT =
      new WriteBufferLimits(DEFAULT_HIGH_BYTES / 4, DEFAULT_HIGH_BYTES);

  /**
   * Checks the limits.
   *
   * @throws IllegalArgumentException if {@code low} is negative or above {@code high}
   */
  public WriteBufferLimits {
    if (low < 0 || high < low) {
      throw new IllegalArgumentException(
          "write buffer limits need 0 <= low <= high, got low=" + low + ", high=" + high);
    }
  }
}

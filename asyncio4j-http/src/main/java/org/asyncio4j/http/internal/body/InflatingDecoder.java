package org.asyncio4j.http.internal.body;

import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * What the gzip and deflate decoders share: running an {@link Inflater} over input, with the output
 * counted against the cap before it is handed on.
 */
abstract class InflatingDecoder implements ContentDecoder {
  private final String coding;
  private final long cap;
  private final String capSetting;
  private final byte[] buffer = new byte[ContentDecoders.OUTPUT_CHUNK_BYTES];
  private long decoded;
  private boolean closed;

  InflatingDecoder(String coding, long cap, String capSetting) {
    this.coding = coding;
    this.cap = cap;
    this.capSetting = capSetting;
  }

  /** Hook for gzip's CRC: the bytes that just came out. */
  void onOutput(byte[] bytes, int length) {}

  /**
   * Inflates from {@code input} until the inflater wants more or its stream ended; consumed bytes
   * leave {@code input}.
   *
   * @return true if the deflate stream ended
   */
  final boolean inflate(Inflater inflater, ByteBuffer input, Sink out) {
    checkOpen();
    inflater.setInput(input);
    try {
      while (true) {
        int n = inflater.inflate(buffer);
        if (n > 0) {
          if (n > cap - decoded) {
            throw new DecodedSizeLimitException(coding, cap, capSetting);
          }
          decoded += n;
          onOutput(buffer, n);
          out.accept(buffer, 0, n);
        }
        if (inflater.finished()) {
          return true;
        }
        if (n == 0) {
          if (inflater.needsDictionary()) {
            throw new ContentDecodingException(
                "The " + coding + " body needs a preset dictionary, which HTTP never provides",
                null);
          }
          if (inflater.needsInput()) {
            return false;
          }
        }
      }
    } catch (DataFormatException e) {
      throw new ContentDecodingException(
          "The " + coding + " body is not valid compressed data: " + e.getMessage(), e);
    } finally {
      // the inflater holds no reference to input past this call
      inflater.setInput(ContentDecoders.EMPTY);
    }
  }

  final void checkOpen() {
    if (closed) {
      throw new IllegalStateException("The " + coding + " decoder is closed");
    }
  }

  final String coding() {
    return coding;
  }

  @Override
  public final long decodedBytes() {
    return decoded;
  }

  /** Ends the inflaters. */
  abstract void end();

  @Override
  public final void close() {
    if (!closed) {
      closed = true;
      end();
    }
  }
}

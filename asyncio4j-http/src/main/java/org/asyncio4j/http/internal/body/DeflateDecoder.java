package org.asyncio4j.http.internal.body;

import java.nio.ByteBuffer;
import java.util.zip.Inflater;
import org.jspecify.annotations.Nullable;

/**
 * {@code Content-Encoding: deflate}: RFC 9110 says a zlib stream (RFC 1950), but servers have long
 * sent raw deflate (RFC 1951) under that name, so browsers accept both; the first two bytes tell
 * which (a zlib header is a CMF byte of method 8 whose pair is a multiple of 31). aiohttp looks at
 * the method nibble only; checking the pair too mistakes fewer raw streams for zlib. Bytes after
 * the end of the stream are an error.
 */
final class DeflateDecoder extends InflatingDecoder {
  private @Nullable Inflater inflater;
  private int firstByte = -1;
  private boolean ended;
  private boolean any;

  DeflateDecoder(long cap, String capSetting) {
    super("deflate", cap, capSetting);
  }

  static boolean isZlibHeader(int cmf, int flg) {
    return (cmf & 0x0F) == 8 && (cmf >> 4) <= 7 && ((cmf << 8) | flg) % 31 == 0;
  }

  @Override
  public void decode(ByteBuffer input, Sink out) {
    checkOpen();
    if (!input.hasRemaining()) {
      return;
    }
    any = true;
    if (ended) {
      throw trailing(input);
    }
    Inflater inf = inflater;
    if (inf == null) {
      if (firstByte < 0) {
        firstByte = input.get() & 0xFF;
        if (!input.hasRemaining()) {
          return; // one byte tells nothing yet
        }
      }
      int second = input.get(input.position()) & 0xFF;
      inf = new Inflater(!isZlibHeader(firstByte, second));
      inflater = inf;
      ended = inflate(inf, ByteBuffer.wrap(new byte[] {(byte) firstByte}), out);
    }
    if (!ended) {
      ended = inflate(inf, input, out);
    }
    if (input.hasRemaining()) {
      throw trailing(input);
    }
  }

  private ContentDecodingException trailing(ByteBuffer input) {
    int n = input.remaining();
    input.position(input.limit());
    return new ContentDecodingException(
        "The deflate body has " + n + " bytes after the end of its compressed stream", null);
  }

  @Override
  public void finish(Sink out) {
    checkOpen();
    if (!any || ended) {
      return;
    }
    Inflater inf = inflater;
    if (inf == null) {
      throw new ContentDecodingException("The deflate body is one byte: it was cut short", null);
    }
    throw new ContentDecodingException(
        "The deflate body ends before its compressed stream does: the response was cut short",
        null);
  }

  @Override
  void end() {
    Inflater inf = inflater;
    if (inf != null) {
      inf.end();
    }
  }

  @Override
  public String toString() {
    return "<DeflateDecoder decoded=" + decodedBytes() + (ended ? " ended" : "") + ">";
  }
}

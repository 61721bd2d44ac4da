package org.asyncio4j.http.internal.body;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import java.util.zip.Inflater;

/**
 * {@code Content-Encoding: gzip} (and {@code x-gzip}): RFC 1952 members read as a state machine,
 * one byte at a time in headers and trailers, the deflate data through an {@link Inflater}. Each
 * member's CRC-32 and length are checked. Concatenated members are decoded one after another (as
 * gzip(1) does), up to {@link ContentDecoders#MAX_GZIP_MEMBERS} (aiohttp's cap, against the CPU
 * cost of many tiny members); zero bytes after a member are padding and skipped (as gzip(1) and
 * Python's gzip module do); other bytes there are an error.
 */
final class GzipDecoder extends InflatingDecoder {
  private enum State {
    /** The 10 fixed bytes of a header. */
    FIXED,
    /** The two bytes of XLEN. */
    EXTRA_LENGTH,
    /** The XLEN bytes of the extra field. */
    EXTRA,
    /** The zero-terminated file name. */
    NAME,
    /** The zero-terminated comment. */
    COMMENT,
    /** The header's CRC-16. */
    HEADER_CRC,
    /** Deflate data. */
    DATA,
    /** CRC-32 and ISIZE. */
    TRAILER,
    /** After a whole member: the end, zero padding, or another member. */
    BETWEEN,
    /** Zero padding after the last member. */
    PADDING
  }

  private static final int FHCRC = 2;
  private static final int FEXTRA = 4;
  private static final int FNAME = 8;
  private static final int FCOMMENT = 16;
  private static final int RESERVED = 0xE0;

  private final Inflater inflater = new Inflater(true);
  private final CRC32 crc = new CRC32();
  private State state = State.FIXED;
  private int pos; // bytes read of the current header part or trailer
  private int flags;
  private int remaining; // bytes left of EXTRA
  private long trailer; // the trailer's 8 bytes, little-endian
  private int members;
  private long memberBytes;
  private boolean any;

  GzipDecoder(long cap, String capSetting) {
    super("gzip", cap, capSetting);
  }

  @Override
  void onOutput(byte[] bytes, int length) {
    crc.update(bytes, 0, length);
    memberBytes += length;
  }

  @Override
  public void decode(ByteBuffer input, Sink out) {
    checkOpen();
    if (input.hasRemaining()) {
      any = true;
    }
    while (input.hasRemaining()) {
      if (state == State.DATA) {
        if (inflate(inflater, input, out)) {
          state = State.TRAILER;
          pos = 0;
          trailer = 0;
        }
        continue;
      }
      int b = input.get() & 0xFF;
      switch (state) {
        case FIXED -> fixed(b);
        case EXTRA_LENGTH -> {
          remaining |= b << (8 * pos);
          if (++pos == 2) {
            afterPart(remaining > 0 ? State.EXTRA : next(FEXTRA));
          }
        }
        case EXTRA -> {
          if (--remaining == 0) {
            afterPart(next(FEXTRA));
          }
        }
        case NAME -> {
          if (b == 0) {
            afterPart(next(FNAME));
          }
        }
        case COMMENT -> {
          if (b == 0) {
            afterPart(next(FCOMMENT));
          }
        }
        case HEADER_CRC -> {
          if (++pos == 2) {
            afterPart(State.DATA);
          }
        }
        case TRAILER -> {
          trailer |= (long) b << (8 * pos);
          if (++pos == 8) {
            checkTrailer();
            state = State.BETWEEN;
          }
        }
        case BETWEEN, PADDING -> between(b);
        case DATA -> throw new AssertionError("handled above");
      }
    }
  }

  private void fixed(int b) {
    switch (pos) {
      case 0 -> expect(b, 0x1F, "is not gzip data (its first byte is not 0x1f)");
      case 1 -> expect(b, 0x8B, "is not gzip data (its second byte is not 0x8b)");
      case 2 -> expect(b, 8, "uses compression method " + b + ", not deflate (8)");
      case 3 -> {
        if ((b & RESERVED) != 0) {
          throw new ContentDecodingException(
              "The gzip body's header sets reserved flags (0x" + Integer.toHexString(b) + ")",
              null);
        }
        flags = b;
      }
      default -> {} // MTIME, XFL, OS
    }
    if (++pos == 10) {
      afterPart(next(0));
    }
  }

  private static void expect(int b, int expected, String problem) {
    if (b != expected) {
      throw new ContentDecodingException("The gzip body " + problem, null);
    }
  }

  /** The header part after the one whose flag is {@code done} (0: after the fixed bytes). */
  private State next(int done) {
    if (done < FEXTRA && (flags & FEXTRA) != 0) {
      return State.EXTRA_LENGTH;
    }
    if (done < FNAME && (flags & FNAME) != 0) {
      return State.NAME;
    }
    if (done < FCOMMENT && (flags & FCOMMENT) != 0) {
      return State.COMMENT;
    }
    return (flags & FHCRC) != 0 ? State.HEADER_CRC : State.DATA;
  }

  private void afterPart(State next) {
    state = next;
    pos = 0;
    if (next == State.EXTRA_LENGTH) {
      remaining = 0;
    }
  }

  private void checkTrailer() {
    long expectedCrc = trailer & 0xFFFFFFFFL;
    long expectedSize = trailer >>> 32;
    if (expectedCrc != crc.getValue()) {
      throw new ContentDecodingException(
          "The gzip body is corrupt: its CRC-32 does not match the data (member "
              + (members + 1)
              + ")",
          null);
    }
    if (expectedSize != (memberBytes & 0xFFFFFFFFL)) {
      throw new ContentDecodingException(
          "The gzip body is corrupt: its length field does not match the data (member "
              + (members + 1)
              + ")",
          null);
    }
    members++;
  }

  private void between(int b) {
    if (b == 0) {
      state = State.PADDING;
      return;
    }
    if (state == State.BETWEEN && b == 0x1F) {
      if (members >= ContentDecoders.MAX_GZIP_MEMBERS) {
        throw new ContentDecodingException(
            "The gzip body has more than " + ContentDecoders.MAX_GZIP_MEMBERS + " members", null);
      }
      inflater.reset();
      crc.reset();
      memberBytes = 0;
      state = State.FIXED;
      pos = 1; // the 0x1f just read
      return;
    }
    throw new ContentDecodingException(
        "The gzip body has data after its last member (byte 0x" + Integer.toHexString(b) + ")",
        null);
  }

  @Override
  public void finish(Sink out) {
    checkOpen();
    if (!any || state == State.BETWEEN || state == State.PADDING) {
      return;
    }
    String where =
        switch (state) {
          case DATA -> "in its compressed data";
          case TRAILER -> "in its trailer";
          default -> "in its header";
        };
    throw new ContentDecodingException(
        "The gzip body ends " + where + ": the response was cut short", null);
  }

  @Override
  void end() {
    inflater.end();
  }

  @Override
  public String toString() {
    return "<GzipDecoder " + state + " members=" + members + " decoded=" + decodedBytes() + ">";
  }
}

package org.asyncio4j.http.internal.body;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class ContentDecodersTest {
  private static final String SETTING = "ClientSession.Builder.maxDecodedBodyBytes";
  private static final byte[] TEXT =
      "{\"isPackageExists\": true} ".repeat(2000).getBytes(StandardCharsets.UTF_8);

  static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(data);
    }
    return out.toByteArray();
  }

  static byte[] zlib(byte[] data, boolean raw) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, raw);
    try (DeflaterOutputStream z = new DeflaterOutputStream(out, deflater)) {
      z.write(data);
    } finally {
      deflater.end();
    }
    return out.toByteArray();
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private static ContentDecoder decoder(String encoding, long cap) {
    return Objects.requireNonNull(ContentDecoders.forContentEncoding(encoding, cap, SETTING));
  }

  /** Decodes {@code body} fed in pieces of {@code step} bytes, finishing at the end. */
  static byte[] decode(String encoding, byte[] body, int step) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ContentDecoder d = decoder(encoding, ContentDecoders.DEFAULT_MAX_DECODED_BYTES)) {
      for (int i = 0; i < body.length; i += step) {
        ByteBuffer chunk = ByteBuffer.wrap(body, i, Math.min(step, body.length - i));
        d.decode(
            chunk,
            (b, off, len) -> {
              assertThat(len).isBetween(1, ContentDecoders.OUTPUT_CHUNK_BYTES);
              out.write(b, off, len);
            });
        assertThat(chunk.hasRemaining()).isFalse();
      }
      d.finish(out::write);
      assertThat(d.decodedBytes()).isEqualTo(out.size());
    }
    return out.toByteArray();
  }

  @Test
  void gzipDecodesFedWholeOrByteByByteOrAtEverySplit() throws IOException {
    byte[] body = gzip(TEXT);
    assertThat(decode("gzip", body, body.length)).isEqualTo(TEXT);
    assertThat(decode("gzip", body, 1)).isEqualTo(TEXT);
    assertThat(decode("x-gzip", body, 7)).isEqualTo(TEXT);
    byte[] small = gzip("hello".getBytes(StandardCharsets.UTF_8));
    for (int split = 1; split < small.length; split++) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (ContentDecoder d = decoder("gzip", 1 << 20)) {
        d.decode(ByteBuffer.wrap(small, 0, split), out::write);
        d.decode(ByteBuffer.wrap(small, split, small.length - split), out::write);
        d.finish(out::write);
      }
      assertThat(out.toString(StandardCharsets.UTF_8)).as("split at %d", split).isEqualTo("hello");
    }
  }

  @Test
  void gzipHeadersWithExtraNameCommentAndHeaderCrcAreSkipped() throws IOException {
    byte[] data = "payload".getBytes(StandardCharsets.UTF_8);
    CRC32 crc = new CRC32();
    crc.update(data);
    ByteArrayOutputStream member = new ByteArrayOutputStream();
    member.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 2 | 4 | 8 | 16, 0, 0, 0, 0, 0, 3});
    member.writeBytes(new byte[] {3, 0, 'a', 'b', 'c'}); // FEXTRA: XLEN 3
    member.writeBytes("name.txt\0".getBytes(StandardCharsets.ISO_8859_1));
    member.writeBytes("a comment\0".getBytes(StandardCharsets.ISO_8859_1));
    member.writeBytes(new byte[] {0x12, 0x34}); // FHCRC, not checked
    member.writeBytes(zlib(data, true));
    long c = crc.getValue();
    member.writeBytes(new byte[] {(byte) c, (byte) (c >> 8), (byte) (c >> 16), (byte) (c >> 24)});
    member.writeBytes(new byte[] {(byte) data.length, 0, 0, 0});
    byte[] body = member.toByteArray();
    assertThat(decode("gzip", body, 1)).isEqualTo(data);
    assertThat(decode("gzip", body, body.length)).isEqualTo(data);
  }

  @Test
  void concatenatedGzipMembersAndZeroPaddingDecodeAsOne() throws IOException {
    byte[] a = "first,".getBytes(StandardCharsets.UTF_8);
    byte[] b = "second".getBytes(StandardCharsets.UTF_8);
    byte[] body = concat(gzip(a), gzip(b), new byte[5]);
    assertThat(decode("gzip", body, 1)).isEqualTo(concat(a, b));
    assertThat(decode("gzip", body, body.length)).isEqualTo(concat(a, b));
    assertThat(decode("gzip", new byte[0], 1)).isEmpty();
  }

  @Test
  void gzipErrorsSayWhatIsWrong() throws IOException {
    byte[] body = gzip(TEXT);
    assertThatThrownBy(() -> decode("gzip", Arrays.copyOf(body, 5), 1))
        .isInstanceOf(ContentDecodingException.class)
        .hasMessage("The gzip body ends in its header: the response was cut short");
    assertThatThrownBy(() -> decode("gzip", Arrays.copyOf(body, body.length / 2), 100))
        .hasMessage("The gzip body ends in its compressed data: the response was cut short");
    assertThatThrownBy(() -> decode("gzip", Arrays.copyOf(body, body.length - 3), 100))
        .hasMessage("The gzip body ends in its trailer: the response was cut short");
    byte[] corrupt = body.clone();
    corrupt[corrupt.length - 6] ^= 1;
    assertThatThrownBy(() -> decode("gzip", corrupt, 100))
        .hasMessageContaining("CRC-32 does not match");
    byte[] badLength = body.clone();
    badLength[badLength.length - 1] ^= 1;
    assertThatThrownBy(() -> decode("gzip", badLength, 100)).hasMessageContaining("length field");
    assertThatThrownBy(() -> decode("gzip", "plain text".getBytes(StandardCharsets.UTF_8), 100))
        .hasMessageContaining("is not gzip data");
    assertThatThrownBy(
            () -> decode("gzip", concat(body, "junk".getBytes(StandardCharsets.UTF_8)), 100))
        .hasMessageContaining("data after its last member (byte 0x6a)");
    byte[] badData = body.clone();
    Arrays.fill(badData, 10, 20, (byte) 0xFF);
    assertThatThrownBy(() -> decode("gzip", badData, 100))
        .hasMessageStartingWith("The gzip body is not valid compressed data");
  }

  @Test
  void gzipMembersAreCapped() throws IOException {
    byte[] empty = gzip(new byte[0]);
    byte[][] members = new byte[ContentDecoders.MAX_GZIP_MEMBERS + 1][];
    Arrays.fill(members, empty);
    assertThat(
            decode("gzip", concat(Arrays.copyOf(members, ContentDecoders.MAX_GZIP_MEMBERS)), 4096))
        .isEmpty();
    assertThatThrownBy(() -> decode("gzip", concat(members), 4096))
        .hasMessage("The gzip body has more than 1024 members");
  }

  @Test
  void deflateAcceptsZlibAndRawStreams() throws IOException {
    byte[] zlib = zlib(TEXT, false);
    byte[] raw = zlib(TEXT, true);
    assertThat(DeflateDecoder.isZlibHeader(zlib[0] & 0xFF, zlib[1] & 0xFF)).isTrue();
    assertThat(DeflateDecoder.isZlibHeader(raw[0] & 0xFF, raw[1] & 0xFF)).isFalse();
    for (byte[] body : new byte[][] {zlib, raw}) {
      assertThat(decode("deflate", body, 1)).isEqualTo(TEXT);
      assertThat(decode("deflate", body, body.length)).isEqualTo(TEXT);
      assertThat(decode("DEFLATE", body, 3)).isEqualTo(TEXT);
    }
    assertThat(decode("deflate", new byte[0], 1)).isEmpty();
  }

  @Test
  void deflateErrorsSayWhatIsWrong() throws IOException {
    byte[] zlib = zlib(TEXT, false);
    assertThatThrownBy(() -> decode("deflate", Arrays.copyOf(zlib, zlib.length - 2), 50))
        .hasMessage(
            "The deflate body ends before its compressed stream does: the response was cut short");
    assertThatThrownBy(() -> decode("deflate", Arrays.copyOf(zlib, 1), 1))
        .hasMessageContaining("cut short");
    assertThatThrownBy(() -> decode("deflate", concat(zlib, new byte[] {1, 2, 3}), 50))
        .hasMessage("The deflate body has 3 bytes after the end of its compressed stream");
  }

  @Test
  void aDecompressionBombStopsAtTheCapWithAMessageThatSaysHowToRaiseIt() throws IOException {
    byte[] zeros = new byte[16 * 1024 * 1024];
    byte[] bomb = gzip(zeros);
    assertThat(bomb.length).isLessThan(64 * 1024);
    long cap = 1024 * 1024;
    long[] delivered = {0};
    try (ContentDecoder d = decoder("gzip", cap)) {
      assertThatThrownBy(
              () -> d.decode(ByteBuffer.wrap(bomb), (b, off, len) -> delivered[0] += len))
          .isInstanceOf(DecodedSizeLimitException.class)
          .hasMessage(
              "The gzip body expands beyond 1048576 bytes (1 MiB), the cap against decompression"
                  + " bombs; if the body is meant to be this large, raise the cap with "
                  + SETTING)
          .satisfies(e -> assertThat(((DecodedSizeLimitException) e).cap()).isEqualTo(cap));
    }
    assertThat(delivered[0]).isLessThanOrEqualTo(cap);
    // exactly the cap is allowed
    byte[] atCap = gzip(new byte[(int) cap]);
    try (ContentDecoder d = decoder("gzip", cap)) {
      d.decode(ByteBuffer.wrap(atCap), (b, off, len) -> {});
      d.finish((b, off, len) -> {});
      assertThat(d.decodedBytes()).isEqualTo(cap);
    }
  }

  @Test
  void stackedCodingsAreUndoneInReverseOrder() throws IOException {
    byte[] data = new byte[50_000];
    new Random(1).nextBytes(data);
    // "deflate, gzip": deflate was applied first, then gzip
    byte[] body = gzip(zlib(data, false));
    assertThat(decode("deflate, gzip", body, 1000)).isEqualTo(data);
    assertThat(decode("identity, gzip", gzip(data), 1000)).isEqualTo(data);
    assertThatThrownBy(
            () -> ContentDecoders.forContentEncoding("gzip,gzip,gzip,gzip,gzip", 1, SETTING))
        .hasMessageContaining("at most 4 are decoded");
  }

  @Test
  void identityAndUnknownCodingsAreNotDecoded() {
    assertThat(ContentDecoders.forContentEncoding("identity", 1, SETTING)).isNull();
    assertThat(ContentDecoders.forContentEncoding("", 1, SETTING)).isNull();
    assertThat(ContentDecoders.forContentEncoding("br", 1, SETTING)).isNull();
    assertThat(ContentDecoders.forContentEncoding("gzip, br", 1, SETTING)).isNull();
    assertThatThrownBy(() -> ContentDecoders.forCoding("br", 1, SETTING))
        .hasMessageContaining("No decoder for the content coding 'br'");
  }

  @Test
  void aClosedDecoderSaysSo() throws IOException {
    ContentDecoder d = decoder("gzip", 1 << 20);
    d.close();
    d.close();
    assertThatThrownBy(() -> d.decode(ByteBuffer.wrap(gzip(TEXT)), (b, off, len) -> {}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("The gzip decoder is closed");
  }
}

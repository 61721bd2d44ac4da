package org.asyncio4j.http.internal.body;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Decoders for the content codings a response (or request) names in {@code Content-Encoding}. */
public final class ContentDecoders {
  /**
   * The default cap on a decoded body: 128 MiB. A gzip body expands up to about 1000 times, so a
   * 128 KiB response could otherwise ask for 128 MiB and a 1 MiB one for a gigabyte; the cap stops
   * the expansion, not legitimate large downloads, which raise it.
   */
  public static final long DEFAULT_MAX_DECODED_BYTES = 128L * 1024 * 1024;

  /** Largest piece handed to a sink at once. */
  public static final int OUTPUT_CHUNK_BYTES = 16 * 1024;

  /** Most gzip members one body may have (aiohttp's {@code MAX_DECOMPRESS_MEMBERS}). */
  public static final int MAX_GZIP_MEMBERS = 1024;

  /** Most codings one Content-Encoding may stack ({@code gzip, gzip, ...} is a CPU bomb). */
  public static final int MAX_CODINGS = 4;

  static final byte[] EMPTY = new byte[0];

  private ContentDecoders() {}

  /**
   * Whether this class decodes a coding.
   *
   * @param coding a coding name, any case
   * @return true for gzip, x-gzip and deflate
   */
  public static boolean isSupported(String coding) {
    String c = coding.strip().toLowerCase(Locale.ROOT);
    return c.equals("gzip") || c.equals("x-gzip") || c.equals("deflate");
  }

  /**
   * The decoder of a Content-Encoding header: the codings it lists undone in reverse order.
   *
   * @param contentEncoding the header's value, e.g. {@code gzip}
   * @param maxDecodedBytes the cap on each stage's output
   * @param capSetting the setting that raises the cap, named in the error
   * @return the decoder, or null when nothing is to be decoded: no coding but {@code identity}, or
   *     a coding this class does not know (the body is then given as it came, as aiohttp does)
   * @throws ContentDecodingException if more than {@link #MAX_CODINGS} codings are stacked
   */
  public static @Nullable ContentDecoder forContentEncoding(
      String contentEncoding, long maxDecodedBytes, String capSetting) {
    List<String> codings = new ArrayList<>();
    for (String part : contentEncoding.split(",", -1)) {
      String c = part.strip().toLowerCase(Locale.ROOT);
      if (c.isEmpty() || c.equals("identity")) {
        continue;
      }
      if (!isSupported(c)) {
        return null;
      }
      codings.add(c);
    }
    if (codings.isEmpty()) {
      return null;
    }
    if (codings.size() > MAX_CODINGS) {
      throw new ContentDecodingException(
          "The body names "
              + codings.size()
              + " content codings; at most "
              + MAX_CODINGS
              + " are decoded",
          null);
    }
    List<ContentDecoder> stages = new ArrayList<>();
    for (int i = codings.size() - 1; i >= 0; i--) {
      stages.add(forCoding(codings.get(i), maxDecodedBytes, capSetting));
    }
    return stages.size() == 1 ? stages.getFirst() : new Chain(stages);
  }

  /**
   * The decoder of one coding.
   *
   * @param coding gzip, x-gzip or deflate
   * @param maxDecodedBytes the cap on its output
   * @param capSetting the setting that raises the cap
   * @return a new decoder
   * @throws IllegalArgumentException for another coding
   */
  public static ContentDecoder forCoding(String coding, long maxDecodedBytes, String capSetting) {
    if (maxDecodedBytes <= 0) {
      throw new IllegalArgumentException(
          "The decoded size cap must be positive, not " + maxDecodedBytes);
    }
    return switch (coding.strip().toLowerCase(Locale.ROOT)) {
      case "gzip", "x-gzip" -> new GzipDecoder(maxDecodedBytes, capSetting);
      case "deflate" -> new DeflateDecoder(maxDecodedBytes, capSetting);
      default ->
          throw new IllegalArgumentException(
              "No decoder for the content coding '"
                  + coding
                  + "' (gzip, x-gzip and deflate have one)");
    };
  }

  static String mebibytes(long bytes) {
    return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB" : bytes + " bytes";
  }

  /** Stacked codings: each stage's output is the next one's input. */
  private static final class Chain implements ContentDecoder {
    private final List<ContentDecoder> stages;

    Chain(List<ContentDecoder> stages) {
      this.stages = List.copyOf(stages);
    }

    @Override
    public void decode(ByteBuffer input, Sink out) {
      stages.getFirst().decode(input, sinkAfter(0, out));
    }

    private Sink sinkAfter(int stage, Sink out) {
      if (stage == stages.size() - 1) {
        return out;
      }
      ContentDecoder next = stages.get(stage + 1);
      Sink after = sinkAfter(stage + 1, out);
      return (bytes, offset, length) -> next.decode(ByteBuffer.wrap(bytes, offset, length), after);
    }

    @Override
    public void finish(Sink out) {
      for (int i = 0; i < stages.size(); i++) {
        stages.get(i).finish(sinkAfter(i, out));
      }
    }

    @Override
    public long decodedBytes() {
      return stages.getLast().decodedBytes();
    }

    @Override
    public void close() {
      for (ContentDecoder d : stages) {
        d.close();
      }
    }
  }
}

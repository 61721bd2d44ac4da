package org.asyncio4j.http.internal.body;

import java.nio.ByteBuffer;

/**
 * A streaming decoder of one content coding (RFC 9110 section 8.4.1), fed the body chunk by chunk
 * as it arrives. Output goes to a {@link Sink} in pieces of at most {@link
 * ContentDecoders#OUTPUT_CHUNK_BYTES}, so one small input chunk never becomes one large array, and
 * the total output is capped ({@link DecodedSizeLimitException}).
 *
 * <p>Confined to the task that reads the body. Close it when the body ends or is abandoned: it
 * holds native zlib memory.
 */
public interface ContentDecoder extends AutoCloseable {
  /** Where decoded bytes go. The array is reused after the call returns: copy what is kept. */
  @FunctionalInterface
  interface Sink {
    /**
     * Takes decoded bytes.
     *
     * @param bytes an array
     * @param offset where the bytes start
     * @param length how many
     */
    void accept(byte[] bytes, int offset, int length);
  }

  /**
   * Decodes a chunk of the encoded body, all of it (the buffer is left empty).
   *
   * @param input encoded bytes
   * @param out where the decoded bytes go
   * @throws ContentDecodingException if the bytes are not valid in this coding
   * @throws DecodedSizeLimitException if the output passes the cap
   */
  void decode(ByteBuffer input, Sink out);

  /**
   * Says that the encoded body ended, and checks that it ended where the coding's stream ends.
   *
   * @param out where the last decoded bytes go
   * @throws ContentDecodingException if the body was cut short
   */
  void finish(Sink out);

  /**
   * How many decoded bytes came out so far.
   *
   * @return bytes
   */
  long decodedBytes();

  /** Releases the zlib memory; idempotent. */
  @Override
  void close();
}

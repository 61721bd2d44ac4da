package org.asyncio4j.http.internal.body;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * A request body produced as a sequence of chunks, so that a large one (a file) is never whole in
 * memory. Files are read with blocking calls: the session calls {@link #nextChunk()} where that is
 * allowed ({@code Asyncio.toThread} for file parts), as aiohttp reads files in an executor.
 *
 * <p>Single use: the chunks come once. Close it when the request ends, read whole or not.
 */
public interface ChunkedBody extends AutoCloseable {
  /**
   * The body's length when it is known before sending (then a Content-Length is sent; else the body
   * goes chunked).
   *
   * @return the length in bytes, or -1
   */
  long contentLength();

  /**
   * The next chunk.
   *
   * @return a buffer of at least one byte, or null at the end
   * @throws IOException if a file cannot be read, or changed its size after the length was taken
   */
  @Nullable ByteBuffer nextChunk() throws IOException;

  /** Releases what the body holds open (files). */
  @Override
  void close();

  /**
   * Reads the whole body (for small bodies and tests).
   *
   * @return the bytes
   */
  default byte[] readAll() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      for (ByteBuffer b = nextChunk(); b != null; b = nextChunk()) {
        byte[] chunk = new byte[b.remaining()];
        b.get(chunk);
        out.writeBytes(chunk);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      close();
    }
    return out.toByteArray();
  }
}

package org.asyncio4j.http.client;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;

/**
 * A response's body read as it arrives (aiohttp's {@code response.content}, a {@code
 * StreamReader}): pieces as they came, pieces of at most n bytes, or lines. Each read suspends the
 * calling task until bytes arrive; at the end of the body the connection is released.
 *
 * <pre>{@code
 * try (ClientResponse response = session.get(url)) {
 *   for (byte[] piece : response.content().iterChunked(8192)) {
 *     out.write(piece);
 *   }
 * }
 * }</pre>
 */
public final class ResponseContent {
  private static final byte[] EMPTY = new byte[0];

  private final ClientResponse response;
  private byte @Nullable [] buffered;
  private int offset;

  ResponseContent(ClientResponse response) {
    this.response = response;
  }

  /**
   * The next bytes of the body as they arrived (aiohttp's {@code readany()}).
   *
   * @return at least one byte, or an empty array at the end of the body
   * @throws ClientPayloadException when the body ended early or was malformed
   */
  public byte[] readChunk() {
    byte[] b = buffered;
    if (b != null) {
      return takeBuffered();
    }
    byte[] p = response.nextPiece();
    return p == null ? EMPTY : p;
  }

  /**
   * At most {@code n} bytes of the body (fewer when less has arrived; aiohttp's {@code read(n)}).
   *
   * @param n the most bytes, at least 1
   * @return at least one byte, or an empty array at the end of the body
   */
  public byte[] read(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("read(" + n + "): ask for at least 1 byte");
    }
    byte[] b = buffered;
    if (b == null) {
      b = response.nextPiece();
      if (b == null) {
        return EMPTY;
      }
      buffered = b;
      offset = 0;
    }
    int take = Math.min(n, b.length - offset);
    byte[] out = Arrays.copyOfRange(b, offset, offset + take);
    offset += take;
    if (offset == b.length) {
      buffered = null;
      offset = 0;
    }
    return out;
  }

  /**
   * The next line, with its {@code \n} (aiohttp's {@code readline()}); the rest of the body when it
   * ends without one.
   *
   * @return the line, or an empty array at the end of the body
   */
  public byte[] readline() {
    java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
    while (true) {
      byte[] b = buffered;
      if (b == null) {
        b = response.nextPiece();
        if (b == null) {
          return line.toByteArray();
        }
        buffered = b;
        offset = 0;
      }
      int i = offset;
      while (i < b.length && b[i] != '\n') {
        i++;
      }
      boolean found = i < b.length;
      int end = found ? i + 1 : b.length;
      line.write(b, offset, end - offset);
      offset = end;
      if (offset == b.length) {
        buffered = null;
        offset = 0;
      }
      if (found) {
        return line.toByteArray();
      }
    }
  }

  /**
   * The body in pieces of at most {@code n} bytes (aiohttp's {@code iter_chunked(n)}).
   *
   * @param n the most bytes a piece has, at least 1
   * @return pieces until the end of the body
   */
  public Iterable<byte[]> iterChunked(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("iterChunked(" + n + "): pieces of at least 1 byte");
    }
    return () ->
        new Iterator<>() {
          private byte @Nullable [] next;

          @Override
          public boolean hasNext() {
            if (next == null) {
              byte[] b = read(n);
              next = b.length == 0 ? null : b;
            }
            return next != null;
          }

          @Override
          public byte[] next() {
            if (!hasNext()) {
              throw new NoSuchElementException("the body has ended");
            }
            byte[] b = java.util.Objects.requireNonNull(next);
            next = null;
            return b;
          }
        };
  }

  boolean hasBuffered() {
    return buffered != null;
  }

  byte[] takeBuffered() {
    byte[] b = java.util.Objects.requireNonNull(buffered);
    byte[] out = offset == 0 ? b : Arrays.copyOfRange(b, offset, b.length);
    buffered = null;
    offset = 0;
    return out;
  }
}

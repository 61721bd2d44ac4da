package org.asyncio4j.http.internal.codec;

/**
 * A request or status line with its header fields, as bytes, and how the body that follows must be
 * framed (a {@link BodyGuard} enforces it).
 *
 * @param bytes the head, ending with the empty line
 * @param framing the body's framing: {@link BodyFraming#NONE} when no body may follow
 * @param contentLength the declared length when {@code framing} is {@link BodyFraming#LENGTH}, else
 *     -1
 */
public record EncodedHead(byte[] bytes, BodyFraming framing, long contentLength) {
  /** A guard for the body this head announces. */
  public BodyGuard bodyGuard() {
    return new BodyGuard(framing, contentLength);
  }
}

package org.asyncio4j.http.internal.codec;

/**
 * A request or status line with its header fields, as bytes, and how the body that follows must be
 * framed (a {@link BodyGuard} enforces it).
 */
public final class EncodedHead {
  private final byte[] bytes;
  private final BodyFraming framing;
  private final long contentLength;

  EncodedHead(byte[] bytes, BodyFraming framing, long contentLength) {
    this.bytes = bytes;
    this.framing = framing;
    this.contentLength = contentLength;
  }

  /** The head, ending with the empty line: the writer's own array, handed over (not copied). */
  public byte[] bytes() {
    return bytes;
  }

  /** The body's framing: {@link BodyFraming#NONE} when no body may follow. */
  public BodyFraming framing() {
    return framing;
  }

  /** The declared length when {@link #framing} is {@link BodyFraming#LENGTH}, else -1. */
  public long contentLength() {
    return contentLength;
  }

  /** A guard for the body this head announces. */
  public BodyGuard bodyGuard() {
    return new BodyGuard(framing, contentLength);
  }
}

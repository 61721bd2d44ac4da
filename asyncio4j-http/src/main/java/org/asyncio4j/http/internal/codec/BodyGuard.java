package org.asyncio4j.http.internal.codec;

/**
 * Counts the body bytes written after a head and refuses what the framing forbids: any byte when no
 * body may follow (HEAD, 1xx, 204, 304: aiohttp's threat 2.6 is a raw write that skipped this
 * check), more than the declared length, or finishing short of it.
 */
public final class BodyGuard {
  private final BodyFraming framing;
  private final long declared;
  private long written;

  /** A guard for {@code framing}; {@code declared} is the length when it is LENGTH. */
  public BodyGuard(BodyFraming framing, long declared) {
    this.framing = framing;
    this.declared = declared;
  }

  /**
   * Accounts for {@code n} more body bytes.
   *
   * @throws IllegalStateException when the framing forbids them
   */
  public void write(long n) {
    if (n < 0) {
      throw new IllegalArgumentException("a negative body length: " + n);
    }
    if (n == 0) {
      return;
    }
    switch (framing) {
      case NONE, TUNNEL ->
          throw new IllegalStateException(
              "a body write of "
                  + n
                  + " bytes after a head that allows no body (a response to HEAD, or 1xx, 204,"
                  + " 304, or a request without Content-Length or Transfer-Encoding)");
      case LENGTH -> {
        if (written + n > declared) {
          throw new IllegalStateException(
              "body bytes beyond the declared Content-Length "
                  + declared
                  + ": "
                  + (written + n)
                  + " written; send the length the body has, or use chunked");
        }
      }
      case CHUNKED, UNTIL_CLOSE -> {}
    }
    written += n;
  }

  /** The body bytes accounted for. */
  public long written() {
    return written;
  }

  /**
   * The body is over.
   *
   * @throws IllegalStateException when fewer bytes than the declared length were written
   */
  public void finish() {
    if (framing == BodyFraming.LENGTH && written != declared) {
      throw new IllegalStateException(
          "the body ended after "
              + written
              + " of its declared "
              + declared
              + " bytes: the peer would wait for the rest (close the connection instead)");
    }
  }
}

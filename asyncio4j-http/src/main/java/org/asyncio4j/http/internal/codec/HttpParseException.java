package org.asyncio4j.http.internal.codec;

import java.io.Serial;

/**
 * Bad HTTP/1.1 input: the status the server should answer (400, 413, 414, 431, 501, 505; 502 on the
 * client side, as a proxy would answer for a bad upstream response), whether the connection must
 * close after that answer, and a message naming what was wrong and where.
 *
 * <p>Messages show at most a short escaped snippet of the offending line (never unbounded input,
 * never bytes past the line: the next pipelined request's bytes don't leak into them, aiohttp PR
 * #13136). No stack trace is recorded: a flood of bad requests costs no stack walks.
 */
public final class HttpParseException extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  private final int status;
  private final boolean mustClose;

  /** A parse error answered with {@code status}, after which the connection closes. */
  public HttpParseException(int status, String message) {
    this(status, true, message);
  }

  /** A parse error answered with {@code status}; {@code mustClose} says whether to close then. */
  public HttpParseException(int status, boolean mustClose, String message) {
    super(message, null, false, false);
    this.status = status;
    this.mustClose = mustClose;
  }

  /** The status code to answer with. */
  public int status() {
    return status;
  }

  /**
   * Whether the connection must close after the answer. A parse error leaves the framing of what
   * follows unknown, so every error the parsers raise today says yes (RFC 9112 6.3 requires it for
   * bad framing; for the rest it is the only safe reading).
   */
  public boolean mustClose() {
    return mustClose;
  }
}

package org.asyncio4j.http.internal.codec;

/** How a message body is delimited (RFC 9112 section 6.3). */
public enum BodyFraming {
  /** No body at all: HEAD responses, 1xx, 204, 304, requests without a length. */
  NONE,
  /** {@code Content-Length} bytes. */
  LENGTH,
  /** The chunked transfer coding. */
  CHUNKED,
  /** Everything until the connection closes (responses only). */
  UNTIL_CLOSE,
  /** No body: the connection switches protocol or becomes a tunnel after the head. */
  TUNNEL
}

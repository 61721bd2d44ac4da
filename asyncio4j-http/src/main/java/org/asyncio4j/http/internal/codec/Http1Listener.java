package org.asyncio4j.http.internal.codec;

import org.asyncio4j.http.Headers;

/**
 * What a parser tells its consumer, in order, for each message: {@link #onMessageBegin}, {@link
 * #onHead}, {@link #onBody} zero or more times, {@link #onTrailers} for a chunked body with trailer
 * fields, then {@link #onMessageComplete}.
 *
 * @param <H> {@link RequestHead} or {@link ResponseHead}
 */
public interface Http1Listener<H> {
  /** The first byte of a message (after any leading empty lines) arrived. */
  default void onMessageBegin() {}

  /** The head is complete. */
  void onHead(H head);

  /**
   * Body bytes: a slice of the array the parser was fed (no copy), valid only during the call.
   * Chunked framing is removed.
   */
  void onBody(byte[] data, int offset, int length);

  /** The trailer fields of a chunked body, when it has any. */
  default void onTrailers(Headers trailers) {}

  /**
   * The message is complete. Return {@code false} to pause: {@link Http1Parser#feed} returns at
   * once, having consumed the bytes up to here, and the caller feeds the rest when it is ready (the
   * server bounds its queue of pipelined requests so).
   */
  boolean onMessageComplete();
}

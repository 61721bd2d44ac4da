package org.asyncio4j.http.internal.client;

import java.util.ArrayDeque;
import java.util.Arrays;
import org.asyncio4j.http.HttpMethod;
import org.asyncio4j.http.internal.codec.Http1Listener;
import org.asyncio4j.http.internal.codec.ResponseHead;
import org.asyncio4j.http.internal.codec.ResponseParser;
import org.asyncio4j.http.internal.pool.PoolableConnection;
import org.asyncio4j.net.StreamReader;
import org.asyncio4j.net.StreamWriter;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP/1.1 client connection over asyncio4j streams: writes request bytes, and turns the push
 * {@link ResponseParser} into pulls ({@link #readHead}, {@link #readBodyChunk}) for the task that
 * owns the exchange.
 *
 * <p>Bytes read from the stream are fresh arrays that nothing else holds, so body slices the parser
 * hands over are kept as they are when whole and copied only when partial. The parser pauses at the
 * end of each response; bytes past it stay in {@code pending}, and a connection with such bytes is
 * not reused (a server that sends more than one response per request is not to be trusted with the
 * next one).
 *
 * <p>States of an exchange: {@code begin} resets, then {@code HEAD} (no head yet), {@code BODY}
 * (head read, body not complete), {@code COMPLETE}; {@code broken} once anything failed, after
 * which the connection is only closed.
 */
public final class HttpConnection implements PoolableConnection, Http1Listener<ResponseHead> {
  private static final int READ_SIZE = 64 * 1024;

  private final StreamReader reader;
  private final StreamWriter writer;
  private final String peer;
  private final ResponseParser parser = new ResponseParser(this);
  private final ArrayDeque<byte[]> body = new ArrayDeque<>();

  private byte @Nullable [] pending;
  private int pendingOff;
  private int pendingLen;

  private @Nullable ResponseHead head;
  private boolean complete;
  private boolean broken;
  private boolean eof;
  private long bytesReceived;
  private int exchanges;

  /**
   * A connection over an open stream pair.
   *
   * @param reader the stream's reader
   * @param writer the stream's writer
   * @param peer what it is connected to, for messages
   */
  public HttpConnection(StreamReader reader, StreamWriter writer, String peer) {
    this.reader = reader;
    this.writer = writer;
    this.peer = peer;
  }

  /**
   * Starts an exchange for a request of {@code method}.
   *
   * @param method the request's method (a response to HEAD has no body)
   */
  public void begin(HttpMethod method) {
    if (broken) {
      throw new IllegalStateException(this + " is broken: it can carry no more requests");
    }
    if (exchanges > 0 && !complete) {
      throw new IllegalStateException(
          this + ": the previous response was not read to its end, the connection is not reusable");
    }
    exchanges++;
    head = null;
    complete = false;
    bytesReceived = 0;
    body.clear();
    parser.expectResponseTo(method);
  }

  /** Writes request bytes (buffered by the transport; {@link #drain} waits for room). */
  public void write(byte[] bytes) {
    writer.write(bytes);
  }

  /** Waits until the transport's write buffer is below its high-water mark. */
  public void drain() {
    writer.drain();
  }

  /**
   * Whether any byte of the current response arrived: a request that failed before that, on a
   * reused connection, may be retried.
   */
  public boolean receivedAnything() {
    return bytesReceived > 0;
  }

  /**
   * Reads until the final response's head (interim 1xx responses are skipped).
   *
   * @return the head
   * @throws ServerDisconnectedException when the server closed before sending a response
   * @throws org.asyncio4j.http.internal.codec.HttpParseException for a malformed response
   */
  public ResponseHead readHead() {
    while (true) {
      ResponseHead h = head;
      if (h != null) {
        if (h.status() / 100 == 1 && h.status() != 101) {
          // An interim response (100 Continue, 103 Early Hints): the final one follows.
          head = null;
          complete = false;
          continue;
        }
        return h;
      }
      if (!feedMore()) {
        throw new ServerDisconnectedException(
            peer
                + " closed the connection "
                + (bytesReceived == 0
                    ? "without sending a response"
                    : "after " + bytesReceived + " bytes of the response head"));
      }
    }
  }

  /**
   * The next piece of the body.
   *
   * @return body bytes, or null at the end of the body
   * @throws org.asyncio4j.http.internal.codec.HttpParseException for a malformed or truncated body
   */
  public byte @Nullable [] readBodyChunk() {
    while (true) {
      byte[] b = body.poll();
      if (b != null) {
        return b;
      }
      if (complete) {
        return null;
      }
      if (!feedMore()) {
        throw new ServerDisconnectedException(
            peer + " closed the connection before the end of the response body");
      }
    }
  }

  /** Whether the current response was read to its end. */
  public boolean isComplete() {
    return complete && body.isEmpty();
  }

  /** Marks the connection unusable (an exchange failed or was abandoned). */
  public void markBroken() {
    broken = true;
  }

  /**
   * Feeds the parser: bytes left over from an earlier feed, else the stream's next bytes, else the
   * end of the stream.
   *
   * @return false when the stream had ended before (nothing more can come)
   */
  private boolean feedMore() {
    try {
      byte[] p = pending;
      if (p != null) {
        int n = parser.feed(p, pendingOff, pendingLen);
        consumedPending(n);
        return true;
      }
      if (eof) {
        return false;
      }
      byte[] data = reader.read(READ_SIZE);
      if (data.length == 0) {
        eof = true;
        parser.feedEof();
        return complete || head != null;
      }
      bytesReceived += data.length;
      int n = parser.feed(data, 0, data.length);
      if (n < data.length && !parser.isStopped()) {
        pending = data;
        pendingOff = n;
        pendingLen = data.length - n;
      }
      return true;
    } catch (RuntimeException e) {
      broken = true;
      throw e;
    }
  }

  private void consumedPending(int n) {
    pendingOff += n;
    pendingLen -= n;
    if (pendingLen == 0) {
      pending = null;
      pendingOff = 0;
    }
  }

  @Override
  public void onHead(ResponseHead h) {
    head = h;
  }

  @Override
  public void onBody(byte[] data, int offset, int length) {
    if (length == 0) {
      return;
    }
    body.add(
        offset == 0 && length == data.length
            ? data
            : Arrays.copyOfRange(data, offset, offset + length));
  }

  @Override
  public boolean onMessageComplete() {
    complete = true;
    return false;
  }

  @Override
  public boolean isReusable() {
    ResponseHead h = head;
    return !broken
        && complete
        && body.isEmpty()
        && pending == null
        && !eof
        && h != null
        && h.keepAlive()
        && !parser.isStopped()
        && !writer.isClosing()
        && !reader.atEof()
        && reader.exception() == null;
  }

  @Override
  public void close() {
    broken = true;
    writer.close();
  }

  @Override
  public String toString() {
    return "<HttpConnection to "
        + peer
        + ", "
        + exchanges
        + " exchanges"
        + (broken ? ", broken" : "")
        + ">";
  }
}

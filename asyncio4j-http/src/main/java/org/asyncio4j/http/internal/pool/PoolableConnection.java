package org.asyncio4j.http.internal.pool;

/**
 * A connection the {@link ConnectionPool} can keep between requests: whatever the wire format (an
 * HTTP/1.1 stream today, an HTTP/2 session later), the pool needs to know only whether it can still
 * carry a request and how to close it.
 *
 * <p>Loop-confined: the pool calls both methods from its loop, never while the connection is in use
 * by another task.
 *
 * <pre>{@code
 * final class StreamConnection implements PoolableConnection {
 *   public boolean isReusable() { return !writer.isClosing() && !reader.atEof(); }
 *   public void close() { writer.close(); }
 * }
 * }</pre>
 */
public interface PoolableConnection {
  /**
   * Whether the connection can carry another request now: it is open, the peer has not closed it or
   * sent EOF, no error was seen, no byte of an earlier response is left unread, and neither side
   * said {@code Connection: close}. Called when the connection is released (an unusable one is
   * closed instead of pooled) and again when an idle one is handed out (a stale one, closed by the
   * peer while idle, is discarded: aiohttp #7297). Must not block or suspend.
   *
   * @return true if a request may be sent on it
   */
  boolean isReusable();

  /**
   * Closes the connection without waiting (aborting is fine: the pool closes only connections that
   * are idle, unusable or whose pool is closing). Must not throw for a connection already closed;
   * it is called once per connection.
   */
  void close();
}

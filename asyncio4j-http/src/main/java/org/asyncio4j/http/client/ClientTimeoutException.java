package org.asyncio4j.http.client;

import java.io.Serial;
import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A limit of {@link ClientTimeout} passed. Each limit has its subclass, so a handler can tell a
 * saturated pool ({@link PoolAcquireTimeoutException}) from an unreachable host ({@link
 * SockConnectTimeoutException}) or a server that stopped sending ({@link
 * SockReadTimeoutException}); the message names the limit and how long it was.
 *
 * <pre>{@code
 * try {
 *   String page = fetch(url);
 * } catch (ClientTimeoutException e) {
 *   String what = switch (e) {
 *     case PoolAcquireTimeoutException _ -> "the pool is full";
 *     case SockReadTimeoutException _ -> "the server went quiet";
 *     default -> e.setting() + " passed";
 *   };
 *   System.out.println(what + " after " + e.timeout());
 * }
 * }</pre>
 *
 * <p>It is a failure of the request, not a cancellation: it is neither an {@code
 * AsyncTimeoutException} nor a {@code CancelledException}, and a task that ends with it has failed.
 * (aiohttp's {@code ServerTimeoutError} is a {@code ClientError} and an {@code
 * asyncio.TimeoutError} at once; Java has one superclass, and the client family is it.) The
 * cancellation the deadline caused inside the session is its cause.
 *
 * <p>aiohttp: {@code ServerTimeoutError}, {@code ConnectionTimeoutError}, {@code
 * SocketTimeoutError}, and the bare {@code asyncio.TimeoutError} of the total timeout
 */
public abstract sealed class ClientTimeoutException extends ClientException
    permits TotalTimeoutException,
        ConnectTimeoutException,
        SockConnectTimeoutException,
        SockReadTimeoutException,
        PoolAcquireTimeoutException {
  @Serial private static final long serialVersionUID = 1L;

  private final Duration timeout;
  private final @Nullable URI url;

  ClientTimeoutException(
      String setting, String what, Duration timeout, @Nullable URI url, @Nullable Throwable cause) {
    super(
        "The "
            + setting
            + " timeout of "
            + format(timeout)
            + " passed "
            + what
            + (url == null ? "" : " (" + url + ")")
            + "; set ClientTimeout."
            + setting
            + " for a longer limit",
        cause);
    this.timeout = timeout;
    this.url = url;
  }

  /**
   * The limit that passed.
   *
   * @return its length
   */
  public Duration timeout() {
    return timeout;
  }

  /**
   * The URL of the request, when the session knew it.
   *
   * @return the URL, or null
   */
  public @Nullable URI url() {
    return url;
  }

  /**
   * The {@link ClientTimeout} component that passed.
   *
   * @return {@code total}, {@code connect}, {@code sockConnect}, {@code sockRead} or {@code
   *     poolAcquire}
   */
  public abstract String setting();

  /** A duration as people read it: {@code 300 s}, {@code 1.5 s}, {@code 250 ms}. */
  static String format(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000 && d.toNanos() % 1_000_000 == 0) {
      return ms + " ms";
    }
    if (ms % 1000 == 0 && d.toNanos() % 1_000_000 == 0) {
      return ms / 1000 + " s";
    }
    if (ms < 1000) {
      return d.toNanos() / 1_000_000.0 + " ms";
    }
    return ms / 1000.0 + " s";
  }
}

package org.asyncio4j.net;

import java.net.SocketAddress;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How {@code EventLoop.createConnection} and {@code Streams.openConnection} connect: immutable,
 * each {@code with...} method returns a changed copy.
 *
 * <pre>{@code
 * ConnectOptions options =
 *     ConnectOptions.defaults()
 *         .withHappyEyeballsDelay(Duration.ofMillis(250))
 *         .withTimeout(Duration.ofSeconds(5));
 * }</pre>
 *
 * <p>asyncio: the keyword arguments of {@code loop.create_connection}
 *
 * @param localAddress the local address to bind before connecting, or null for any
 * @param happyEyeballsDelay with several addresses, how long to wait for one attempt before
 *     starting the next in parallel (RFC 8305; asyncio recommends 250 ms); null tries them one
 *     after the other, as asyncio's default
 * @param interleave how many addresses of the first family come before one of the other when
 *     reordering them (asyncio: 1 when Happy Eyeballs is on, else 0 = keep the resolver's order)
 * @param timeout how long the whole connect may take (resolution included), or null for no bound;
 *     asyncio has no such argument and wraps the call in {@code wait_for}
 */
public record ConnectOptions(
    @Nullable SocketAddress localAddress,
    @Nullable Duration happyEyeballsDelay,
    int interleave,
    @Nullable Duration timeout) {
  private static final ConnectOptions DEFAULTS = new ConnectOptions(null, null, 0, null);

  /**
   * Checks the options.
   *
   * @throws IllegalArgumentException if a duration is negative or interleave is negative
   */
  public ConnectOptions {
    if (happyEyeballsDelay != null && happyEyeballsDelay.isNegative()) {
      throw new IllegalArgumentException(
          "happyEyeballsDelay must not be negative, got " + happyEyeballsDelay);
    }
    if (interleave < 0) {
      throw new IllegalArgumentException("interleave must not be negative, got " + interleave);
    }
    if (timeout != null && timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative, got " + timeout);
    }
  }

  /**
   * Returns asyncio's defaults: no local address, addresses tried one after the other, no timeout.
   *
   * @return the defaults
   */
  public static ConnectOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Returns a copy that binds to {@code localAddress} before connecting.
   *
   * @param localAddress the local address, or null for any
   * @return the changed options
   */
  public ConnectOptions withLocalAddress(@Nullable SocketAddress localAddress) {
    return new ConnectOptions(localAddress, happyEyeballsDelay, interleave, timeout);
  }

  /**
   * Returns a copy with Happy Eyeballs on (a delay) or off (null); turning it on sets interleave to
   * 1 if it was 0, as asyncio does.
   *
   * @param delay how long one attempt runs alone before the next starts
   * @return the changed options
   */
  public ConnectOptions withHappyEyeballsDelay(@Nullable Duration delay) {
    int i = delay != null && interleave == 0 ? 1 : interleave;
    return new ConnectOptions(localAddress, delay, i, timeout);
  }

  /**
   * Returns a copy with another interleave.
   *
   * @param interleave addresses of the first family before one of the other; 0 keeps the order
   * @return the changed options
   */
  public ConnectOptions withInterleave(int interleave) {
    return new ConnectOptions(localAddress, happyEyeballsDelay, interleave, timeout);
  }

  /**
   * Returns a copy with a bound on the whole connect.
   *
   * @param timeout the bound, or null for none
   * @return the changed options
   */
  public ConnectOptions withTimeout(@Nullable Duration timeout) {
    return new ConnectOptions(localAddress, happyEyeballsDelay, interleave, timeout);
  }
}

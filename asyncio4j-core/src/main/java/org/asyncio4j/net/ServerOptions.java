package org.asyncio4j.net;

/**
 * How {@code EventLoop.createServer} and {@code Streams.startServer} listen: immutable, each {@code
 * with...} method returns a changed copy.
 *
 * <pre>{@code
 * ServerOptions options = ServerOptions.defaults().withBacklog(1024).withReusePort(true);
 * }</pre>
 *
 * <p>asyncio: the keyword arguments of {@code loop.create_server}
 *
 * @param backlog the listen queue's length, and how many connections one readiness event accepts at
 *     most (asyncio's default: 100)
 * @param reuseAddress SO_REUSEADDR (asyncio's default on Unix: true)
 * @param reusePort SO_REUSEPORT, to let several servers (or loops) listen on one port
 * @param startServing whether to accept at once (true) or only after {@link Server#startServing()}
 */
public record ServerOptions(
    int backlog, boolean reuseAddress, boolean reusePort, boolean startServing) {
  private static final ServerOptions DEFAULTS = new ServerOptions(100, true, false, true);

  /**
   * Checks the options.
   *
   * @throws IllegalArgumentException if the backlog is not positive
   */
  public ServerOptions {
    if (backlog <= 0) {
      throw new IllegalArgumentException("backlog must be positive, got " + backlog);
    }
  }

  /**
   * Returns asyncio's defaults: backlog 100, reuse address, no reuse port, start serving.
   *
   * @return the defaults
   */
  public static ServerOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Returns a copy with another backlog.
   *
   * @param backlog the listen queue's length
   * @return the changed options
   */
  public ServerOptions withBacklog(int backlog) {
    return new ServerOptions(backlog, reuseAddress, reusePort, startServing);
  }

  /**
   * Returns a copy with SO_REUSEADDR on or off.
   *
   * @param reuseAddress whether to set it
   * @return the changed options
   */
  public ServerOptions withReuseAddress(boolean reuseAddress) {
    return new ServerOptions(backlog, reuseAddress, reusePort, startServing);
  }

  /**
   * Returns a copy with SO_REUSEPORT on or off.
   *
   * @param reusePort whether to set it
   * @return the changed options
   */
  public ServerOptions withReusePort(boolean reusePort) {
    return new ServerOptions(backlog, reuseAddress, reusePort, startServing);
  }

  /**
   * Returns a copy that starts accepting at once, or not.
   *
   * @param startServing whether to accept at once
   * @return the changed options
   */
  public ServerOptions withStartServing(boolean startServing) {
    return new ServerOptions(backlog, reuseAddress, reusePort, startServing);
  }
}

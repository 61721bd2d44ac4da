package org.asyncio4j.net;

/**
 * Socket options of {@code EventLoop.createDatagramEndpoint}: immutable, each {@code with...}
 * method returns a changed copy.
 *
 * <pre>{@code
 * DatagramOptions options = DatagramOptions.defaults().withAllowBroadcast(true);
 * }</pre>
 *
 * <p>asyncio: the keyword arguments of {@code loop.create_datagram_endpoint}
 *
 * @param reuseAddress SO_REUSEADDR (asyncio removed this option for UDP in 3.11 because it lets
 *     another process steal the port: false by default)
 * @param reusePort SO_REUSEPORT, to let several endpoints share a port
 * @param allowBroadcast SO_BROADCAST
 */
public record DatagramOptions(boolean reuseAddress, boolean reusePort, boolean allowBroadcast) {
  private static final DatagramOptions DEFAULTS = new DatagramOptions(false, false, false);

  /**
   * Returns the defaults: every option off.
   *
   * @return the defaults
   */
  public static DatagramOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Returns a copy with SO_REUSEADDR on or off.
   *
   * @param reuseAddress whether to set it
   * @return the changed options
   */
  public DatagramOptions withReuseAddress(boolean reuseAddress) {
    return new DatagramOptions(reuseAddress, reusePort, allowBroadcast);
  }

  /**
   * Returns a copy with SO_REUSEPORT on or off.
   *
   * @param reusePort whether to set it
   * @return the changed options
   */
  public DatagramOptions withReusePort(boolean reusePort) {
    return new DatagramOptions(reuseAddress, reusePort, allowBroadcast);
  }

  /**
   * Returns a copy with SO_BROADCAST on or off.
   *
   * @param allowBroadcast whether to set it
   * @return the changed options
   */
  public DatagramOptions withAllowBroadcast(boolean allowBroadcast) {
    return new DatagramOptions(reuseAddress, reusePort, allowBroadcast);
  }
}

package org.asyncio4j.internal.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.asyncio4j.Asyncio;
import org.asyncio4j.EventLoop;
import org.asyncio4j.internal.tls.TlsConfig;
import org.asyncio4j.net.BaseProtocol;
import org.asyncio4j.net.Server;
import org.asyncio4j.net.ServerOptions;
import org.asyncio4j.net.Transport;
import org.jspecify.annotations.Nullable;

/** Creates listening servers: CPython's {@code create_server} and {@code create_unix_server}. */
public final class Listeners {
  private Listeners() {}

  /**
   * {@code loop.createServer}: binds one listening channel per address the hosts resolve to (a
   * single dual-stack wildcard channel when no host is given).
   *
   * @param loop the loop
   * @param protocolFactory makes one protocol per connection
   * @param hosts names or literal addresses; empty for every interface
   * @param port the port; 0 picks a free one
   * @param options how to listen
   * @return the server
   */
  public static Server createServer(
      EventLoop loop,
      Supplier<? extends BaseProtocol<Transport>> protocolFactory,
      List<String> hosts,
      int port,
      ServerOptions options) {
    return createServer(loop, protocolFactory, hosts, port, options, null);
  }

  /**
   * As {@link #createServer(EventLoop, Supplier, List, int, ServerOptions)}, serving each
   * connection on the loop {@code workers} hands out (the accepting loop when null).
   *
   * @param loop the accepting loop
   * @param protocolFactory makes one protocol per connection, on the connection's loop
   * @param hosts names or literal addresses; empty for every interface
   * @param port the port
   * @param options how to listen
   * @param workers which loop serves the next connection, or null for {@code loop} itself
   * @return the server
   */
  public static Server createServer(
      EventLoop loop,
      Supplier<? extends BaseProtocol<Transport>> protocolFactory,
      List<String> hosts,
      int port,
      ServerOptions options,
      @Nullable Supplier<EventLoop> workers) {
    Objects.requireNonNull(protocolFactory, "protocolFactory");
    Objects.requireNonNull(options, "options");
    Connector.checkPort(port);
    Set<SocketAddress> addresses = new LinkedHashSet<>();
    for (String host : hosts) {
      if (host == null || host.isEmpty()) {
        addresses.add(new InetSocketAddress(port));
        continue;
      }
      for (InetAddress a : Resolver.resolve(loop, host)) {
        addresses.add(new InetSocketAddress(a, port));
      }
    }
    if (addresses.isEmpty()) {
      addresses.add(new InetSocketAddress(port));
    }
    List<ServerSocketChannel> channels = new ArrayList<>();
    try {
      for (SocketAddress a : addresses) {
        channels.add(bind(a, options));
      }
    } catch (RuntimeException e) {
      for (ServerSocketChannel ch : channels) {
        closeQuietly(ch);
      }
      throw e;
    }
    SocketServer server =
        new SocketServer(loop, protocolFactory, channels, options.backlog(), true, workers);
    SSLContext ssl = options.sslContext();
    if (ssl != null) {
      server.useTls(
          TlsConfig.of(
              ssl,
              true,
              null,
              -1,
              options.sslHandshakeTimeout(),
              options.sslShutdownTimeout(),
              options.alpnProtocols(),
              options.sslNeedClientAuth()));
    }
    return started(server, options);
  }

  /**
   * {@code loop.createUnixServer}: a stale socket file left at {@code path} is removed first, as
   * asyncio does; the file is removed again when the server closes.
   *
   * @param loop the loop
   * @param protocolFactory makes one protocol per connection
   * @param path the socket file
   * @param options how to listen (the reuse options do not apply)
   * @return the server
   */
  public static Server createUnixServer(
      EventLoop loop,
      Supplier<? extends BaseProtocol<Transport>> protocolFactory,
      Path path,
      ServerOptions options) {
    Objects.requireNonNull(protocolFactory, "protocolFactory");
    Objects.requireNonNull(path, "path");
    try {
      if (Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)
          && !Files.isRegularFile(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)
          && !Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        Files.delete(path); // a socket file from an earlier run
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the stale socket file " + path, e);
    }
    ServerSocketChannel ch = bind(UnixDomainSocketAddress.of(path), options);
    return started(
        new SocketServer(loop, protocolFactory, List.of(ch), options.backlog(), false, null),
        options);
  }

  private static Server started(SocketServer server, ServerOptions options) {
    if (options.startServing()) {
      server.startServing();
      if (Asyncio.currentTask() != null) {
        Asyncio.sleep(java.time.Duration.ZERO); // asyncio: "await tasks.sleep(0)"
      }
    }
    return server;
  }

  private static ServerSocketChannel bind(SocketAddress address, ServerOptions options) {
    ServerSocketChannel ch;
    try {
      ch = open(address);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a listening socket for " + address, e);
    }
    try {
      boolean unix = address instanceof UnixDomainSocketAddress;
      if (!unix) {
        ch.setOption(StandardSocketOptions.SO_REUSEADDR, options.reuseAddress());
        if (options.reusePort()) {
          if (!ch.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
            throw new UnsupportedOperationException(
                "reusePort is not supported on this platform (no SO_REUSEPORT)");
          }
          ch.setOption(StandardSocketOptions.SO_REUSEPORT, true);
        }
      }
      ch.bind(address, options.backlog());
      ch.configureBlocking(false);
      return ch;
    } catch (IOException e) {
      closeQuietly(ch);
      throw new UncheckedIOException(
          "error while attempting to bind on address " + address + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(ch);
      throw e;
    }
  }

  private static ServerSocketChannel open(SocketAddress address) throws IOException {
    if (address instanceof UnixDomainSocketAddress) {
      return ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    }
    InetSocketAddress inet = (InetSocketAddress) address;
    @Nullable InetAddress a = inet.getAddress();
    if (a == null || a.isAnyLocalAddress()) {
      return ServerSocketChannel.open(); // dual-stack where the machine has IPv6
    }
    return ServerSocketChannel.open(
        a instanceof Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
  }

  private static void closeQuietly(ServerSocketChannel ch) {
    try {
      ch.close();
    } catch (IOException e) {
      // nothing to do
    }
  }
}

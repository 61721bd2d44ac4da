package org.asyncio4j.internal.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.asyncio4j.Asyncio;
import org.asyncio4j.DoneAndPending;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Future;
import org.asyncio4j.ReturnWhen;
import org.asyncio4j.Task;
import org.asyncio4j.internal.tls.SslProtocol;
import org.asyncio4j.internal.tls.TlsConfig;
import org.asyncio4j.net.BaseProtocol;
import org.asyncio4j.net.ConnectOptions;
import org.asyncio4j.net.ConnectionException;
import org.asyncio4j.net.Endpoint;
import org.asyncio4j.net.Transport;
import org.jspecify.annotations.Nullable;

/**
 * Opens stream connections: CPython's {@code create_connection} (resolve off the loop, try each
 * address in turn, or race them with Happy Eyeballs as {@code staggered_race} does) and {@code
 * _create_connection_transport} (the transport is made, and the call returns once the protocol's
 * connectionMade has run).
 */
public final class Connector {
  private Connector() {}

  /**
   * {@code loop.createConnection} over TCP.
   *
   * @param loop the loop, which must be running the calling task
   * @param protocolFactory makes the protocol
   * @param host a name or a literal address
   * @param port the port
   * @param options how to connect
   * @param <P> the protocol's type
   * @return the transport and the protocol
   */
  public static <P extends BaseProtocol<Transport>> Endpoint<Transport, P> createConnection(
      EventLoop loop, Supplier<P> protocolFactory, String host, int port, ConnectOptions options) {
    Objects.requireNonNull(protocolFactory, "protocolFactory");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(options, "options");
    checkPort(port);
    if (options.timeout() != null) {
      return Asyncio.timeout(
          options.timeout(), () -> connectTcp(loop, protocolFactory, host, port, options));
    }
    return connectTcp(loop, protocolFactory, host, port, options);
  }

  /**
   * {@code loop.createUnixConnection}.
   *
   * @param loop the loop
   * @param protocolFactory makes the protocol
   * @param path the socket file
   * @param <P> the protocol's type
   * @return the transport and the protocol
   */
  public static <P extends BaseProtocol<Transport>> Endpoint<Transport, P> createUnixConnection(
      EventLoop loop, Supplier<P> protocolFactory, java.nio.file.Path path) {
    Objects.requireNonNull(protocolFactory, "protocolFactory");
    Objects.requireNonNull(path, "path");
    SocketChannel ch = connectOne(loop, UnixDomainSocketAddress.of(path), null);
    return startTransport(loop, ch, protocolFactory);
  }

  /**
   * {@code loop.createConnection(protocolFactory, sock=channel)}: a transport over a channel that
   * is connected already.
   *
   * @param loop the loop
   * @param protocolFactory makes the protocol
   * @param channel a connected channel; it is put in non-blocking mode
   * @param <P> the protocol's type
   * @return the transport and the protocol
   */
  public static <P extends BaseProtocol<Transport>> Endpoint<Transport, P> wrapConnected(
      EventLoop loop, Supplier<P> protocolFactory, SocketChannel channel) {
    Objects.requireNonNull(channel, "channel");
    if (!channel.isConnected()) {
      throw new IllegalArgumentException("the channel is not connected: " + channel);
    }
    try {
      channel.configureBlocking(false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make the channel non-blocking", e);
    }
    return startTransport(loop, channel, protocolFactory);
  }

  static void checkPort(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be in 0..65535, got " + port);
    }
  }

  private static <P extends BaseProtocol<Transport>> Endpoint<Transport, P> connectTcp(
      EventLoop loop, Supplier<P> protocolFactory, String host, int port, ConnectOptions options) {
    List<InetAddress> addresses =
        Resolver.interleave(Resolver.resolve(loop, host), options.interleave());
    if (addresses.isEmpty()) {
      throw new UncheckedIOException(
          "getaddrinfo() returned empty list for " + host, new java.net.UnknownHostException(host));
    }
    SocketChannel ch =
        options.happyEyeballsDelay() == null || addresses.size() == 1
            ? connectInTurn(loop, addresses, port, options.localAddress())
            : connectStaggered(loop, addresses, port, options);
    SSLContext ssl = options.sslContext();
    if (ssl != null) {
      String name = options.serverHostname() == null ? host : options.serverHostname();
      TlsConfig config =
          TlsConfig.of(
              ssl,
              false,
              name.isEmpty() ? null : name,
              port,
              options.sslHandshakeTimeout(),
              options.sslShutdownTimeout(),
              options.alpnProtocols(),
              false);
      return startTlsTransport(loop, ch, protocolFactory, config);
    }
    return startTransport(loop, ch, protocolFactory);
  }

  /**
   * asyncio's {@code _create_connection_transport} with {@code ssl}: the socket transport carries
   * an {@link SslProtocol}, and the call returns once the handshake is done and the protocol's
   * connectionMade has run. A failure or a cancellation aborts the connection (bpo-29743).
   */
  static <P extends BaseProtocol<Transport>> Endpoint<Transport, P> startTlsTransport(
      EventLoop loop, SocketChannel ch, Supplier<P> protocolFactory, TlsConfig config) {
    P protocol;
    SslProtocol ssl;
    Future<@Nullable Void> waiter = loop.createFuture();
    try {
      protocol =
          Objects.requireNonNull(protocolFactory.get(), "the protocol factory returned null");
      ssl = new SslProtocol(loop, protocol, config, waiter, true);
    } catch (RuntimeException | Error e) {
      closeQuietly(ch);
      throw e;
    }
    new SocketTransport(loop, ch, ssl, null).start(null);
    try {
      waiter.await();
    } catch (RuntimeException | Error e) {
      ssl.appTransport().close();
      throw e;
    }
    return new Endpoint<>(ssl.appTransport(), protocol);
  }

  static <P extends BaseProtocol<Transport>> Endpoint<Transport, P> startTransport(
      EventLoop loop, SocketChannel ch, Supplier<P> protocolFactory) {
    P protocol;
    SocketTransport transport;
    try {
      protocol =
          Objects.requireNonNull(protocolFactory.get(), "the protocol factory returned null");
      // Inside the try: it refuses a protocol of neither stream kind, and the channel is ours.
      transport = new SocketTransport(loop, ch, protocol, null);
    } catch (RuntimeException | Error e) {
      closeQuietly(ch);
      throw e;
    }
    Future<@Nullable Void> waiter = loop.createFuture();
    transport.start(waiter);
    try {
      waiter.await();
    } catch (RuntimeException | Error e) {
      transport.close();
      throw e;
    }
    return new Endpoint<>(transport, protocol);
  }

  private static SocketChannel connectInTurn(
      EventLoop loop, List<InetAddress> addresses, int port, @Nullable SocketAddress local) {
    List<UncheckedIOException> errors = new ArrayList<>();
    for (InetAddress a : addresses) {
      try {
        return connectOne(loop, new InetSocketAddress(a, port), local);
      } catch (UncheckedIOException e) {
        errors.add(e);
      }
    }
    throw combined(errors);
  }

  /** asyncio's rule: one error as it is; several with one message as the first; else all. */
  private static UncheckedIOException combined(List<UncheckedIOException> errors) {
    if (errors.size() == 1) {
      return errors.get(0);
    }
    Set<String> messages = new HashSet<>();
    for (UncheckedIOException e : errors) {
      messages.add(
          String.valueOf(e.getCause() == null ? e.getMessage() : e.getCause().getMessage()));
    }
    if (messages.size() == 1) {
      return errors.get(0);
    }
    List<String> all = new ArrayList<>();
    for (UncheckedIOException e : errors) {
      all.add(e.getMessage());
    }
    ConnectionException multiple = new ConnectionException("Multiple exceptions: " + all);
    for (UncheckedIOException e : errors) {
      multiple.addSuppressed(e);
    }
    return multiple;
  }

  /**
   * Happy Eyeballs (RFC 8305) as asyncio's {@code staggered_race}: the next attempt starts when the
   * previous one fails or the delay passes, whichever comes first; the first connection wins and
   * the other attempts are cancelled (their channels closed).
   */
  static SocketChannel connectStaggered(
      EventLoop loop, List<InetAddress> addresses, int port, ConnectOptions options) {
    List<Task<SocketChannel>> running = new ArrayList<>();
    List<UncheckedIOException> errors = new ArrayList<>();
    int next = 0;
    try {
      while (true) {
        if (next < addresses.size()) {
          InetSocketAddress target = new InetSocketAddress(addresses.get(next++), port);
          running.add(
              loop.createTask(() -> connectOne(loop, target, options.localAddress()), null));
        }
        if (running.isEmpty()) {
          throw combined(errors);
        }
        DoneAndPending<Task<SocketChannel>> r =
            Asyncio.wait(
                running,
                next < addresses.size() ? options.happyEyeballsDelay() : null,
                ReturnWhen.FIRST_COMPLETED);
        SocketChannel winner = null;
        for (Task<SocketChannel> t : r.done()) {
          running.remove(t);
          if (t.isCancelled()) {
            continue;
          }
          Throwable failure = t.exception();
          if (failure == null) {
            if (winner == null) {
              winner = t.result();
            } else {
              closeQuietly(t.result()); // two won in the same turn: keep the first
            }
          } else if (failure instanceof UncheckedIOException e) {
            errors.add(e);
          } else {
            if (winner != null) {
              closeQuietly(winner); // it is nobody's once this throws
            }
            throw failure instanceof RuntimeException re ? re : new RuntimeException(failure);
          }
        }
        if (winner != null) {
          return winner;
        }
      }
    } finally {
      for (Task<SocketChannel> t : running) {
        // An attempt may have connected after the last look at it (in the turn this task was
        // cancelled or timed out, say): cancel() cannot undo that, so its channel is closed here.
        if (!t.cancel() && !t.isCancelled() && t.exception() == null) {
          closeQuietly(t.result());
        }
      }
    }
  }

  /** One non-blocking connect, waiting for the channel to become writable. */
  static SocketChannel connectOne(
      EventLoop loop, SocketAddress address, @Nullable SocketAddress local) {
    SocketChannel ch;
    try {
      ch =
          address instanceof UnixDomainSocketAddress
              ? SocketChannel.open(StandardProtocolFamily.UNIX)
              : SocketChannel.open(
                  ((InetSocketAddress) address).getAddress() instanceof Inet6Address
                      ? StandardProtocolFamily.INET6
                      : StandardProtocolFamily.INET);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a socket for " + address, e);
    }
    boolean ok = false;
    try {
      ch.configureBlocking(false);
      if (local != null) {
        ch.bind(local);
      }
      if (!(address instanceof UnixDomainSocketAddress)) {
        SocketTransport.setNoDelay(ch);
      }
      if (!ch.connect(address)) {
        Future<@Nullable Void> connected = loop.createFuture();
        loop.addWriter(
            ch,
            () -> {
              if (connected.isDone()) {
                return;
              }
              try {
                if (ch.finishConnect()) {
                  loop.removeWriter(ch);
                  connected.setResult(null);
                }
              } catch (IOException e) {
                loop.removeWriter(ch);
                connected.setException(IoErrors.connect(e, address));
              }
            });
        try {
          connected.await();
        } finally {
          loop.removeWriter(ch);
        }
      }
      ok = true;
      return ch;
    } catch (IOException e) {
      throw IoErrors.connect(e, address);
    } finally {
      if (!ok) {
        closeQuietly(ch);
      }
    }
  }

  static void closeQuietly(SocketChannel ch) {
    try {
      ch.close();
    } catch (IOException e) {
      // nothing to do: the channel is gone either way
    }
  }
}

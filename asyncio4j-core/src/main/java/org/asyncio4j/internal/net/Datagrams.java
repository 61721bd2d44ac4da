package org.asyncio4j.internal.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.util.Objects;
import java.util.function.Supplier;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Future;
import org.asyncio4j.net.DatagramOptions;
import org.asyncio4j.net.DatagramProtocol;
import org.asyncio4j.net.DatagramTransport;
import org.asyncio4j.net.Endpoint;
import org.jspecify.annotations.Nullable;

/** Creates datagram endpoints: CPython's {@code create_datagram_endpoint}. */
public final class Datagrams {
  private Datagrams() {}

  /**
   * {@code loop.createDatagramEndpoint}: an unresolved address is resolved off the loop (its first
   * address is used); the channel is bound to {@code local} (or to an ephemeral port of the
   * wildcard address) and, when {@code remote} is given, connected to it.
   *
   * @param loop the loop
   * @param protocolFactory makes the protocol
   * @param local where to bind, or null
   * @param remote where to connect, or null
   * @param options socket options
   * @param <P> the protocol's type
   * @return the transport and the protocol, once connectionMade has run
   */
  public static <P extends DatagramProtocol> Endpoint<DatagramTransport, P> create(
      EventLoop loop,
      Supplier<P> protocolFactory,
      @Nullable InetSocketAddress local,
      @Nullable InetSocketAddress remote,
      DatagramOptions options) {
    Objects.requireNonNull(protocolFactory, "protocolFactory");
    Objects.requireNonNull(options, "options");
    InetSocketAddress l = local == null ? null : resolved(loop, local);
    InetSocketAddress r = remote == null ? null : resolved(loop, remote);
    ProtocolFamily family = family(l, r);
    DatagramChannel ch;
    try {
      ch = family == null ? DatagramChannel.open() : DatagramChannel.open(family);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a datagram socket", e);
    }
    P protocol;
    try {
      ch.configureBlocking(false);
      ch.setOption(StandardSocketOptions.SO_REUSEADDR, options.reuseAddress());
      if (options.reusePort()) {
        if (!ch.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
          throw new UnsupportedOperationException(
              "reusePort is not supported on this platform (no SO_REUSEPORT)");
        }
        ch.setOption(StandardSocketOptions.SO_REUSEPORT, true);
      }
      if (options.allowBroadcast()) {
        ch.setOption(StandardSocketOptions.SO_BROADCAST, true);
      }
      try {
        ch.bind(l != null ? l : null);
      } catch (IOException e) {
        throw new UncheckedIOException(
            "error while attempting to bind on address " + l + ": " + e.getMessage(), e);
      }
      if (r != null) {
        ch.connect(r);
      }
      protocol =
          Objects.requireNonNull(protocolFactory.get(), "the protocol factory returned null");
    } catch (IOException e) {
      close(ch);
      throw new UncheckedIOException("cannot set up the datagram socket: " + e.getMessage(), e);
    } catch (RuntimeException | Error e) {
      close(ch);
      throw e;
    }
    DatagramSocketTransport transport = new DatagramSocketTransport(loop, ch, protocol, r);
    Future<@Nullable Void> waiter = loop.createFuture();
    transport.start(waiter);
    try {
      waiter.await();
    } catch (RuntimeException | Error e) {
      transport.abort();
      throw e;
    }
    return new Endpoint<>(transport, protocol);
  }

  private static InetSocketAddress resolved(EventLoop loop, InetSocketAddress a) {
    if (!a.isUnresolved()) {
      return a;
    }
    InetAddress first = Resolver.resolve(loop, a.getHostString()).get(0);
    return new InetSocketAddress(first, a.getPort());
  }

  private static @Nullable ProtocolFamily family(
      @Nullable InetSocketAddress l, @Nullable InetSocketAddress r) {
    InetSocketAddress a = r != null ? r : l;
    if (a == null || a.getAddress().isAnyLocalAddress()) {
      return null; // the JDK's default: dual-stack where the machine has IPv6
    }
    return a.getAddress() instanceof Inet6Address
        ? StandardProtocolFamily.INET6
        : StandardProtocolFamily.INET;
  }

  private static void close(DatagramChannel ch) {
    try {
      ch.close();
    } catch (IOException e) {
      // nothing to do
    }
  }
}

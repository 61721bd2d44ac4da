package org.asyncio4j.internal.net;

import java.net.InetAddress;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.function.Supplier;
import org.asyncio4j.EventLoop;
import org.asyncio4j.net.BaseProtocol;
import org.asyncio4j.net.ConnectOptions;
import org.asyncio4j.net.Endpoint;
import org.asyncio4j.net.Server;
import org.asyncio4j.net.Transport;

/** Test access to the net layer's insides: counts and the connector's parts. */
public final class NetProbes {
  private NetProbes() {}

  /** How many accepted connections the server still tracks. */
  public static int clients(Server server) {
    return ((SocketServer) server).clientCount();
  }

  /** How many transports the loop still has open. */
  public static int openTransports(EventLoop loop) {
    return LoopNet.of(loop).openCount();
  }

  /** Happy Eyeballs over literal addresses, in the order given. */
  public static <P extends BaseProtocol<Transport>> Endpoint<Transport, P> connectStaggered(
      EventLoop loop, List<String> literals, int port, ConnectOptions options, Supplier<P> f) {
    List<InetAddress> addresses = literals.stream().map(InetAddress::ofLiteral).toList();
    SocketChannel ch = Connector.connectStaggered(loop, addresses, port, options);
    return Connector.startTransport(loop, ch, f);
  }
}

package org.asyncio4j.examples;

import static org.asyncio4j.examples.Programs.repr;
import static org.asyncio4j.examples.Programs.sockaddr;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import org.asyncio4j.Asyncio;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Future;
import org.asyncio4j.net.BaseTransport;
import org.asyncio4j.net.DatagramProtocol;
import org.asyncio4j.net.DatagramTransport;
import org.asyncio4j.net.Endpoint;
import org.jspecify.annotations.Nullable;

/**
 * The asyncio documentation's "UDP Echo Server" and "UDP Echo Client" (asyncio-protocol.html), one
 * program: {@code server PORT} runs the server (for an hour, as the docs' does), {@code client
 * PORT} the client, and no argument runs both in one process on a free port.
 *
 * <pre>{@code
 * class EchoServerProtocol:
 *     def connection_made(self, transport):
 *         self.transport = transport
 *
 *     def datagram_received(self, data, addr):
 *         message = data.decode()
 *         print('Received %r from %s' % (message, addr))
 *         print('Send %r to %s' % (message, addr))
 *         self.transport.sendto(data, addr)
 *
 * async def main():
 *     print("Starting UDP server")
 *     loop = asyncio.get_running_loop()
 *     # One protocol instance will be created to serve all
 *     # client requests.
 *     transport, protocol = await loop.create_datagram_endpoint(
 *         EchoServerProtocol,
 *         local_addr=('127.0.0.1', 9999))
 *     try:
 *         await asyncio.sleep(3600)  # Serve for 1 hour.
 *     finally:
 *         transport.close()
 *
 * class EchoClientProtocol:
 *     def __init__(self, message, on_con_lost):
 *         self.message = message
 *         self.on_con_lost = on_con_lost
 *         self.transport = None
 *
 *     def connection_made(self, transport):
 *         self.transport = transport
 *         print('Send:', self.message)
 *         self.transport.sendto(self.message.encode())
 *
 *     def datagram_received(self, data, addr):
 *         print("Received:", data.decode())
 *         print("Close the socket")
 *         self.transport.close()
 *
 *     def error_received(self, exc):
 *         print('Error received:', exc)
 *
 *     def connection_lost(self, exc):
 *         print("Connection closed")
 *         self.on_con_lost.set_result(True)
 *
 * async def main():
 *     loop = asyncio.get_running_loop()
 *     on_con_lost = loop.create_future()
 *     message = "Hello World!"
 *     transport, protocol = await loop.create_datagram_endpoint(
 *         lambda: EchoClientProtocol(message, on_con_lost),
 *         remote_addr=('127.0.0.1', 9999))
 *     try:
 *         await on_con_lost
 *     finally:
 *         transport.close()
 * }</pre>
 *
 * <p>Mapping: a protocol class implements {@link DatagramProtocol}; {@code local_addr=} and {@code
 * remote_addr=} are the two addresses of {@link EventLoop#createDatagramEndpoint}, either null. UDP
 * loses datagrams without a word: on loopback it does not, but over a network a client like this
 * one would wait forever for a lost answer, and a real one bounds the wait with {@code
 * Asyncio.timeout}.
 */
public final class UdpEcho {
  /** Where the server listens and the client sends. */
  public static final String HOST = "127.0.0.1";

  /** What the client sends. */
  public static final String MESSAGE = "Hello World!";

  /** How long the server serves: the docs' {@code asyncio.sleep(3600)}. */
  static final Duration SERVE_TIME = Duration.ofHours(1);

  private UdpEcho() {}

  /** The docs' server protocol: one for every client, echoes each datagram to its sender. */
  static final class EchoServerProtocol implements DatagramProtocol {
    private final PrintStream out;
    private @Nullable DatagramTransport transport;

    EchoServerProtocol(PrintStream out) {
      this.out = out;
    }

    @Override
    public void connectionMade(DatagramTransport transport) {
      this.transport = transport;
    }

    @Override
    public void datagramReceived(byte[] data, SocketAddress addr) {
      String message = new String(data, StandardCharsets.UTF_8);
      out.println("Received " + repr(message) + " from " + sockaddr(addr));
      out.println("Send " + repr(message) + " to " + sockaddr(addr));
      Objects.requireNonNull(transport, "datagram before connectionMade").sendto(data, addr);
    }
  }

  /** The docs' client protocol: sends the message, prints the answer, closes. */
  static final class EchoClientProtocol implements DatagramProtocol {
    private final PrintStream out;
    private final String message;
    private final Future<Boolean> onConLost;
    private @Nullable DatagramTransport transport;

    EchoClientProtocol(PrintStream out, String message, Future<Boolean> onConLost) {
      this.out = out;
      this.message = message;
      this.onConLost = onConLost;
    }

    @Override
    public void connectionMade(DatagramTransport transport) {
      this.transport = transport;
      out.println("Send: " + message);
      transport.sendto(message.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void datagramReceived(byte[] data, SocketAddress addr) {
      out.println("Received: " + new String(data, StandardCharsets.UTF_8));
      out.println("Close the socket");
      Objects.requireNonNull(transport, "datagram before connectionMade").close();
    }

    @Override
    public void errorReceived(Exception exc) {
      out.println("Error received: " + exc);
    }

    @Override
    public void connectionLost(@Nullable Exception exc) {
      out.println("Connection closed");
      onConLost.setResult(true);
    }
  }

  /**
   * Runs the server ({@code server PORT}), the client ({@code client PORT}) or both.
   *
   * @param args {@code server PORT}, {@code client PORT}, or nothing
   */
  public static void main(String[] args) {
    try {
      run(System.out, args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
    }
  }

  /**
   * Runs what {@code args} name, printing to {@code out}; the server mode serves for an hour.
   *
   * @param out where both sides print
   * @param args {@code server PORT}, {@code client PORT}, or nothing for both on a free port
   * @throws IllegalArgumentException if the arguments are not one of those
   */
  public static void run(PrintStream out, String... args) {
    EchoArgs a = EchoArgs.parse("UdpEcho", 0, args);
    switch (a.role()) {
      case SERVER -> Asyncio.run(() -> serve(out, a.port(), SERVE_TIME));
      case CLIENT -> Asyncio.run(() -> client(out, MESSAGE, a.port()));
      case BOTH -> both(out, out);
    }
  }

  /**
   * Runs the server on a free port and the client against it, on one loop, then closes the server.
   *
   * @param serverOut where the server prints
   * @param clientOut where the client prints
   */
  public static void both(PrintStream serverOut, PrintStream clientOut) {
    Asyncio.run(() -> {
      DatagramTransport server = startServer(serverOut, 0);
      try {
        InetSocketAddress bound =
            (InetSocketAddress) Objects.requireNonNull(server.getExtraInfo(BaseTransport.SOCKNAME));
        client(clientOut, MESSAGE, bound.getPort());
      } finally {
        server.close();
      }
    });
  }

  /** The docs' server {@code main()}, serving for {@code time}. Runs in a task. */
  static void serve(PrintStream out, int port, Duration time) {
    DatagramTransport transport = startServer(out, port);
    try {
      Asyncio.sleep(time);
    } finally {
      transport.close();
    }
  }

  /** The first half of the server's {@code main()}: prints and binds. Runs in a task. */
  static DatagramTransport startServer(PrintStream out, int port) {
    out.println("Starting UDP server");
    EventLoop loop = Asyncio.getRunningLoop();
    // One protocol instance serves every client.
    return loop.createDatagramEndpoint(
            () -> new EchoServerProtocol(out),
            new InetSocketAddress(InetAddress.ofLiteral(HOST), port),
            null)
        .transport();
  }

  /** The docs' client {@code main()}. Runs in a task. */
  static void client(PrintStream out, String message, int port) {
    EventLoop loop = Asyncio.getRunningLoop();
    Future<Boolean> onConLost = loop.createFuture();
    Endpoint<DatagramTransport, EchoClientProtocol> endpoint =
        loop.createDatagramEndpoint(
            () -> new EchoClientProtocol(out, message, onConLost),
            null,
            new InetSocketAddress(InetAddress.ofLiteral(HOST), port));
    try {
      onConLost.await();
    } finally {
      endpoint.transport().close();
    }
  }
}

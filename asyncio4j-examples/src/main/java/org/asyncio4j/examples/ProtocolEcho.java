package org.asyncio4j.examples;

import static org.asyncio4j.examples.Programs.repr;
import static org.asyncio4j.examples.Programs.sockaddr;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.asyncio4j.Asyncio;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Future;
import org.asyncio4j.net.BaseTransport;
import org.asyncio4j.net.Endpoint;
import org.asyncio4j.net.Protocol;
import org.asyncio4j.net.Server;
import org.asyncio4j.net.Transport;
import org.jspecify.annotations.Nullable;

/**
 * The asyncio documentation's "TCP Echo Server" and "TCP Echo Client" of the transports and
 * protocols page (asyncio-protocol.html), one program: {@code server PORT} runs the server, {@code
 * client PORT} the client, and no argument runs both in one process on a free port.
 *
 * <pre>{@code
 * class EchoServerProtocol(asyncio.Protocol):
 *     def connection_made(self, transport):
 *         peername = transport.get_extra_info('peername')
 *         print('Connection from {}'.format(peername))
 *         self.transport = transport
 *
 *     def data_received(self, data):
 *         message = data.decode()
 *         print('Data received: {!r}'.format(message))
 *
 *         print('Send: {!r}'.format(message))
 *         self.transport.write(data)
 *
 *         print('Close the client socket')
 *         self.transport.close()
 *
 * async def main():
 *     loop = asyncio.get_running_loop()
 *     server = await loop.create_server(
 *         EchoServerProtocol,
 *         '127.0.0.1', 8888)
 *     async with server:
 *         await server.serve_forever()
 *
 * class EchoClientProtocol(asyncio.Protocol):
 *     def __init__(self, message, on_con_lost):
 *         self.message = message
 *         self.on_con_lost = on_con_lost
 *
 *     def connection_made(self, transport):
 *         transport.write(self.message.encode())
 *         print('Data sent: {!r}'.format(self.message))
 *
 *     def data_received(self, data):
 *         print('Data received: {!r}'.format(data.decode()))
 *
 *     def connection_lost(self, exc):
 *         print('The server closed the connection')
 *         self.on_con_lost.set_result(True)
 *
 * async def main():
 *     loop = asyncio.get_running_loop()
 *     on_con_lost = loop.create_future()
 *     message = 'Hello World!'
 *     transport, protocol = await loop.create_connection(
 *         lambda: EchoClientProtocol(message, on_con_lost),
 *         '127.0.0.1', 8888)
 *     # Wait until the protocol signals that the connection
 *     # is lost and close the transport.
 *     try:
 *         await on_con_lost
 *     finally:
 *         transport.close()
 * }</pre>
 *
 * <p>Mapping: a protocol class implements {@link Protocol}, whose callbacks the loop calls on its
 * own thread; {@code loop.create_future()} is {@link EventLoop#createFuture()}; {@code transport,
 * protocol = await loop.create_connection(...)} is an {@link Endpoint}. The callbacks cannot
 * suspend, as in asyncio: a protocol that needs to wait hands the work to a task. When both sides
 * run in one process, which of "Connection from" and "Data sent" comes first depends on which
 * readiness event the loop's selector reports first; each side's own lines are always in order.
 */
public final class ProtocolEcho {
  /** Where the server listens and the client connects. */
  public static final String HOST = "127.0.0.1";

  /** What the client sends. */
  public static final String MESSAGE = "Hello World!";

  private ProtocolEcho() {}

  /** The docs' {@code EchoServerProtocol}: one per connection, echoes the first data and closes. */
  static final class EchoServerProtocol implements Protocol {
    private final PrintStream out;
    private @Nullable Transport transport;

    EchoServerProtocol(PrintStream out) {
      this.out = out;
    }

    @Override
    public void connectionMade(Transport transport) {
      Object peername = transport.getExtraInfo(BaseTransport.PEERNAME);
      out.println("Connection from " + sockaddr(peername));
      this.transport = transport;
    }

    @Override
    public void dataReceived(byte[] data) {
      Transport t = Objects.requireNonNull(transport, "dataReceived before connectionMade");
      String message = new String(data, StandardCharsets.UTF_8);
      out.println("Data received: " + repr(message));

      out.println("Send: " + repr(message));
      t.write(data);

      out.println("Close the client socket");
      t.close();
    }
  }

  /** The docs' {@code EchoClientProtocol}: sends the message, prints what comes back. */
  static final class EchoClientProtocol implements Protocol {
    private final PrintStream out;
    private final String message;
    private final Future<Boolean> onConLost;

    EchoClientProtocol(PrintStream out, String message, Future<Boolean> onConLost) {
      this.out = out;
      this.message = message;
      this.onConLost = onConLost;
    }

    @Override
    public void connectionMade(Transport transport) {
      transport.write(message.getBytes(StandardCharsets.UTF_8));
      out.println("Data sent: " + repr(message));
    }

    @Override
    public void dataReceived(byte[] data) {
      out.println("Data received: " + repr(new String(data, StandardCharsets.UTF_8)));
    }

    @Override
    public void connectionLost(@Nullable Exception exc) {
      out.println("The server closed the connection");
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
   * Runs what {@code args} name, printing to {@code out}; the server mode serves until the process
   * is stopped.
   *
   * @param out where both sides print
   * @param args {@code server PORT}, {@code client PORT}, or nothing for both on a free port
   * @throws IllegalArgumentException if the arguments are not one of those
   */
  public static void run(PrintStream out, String... args) {
    EchoArgs a = EchoArgs.parse("ProtocolEcho", 0, args);
    switch (a.role()) {
      case SERVER ->
          Asyncio.run(() -> {
            try (Server server = startServer(out, a.port())) {
              server.serveForever();
            }
          });
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
      Server server = startServer(serverOut, 0);
      try {
        client(clientOut, MESSAGE, Programs.port(server));
      } finally {
        server.close();
        server.waitClosed();
      }
    });
  }

  /** The server's {@code loop.create_server(...)}. Runs in a task. */
  static Server startServer(PrintStream out, int port) {
    EventLoop loop = Asyncio.getRunningLoop();
    return loop.createServer(() -> new EchoServerProtocol(out), HOST, port);
  }

  /** The client's {@code main()}. Runs in a task. */
  static void client(PrintStream out, String message, int port) {
    EventLoop loop = Asyncio.getRunningLoop();
    Future<Boolean> onConLost = loop.createFuture();
    Endpoint<Transport, EchoClientProtocol> endpoint =
        loop.createConnection(() -> new EchoClientProtocol(out, message, onConLost), HOST, port);
    // Wait until the protocol signals that the connection is lost and close the transport.
    try {
      onConLost.await();
    } finally {
      endpoint.transport().close();
    }
  }
}

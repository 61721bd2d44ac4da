package org.asyncio4j.examples;

import static org.asyncio4j.examples.Programs.repr;
import static org.asyncio4j.examples.Programs.sockaddr;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.asyncio4j.Asyncio;
import org.asyncio4j.net.BaseTransport;
import org.asyncio4j.net.Server;
import org.asyncio4j.net.StreamPair;
import org.asyncio4j.net.StreamReader;
import org.asyncio4j.net.StreamWriter;
import org.asyncio4j.net.Streams;

/**
 * The asyncio documentation's "TCP echo client using streams" and "TCP echo server using streams"
 * (asyncio-stream.html), one program: {@code server PORT} runs the server, {@code client PORT} the
 * client, and no argument runs both in one process on a free port.
 *
 * <pre>{@code
 * async def tcp_echo_client(message):
 *     reader, writer = await asyncio.open_connection(
 *         '127.0.0.1', 8888)
 *
 *     print(f'Send: {message!r}')
 *     writer.write(message.encode())
 *     await writer.drain()
 *
 *     data = await reader.read(100)
 *     print(f'Received: {data.decode()!r}')
 *
 *     print('Close the connection')
 *     writer.close()
 *     await writer.wait_closed()
 *
 * asyncio.run(tcp_echo_client('Hello World!'))
 *
 * async def handle_echo(reader, writer):
 *     data = await reader.read(100)
 *     message = data.decode()
 *     addr = writer.get_extra_info('peername')
 *
 *     print(f"Received {message!r} from {addr!r}")
 *
 *     print(f"Send: {message!r}")
 *     writer.write(data)
 *     await writer.drain()
 *
 *     print("Close the connection")
 *     writer.close()
 *     await writer.wait_closed()
 *
 * async def main():
 *     server = await asyncio.start_server(
 *         handle_echo, '127.0.0.1', 8888)
 *
 *     addrs = ', '.join(str(sock.getsockname()) for sock in server.sockets)
 *     print(f'Serving on {addrs}')
 *
 *     async with server:
 *         await server.serve_forever()
 *
 * asyncio.run(main())
 * }</pre>
 *
 * <p>Mapping: {@code reader, writer = await asyncio.open_connection(...)} is a {@link StreamPair};
 * {@code async with server:} is try-with-resources on the {@link Server}; {@code !r} of a str and
 * of an address tuple print as Python prints them ({@code 'Hello World!'}, {@code ('127.0.0.1',
 * 54321)}). When both sides run in one process they share its loop, each side printing to its own
 * stream (both {@code System.out} from {@link #main}), so their lines interleave as the loop runs
 * them.
 */
public final class StreamsEcho {
  /** Where the server listens and the client connects. */
  public static final String HOST = "127.0.0.1";

  /** What the client sends. */
  public static final String MESSAGE = "Hello World!";

  /** The most each side reads at once: the docs' {@code reader.read(100)}. */
  static final int READ_MAX_BYTES = 100;

  private StreamsEcho() {}

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
    EchoArgs a = EchoArgs.parse("StreamsEcho", 0, args);
    switch (a.role()) {
      case SERVER -> Asyncio.run(() -> serve(out, a.port()));
      case CLIENT -> Asyncio.run(() -> tcpEchoClient(out, MESSAGE, a.port()));
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
        tcpEchoClient(clientOut, MESSAGE, Programs.port(server));
      } finally {
        server.close();
        server.waitClosed();
      }
    });
  }

  /** The docs' server {@code main()}: listens, then serves until the task is cancelled. */
  static void serve(PrintStream out, int port) {
    try (Server server = startServer(out, port)) {
      server.serveForever();
    }
  }

  /** The first half of the server's {@code main()}: listens and prints where. Runs in a task. */
  static Server startServer(PrintStream out, int port) {
    Server server =
        Streams.startServer((reader, writer) -> handleEcho(out, reader, writer), HOST, port);
    out.println("Serving on " + Programs.addrs(server));
    return server;
  }

  private static void handleEcho(PrintStream out, StreamReader reader, StreamWriter writer) {
    byte[] data = reader.read(READ_MAX_BYTES);
    String message = new String(data, StandardCharsets.UTF_8);
    Object addr = writer.getExtraInfo(BaseTransport.PEERNAME);

    out.println("Received " + repr(message) + " from " + sockaddr(addr));

    out.println("Send: " + repr(message));
    writer.write(data);
    writer.drain();

    out.println("Close the connection");
    writer.close();
    writer.waitClosed();
  }

  /** The docs' {@code tcp_echo_client(message)}. Runs in a task. */
  static void tcpEchoClient(PrintStream out, String message, int port) {
    StreamPair conn = Streams.openConnection(HOST, port);
    StreamReader reader = conn.reader();
    StreamWriter writer = conn.writer();

    out.println("Send: " + repr(message));
    writer.write(message.getBytes(StandardCharsets.UTF_8));
    writer.drain();

    byte[] data = reader.read(READ_MAX_BYTES);
    out.println("Received: " + repr(new String(data, StandardCharsets.UTF_8)));

    out.println("Close the connection");
    writer.close();
    writer.waitClosed();
  }
}

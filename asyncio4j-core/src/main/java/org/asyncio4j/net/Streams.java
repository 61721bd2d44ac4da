package org.asyncio4j.net;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.asyncio4j.Asyncio;
import org.asyncio4j.EventLoop;
import org.asyncio4j.ExceptionContext;
import org.asyncio4j.Task;
import org.asyncio4j.internal.net.StreamReaderProtocol;
import org.jspecify.annotations.Nullable;

/**
 * Stream connections and servers: a {@link StreamReader} and a {@link StreamWriter} over a TCP or
 * Unix-socket connection, instead of a protocol's callbacks. Each method suspends the calling task
 * and uses the running loop.
 *
 * <pre>{@code
 * Asyncio.run(() -> {
 *   Server server = Streams.startServer((reader, writer) -> {
 *     for (byte[] line : reader) {
 *       writer.write(line);
 *       writer.drain();
 *     }
 *     writer.close();
 *   }, "127.0.0.1", 8888);
 *
 *   StreamPair conn = Streams.openConnection("127.0.0.1", 8888);
 *   conn.writer().write("hello\n".getBytes(StandardCharsets.UTF_8));
 *   System.out.print(new String(conn.reader().readline(), StandardCharsets.UTF_8));
 *   conn.writer().close();
 *   conn.writer().waitClosed();
 *   server.close();
 *   server.waitClosed();
 * });
 * }</pre>
 *
 * <p>asyncio: the functions of {@code asyncio.streams}
 */
public final class Streams {
  private Streams() {}

  /**
   * Connects to {@code host:port} over TCP, with the default reader limit and connect options.
   *
   * <p>asyncio: {@code await asyncio.open_connection(host, port)}
   *
   * @param host a name or a literal address
   * @param port the port
   * @return the connection's reader and writer
   * @throws ConnectionRefusedException if nothing listens there
   * @throws java.io.UncheckedIOException if the name does not resolve or another I/O error occurs
   * @throws IllegalStateException if not called from a task
   */
  public static StreamPair openConnection(String host, int port) {
    return openConnection(host, port, StreamReader.DEFAULT_LIMIT_BYTES, ConnectOptions.defaults());
  }

  /**
   * Connects to {@code host:port} over TCP.
   *
   * <p>asyncio: {@code await asyncio.open_connection(host, port, limit=limit, ...)}
   *
   * @param host a name or a literal address
   * @param port the port
   * @param limit the reader's limit (see {@link StreamReader#StreamReader(int)})
   * @param options how to connect (local address, Happy Eyeballs, timeout)
   * @return the connection's reader and writer
   * @throws ConnectionRefusedException if nothing listens there
   * @throws java.io.UncheckedIOException if the name does not resolve or another I/O error occurs
   * @throws org.asyncio4j.AsyncTimeoutException if the options' timeout passes first
   */
  public static StreamPair openConnection(
      String host, int port, int limit, ConnectOptions options) {
    EventLoop loop = Asyncio.getRunningLoop();
    StreamReader reader = new StreamReader(limit);
    StreamReaderProtocol protocol = new StreamReaderProtocol(loop, reader, null);
    Endpoint<Transport, StreamReaderProtocol> endpoint =
        loop.createConnection(() -> protocol, host, port, options);
    return new StreamPair(reader, new StreamWriter(loop, endpoint.transport(), protocol, reader));
  }

  /**
   * Connects to the Unix-domain socket at {@code path}.
   *
   * <p>asyncio: {@code await asyncio.open_unix_connection(path)}
   *
   * @param path the socket file
   * @return the connection's reader and writer
   * @throws java.io.UncheckedIOException if nothing listens there or another I/O error occurs
   */
  public static StreamPair openUnixConnection(Path path) {
    EventLoop loop = Asyncio.getRunningLoop();
    StreamReader reader = new StreamReader();
    StreamReaderProtocol protocol = new StreamReaderProtocol(loop, reader, null);
    Endpoint<Transport, StreamReaderProtocol> endpoint =
        loop.createUnixConnection(() -> protocol, path);
    return new StreamPair(reader, new StreamWriter(loop, endpoint.transport(), protocol, reader));
  }

  /**
   * Listens on {@code host:port} (every interface when {@code host} is null; port 0 picks a free
   * one) and runs {@code handler} in a task of its own for each client.
   *
   * <p>asyncio: {@code await asyncio.start_server(client_connected_cb, host, port)}
   *
   * @param handler serves each client
   * @param host a name, a literal address, or null for every interface
   * @param port the port
   * @return the server, accepting
   * @throws java.io.UncheckedIOException if the address is in use or does not resolve
   */
  public static Server startServer(
      ClientConnectedHandler handler, @Nullable String host, int port) {
    return startServer(
        handler,
        host == null ? List.of() : List.of(host),
        port,
        StreamReader.DEFAULT_LIMIT_BYTES,
        ServerOptions.defaults());
  }

  /**
   * Listens on {@code hosts} at {@code port} and runs {@code handler} in a task of its own for each
   * client, whose reader has {@code limit}.
   *
   * <p>asyncio: {@code await asyncio.start_server(client_connected_cb, hosts, port, limit=limit,
   * ...)}
   *
   * @param handler serves each client
   * @param hosts names or literal addresses; empty for every interface
   * @param port the port
   * @param limit each reader's limit
   * @param options how to listen
   * @return the server
   * @throws java.io.UncheckedIOException if the address is in use or does not resolve
   */
  public static Server startServer(
      ClientConnectedHandler handler,
      List<String> hosts,
      int port,
      int limit,
      ServerOptions options) {
    EventLoop loop = Asyncio.getRunningLoop();
    return loop.createServer(factory(loop, handler, limit), hosts, port, options);
  }

  /**
   * Listens on the Unix-domain socket {@code path} (removed when the server closes) and runs {@code
   * handler} in a task of its own for each client.
   *
   * <p>asyncio: {@code await asyncio.start_unix_server(client_connected_cb, path)}
   *
   * @param handler serves each client
   * @param path the socket file
   * @return the server, accepting
   * @throws java.io.UncheckedIOException if the path is in use or cannot be bound
   */
  public static Server startUnixServer(ClientConnectedHandler handler, Path path) {
    EventLoop loop = Asyncio.getRunningLoop();
    return loop.createUnixServer(
        factory(loop, handler, StreamReader.DEFAULT_LIMIT_BYTES), path, ServerOptions.defaults());
  }

  private static Supplier<StreamReaderProtocol> factory(
      EventLoop loop, ClientConnectedHandler handler, int limit) {
    Objects.requireNonNull(handler, "handler");
    // Checked here rather than per connection: a bad limit fails the call, not every client.
    if (limit <= 0) {
      throw new IllegalArgumentException(
          "Limit cannot be <= 0: a StreamReader needs a positive limit (bytes), got " + limit);
    }
    return () ->
        new StreamReaderProtocol(
            loop,
            new StreamReader(limit),
            (transport, protocol, reader) ->
                serve(loop, handler, transport, protocol, Objects.requireNonNull(reader)));
  }

  /** Runs the handler of one client in its own task; reports its failure and closes on it. */
  private static void serve(
      EventLoop loop,
      ClientConnectedHandler handler,
      Transport transport,
      StreamReaderProtocol protocol,
      StreamReader reader) {
    StreamWriter writer = new StreamWriter(loop, transport, protocol, reader);
    Task<Void> task = loop.createTask(() -> handler.handle(reader, writer));
    task.addDoneCallback(t -> {
      if (t.isCancelled()) {
        transport.close();
        return;
      }
      Throwable exc = t.exception();
      if (exc != null) {
        loop.callExceptionHandler(
            new ExceptionContext(
                "Unhandled exception in client_connected_cb",
                exc,
                null,
                task,
                null,
                Map.of("transport", transport)));
        transport.close();
      }
    });
  }
}

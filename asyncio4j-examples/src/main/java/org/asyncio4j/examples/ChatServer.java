package org.asyncio4j.examples;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.asyncio4j.Asyncio;
import org.asyncio4j.net.ConnectionException;
import org.asyncio4j.net.LimitOverrunException;
import org.asyncio4j.net.Server;
import org.asyncio4j.net.ServerOptions;
import org.asyncio4j.net.StreamPair;
import org.asyncio4j.net.StreamReader;
import org.asyncio4j.net.StreamWriter;
import org.asyncio4j.net.Streams;
import org.jspecify.annotations.Nullable;

/**
 * A line-based chat server (issue 8; the Python original is ours): a client's first line is its
 * name, every later line goes to every other client as {@code "<name>: <line>"}, and the others
 * hear {@code "<name> joined"} and {@code "<name> left"}. {@code server PORT} runs the server (try
 * it with {@code nc 127.0.0.1 PORT} in two terminals); no argument runs a demo: the server on a
 * free port and two scripted clients, alice and bob, in one process.
 *
 * <pre>{@code
 * clients = {}  # writer -> name
 *
 * def broadcast(message, sender=None):
 *     print(message)
 *     for writer in list(clients):
 *         if writer is not sender:
 *             writer.write(f"{message}\n".encode())
 *
 * async def handle(reader, writer):
 *     writer.write(b"Welcome! What is your name?\n")
 *     name = (await reader.readline()).decode().strip()
 *     others = ", ".join(clients.values())
 *     clients[writer] = name
 *     broadcast(f"{name} joined", writer)
 *     here = f"also here: {others}" if others else "nobody else is here"
 *     writer.write(f"Hello {name}; {here}\n".encode())
 *     try:
 *         async for line in reader:
 *             if text := line.decode().strip():
 *                 broadcast(f"{name}: {text}", writer)
 *     finally:
 *         del clients[writer]
 *         broadcast(f"{name} left")
 *         writer.close()
 *
 * async def main(port):
 *     server = await asyncio.start_server(handle, "127.0.0.1", port, limit=4096)
 *     async with server:
 *         await server.serve_forever()
 * }</pre>
 *
 * <p>Each client is served by a task of its own ({@link Streams#startServer}); they all run on the
 * server's loop, one at a time, so the map of clients needs no lock. A broadcast writes without
 * {@code drain()}, which would let one client that does not read stall everybody: instead a client
 * whose unsent backlog passes {@link #MAX_BACKLOG_BYTES} is dropped. A line longer than {@link
 * #MAX_LINE_BYTES} ends the client's session, and a client that vanishes (a reset) has left.
 */
public final class ChatServer {
  /** Where the server listens. */
  public static final String HOST = "127.0.0.1";

  /** The longest line a client may send: each reader's limit. */
  static final int MAX_LINE_BYTES = 4096;

  /** The most a client may leave unread before it is dropped. */
  static final int MAX_BACKLOG_BYTES = 256 * 1024;

  /** What a client hears first. */
  static final String PROMPT = "Welcome! What is your name?";

  private final PrintStream out;

  // Only the server loop's tasks touch it, one at a time; in the order the clients joined.
  private final Map<StreamWriter, String> clients = new LinkedHashMap<>();

  private int guests;

  /**
   * A chat server that prints what it relays to {@code out}; it listens once {@link #start} runs.
   *
   * @param out where its log goes
   */
  ChatServer(PrintStream out) {
    this.out = out;
  }

  /**
   * Runs the server ({@code server PORT}) or the demo (no argument).
   *
   * @param args {@code server PORT}, or nothing
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
   * @param out where the server and the demo's clients print
   * @param args {@code server PORT}, or nothing for the demo
   * @throws IllegalArgumentException if the arguments are not one of those
   */
  public static void run(PrintStream out, String... args) {
    EchoArgs a = EchoArgs.parse("ChatServer", 0, args);
    switch (a.role()) {
      case SERVER ->
          Asyncio.run(() -> {
            try (Server server = new ChatServer(out).start(a.port())) {
              server.serveForever();
            }
          });
      case CLIENT ->
          throw new IllegalArgumentException(
              "ChatServer has no client mode: connect with nc 127.0.0.1 PORT; usage: ChatServer"
                  + " [server PORT]");
      case BOTH -> demo(out, out);
    }
  }

  /**
   * The demo: the server on a free port, and alice and bob joining, talking and leaving, each step
   * waiting for the line it causes, so the output is always the same.
   *
   * @param serverOut where the server prints
   * @param clientOut where the clients print
   */
  public static void demo(PrintStream serverOut, PrintStream clientOut) {
    Asyncio.run(() -> {
      Server server = new ChatServer(serverOut).start(0);
      int port = Programs.port(server);
      try {
        Client alice = Client.join(clientOut, "alice", port);
        Client bob = Client.join(clientOut, "bob", port);
        alice.hears();
        alice.says("hi bob");
        bob.hears();
        bob.says("hello alice");
        alice.hears();
        bob.leaves();
        alice.hears();
        alice.leaves();
      } finally {
        server.close();
        server.waitClosed();
      }
    });
  }

  /** Listens on {@code port} of {@link #HOST} and prints where. Runs in a task. */
  Server start(int port) {
    Server server =
        Streams.startServer(
            this::handle, List.of(HOST), port, MAX_LINE_BYTES, ServerOptions.defaults());
    out.println("Serving on " + Programs.addrs(server));
    return server;
  }

  /** Serves one client, in its own task. */
  private void handle(StreamReader reader, StreamWriter writer) {
    try {
      send(writer, PROMPT);
      byte[] first = reader.readline();
      if (first.length == 0) {
        return; // gone before saying a name
      }
      String name = text(first);
      if (name.isEmpty()) {
        guests++;
        name = "guest" + guests;
      }
      List<String> others = List.copyOf(clients.values());
      clients.put(writer, name);
      broadcast(name + " joined", writer);
      send(
          writer,
          "Hello "
              + name
              + "; "
              + (others.isEmpty()
                  ? "nobody else is here"
                  : "also here: " + String.join(", ", others)));
      try {
        for (byte[] line : reader) {
          String message = text(line);
          if (!message.isEmpty()) {
            broadcast(name + ": " + message, writer);
          }
        }
      } finally {
        clients.remove(writer);
        broadcast(name + " left", null);
      }
    } catch (LimitOverrunException e) {
      send(writer, "Lines are limited to " + MAX_LINE_BYTES + " bytes; goodbye.");
    } catch (ConnectionException _) {
      // The client vanished (a reset, or dropped as too slow): it has left, as announced above.
    } finally {
      writer.close();
    }
  }

  /** Prints {@code message} and sends it to every client but {@code sender}. */
  private void broadcast(String message, @Nullable StreamWriter sender) {
    out.println(message);
    for (StreamWriter w : List.copyOf(clients.keySet())) {
      if (w == sender) {
        continue;
      }
      if (w.transport().getWriteBufferSize() > MAX_BACKLOG_BYTES) {
        // It does not read: keeping its backlog would grow the server's memory without bound.
        // Its own task then sees the connection lost and says it left.
        clients.remove(w);
        w.transport().abort();
        continue;
      }
      send(w, message);
    }
  }

  private static void send(StreamWriter writer, String line) {
    if (!writer.isClosing()) {
      writer.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    }
  }

  private static String text(byte[] line) {
    return new String(line, StandardCharsets.UTF_8).strip();
  }

  /** A scripted client of the demo: says a line, or reads and prints the next one. */
  private record Client(PrintStream out, String name, StreamPair conn) {
    /** Connects, reads the prompt, says its name and reads the greeting. */
    static Client join(PrintStream out, String name, int port) {
      Client c = new Client(out, name, Streams.openConnection(HOST, port));
      c.hears();
      c.says(name);
      c.hears();
      return c;
    }

    void says(String text) {
      out.println(name + " says: " + text);
      conn.writer().write((text + "\n").getBytes(StandardCharsets.UTF_8));
      conn.writer().drain();
    }

    void hears() {
      out.println(name + " hears: " + text(conn.reader().readline()));
    }

    void leaves() {
      out.println(name + " leaves");
      conn.writer().close();
      conn.writer().waitClosed();
    }
  }
}

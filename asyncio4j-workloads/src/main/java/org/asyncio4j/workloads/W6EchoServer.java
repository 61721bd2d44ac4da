package org.asyncio4j.workloads;

import java.util.List;
import java.util.Objects;
import org.asyncio4j.EventLoop;
import org.asyncio4j.net.ConnectionException;
import org.asyncio4j.net.Protocol;
import org.asyncio4j.net.Server;
import org.asyncio4j.net.ServerOptions;
import org.asyncio4j.net.StreamReader;
import org.asyncio4j.net.StreamWriter;
import org.asyncio4j.net.Streams;
import org.asyncio4j.net.Transport;

/**
 * SPEC W6 (echo), the server side: a TCP echo server on one event loop, until killed. The load is
 * the common C echo client ({@code shared/bench/echo_client.c}), which prints the RESULT line; this
 * program prints nothing on stdout. Variant {@code protocol}: {@code dataReceived} writes straight
 * back, as the anchors' {@code EchoProtocol}; variant {@code streams}: {@code Streams.startServer},
 * each client's task reads up to 64 KiB, writes it back and drains, as the anchors' {@code
 * handle_stream}.
 *
 * <p>Run: {@code java --add-opens java.base/java.lang=ALL-UNNAMED -cp asyncio4j-workloads.jar
 * org.asyncio4j.workloads.W6EchoServer --variant protocol --port 25000}
 */
public final class W6EchoServer {
  private W6EchoServer() {}

  /** Writes back whatever arrives. */
  static final class EchoProtocol implements Protocol {
    private Transport transport;

    @Override
    public void connectionMade(Transport transport) {
      this.transport = transport;
    }

    @Override
    public void dataReceived(byte[] data) {
      transport.write(data);
    }
  }

  static final int READ_SIZE = 64 * 1024;

  static void handleStream(StreamReader reader, StreamWriter writer) {
    try {
      while (true) {
        byte[] data = reader.read(READ_SIZE);
        if (data.length == 0) {
          break;
        }
        writer.write(data);
        writer.drain();
      }
    } catch (ConnectionException e) {
      // the client went away: as the anchor's "except ConnectionError: pass"
    } finally {
      writer.close();
    }
  }

  /**
   * Serves until the process is killed.
   *
   * @param args {@code --variant protocol} and optionally {@code --host H --port P}
   */
  public static void main(String[] args) {
    String variant = "protocol";
    String host = "127.0.0.1";
    int port = 25000;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--variant" -> variant = args[i + 1];
        case "--host" -> host = args[i + 1];
        case "--port" -> port = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (!variant.equals("protocol") && !variant.equals("streams")) {
      System.err.println("FAIL echo asyncio4j-" + variant + " unknown variant");
      System.exit(2);
    }
    boolean streams = variant.equals("streams");
    String h = Objects.requireNonNull(host);
    int p = port;
    try (EventLoop loop = EventLoop.create()) {
      loop.runUntilComplete(() -> {
        ServerOptions options = ServerOptions.defaults().withBacklog(1024);
        Server server =
            streams
                ? Streams.startServer(
                    W6EchoServer::handleStream,
                    List.of(h),
                    p,
                    StreamReader.DEFAULT_LIMIT_BYTES,
                    options)
                : loop.createServer(EchoProtocol::new, List.of(h), p, options);
        server.serveForever();
      });
    }
  }
}

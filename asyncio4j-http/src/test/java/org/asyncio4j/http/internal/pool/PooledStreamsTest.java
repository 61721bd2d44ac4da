package org.asyncio4j.http.internal.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.EventLoop;
import org.asyncio4j.ExceptionContext;
import org.asyncio4j.net.BaseTransport;
import org.asyncio4j.net.Server;
import org.asyncio4j.net.StreamPair;
import org.asyncio4j.net.StreamWriter;
import org.asyncio4j.net.Streams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The pool over real loopback TCP connections ({@link Streams#openConnection}) to a local line
 * server: keep-alive reuse of the same socket, and a connection the server closed while it was idle
 * found stale at the next acquire and replaced.
 */
@Timeout(60)
class PooledStreamsTest {
  /** A pooled stream connection: reusable while neither side closed it and nothing is unread. */
  static final class StreamConnection implements PoolableConnection {
    final StreamPair pair;

    StreamConnection(StreamPair pair) {
      this.pair = pair;
    }

    String exchange(String line) {
      pair.writer().write((line + "\n").getBytes(StandardCharsets.US_ASCII));
      return new String(pair.reader().readline(), StandardCharsets.US_ASCII).strip();
    }

    int localPort() {
      Object name = pair.writer().getExtraInfo(BaseTransport.SOCKNAME);
      return ((InetSocketAddress) java.util.Objects.requireNonNull(name)).getPort();
    }

    @Override
    public boolean isReusable() {
      return !pair.writer().isClosing()
          && !pair.reader().atEof()
          && pair.reader().exception() == null;
    }

    @Override
    public void close() {
      pair.writer().close();
    }
  }

  private EventLoop loop;
  private final List<ExceptionContext> messages = new ArrayList<>();
  private final List<StreamWriter> serverSides = new ArrayList<>();

  @BeforeEach
  void setUp() {
    loop = EventLoop.create();
    loop.setExceptionHandler((l, context) -> messages.add(context));
  }

  @AfterEach
  void tearDown() {
    loop.close();
    assertThat(messages).isEmpty();
  }

  /** Answers each line with "n:line", n counting this connection's lines, until EOF. */
  private Server startLineServer() {
    return Streams.startServer(
        (reader, writer) -> {
          serverSides.add(writer);
          int n = 0;
          while (true) {
            byte[] line = reader.readline();
            if (line.length == 0) {
              break;
            }
            n++;
            writer.write(
                (n + ":" + new String(line, StandardCharsets.US_ASCII))
                    .getBytes(StandardCharsets.US_ASCII));
            writer.drain();
          }
          writer.close();
        },
        "127.0.0.1",
        0);
  }

  private static int port(Server server) throws java.io.IOException {
    return ((InetSocketAddress) server.sockets().get(0).getLocalAddress()).getPort();
  }

  private ConnectionPool<StreamConnection> pool() {
    return new ConnectionPool<>(
        loop,
        PoolSettings.defaults(),
        key -> new StreamConnection(Streams.openConnection(key.host(), key.port())),
        PoolListener.NONE);
  }

  @Test
  void aReleasedConnectionCarriesTheNextRequestOnTheSameSocket() {
    loop.runUntilComplete(() -> {
      Server server = startLineServer();
      ConnectionKey key = ConnectionKey.of("http", "127.0.0.1", port(server), null, null);
      ConnectionPool<StreamConnection> pool = pool();
      int firstPort;
      try (Lease<StreamConnection> lease = pool.acquire(key)) {
        assertThat(lease.connection().exchange("hello")).isEqualTo("1:hello");
        firstPort = lease.connection().localPort();
      }
      try (Lease<StreamConnection> lease = pool.acquire(key)) {
        assertThat(lease.isReused()).isTrue();
        assertThat(lease.connection().localPort()).isEqualTo(firstPort);
        assertThat(lease.connection().exchange("again")).isEqualTo("2:again");
      }
      assertThat(serverSides).hasSize(1);
      pool.close();
      server.close();
      server.waitClosed();
    });
  }

  @Test
  void aConnectionTheServerClosedWhileIdleIsReplacedAtAcquire() {
    loop.runUntilComplete(() -> {
      Server server = startLineServer();
      ConnectionKey key = ConnectionKey.of("http", "127.0.0.1", port(server), null, null);
      ConnectionPool<StreamConnection> pool = pool();
      StreamConnection first;
      try (Lease<StreamConnection> lease = pool.acquire(key)) {
        first = lease.connection();
        assertThat(first.exchange("hello")).isEqualTo("1:hello");
      }
      serverSides.get(0).close(); // the server's keep-alive timer, say
      assertThat(first.pair.reader().read(-1)).isEmpty(); // wait for its EOF to arrive
      try (Lease<StreamConnection> lease = pool.acquire(key)) {
        assertThat(lease.isReused()).isFalse();
        assertThat(lease.connection()).isNotSameAs(first);
        assertThat(lease.connection().exchange("fresh")).isEqualTo("1:fresh");
      }
      assertThat(first.pair.writer().isClosing()).isTrue();
      assertThat(serverSides).hasSize(2);
      assertThat(pool.stats()).isEqualTo(new PoolStats(1, 0, 0, 1, 0, 1));
      pool.close();
      server.close();
      server.waitClosed();
    });
  }
}

package org.asyncio4j.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.asyncio4j.net.StreamsTest.b;
import static org.asyncio4j.net.StreamsTest.s;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.Asyncio;
import org.asyncio4j.EventLoop;
import org.asyncio4j.ExceptionContext;
import org.asyncio4j.Future;
import org.asyncio4j.VoidCoroutine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Streams} over loopback TCP and a Unix socket: the connection and server cases of CPython's
 * {@code test_streams.py} (3.13), and an echo of lines then EOF. Every test fails if anything
 * reaches the loop's exception handler that it did not expect.
 */
@Timeout(60)
class StreamsTcpTest {
  private EventLoop loop;
  private final List<ExceptionContext> messages = new ArrayList<>();

  @BeforeEach
  void setUp() {
    loop = EventLoop.create();
    loop.setExceptionHandler((l, context) -> messages.add(context));
  }

  @AfterEach
  void tearDown() {
    loop.close();
  }

  private void run(VoidCoroutine body) {
    loop.runUntilComplete(body);
  }

  private static int port(Server server) throws IOException {
    return ((InetSocketAddress) server.sockets().get(0).getLocalAddress()).getPort();
  }

  /** asyncio's MyServer.handle_client: echo one line, then close. */
  private static final ClientConnectedHandler ECHO_ONE_LINE =
      (reader, writer) -> {
        byte[] data = reader.readline();
        writer.write(data);
        writer.drain();
        writer.close();
        writer.waitClosed();
      };

  /** asyncio's client(addr) of test_start_server. */
  private static byte[] client(int port) {
    StreamPair conn = Streams.openConnection("127.0.0.1", port);
    conn.writer().write(b("hello world!\n"));
    byte[] msgback = conn.reader().readline();
    conn.writer().close();
    conn.writer().waitClosed();
    return msgback;
  }

  @Test
  void startServer() {
    // ported from test_streams.py::test_start_server (the coroutine variant; Java has no plain
    // callback variant: a handler always runs in a task of its own)
    run(() -> {
      Server server = Streams.startServer(ECHO_ONE_LINE, "127.0.0.1", 0);
      byte[] msg = client(port(server));
      server.close();
      server.waitClosed();
      assertThat(s(msg)).isEqualTo("hello world!\n");
    });
    assertThat(messages).isEmpty();
  }

  @Test
  void startUnixServer(@TempDir Path dir) {
    // ported from test_streams.py::test_start_unix_server
    Path path = dir.resolve("streams.sock");
    run(() -> {
      Server server = Streams.startUnixServer(ECHO_ONE_LINE, path);
      StreamPair conn = Streams.openUnixConnection(path);
      conn.writer().write(b("hello world!\n"));
      byte[] msgback = conn.reader().readline();
      conn.writer().close();
      conn.writer().waitClosed();
      server.close();
      server.waitClosed();
      assertThat(s(msgback)).isEqualTo("hello world!\n");
    });
    assertThat(messages).isEmpty();
  }

  @Test
  void openConnectionError() {
    // ported from test_streams.py::test_open_connection_error: the protocol's connectionLost with
    // an exception reaches the reader.
    run(() -> {
      Server server = Streams.startServer((r, w) -> {}, "127.0.0.1", 0);
      StreamPair conn = Streams.openConnection("127.0.0.1", port(server));
      ArithmeticException exc = new ArithmeticException("/ by zero");
      protocolOf(conn).connectionLost(exc);
      assertThatThrownBy(() -> conn.reader().read(-1)).isSameAs(exc);
      conn.writer().close();
      Asyncio.sleep(java.time.Duration.ZERO);
      server.close();
      server.abortClients();
      server.waitClosed();
    });
    assertThat(messages).isEmpty();
  }

  private static org.asyncio4j.internal.net.StreamReaderProtocol protocolOf(StreamPair conn) {
    return (org.asyncio4j.internal.net.StreamReaderProtocol)
        conn.writer().transport().getProtocol();
  }

  @Test
  void drainRaises() throws Exception {
    // ported from test_streams.py::test_drain_raises (bpo-25441): a blocking server that accepts
    // and closes at once; the client's write/drain loop must end with a connection error.
    try (ServerSocket blocking =
        new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Thread acceptor =
          Thread.ofPlatform()
              .start(() -> {
                try {
                  blocking.accept().close();
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });
      assertThatThrownBy(() ->
              run(() -> {
                StreamPair conn = Streams.openConnection("127.0.0.1", blocking.getLocalPort());
                while (true) {
                  conn.writer().write(b("foo\n"));
                  conn.writer().drain();
                }
              }))
          .isInstanceOf(ConnectionException.class);
      acceptor.join();
    }
    assertThat(messages).isEmpty();
  }

  @Test
  void waitClosedOnClose() {
    // ported from test_streams.py::test_wait_closed_on_close and
    // test_streams.py::test_async_writer_api (an HTTP-ish server that answers and closes)
    run(() -> {
      Server server =
          Streams.startServer(
              (reader, writer) -> {
                reader.readuntil(b("\r\n\r\n"));
                writer.write(b("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nTest message"));
                writer.close();
              },
              "127.0.0.1",
              0);
      StreamPair conn = Streams.openConnection("127.0.0.1", port(server));
      conn.writer().write(b("GET / HTTP/1.0\r\n\r\n"));
      assertThat(s(conn.reader().readline())).isEqualTo("HTTP/1.0 200 OK\r\n");
      assertThat(s(conn.reader().read(-1))).endsWith("\r\n\r\nTest message");
      assertThat(conn.writer().isClosing()).isFalse();
      conn.writer().close();
      assertThat(conn.writer().isClosing()).isTrue();
      conn.writer().waitClosed();
      server.close();
      server.waitClosed();
    });
    assertThat(messages).isEmpty();
  }

  @Test
  void asyncWriterApiExceptionAfterClose() {
    // ported from test_streams.py::test_async_writer_api_exception_after_close
    run(() -> {
      Server server = Streams.startServer(ECHO_ONE_LINE, "127.0.0.1", 0);
      StreamPair conn = Streams.openConnection("127.0.0.1", port(server));
      conn.writer().close();
      assertThatThrownBy(
              () -> {
                conn.writer().write(b("data"));
                conn.writer().drain();
              })
          .isInstanceOf(ConnectionResetException.class);
      server.close();
      server.waitClosed();
    });
    assertThat(messages).isEmpty();
  }

  @Test
  void eofFeedWhenClosingWriter() {
    // ported from test_streams.py::test_eof_feed_when_closing_writer (bpo-35065)
    run(() -> {
      Server server = Streams.startServer(ECHO_ONE_LINE, "127.0.0.1", 0);
      StreamPair conn = Streams.openConnection("127.0.0.1", port(server));
      conn.writer().close();
      conn.writer().waitClosed();
      assertThat(conn.reader().atEof()).isTrue();
      assertThat(conn.reader().read(-1)).isEmpty();
      server.close();
      server.waitClosed();
    });
    assertThat(messages).isEmpty();
  }

  /** CPython's _basetest_unhandled_exceptions: one client sends a message and closes. */
  private void serveOneClient(ClientConnectedHandler handler) {
    run(() -> {
      Server server = Streams.startServer(handler, "127.0.0.1", 0);
      StreamPair conn = Streams.openConnection("127.0.0.1", port(server));
      conn.writer().write(b("test msg"));
      conn.writer().drain();
      conn.writer().close();
      conn.writer().waitClosed();
      server.close();
      server.waitClosed();
    });
  }

  @Test
  void unhandledException() {
    // ported from test_streams.py::test_unhandled_exception
    serveOneClient((reader, writer) -> {
      throw new Exception("test");
    });
    assertThat(messages).hasSize(1);
    assertThat(messages.get(0).message()).isEqualTo("Unhandled exception in client_connected_cb");
    assertThat(messages.get(0).exception()).hasMessage("test");
    assertThat(messages.get(0).extra()).containsKey("transport");
  }

  @Test
  void unhandledCancel() {
    // ported from test_streams.py::test_unhandled_cancel
    serveOneClient((reader, writer) -> {
      writer.close();
      java.util.Objects.requireNonNull(Asyncio.currentTask()).cancel();
      Asyncio.sleep(java.time.Duration.ZERO);
    });
    assertThat(messages).isEmpty();
  }

  @Test
  void aFailingHandlerIsReportedAndTheServerGoesOn() {
    run(() -> {
      Server server =
          Streams.startServer(
              (reader, writer) -> {
                byte[] line = reader.readline();
                if (s(line).startsWith("fail")) {
                  throw new IllegalStateException("handler failed on " + s(line).strip());
                }
                writer.write(line);
                writer.close();
              },
              "127.0.0.1",
              0);
      int port = port(server);
      StreamPair bad = Streams.openConnection("127.0.0.1", port);
      bad.writer().write(b("fail\n"));
      // The server closes the failed client's connection.
      assertThat(bad.reader().read(-1)).isEmpty();
      bad.writer().close();
      StreamPair good = Streams.openConnection("127.0.0.1", port);
      good.writer().write(b("fine\n"));
      assertThat(s(good.reader().read(-1))).isEqualTo("fine\n");
      good.writer().close();
      good.writer().waitClosed();
      server.close();
      server.waitClosed();
      assertThat(server.isServing()).isFalse();
    });
    assertThat(messages).hasSize(1);
    assertThat(messages.get(0).exception()).hasMessage("handler failed on fail");
  }

  @Test
  void echoOfLinesThenEofWithSeveralClientsAtOnce() {
    run(() -> {
      Server server =
          Streams.startServer(
              (reader, writer) -> {
                for (byte[] line : reader) {
                  writer.write(line);
                  writer.drain();
                }
                writer.close();
                writer.waitClosed();
              },
              "127.0.0.1",
              0);
      int port = port(server);
      List<Future<String>> clients = new ArrayList<>();
      for (int c = 0; c < 5; c++) {
        int id = c;
        clients.add(
            Asyncio.createTask(() -> {
              StreamPair conn = Streams.openConnection("127.0.0.1", port);
              StringBuilder sent = new StringBuilder();
              for (int i = 0; i < 200; i++) {
                String line = "client " + id + " line " + i + " " + "x".repeat(i * 7) + "\n";
                sent.append(line);
                conn.writer().write(b(line));
                conn.writer().drain();
              }
              conn.writer().writeEof();
              String back = s(conn.reader().read(-1));
              conn.writer().close();
              conn.writer().waitClosed();
              return back.equals(sent.toString()) ? "ok" : "mismatch: " + back.length();
            }));
      }
      for (Future<String> f : clients) {
        assertThat(f.await()).isEqualTo("ok");
      }
      server.close();
      server.waitClosed();
    });
    assertThat(messages).isEmpty();
  }

  @Test
  void aLargeTransferIsFlowControlledBothWays() {
    // 8 MiB through a reader whose limit is 1 KiB: its transport pauses and resumes many times, and
    // the sender's drain() waits on the way; the bytes arrive whole and in order.
    int total = 8 * 1024 * 1024;
    run(() -> {
      long[] received = {0};
      long[] checksum = {0};
      Future<Integer> done = Asyncio.getRunningLoop().createFuture();
      ClientConnectedHandler sink =
          (reader, writer) -> {
            while (true) {
              byte[] chunk = reader.read(4096);
              if (chunk.length == 0) {
                break;
              }
              for (byte x : chunk) {
                checksum[0] = checksum[0] * 31 + x;
              }
              received[0] += chunk.length;
            }
            writer.close();
            done.setResult(0);
          };
      Server server =
          Streams.startServer(sink, List.of("127.0.0.1"), 0, 1024, ServerOptions.defaults());
      StreamPair conn = Streams.openConnection("127.0.0.1", port(server));
      long expected = 0;
      byte[] block = new byte[64 * 1024];
      for (int sent = 0; sent < total; sent += block.length) {
        for (int i = 0; i < block.length; i++) {
          block[i] = (byte) ((sent + i) * 7);
          expected = expected * 31 + block[i];
        }
        conn.writer().write(block);
        conn.writer().drain();
      }
      conn.writer().writeEof();
      done.await();
      assertThat(received[0]).isEqualTo(total);
      assertThat(checksum[0]).isEqualTo(expected);
      conn.writer().close();
      conn.writer().waitClosed();
      server.close();
      server.waitClosed();
    });
    assertThat(messages).isEmpty();
  }
}

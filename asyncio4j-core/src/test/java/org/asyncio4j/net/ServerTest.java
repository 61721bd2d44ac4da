package org.asyncio4j.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.Asyncio;
import org.asyncio4j.CancelledException;
import org.asyncio4j.EventLoop;
import org.asyncio4j.ExceptionContext;
import org.asyncio4j.Task;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's life cycle (CPython's test_server.py), Unix-domain sockets, IPv6 loopback, Happy
 * Eyeballs, BufferedProtocol and setProtocol, and what a loop's close releases.
 */
@Timeout(60)
class ServerTest {
  private EventLoop loop;
  private final List<ExceptionContext> reports = new ArrayList<>();

  @BeforeEach
  void setUp() {
    loop = EventLoop.create();
    loop.setExceptionHandler((l, ctx) -> reports.add(ctx));
  }

  @AfterEach
  void tearDown() {
    loop.close();
    assertThat(reports).as("unexpected exception-handler calls").isEmpty();
  }

  private static int port(Server server) {
    try {
      return ((InetSocketAddress) server.sockets().get(0).getLocalAddress()).getPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ported from test_server.py::test_wait_closed_basic (3.12+: it waits for the connections)
  @Test
  void waitClosedWaitsForTheConnectionsTheServerAccepted() {
    loop.runUntilComplete(() -> {
      Server server = loop.createServer(TransportTest.Echo::new, "127.0.0.1", 0);
      Endpoint<Transport, TransportTest.Recorder> client =
          loop.createConnection(() -> new TransportTest.Recorder(loop), "127.0.0.1", port(server));
      server.close();
      assertThat(server.isServing()).isFalse();
      assertThat(server.sockets()).isEmpty();
      Task<Void> waiter = Asyncio.createTask(server::waitClosed);
      Asyncio.sleep(Duration.ofMillis(20));
      assertThat(waiter.isDone()).isFalse(); // the client's connection is still open
      client.transport().close();
      waiter.await();
      server.waitClosed(); // at once now
    });
  }

  // ported from test_server.py::test_close_clients / test_abort_clients (3.13)
  @Test
  void closeClientsAndAbortClientsEndEveryAcceptedConnection() {
    loop.runUntilComplete(() -> {
      Server server = loop.createServer(TransportTest.Echo::new, "127.0.0.1", 0);
      List<TransportTest.Recorder> clients = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        clients.add(
            loop.createConnection(() -> new TransportTest.Recorder(loop), "127.0.0.1", port(server))
                .protocol());
      }
      while (org.asyncio4j.internal.net.NetProbes.clients(server) < 4) {
        Asyncio.sleep(Duration.ofMillis(1));
      }
      server.close();
      server.closeClients();
      for (TransportTest.Recorder r : clients) {
        assertThat(r.lost.await()).isNull(); // the peer closed: EOF, then lost
      }
      server.waitClosed();
    });
  }

  // ported from test_server.py::test_serve_forever (cancelling it closes the server)
  @Test
  void cancellingServeForeverClosesTheServerAndWaitsForIt() {
    loop.runUntilComplete(() -> {
      Server server = loop.createServer(TransportTest.Echo::new, "127.0.0.1", 0);
      Task<Void> forever = Asyncio.createTask(server::serveForever);
      Asyncio.sleep(Duration.ZERO);
      assertThatThrownBy(server::serveForever)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("already being awaited on serveForever()");
      forever.cancel();
      assertThatThrownBy(forever::await).isInstanceOf(CancelledException.class);
      assertThat(server.isServing()).isFalse();
      assertThat(server.sockets()).isEmpty();
      assertThatThrownBy(server::serveForever)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("is closed");
    });
  }

  // asyncio: closing a server from elsewhere makes serve_forever() raise CancelledError
  @Test
  void closingTheServerEndsServeForeverWithACancellationAsInAsyncio() {
    loop.runUntilComplete(() -> {
      Server server = loop.createServer(TransportTest.Echo::new, "127.0.0.1", 0);
      Task<Void> forever = Asyncio.createTask(server::serveForever);
      Asyncio.sleep(Duration.ZERO);
      server.close();
      assertThatThrownBy(forever::await).isInstanceOf(CancelledException.class);
    });
  }

  @Test
  void aServerNotStartedAcceptsNothingUntilStartServing() {
    loop.runUntilComplete(() -> {
      List<String> accepted = new ArrayList<>();
      try (Server server =
          loop.createServer(
              () ->
                  new Protocol() {
                    @Override
                    public void connectionMade(Transport transport) {
                      accepted.add("made");
                    }
                  },
              List.of("127.0.0.1"),
              0,
              ServerOptions.defaults().withStartServing(false))) {
        assertThat(server.isServing()).isFalse();
        // The kernel completes the handshake (the backlog), but nothing is accepted yet.
        Endpoint<Transport, TransportTest.Recorder> c =
            loop.createConnection(
                () -> new TransportTest.Recorder(loop), "127.0.0.1", port(server));
        Asyncio.sleep(Duration.ofMillis(20));
        assertThat(accepted).isEmpty();
        server.startServing();
        server.startServing(); // idempotent
        while (accepted.isEmpty()) {
          Asyncio.sleep(Duration.ofMillis(1));
        }
        assertThat(server.isServing()).isTrue();
        c.transport().close();
      }
    });
  }

  @Test
  void aFailingProtocolFactoryIsReportedAndTheServerGoesOn() {
    List<ExceptionContext> seen = new ArrayList<>();
    loop.setExceptionHandler((l, ctx) -> seen.add(ctx));
    loop.runUntilComplete(() -> {
      int[] calls = {0};
      try (Server server =
          loop.createServer(
              () -> {
                if (calls[0]++ == 0) {
                  throw new IllegalStateException("factory broke");
                }
                return new TransportTest.Echo();
              },
              "127.0.0.1",
              0)) {
        TransportTest.Recorder first =
            loop.createConnection(() -> new TransportTest.Recorder(loop), "127.0.0.1", port(server))
                .protocol();
        first.lost.await(); // the server closed it
        Endpoint<Transport, TransportTest.Recorder> second =
            loop.createConnection(
                () -> new TransportTest.Recorder(loop), "127.0.0.1", port(server));
        second.transport().write("ok".getBytes(StandardCharsets.US_ASCII));
        second.transport().writeEof();
        second.protocol().lost.await();
        assertThat(second.protocol().received.text()).isEqualTo("ok");
      }
    });
    assertThat(seen).hasSize(1);
    assertThat(seen.get(0).message()).contains("Error on transport creation");
    assertThat(seen.get(0).exception()).hasMessage("factory broke");
  }

  @Test
  void aProtocolThatThrowsInDataReceivedLosesItsConnectionAndIsReported() {
    List<ExceptionContext> seen = new ArrayList<>();
    loop.setExceptionHandler((l, ctx) -> seen.add(ctx));
    loop.runUntilComplete(() -> {
      try (Server server = loop.createServer(TransportTest.Echo::new, "127.0.0.1", 0)) {
        List<@Nullable Exception> lost = new ArrayList<>();
        org.asyncio4j.Future<String> done = loop.createFuture();
        Endpoint<Transport, Protocol> e =
            loop.createConnection(
                () ->
                    new Protocol() {
                      @Override
                      public void dataReceived(byte[] data) {
                        throw new IllegalArgumentException("bad data");
                      }

                      @Override
                      public void connectionLost(@Nullable Exception exc) {
                        lost.add(exc);
                        done.setResult("lost");
                      }
                    },
                "127.0.0.1",
                port(server));
        e.transport().write(new byte[] {1});
        done.await();
        assertThat(lost).hasSize(1);
        assertThat(lost.get(0)).hasMessage("bad data");
      }
    });
    assertThat(seen).hasSize(1);
    assertThat(seen.get(0).message()).contains("protocol.dataReceived() call failed");
  }

  // ported from test_unix_events.py (create_unix_server / create_unix_connection)
  @Test
  void unixSocketsConnectAndTheSocketFileIsRemovedOnClose(@TempDir Path dir) {
    Path path = dir.resolve("echo.sock");
    loop.runUntilComplete(() -> {
      Server server =
          loop.createUnixServer(TransportTest.Echo::new, path, ServerOptions.defaults());
      assertThat(Files.exists(path)).isTrue();
      Endpoint<Transport, TransportTest.Recorder> c =
          loop.createUnixConnection(() -> new TransportTest.Recorder(loop), path);
      c.transport().write("unix".getBytes(StandardCharsets.US_ASCII));
      c.transport().writeEof();
      assertThat(c.protocol().lost.await()).isNull();
      assertThat(c.protocol().received.text()).isEqualTo("unix");
      server.close();
      server.waitClosed();
      assertThat(Files.exists(path)).isFalse();
      // a stale socket file (a server that did not close) is replaced by the next server
      Server again = loop.createUnixServer(TransportTest.Echo::new, path, ServerOptions.defaults());
      again.close();
    });
  }

  @Test
  void ipv6LoopbackWorksWhereTheMachineHasIt() {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        hasIpv6Loopback(), "this machine has no IPv6 loopback (::1 cannot be bound)");
    loop.runUntilComplete(() -> {
      try (Server server = loop.createServer(TransportTest.Echo::new, "::1", 0)) {
        Endpoint<Transport, TransportTest.Recorder> c =
            loop.createConnection(() -> new TransportTest.Recorder(loop), "::1", port(server));
        assertThat(String.valueOf(c.transport().getExtraInfo(BaseTransport.PEERNAME)))
            .contains("0:0:0:0:0:0:0:1");
        c.transport().write("v6".getBytes(StandardCharsets.US_ASCII));
        c.transport().writeEof();
        c.protocol().lost.await();
        assertThat(c.protocol().received.text()).isEqualTo("v6");
      }
    });
  }

  private static boolean hasIpv6Loopback() {
    try (java.net.ServerSocket s = new java.net.ServerSocket()) {
      s.bind(new InetSocketAddress(java.net.InetAddress.ofLiteral("::1"), 0));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  // asyncio's Happy Eyeballs: an address that does not answer does not hold up the next one
  @Test
  void happyEyeballsStartsTheNextAddressWhenTheFirstFails() {
    loop.runUntilComplete(() -> {
      try (Server server = loop.createServer(TransportTest.Echo::new, "127.0.0.1", 0)) {
        int port = port(server);
        ConnectOptions options =
            ConnectOptions.defaults().withHappyEyeballsDelay(Duration.ofMillis(250));
        assertThat(options.interleave()).isEqualTo(1);
        Endpoint<Transport, TransportTest.Recorder> c =
            org.asyncio4j.internal.net.NetProbes.connectStaggered(
                loop,
                List.of("127.0.0.2", "127.0.0.1"), // 127.0.0.2: nothing listens there
                port,
                options,
                () -> new TransportTest.Recorder(loop));
        assertThat(c.transport().getExtraInfo(BaseTransport.PEERNAME))
            .isEqualTo(new InetSocketAddress(java.net.InetAddress.ofLiteral("127.0.0.1"), port));
        c.transport().close();
      }
    });
  }

  @Test
  void aConnectTimeoutRaisesTheTimeoutException() {
    loop.runUntilComplete(() -> {
      // An unroutable address (TEST-NET-1, RFC 5737): the SYN goes nowhere.
      assertThatThrownBy(() ->
              loop.createConnection(
                  () -> new TransportTest.Recorder(loop),
                  "192.0.2.1",
                  80,
                  ConnectOptions.defaults().withTimeout(Duration.ofMillis(100))))
          .satisfiesAnyOf(
              e -> assertThat(e).isInstanceOf(org.asyncio4j.AsyncTimeoutException.class),
              // some sandboxes refuse unroutable addresses at once
              e -> assertThat(e).isInstanceOf(UncheckedIOException.class));
    });
  }

  @Test
  void aBufferedProtocolReadsIntoItsOwnBuffer() {
    loop.runUntilComplete(() -> {
      try (Server server = loop.createServer(TransportTest.Echo::new, "127.0.0.1", 0)) {
        org.asyncio4j.Future<String> done = loop.createFuture();
        ByteBuffer mine = ByteBuffer.allocate(3); // smaller than the data: several reads
        StringBuilder got = new StringBuilder();
        List<Integer> sizes = new ArrayList<>();
        BufferedProtocol p =
            new BufferedProtocol() {
              @Override
              public ByteBuffer getBuffer(int sizeHint) {
                return mine.clear();
              }

              @Override
              public void bufferUpdated(int nbytes) {
                sizes.add(nbytes);
                got.append(new String(mine.array(), 0, nbytes, StandardCharsets.US_ASCII));
              }

              @Override
              public void connectionLost(@Nullable Exception exc) {
                done.setResult(got.toString());
              }
            };
        Endpoint<Transport, BufferedProtocol> c =
            loop.createConnection(() -> p, "127.0.0.1", port(server));
        c.transport().write("abcdefgh".getBytes(StandardCharsets.US_ASCII));
        c.transport().writeEof();
        assertThat(done.await()).isEqualTo("abcdefgh");
        assertThat(sizes).allMatch(n -> n >= 1 && n <= 3);
      }
    });
  }

  @Test
  void setProtocolHandsTheConnectionToAnotherProtocol() {
    loop.runUntilComplete(() -> {
      try (Server server = loop.createServer(TransportTest.Echo::new, "127.0.0.1", 0)) {
        TransportTest.Recorder first = new TransportTest.Recorder(loop);
        TransportTest.Recorder second = new TransportTest.Recorder(loop);
        Endpoint<Transport, TransportTest.Recorder> c =
            loop.createConnection(() -> first, "127.0.0.1", port(server));
        c.transport().setProtocol(second);
        assertThat(c.transport().getProtocol()).isSameAs(second);
        c.transport().write("x".getBytes(StandardCharsets.US_ASCII));
        c.transport().writeEof();
        second.lost.await();
        assertThat(first.events).containsExactly("made");
        assertThat(second.events).containsExactly("data", "eof", "lost");
      }
    });
  }

  @Test
  void closingTheLoopReleasesTransportsStillOpen() throws Exception {
    List<java.nio.channels.SocketChannel> channel = new ArrayList<>();
    try (EventLoop other = EventLoop.create()) {
      other.runUntilComplete(() -> {
        Server server = other.createServer(TransportTest.Echo::new, "127.0.0.1", 0);
        Endpoint<Transport, Protocol> c =
            other.createConnection(() -> new Protocol() {}, "127.0.0.1", port(server));
        channel.add(
            (java.nio.channels.SocketChannel)
                java.util.Objects.requireNonNull(c.transport().getExtraInfo(BaseTransport.SOCKET)));
        server.close();
      });
      assertThat(channel.get(0).isOpen()).isTrue();
    }
    assertThat(channel.get(0).isOpen()).isFalse();
  }
}

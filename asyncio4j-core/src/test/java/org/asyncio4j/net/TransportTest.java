package org.asyncio4j.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.asyncio4j.EventLoop;
import org.asyncio4j.ExceptionContext;
import org.asyncio4j.Future;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * TCP transports and protocols over loopback: callback order, echo, back-pressure both ways,
 * half-close, reset, refused connections, a large transfer. Fails on any unexpected report to the
 * exception handler, as uvloop's test base does.
 */
@Timeout(60)
class TransportTest {
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

  /** Records every callback, in order, for the order tests. */
  static class Recorder implements Protocol {
    final List<String> events = new ArrayList<>();
    final ByteArrayCollector received = new ByteArrayCollector();
    @Nullable Transport transport;
    final Future<@Nullable Exception> lost;
    boolean keepOpenOnEof;

    Recorder(EventLoop loop) {
      this.lost = loop.createFuture();
    }

    @Override
    public void connectionMade(Transport transport) {
      this.transport = transport;
      events.add("made");
    }

    @Override
    public void dataReceived(byte[] data) {
      if (events.isEmpty() || !events.get(events.size() - 1).equals("data")) {
        events.add("data");
      }
      received.add(data);
    }

    @Override
    public boolean eofReceived() {
      events.add("eof");
      return keepOpenOnEof;
    }

    @Override
    public void connectionLost(@Nullable Exception exc) {
      events.add("lost");
      lost.setResult(exc);
    }
  }

  /** Collects received bytes. */
  static final class ByteArrayCollector {
    private final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

    void add(byte[] b) {
      out.write(b, 0, b.length);
    }

    String text() {
      return out.toString(StandardCharsets.UTF_8);
    }

    int size() {
      return out.size();
    }
  }

  /** An echo protocol, as the examples of asyncio's documentation. */
  static final class Echo implements Protocol {
    private @Nullable Transport transport;

    @Override
    public void connectionMade(Transport transport) {
      this.transport = transport;
    }

    @Override
    public void dataReceived(byte[] data) {
      java.util.Objects.requireNonNull(transport).write(data);
    }
  }

  private static int port(Server server) {
    try {
      return ((InetSocketAddress) server.sockets().get(0).getLocalAddress()).getPort();
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ported from test_events.py::test_create_connection and the order rules of protocols.py
  @Test
  void aClientSeesMadeThenDataThenEofThenLostInThatOrder() {
    loop.runUntilComplete(() -> {
      Server server = loop.createServer(Echo::new, "127.0.0.1", 0);
      Recorder client = new Recorder(loop);
      Endpoint<Transport, Recorder> e =
          loop.createConnection(() -> client, "127.0.0.1", port(server));
      assertThat(e.protocol()).isSameAs(client);
      assertThat(client.events).containsExactly("made"); // made before the call returns
      e.transport().write("hello".getBytes(StandardCharsets.US_ASCII));
      e.transport().writeEof();
      // The echo server's protocol closes on EOF (eofReceived() is false by default).
      assertThat(client.lost.await()).isNull();
      assertThat(client.events).containsExactly("made", "data", "eof", "lost");
      assertThat(client.received.text()).isEqualTo("hello");
      assertThat(e.transport().isClosing()).isTrue();
      server.close();
      server.waitClosed();
    });
  }

  @Test
  void extraInfoNamesBothEndsAndTheChannel() {
    loop.runUntilComplete(() -> {
      try (Server server = loop.createServer(Echo::new, "127.0.0.1", 0)) {
        Endpoint<Transport, Recorder> e =
            loop.createConnection(() -> new Recorder(loop), "127.0.0.1", port(server));
        Transport t = e.transport();
        assertThat(t.getExtraInfo(BaseTransport.PEERNAME))
            .isEqualTo(
                new InetSocketAddress(java.net.InetAddress.ofLiteral("127.0.0.1"), port(server)));
        assertThat(t.getExtraInfo(BaseTransport.SOCKNAME)).isInstanceOf(InetSocketAddress.class);
        assertThat(t.getExtraInfo(BaseTransport.SOCKET))
            .isInstanceOf(java.nio.channels.SocketChannel.class);
        assertThat(t.getExtraInfo("nothing")).isNull();
        assertThat(t.getExtraInfo("nothing", "default")).isEqualTo("default");
        t.close();
        e.protocol().lost.await();
        // asyncio: get_extra_info on a closed connection still answers, the socket is gone
        assertThat(t.getExtraInfo(BaseTransport.PEERNAME)).isNotNull();
        assertThat(t.getExtraInfo(BaseTransport.SOCKET)).isNull();
      }
    });
  }

  @Test
  void aHundredMebibytesArriveIntactWithTheSameChecksum() throws Exception {
    int total = 100 * 1024 * 1024;
    byte[] chunk = new byte[256 * 1024];
    new java.util.Random(42).nextBytes(chunk);
    MessageDigest sent = MessageDigest.getInstance("SHA-256");
    MessageDigest got = MessageDigest.getInstance("SHA-256");
    loop.runUntilComplete(() -> {
      AtomicInteger received = new AtomicInteger();
      Future<String> done = loop.createFuture();
      Server server =
          loop.createServer(
              () ->
                  new Protocol() {
                    @Override
                    public void dataReceived(byte[] data) {
                      got.update(data);
                      if (received.addAndGet(data.length) == total) {
                        done.setResult("all");
                      }
                    }
                  },
              "127.0.0.1",
              0);
      Future<String> drained = loop.createFuture();
      Protocol sender =
          new Protocol() {
            int left = total;
            @Nullable Transport transport;

            @Override
            public void connectionMade(Transport transport) {
              this.transport = transport;
              pump();
            }

            @Override
            public void resumeWriting() {
              pump();
            }

            @Override
            public void pauseWriting() {
              // stop the loop in pump() below: the buffer is above the high watermark
            }

            private void pump() {
              Transport t = java.util.Objects.requireNonNull(transport);
              while (left > 0 && t.getWriteBufferSize() <= t.getWriteBufferLimits().high()) {
                int n = Math.min(left, chunk.length);
                sent.update(chunk, 0, n);
                t.write(Arrays.copyOf(chunk, n));
                left -= n;
              }
              assertThat(t.getWriteBufferSize())
                  .isLessThanOrEqualTo(t.getWriteBufferLimits().high() + chunk.length);
              if (left == 0 && !drained.isDone()) {
                drained.setResult("sent");
              }
            }
          };
      Endpoint<Transport, Protocol> e =
          loop.createConnection(() -> sender, "127.0.0.1", port(server));
      drained.await();
      done.await();
      e.transport().close();
      server.close();
      server.abortClients();
      server.waitClosed();
    });
    assertThat(got.digest()).isEqualTo(sent.digest());
  }

  @Test
  void aSlowReaderPausesTheWriterAndTheBufferStaysBounded() {
    loop.runUntilComplete(() -> {
      List<Transport> serverSide = new ArrayList<>();
      Server server =
          loop.createServer(
              () ->
                  new Protocol() {
                    @Override
                    public void connectionMade(Transport transport) {
                      transport.pauseReading(); // reads nothing: the kernel buffers fill
                      serverSide.add(transport);
                    }
                  },
              "127.0.0.1",
              0);
      List<String> flow = new ArrayList<>();
      Future<String> paused = loop.createFuture();
      Future<String> resumed = loop.createFuture();
      Protocol writer =
          new Protocol() {
            @Override
            public void pauseWriting() {
              flow.add("pause");
              paused.setResult("paused");
            }

            @Override
            public void resumeWriting() {
              flow.add("resume");
              resumed.setResult("resumed");
            }
          };
      Endpoint<Transport, Protocol> e =
          loop.createConnection(() -> writer, "127.0.0.1", port(server));
      byte[] block = new byte[64 * 1024];
      while (!paused.isDone()) {
        e.transport().write(block);
        org.asyncio4j.Asyncio.sleep(java.time.Duration.ZERO);
      }
      int buffered = e.transport().getWriteBufferSize();
      assertThat(buffered).isGreaterThan(WriteBufferLimits.DEFAULT_HIGH_BYTES);
      assertThat(buffered).isLessThanOrEqualTo(WriteBufferLimits.DEFAULT_HIGH_BYTES + block.length);
      assertThat(serverSide.get(0).isReading()).isFalse();
      serverSide.get(0).resumeReading(); // the reader catches up: the writer resumes
      resumed.await();
      assertThat(flow).containsExactly("pause", "resume");
      assertThat(e.transport().getWriteBufferSize())
          .isLessThanOrEqualTo(WriteBufferLimits.DEFAULT.low());
      e.transport().close();
      server.close();
      server.closeClients();
      server.waitClosed();
    });
  }

  @Test
  void pauseReadingStopsDataUntilResumed() {
    loop.runUntilComplete(() -> {
      Recorder serverProto = new Recorder(loop);
      Server server = loop.createServer(() -> serverProto, "127.0.0.1", 0);
      Endpoint<Transport, Recorder> e =
          loop.createConnection(() -> new Recorder(loop), "127.0.0.1", port(server));
      while (serverProto.transport == null) {
        org.asyncio4j.Asyncio.sleep(java.time.Duration.ZERO);
      }
      Transport st = serverProto.transport;
      st.pauseReading();
      assertThat(st.isReading()).isFalse();
      e.transport().write("abc".getBytes(StandardCharsets.US_ASCII));
      org.asyncio4j.Asyncio.sleep(java.time.Duration.ofMillis(50));
      assertThat(serverProto.received.size()).isZero();
      st.resumeReading();
      while (serverProto.received.size() < 3) {
        org.asyncio4j.Asyncio.sleep(java.time.Duration.ofMillis(1));
      }
      assertThat(serverProto.received.text()).isEqualTo("abc");
      e.transport().close();
      serverProto.lost.await();
      server.close();
      server.waitClosed();
    });
  }

  @Test
  void aHalfCloseLetsTheOtherSideStillAnswer() {
    loop.runUntilComplete(() -> {
      Server server =
          loop.createServer(
              () ->
                  new Protocol() {
                    @Nullable Transport transport;
                    final StringBuilder got = new StringBuilder();

                    @Override
                    public void connectionMade(Transport transport) {
                      this.transport = transport;
                    }

                    @Override
                    public void dataReceived(byte[] data) {
                      got.append(new String(data, StandardCharsets.US_ASCII));
                    }

                    @Override
                    public boolean eofReceived() {
                      Transport t = java.util.Objects.requireNonNull(transport);
                      t.write(("got " + got).getBytes(StandardCharsets.US_ASCII));
                      t.close(); // after the answer is sent
                      return true;
                    }
                  },
              "127.0.0.1",
              0);
      Recorder client = new Recorder(loop);
      client.keepOpenOnEof = false;
      Endpoint<Transport, Recorder> e =
          loop.createConnection(() -> client, "127.0.0.1", port(server));
      assertThat(e.transport().canWriteEof()).isTrue();
      e.transport().write("question".getBytes(StandardCharsets.US_ASCII));
      e.transport().writeEof();
      assertThatThrownBy(() -> e.transport().write(new byte[] {1}))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("writeEof");
      assertThat(client.lost.await()).isNull();
      assertThat(client.received.text()).isEqualTo("got question");
      assertThat(client.events).containsExactly("made", "data", "eof", "lost");
      server.close();
      server.waitClosed();
    });
  }

  @Test
  void aPeerThatResetsTheConnectionGivesConnectionLostWithAResetException() throws Exception {
    try (java.net.ServerSocket peer =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Thread resetter =
          Thread.ofPlatform()
              .start(() -> {
                try (Socket s = peer.accept()) {
                  s.getInputStream().read(); // wait for the client's first byte
                  s.setSoLinger(true, 0); // close with RST
                } catch (java.io.IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
      Exception lost =
          loop.runUntilComplete(() -> {
            Recorder client = new Recorder(loop);
            Endpoint<Transport, Recorder> e =
                loop.createConnection(() -> client, "127.0.0.1", peer.getLocalPort());
            e.transport().write(new byte[] {1});
            Exception exc = client.lost.await();
            assertThat(e.transport().isClosing()).isTrue();
            return exc;
          });
      resetter.join();
      assertThat(lost).isInstanceOf(ConnectionResetException.class);
    }
  }

  @Test
  void connectingWhereNothingListensIsRefusedWithTheAddressInTheMessage() throws Exception {
    int free;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      free = s.getLocalPort();
    }
    loop.runUntilComplete(() -> {
      assertThatThrownBy(() -> loop.createConnection(() -> new Recorder(loop), "127.0.0.1", free))
          .isInstanceOf(ConnectionRefusedException.class)
          .hasMessageContaining("Connect call failed")
          .hasMessageContaining(String.valueOf(free))
          .hasCauseInstanceOf(java.net.ConnectException.class);
    });
  }

  @Test
  void aNameThatDoesNotResolveSaysSo() {
    loop.runUntilComplete(() -> {
      assertThatThrownBy(
              () -> loop.createConnection(() -> new Recorder(loop), "no-such-host.invalid", 80))
          .isInstanceOf(UncheckedIOException.class)
          .hasMessageContaining("cannot resolve host 'no-such-host.invalid'")
          .hasCauseInstanceOf(java.net.UnknownHostException.class);
    });
  }

  @Test
  void anAddressInUseIsRefusedWithTheAddress() {
    loop.runUntilComplete(() -> {
      try (Server first = loop.createServer(Echo::new, "127.0.0.1", 0)) {
        int port = port(first);
        assertThatThrownBy(() ->
                loop.createServer(
                    Echo::new,
                    List.of("127.0.0.1"),
                    port,
                    ServerOptions.defaults().withReuseAddress(false)))
            .isInstanceOf(UncheckedIOException.class)
            .hasMessageContaining("error while attempting to bind on address")
            .hasMessageContaining(String.valueOf(port));
      }
    });
  }

  @Test
  void connectingOutsideATaskSaysWhereToCallIt() {
    assertThatThrownBy(() -> loop.createConnection(() -> new Recorder(loop), "127.0.0.1", 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("must be called from a task");
  }

  @Test
  void aThousandConnectionsAtOnceOnOneLoopAllEcho() {
    int n = 1000;
    loop.runUntilComplete(() -> {
      Server server =
          loop.createServer(
              Echo::new, List.of("127.0.0.1"), 0, ServerOptions.defaults().withBacklog(1024));
      int port = port(server);
      List<Endpoint<Transport, Recorder>> clients = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        clients.add(loop.createConnection(() -> new Recorder(loop), "127.0.0.1", port));
      }
      for (int i = 0; i < n; i++) {
        clients.get(i).transport().write(("#" + i).getBytes(StandardCharsets.US_ASCII));
        clients.get(i).transport().writeEof();
      }
      for (int i = 0; i < n; i++) {
        Recorder r = clients.get(i).protocol();
        assertThat(r.lost.await()).isNull();
        assertThat(r.received.text()).isEqualTo("#" + i);
      }
      server.close();
      server.waitClosed();
    });
  }

  @Test
  void writingAfterTheConnectionIsLostIsIgnored() {
    loop.runUntilComplete(() -> {
      try (Server server = loop.createServer(Echo::new, "127.0.0.1", 0)) {
        Endpoint<Transport, Recorder> e =
            loop.createConnection(() -> new Recorder(loop), "127.0.0.1", port(server));
        e.transport().abort();
        e.protocol().lost.await();
        e.transport().write(ByteBuffer.wrap(new byte[] {1, 2}));
        assertThat(e.transport().getWriteBufferSize()).isZero();
        assertThat(e.protocol().events).containsExactly("made", "lost");
      }
    });
  }

  @Test
  void aPlainJdkSocketTalksToOurServer() throws Exception {
    Future<Server> started = loop.createFuture();
    Thread peer =
        Thread.ofPlatform()
            .start(() -> {
              try {
                int port = port(started.get());
                try (Socket s = new Socket(java.net.InetAddress.ofLiteral("127.0.0.1"), port)) {
                  OutputStream out = s.getOutputStream();
                  out.write("ping".getBytes(StandardCharsets.US_ASCII));
                  s.shutdownOutput();
                  InputStream in = s.getInputStream();
                  String back = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
                  loop.callSoonThreadsafe(() -> started.result().close());
                  assertThat(back).isEqualTo("ping");
                }
              } catch (Exception e) {
                throw new AssertionError(e);
              }
            });
    loop.runUntilComplete(() -> {
      Server server = loop.createServer(Echo::new, "127.0.0.1", 0);
      started.setResult(server);
      server.waitClosed();
    });
    peer.join();
  }
}

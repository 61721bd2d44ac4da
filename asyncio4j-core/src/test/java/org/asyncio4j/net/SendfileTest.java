package org.asyncio4j.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.asyncio4j.Asyncio;
import org.asyncio4j.EventLoop;
import org.asyncio4j.ExceptionContext;
import org.asyncio4j.Future;
import org.asyncio4j.Task;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code loop.sendfile} and {@code loop.sockSendfile}: the zero-copy path on TCP, the fallback on
 * TLS, ranges, the file's position afterwards, data written before and after, a peer that goes
 * away, close and abort during the send, and the misuses. Receivers are the JDK's blocking {@link
 * Socket} (a peer nobody here wrote) or our own protocol.
 */
@Timeout(60)
class SendfileTest {
  private static final int FILE_SIZE = 1_000_000; // CPython's test_sendfile uses 160 KiB+; more

  @TempDir Path dir;
  private EventLoop loop;
  private final List<ExceptionContext> reports = new ArrayList<>();
  private byte[] content = new byte[0];
  private Path file;

  @BeforeEach
  void setUp() throws IOException {
    loop = EventLoop.create();
    loop.setExceptionHandler((l, ctx) -> reports.add(ctx));
    content = new byte[FILE_SIZE];
    new Random(7).nextBytes(content);
    file = dir.resolve("data.bin");
    Files.write(file, content);
  }

  @AfterEach
  void tearDown() {
    loop.close();
    assertThat(reports).as("unexpected exception-handler calls").isEmpty();
  }

  /** A JDK server socket that reads one connection to its end on a thread of its own. */
  private static final class JdkReceiver implements AutoCloseable {
    final ServerSocket listener;
    final CompletableFuture<byte[]> received = new CompletableFuture<>();

    JdkReceiver(int stopAfter) throws IOException {
      listener = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
      Thread.ofPlatform()
          .daemon()
          .start(() -> {
            try (Socket s = listener.accept();
                InputStream in = s.getInputStream()) {
              ByteArrayOutputStream out = new ByteArrayOutputStream();
              byte[] buf = new byte[65536];
              int n;
              while (out.size() < stopAfter && (n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
              }
              received.complete(out.toByteArray());
            } catch (IOException e) {
              received.completeExceptionally(e);
            }
          });
    }

    int port() {
      return listener.getLocalPort();
    }

    byte[] bytes() throws Exception {
      return received.get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException {
      listener.close();
    }
  }

  private Endpoint<Transport, Protocol> connect(int port) {
    return loop.createConnection(() -> new Protocol() {}, "127.0.0.1", port);
  }

  private FileChannel open() {
    try {
      return FileChannel.open(file, StandardOpenOption.READ);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long position(FileChannel f) {
    try {
      return f.position();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ported from test_sendfile.py::SendfileMixin::test_sendfile
  @Test
  void aWholeFileGoesOverTcpAndTheFilePositionEndsAtItsEnd() throws Exception {
    try (JdkReceiver peer = new JdkReceiver(Integer.MAX_VALUE)) {
      loop.runUntilComplete(() -> {
        Transport t = connect(peer.port()).transport();
        try (FileChannel f = open()) {
          // fallback=false: the zero-copy path itself sent it
          assertThat(loop.sendfile(t, f, 0, null, false)).isEqualTo(FILE_SIZE);
          assertThat(position(f)).isEqualTo(FILE_SIZE);
          assertThat(t.isReading()).isTrue(); // paused during the send, resumed after
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        t.close();
      });
      assertThat(peer.bytes()).isEqualTo(content);
    }
  }

  // ported from test_sendfile.py::SendfileMixin::test_sendfile_partial
  @Test
  void aRangeSendsExactlyThoseBytesAndLeavesThePositionPastThem() throws Exception {
    try (JdkReceiver peer = new JdkReceiver(Integer.MAX_VALUE)) {
      loop.runUntilComplete(() -> {
        Transport t = connect(peer.port()).transport();
        try (FileChannel f = open()) {
          assertThat(loop.sendfile(t, f, 1000, 100L, true)).isEqualTo(100);
          assertThat(position(f)).isEqualTo(1100);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        t.close();
      });
      assertThat(peer.bytes()).isEqualTo(Arrays.copyOfRange(content, 1000, 1100));
    }
  }

  // ported from test_sendfile.py::SendfileMixin::test_sendfile_pre_and_post_data
  @Test
  void bytesWrittenBeforeAndAfterArriveInOrderAroundTheFile() throws Exception {
    try (JdkReceiver peer = new JdkReceiver(Integer.MAX_VALUE)) {
      loop.runUntilComplete(() -> {
        Transport t = connect(peer.port()).transport();
        // Large enough that part of it waits in the transport's buffer when sendfile starts.
        byte[] prefix = new byte[8 * 1024 * 1024];
        Arrays.fill(prefix, (byte) 'P');
        t.write(prefix);
        try (FileChannel f = open()) {
          assertThat(loop.sendfile(t, f)).isEqualTo(FILE_SIZE);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        t.write("suffix".getBytes(StandardCharsets.US_ASCII));
        t.close();
      });
      byte[] got = peer.bytes();
      assertThat(got).hasSize(8 * 1024 * 1024 + FILE_SIZE + 6);
      assertThat(got[8 * 1024 * 1024 - 1]).isEqualTo((byte) 'P');
      assertThat(Arrays.copyOfRange(got, 8 * 1024 * 1024, 8 * 1024 * 1024 + FILE_SIZE))
          .isEqualTo(content);
      assertThat(new String(got, got.length - 6, 6, StandardCharsets.US_ASCII)).isEqualTo("suffix");
    }
  }

  // ported from test_sendfile.py::SendfileMixin::test_sendfile_empty_file
  @Test
  void anEmptyFileSendsNothing() throws Exception {
    Path empty = dir.resolve("empty");
    Files.write(empty, new byte[0]);
    try (JdkReceiver peer = new JdkReceiver(Integer.MAX_VALUE)) {
      loop.runUntilComplete(() -> {
        Transport t = connect(peer.port()).transport();
        try (FileChannel f = FileChannel.open(empty)) {
          assertThat(loop.sendfile(t, f)).isZero();
          assertThat(position(f)).isZero();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        t.close();
      });
      assertThat(peer.bytes()).isEmpty();
    }
  }

  // ported from test_sendfile.py::SendfileMixin::test_sendfile_ssl
  @Test
  void overTlsTheFileGoesThroughTheFallbackAndArrivesIntact() throws Exception {
    TlsCerts certs = TlsCerts.get();
    loop.runUntilComplete(() -> {
      Future<byte[]> got = loop.createFuture();
      Server server =
          loop.createServer(
              () -> collector(got),
              List.of("127.0.0.1"),
              0,
              ServerOptions.defaults().withSsl(certs.serverContext("TLS")));
      Transport t =
          loop.createConnection(
                  () -> new Protocol() {},
                  "127.0.0.1",
                  port(server),
                  ConnectOptions.defaults().withSsl(certs.clientContext("TLS")))
              .transport();
      t.write("head".getBytes(StandardCharsets.US_ASCII));
      try (FileChannel f = open()) {
        assertThat(loop.sendfile(t, f, 10, null, true)).isEqualTo(FILE_SIZE - 10);
        assertThat(position(f)).isEqualTo(FILE_SIZE);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      assertThat(t.isReading()).isTrue(); // reading was paused during the send, and resumed
      t.close();
      byte[] all = got.await();
      assertThat(new String(all, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("head");
      assertThat(Arrays.copyOfRange(all, 4, all.length))
          .isEqualTo(Arrays.copyOfRange(content, 10, FILE_SIZE));
      server.close();
      server.waitClosed();
    });
  }

  // ported from test_sendfile.py::SendfileMixin::test_sendfile_ssl_no_fallback (CPython's
  // test_sendfile_force_unsupported_native with fallback=False)
  @Test
  void overTlsWithoutTheFallbackItSaysSendfileIsNotAvailable() {
    TlsCerts certs = TlsCerts.get();
    loop.runUntilComplete(() -> {
      Future<byte[]> got = loop.createFuture();
      Server server =
          loop.createServer(
              () -> collector(got),
              List.of("127.0.0.1"),
              0,
              ServerOptions.defaults().withSsl(certs.serverContext("TLS")));
      Transport t =
          loop.createConnection(
                  () -> new Protocol() {},
                  "127.0.0.1",
                  port(server),
                  ConnectOptions.defaults().withSsl(certs.clientContext("TLS")))
              .transport();
      try (FileChannel f = open()) {
        assertThatThrownBy(() -> loop.sendfile(t, f, 0, null, false))
            .isInstanceOf(SendfileNotAvailableException.class)
            .hasMessageContaining("fallback is disabled");
        assertThat(position(f)).isZero();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      t.close();
      assertThat(got.await()).isEmpty();
      server.close();
      server.waitClosed();
    });
  }

  /** A server protocol that gathers everything and completes {@code got} when the peer closes. */
  private static Protocol collector(Future<byte[]> got) {
    return new Protocol() {
      final ByteArrayOutputStream out = new ByteArrayOutputStream();

      @Override
      public void dataReceived(byte[] data) {
        out.write(data, 0, data.length);
      }

      @Override
      public void connectionLost(@Nullable Exception exc) {
        if (!got.isDone()) {
          got.setResult(out.toByteArray());
        }
      }
    };
  }

  /** A server protocol that does not read until {@code go} completes, then gathers everything. */
  private Protocol stalledCollector(Future<byte[]> got, Future<@Nullable Void> go) {
    return new Protocol() {
      final ByteArrayOutputStream out = new ByteArrayOutputStream();

      @Override
      public void connectionMade(Transport transport) {
        transport.pauseReading();
        go.addDoneCallback(f -> transport.resumeReading());
      }

      @Override
      public void dataReceived(byte[] data) {
        out.write(data, 0, data.length);
      }

      @Override
      public void connectionLost(@Nullable Exception exc) {
        if (!got.isDone()) {
          got.setResult(out.toByteArray());
        }
      }
    };
  }

  private static int port(Server server) {
    try {
      return ((InetSocketAddress) server.sockets().get(0).getLocalAddress()).getPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path bigFile(int size) throws IOException {
    byte[] data = new byte[size];
    new Random(11).nextBytes(data);
    Path p = dir.resolve("big.bin");
    Files.write(p, data);
    content = data;
    return p;
  }

  // CPython's selector transport raises RuntimeError('unable to write; sendfile is in progress')
  @Test
  void writingWhileTheFileGoesIsRefusedAndCloseWaitsForTheFile() throws Exception {
    Path big = bigFile(32 * 1024 * 1024); // more than loopback's socket buffers hold
    loop.runUntilComplete(() -> {
      Future<byte[]> got = loop.createFuture();
      Future<@Nullable Void> go = loop.createFuture();
      Server server = loop.createServer(() -> stalledCollector(got, go), "127.0.0.1", 0);
      Transport t = connect(port(server)).transport();
      try (FileChannel f = FileChannel.open(big)) {
        Task<Long> sending = Asyncio.createTask(() -> loop.sendfile(t, f));
        Asyncio.sleep(Duration.ZERO); // the send starts, fills the socket and waits
        assertThat(sending.isDone()).isFalse();
        assertThatThrownBy(() -> t.write(new byte[] {1}))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("sendfile is in progress");
        assertThatThrownBy(() -> loop.sendfile(t, f))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("another sendfile");
        t.close(); // waits for the file, as for buffered bytes
        go.setResult(null);
        assertThat(sending.await()).isEqualTo(content.length);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      assertThat(got.await()).isEqualTo(content);
      server.close();
      server.waitClosed();
    });
  }

  @Test
  void abortWhileTheFileGoesEndsTheSendWithConnectionAborted() throws Exception {
    Path big = bigFile(32 * 1024 * 1024);
    loop.runUntilComplete(() -> {
      Future<byte[]> got = loop.createFuture();
      Future<@Nullable Void> go = loop.createFuture();
      Server server = loop.createServer(() -> stalledCollector(got, go), "127.0.0.1", 0);
      Transport t = connect(port(server)).transport();
      try (FileChannel f = FileChannel.open(big)) {
        Task<Long> sending = Asyncio.createTask(() -> loop.sendfile(t, f));
        Asyncio.sleep(Duration.ZERO);
        t.abort();
        assertThatThrownBy(sending::await)
            .isInstanceOf(ConnectionAbortedException.class)
            .hasMessageContaining("aborted during sendfile");
        long position = position(f);
        assertThat(position).isPositive().isLessThan(content.length); // how far it got
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      go.setResult(null);
      got.await();
      server.close();
      server.waitClosed();
    });
  }

  // ported from
  // test_sendfile.py::SendfileMixin::test_sendfile_close_peer_in_the_middle_of_receiving
  @Test
  void aPeerThatGoesAwayMidFileFailsTheSendWithAConnectionError() throws Exception {
    Path big = bigFile(32 * 1024 * 1024);
    try (JdkReceiver peer = new JdkReceiver(1024 * 1024)) { // reads 1 MiB, then closes
      loop.runUntilComplete(() -> {
        Transport t = connect(peer.port()).transport();
        try (FileChannel f = FileChannel.open(big)) {
          assertThatThrownBy(() -> loop.sendfile(t, f)).isInstanceOf(ConnectionException.class);
          assertThat(position(f)).isPositive().isLessThan(content.length);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        t.close();
      });
      assertThat(peer.bytes()).hasSizeGreaterThanOrEqualTo(1024 * 1024);
    }
  }

  // ported from test_sendfile.py::SendfileMixin::test_sendfile_for_closing_transp
  @Test
  void aClosingTransportIsRefused() throws Exception {
    try (JdkReceiver peer = new JdkReceiver(Integer.MAX_VALUE)) {
      loop.runUntilComplete(() -> {
        Transport t = connect(peer.port()).transport();
        t.close();
        try (FileChannel f = open()) {
          assertThatThrownBy(() -> loop.sendfile(t, f))
              .isInstanceOf(IllegalStateException.class)
              .hasMessageContaining("is closing");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      assertThat(peer.bytes()).isEmpty();
    }
  }

  // ported from test_sendfile.py::SendfileMixin::test_sendfile_not_supported (a foreign
  // transport, as CPython's _SendfileMode.UNSUPPORTED) and _check_sendfile_params
  @Test
  void badArgumentsAndForeignTransportsAreRefusedWithTheReason() {
    loop.runUntilComplete(() -> {
      Transport foreign = MemoryTransport.pair(loop, new Protocol() {}, new Protocol() {}).left();
      try (FileChannel f = open()) {
        assertThatThrownBy(() -> loop.sendfile(foreign, f))
            .isInstanceOf(UnsupportedOperationException.class)
            .hasMessageContaining("not supported for transport");
        assertThatThrownBy(() -> loop.sendfile(foreign, f, -1, null, true))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("offset must be a non-negative integer (got -1)");
        assertThatThrownBy(() -> loop.sendfile(foreign, f, 0, 0L, true))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("count must be a positive integer (got 0)");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  @Test
  void aFileOpenOnlyForWritingIsRefusedSayingHowToOpenIt() throws Exception {
    try (JdkReceiver peer = new JdkReceiver(Integer.MAX_VALUE)) {
      loop.runUntilComplete(() -> {
        Transport t = connect(peer.port()).transport();
        try (FileChannel f = FileChannel.open(file, StandardOpenOption.WRITE)) {
          assertThatThrownBy(() -> loop.sendfile(t, f))
              .isInstanceOf(IllegalArgumentException.class)
              .hasMessageContaining("StandardOpenOption.READ");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        assertThat(t.isReading()).isTrue();
        t.close();
      });
      assertThat(peer.bytes()).isEmpty();
    }
  }

  // ported from test_sock_lowlevel.py / test_sendfile.py::SockSendfileMixin::test_sock_sendfile_*
  @Test
  void sockSendfileSendsARangeBetweenPlainSends() throws Exception {
    try (JdkReceiver peer = new JdkReceiver(Integer.MAX_VALUE)) {
      loop.runUntilComplete(() -> {
        try (SocketChannel ch = SocketChannel.open();
            FileChannel f = open()) {
          ch.configureBlocking(false);
          loop.sockConnect(
              ch, new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), peer.port()));
          loop.sockSendall(ch, "<".getBytes(StandardCharsets.US_ASCII));
          assertThat(loop.sockSendfile(ch, f, 3000, null, true)).isEqualTo(FILE_SIZE - 3000);
          assertThat(position(f)).isEqualTo(FILE_SIZE);
          assertThat(loop.sockSendfile(ch, f, 0, 5L, false)).isEqualTo(5);
          loop.sockSendall(ch, ">".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      byte[] got = peer.bytes();
      assertThat(got).hasSize(1 + FILE_SIZE - 3000 + 5 + 1);
      assertThat(got[0]).isEqualTo((byte) '<');
      assertThat(Arrays.copyOfRange(got, 1, 1 + FILE_SIZE - 3000))
          .isEqualTo(Arrays.copyOfRange(content, 3000, FILE_SIZE));
      assertThat(Arrays.copyOfRange(got, 1 + FILE_SIZE - 3000, got.length - 1))
          .isEqualTo(Arrays.copyOf(content, 5));
      assertThat(got[got.length - 1]).isEqualTo((byte) '>');
    }
  }

  @Test
  void sockSendfileRefusesABlockingChannel() throws Exception {
    try (JdkReceiver peer = new JdkReceiver(Integer.MAX_VALUE)) {
      loop.runUntilComplete(() -> {
        try (SocketChannel ch =
                SocketChannel.open(
                    new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), peer.port()));
            FileChannel f = open()) {
          assertThatThrownBy(() -> loop.sockSendfile(ch, f, 0, null, true))
              .isInstanceOf(IllegalArgumentException.class)
              .hasMessageContaining("non-blocking");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      assertThat(peer.bytes()).isEmpty();
    }
  }
}

package org.asyncio4j.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.asyncio4j.Asyncio;
import org.asyncio4j.CancelledException;
import org.asyncio4j.EventLoop;
import org.asyncio4j.ExceptionContext;
import org.asyncio4j.Task;
import org.asyncio4j.internal.net.NetProbes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Faults found by the adversarial review of the network layer (issue 8): each test provokes one
 * interleaving in which a socket leaked or a waiter returned too early.
 */
@Timeout(60)
class NetReviewTest {
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

  /**
   * An attempt connects, and in the same turn (before the racing caller looks at it) the caller is
   * cancelled: the attempt is done, so cancelling it does nothing, and its connected channel must
   * be closed by the race rather than dropped open.
   */
  @Test
  void happyEyeballsClosesAConnectedAttemptWhenTheCallerIsCancelledBeforeLookingAtIt() {
    loop.runUntilComplete(() -> {
      try (Server server = loop.createServer(TransportTest.Echo::new, "127.0.0.1", 0)) {
        int port = port(server);
        ConnectOptions options =
            ConnectOptions.defaults().withHappyEyeballsDelay(Duration.ofSeconds(30));
        Task<?> self = Asyncio.currentTask();
        Task<Endpoint<Transport, TransportTest.Recorder>> connecting =
            Asyncio.createTask(() ->
                NetProbes.connectStaggered(
                    loop,
                    List.of("127.0.0.1", "127.0.0.2"), // the second never starts: 30 s delay
                    port,
                    options,
                    () -> new TransportTest.Recorder(loop)));
        Asyncio.sleep(Duration.ZERO); // the race starts its first attempt and waits on it
        Set<Task<?>> attempts = new HashSet<>(loop.allTasks());
        attempts.remove(self);
        attempts.remove(connecting);
        assertThat(attempts).hasSize(1);
        Task<?> attempt = attempts.iterator().next();
        List<SocketChannel> connected = new ArrayList<>();
        // Runs after the race's own wait callback: the race is woken, then cancelled before it
        // runs again, so it sees the cancellation with its attempt done and unread.
        attempt.addDoneCallback(f -> {
          if (!f.isCancelled() && f.exception() == null) {
            connected.add((SocketChannel) f.result());
          }
          connecting.cancel();
        });
        assertThatThrownBy(connecting::await).isInstanceOf(CancelledException.class);
        assertThat(connected).hasSize(1);
        assertThat(connected.get(0).isOpen())
            .as("the channel of an attempt that won after the caller gave up")
            .isFalse();
      }
    });
  }

  /**
   * A buffer the socket cannot read into (read-only) makes the read itself throw, not the protocol:
   * as CPython's recv_into failure, that is a fatal error of the connection. Left uncaught it went
   * to the loop as a failed callback with the reader still registered, so the same failure came
   * back on every turn and the connection was never lost.
   */
  @Test
  void aReadThatThrowsOtherThanIoIsFatalToTheConnectionOnce() {
    loop.runUntilComplete(() -> {
      org.asyncio4j.Future<@org.jspecify.annotations.Nullable Exception> lost = loop.createFuture();
      BufferedProtocol readOnly =
          new BufferedProtocol() {
            @Override
            public java.nio.ByteBuffer getBuffer(int sizeHint) {
              return java.nio.ByteBuffer.allocate(16).asReadOnlyBuffer();
            }

            @Override
            public void bufferUpdated(int nbytes) {}

            @Override
            public void connectionLost(@org.jspecify.annotations.Nullable Exception exc) {
              lost.setResult(exc);
            }
          };
      try (Server server = loop.createServer(() -> readOnly, "127.0.0.1", 0)) {
        Endpoint<Transport, TransportTest.Recorder> client =
            loop.createConnection(
                () -> new TransportTest.Recorder(loop), "127.0.0.1", port(server));
        client.transport().write(new byte[] {1, 2, 3});
        Exception exc = Asyncio.timeout(Duration.ofSeconds(10), () -> lost.await());
        assertThat(exc).isInstanceOf(IllegalArgumentException.class);
        assertThat(reports).hasSize(1);
        assertThat(reports.get(0).message()).contains("Fatal read error");
        reports.clear();
        client.protocol().lost.await(); // the server side closed (a reset: bytes were unread)
      }
    });
  }

  @Test
  void closingTheLoopReleasesAServerStillListening(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    List<java.nio.channels.ServerSocketChannel> listening = new ArrayList<>();
    java.nio.file.Path socketFile = dir.resolve("s.sock");
    try (EventLoop other = EventLoop.create()) {
      other.runUntilComplete(() -> {
        listening.addAll(other.createServer(TransportTest.Echo::new, "127.0.0.1", 0).sockets());
        listening.addAll(
            other
                .createUnixServer(TransportTest.Echo::new, socketFile, ServerOptions.defaults())
                .sockets());
      });
      assertThat(listening).hasSize(2).allMatch(java.nio.channels.ServerSocketChannel::isOpen);
    }
    assertThat(listening).noneMatch(java.nio.channels.ServerSocketChannel::isOpen);
    assertThat(socketFile).doesNotExist();
  }

  /**
   * A protocol factory that returns null: CPython's _accept_connection2 closes that connection and
   * reports it. The exception escaped the accept callback instead, leaving the accepted socket open
   * (the client never heard the end) and the rest of the backlog unaccepted until the next turn.
   */
  @Test
  void aProtocolFactoryReturningNullClosesThatConnectionAndReportsIt() {
    loop.runUntilComplete(() -> {
      java.util.function.Supplier<BaseProtocol<Transport>> broken = () -> null;
      try (Server server = loop.createServer(broken, "127.0.0.1", 0)) {
        Endpoint<Transport, TransportTest.Recorder> c =
            loop.createConnection(
                () -> new TransportTest.Recorder(loop), "127.0.0.1", port(server));
        Exception lost = Asyncio.timeout(Duration.ofSeconds(10), () -> c.protocol().lost.await());
        assertThat(lost).isNull(); // an orderly end: the server closed its side
        assertThat(reports).hasSize(1);
        assertThat(reports.get(0).message()).contains("Error on transport creation");
        assertThat(reports.get(0).exception())
            .hasMessageContaining("protocol factory returned null");
        reports.clear();
      }
    });
  }

  /** createConnection refuses a protocol of neither stream kind, and closes what it connected. */
  @Test
  void createConnectionWithAProtocolOfNeitherKindClosesTheConnectedSocket() {
    loop.runUntilComplete(() -> {
      TransportTest.Recorder serverSide = new TransportTest.Recorder(loop);
      try (Server server = loop.createServer(() -> serverSide, "127.0.0.1", 0)) {
        assertThatThrownBy(() ->
                loop.createConnection(
                    () -> new BaseProtocol<Transport>() {}, "127.0.0.1", port(server)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("needs a Protocol or a BufferedProtocol");
        Exception lost = Asyncio.timeout(Duration.ofSeconds(10), () -> serverSide.lost.await());
        assertThat(lost).isNull(); // the server hears the end: the client's socket was closed
      }
    });
  }

  /**
   * CPython 3.13 (gh-111246): a Unix server removes its socket file on close only if the file is
   * still its own. A second server at the same path replaces the file (as a stale one); closing the
   * first removed the second's, so nobody could connect to the server still serving.
   */
  @Test
  void closingAUnixServerLeavesASocketFileAnotherServerBoundSince(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    java.nio.file.Path path = dir.resolve("s.sock");
    loop.runUntilComplete(() -> {
      Server first = loop.createUnixServer(TransportTest.Echo::new, path, ServerOptions.defaults());
      try (Server second =
          loop.createUnixServer(TransportTest.Echo::new, path, ServerOptions.defaults())) {
        first.close();
        assertThat(second.isServing()).isTrue();
        assertThat(path).as("the second server's socket file").exists();
        Endpoint<Transport, TransportTest.Recorder> c =
            loop.createUnixConnection(() -> new TransportTest.Recorder(loop), path);
        c.transport().close();
        c.protocol().lost.await();
      }
      assertThat(path).as("removed by its own server's close").doesNotExist();
    });
  }
}

package org.asyncio4j.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;
import org.asyncio4j.EventLoop;
import org.asyncio4j.ExceptionContext;
import org.asyncio4j.Future;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * TLS between our own client and server over loopback: TLS 1.3 and 1.2, extra info, close_notify
 * both ways, hostname verification, the handshake and shutdown timeouts, ALPN, startTls on both
 * sides, a large transfer under back-pressure, delegated tasks off the loop. Fails on any
 * unexpected report to the exception handler, as uvloop's test base does.
 */
@Timeout(60)
class TlsTest {
  private EventLoop loop;
  private final List<ExceptionContext> reports = new ArrayList<>();
  private final TlsCerts certs = TlsCerts.get();

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
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Records callbacks and bytes. */
  static class Recorder implements Protocol {
    final List<String> events = new ArrayList<>();
    final java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
    @Nullable Transport transport;
    final Future<@Nullable Exception> lost;
    final Future<@Nullable Void> eof;
    int made;

    Recorder(EventLoop loop) {
      this.lost = loop.createFuture();
      this.eof = loop.createFuture();
    }

    @Override
    public void connectionMade(Transport transport) {
      this.transport = transport;
      made++;
      events.add("made");
    }

    @Override
    public void dataReceived(byte[] data) {
      if (events.isEmpty() || !events.get(events.size() - 1).equals("data")) {
        events.add("data");
      }
      received.writeBytes(data);
    }

    @Override
    public boolean eofReceived() {
      events.add("eof");
      eof.setResult(null);
      return false;
    }

    @Override
    public void connectionLost(@Nullable Exception exc) {
      events.add("lost");
      lost.setResult(exc);
    }

    String text() {
      return received.toString(StandardCharsets.UTF_8);
    }
  }

  /** Echoes each chunk back. */
  static final class Echo extends Recorder {
    Echo(EventLoop loop) {
      super(loop);
    }

    @Override
    public void dataReceived(byte[] data) {
      super.dataReceived(data);
      java.util.Objects.requireNonNull(transport).write(data);
    }
  }

  private void echoRoundTrip(String clientProtocol, String expectedVersion) {
    loop.runUntilComplete(() -> {
      List<Echo> serverSide = new ArrayList<>();
      Server server =
          loop.createServer(
              () -> {
                Echo e = new Echo(loop);
                serverSide.add(e);
                return e;
              },
              List.of("127.0.0.1"),
              0,
              ServerOptions.defaults().withSsl(certs.serverContext("TLS")));
      Recorder client = new Recorder(loop);
      Endpoint<Transport, Recorder> e =
          loop.createConnection(
              () -> client,
              "127.0.0.1",
              port(server),
              ConnectOptions.defaults().withSsl(certs.clientContext(clientProtocol)));
      Transport t = e.transport();
      assertThat(client.events).containsExactly("made"); // after the handshake, before returning
      SSLSession session =
          (SSLSession) java.util.Objects.requireNonNull(t.getExtraInfo(BaseTransport.SSL_OBJECT));
      assertThat(session.getProtocol()).isEqualTo(expectedVersion);
      assertThat(t.getExtraInfo(BaseTransport.CIPHER)).isEqualTo(session.getCipherSuite());
      Certificate[] chain =
          (Certificate[]) java.util.Objects.requireNonNull(t.getExtraInfo(BaseTransport.PEERCERT));
      assertThat(chain).hasSize(1);
      assertThat(chain[0]).isEqualTo(certs.keyStore.getCertificate("server"));
      assertThat(t.getExtraInfo(BaseTransport.PEERNAME))
          .isEqualTo(
              new InetSocketAddress(java.net.InetAddress.ofLiteral("127.0.0.1"), port(server)));
      assertThat(t.canWriteEof()).isFalse();
      assertThatThrownBy(t::writeEof)
          .isInstanceOf(UnsupportedOperationException.class)
          .hasMessageContaining("close()");
      t.write("hello ".getBytes(StandardCharsets.US_ASCII));
      t.writelines(
          List.of(
              "over ".getBytes(StandardCharsets.US_ASCII),
              "tls".getBytes(StandardCharsets.US_ASCII)));
      while (client.received.size() < "hello over tls".length()) {
        org.asyncio4j.Asyncio.sleep(Duration.ofMillis(1));
      }
      assertThat(client.text()).isEqualTo("hello over tls");
      // Our close sends close_notify: the server hears an end of stream, not a reset.
      t.close();
      assertThat(t.isClosing()).isTrue();
      t.write("dropped".getBytes(StandardCharsets.US_ASCII)); // ignored, as asyncio's
      assertThat(client.lost.await()).isNull();
      Echo peer = serverSide.get(0);
      assertThat(peer.lost.await()).isNull();
      assertThat(peer.events).containsExactly("made", "data", "eof", "lost");
      assertThat(peer.made).isEqualTo(1);
      // asyncio's _do_shutdown: the peer's answering close_notify is our end of stream too.
      assertThat(client.events).containsExactly("made", "data", "eof", "lost");
      assertThat(t.getExtraInfo(BaseTransport.SSL_OBJECT)).isSameAs(session); // still answers
      server.close();
      server.waitClosed();
    });
  }

  @Test
  void ourClientAndServerTalkTls13() {
    echoRoundTrip("TLS", "TLSv1.3");
  }

  @Test
  void ourClientAndServerTalkTls12() {
    echoRoundTrip("TLSv1.2", "TLSv1.2");
  }

  @Test
  void theServersCloseNotifyReachesTheClientAsAnEndOfStream() {
    loop.runUntilComplete(() -> {
      Server server =
          loop.createServer(
              () ->
                  new Protocol() {
                    @Override
                    public void connectionMade(Transport transport) {
                      transport.write("bye".getBytes(StandardCharsets.US_ASCII));
                      transport.close(); // the data goes out first, then close_notify
                    }
                  },
              List.of("127.0.0.1"),
              0,
              ServerOptions.defaults().withSsl(certs.serverContext("TLS")));
      Recorder client = new Recorder(loop);
      loop.createConnection(
          () -> client,
          "127.0.0.1",
          port(server),
          ConnectOptions.defaults().withSsl(certs.clientContext("TLS")));
      assertThat(client.lost.await()).isNull();
      assertThat(client.events).containsExactly("made", "data", "eof", "lost");
      assertThat(client.text()).isEqualTo("bye");
      server.close();
      server.waitClosed();
    });
  }

  @Test
  void aCertificateForAnotherNameIsRefusedAndTheMessageNamesTheHost() {
    loop.runUntilComplete(() -> {
      List<Recorder> serverSide = new ArrayList<>();
      Server server =
          loop.createServer(
              () -> {
                Recorder r = new Recorder(loop);
                serverSide.add(r);
                return r;
              },
              List.of("127.0.0.1"),
              0,
              ServerOptions.defaults().withSsl(certs.serverContext("TLS")));
      Recorder client = new Recorder(loop);
      assertThatThrownBy(() ->
              loop.createConnection(
                  () -> client,
                  "127.0.0.1",
                  port(server),
                  ConnectOptions.defaults()
                      .withSsl(certs.clientContext("TLS"))
                      .withServerHostname("example.com")))
          .isInstanceOf(SslException.class)
          .hasMessageContaining("certificate verify failed")
          .hasMessageContaining("example.com")
          .hasCauseInstanceOf(SSLHandshakeException.class)
          .satisfies(x -> assertThat(((SslException) x).isCertificateVerifyFailure()).isTrue());
      assertThat(client.events).isEmpty(); // connectionMade never ran
      server.close();
      server.waitClosed(); // the server's side of the failed handshake is gone too
      assertThat(serverSide).allSatisfy(r -> assertThat(r.events).isEmpty());
    });
  }

  @Test
  void anUntrustedCertificateIsRefused() throws Exception {
    SSLContext trustsNothingOfOurs = SSLContext.getInstance("TLS");
    trustsNothingOfOurs.init(null, null, null); // the JDK's default trust store
    loop.runUntilComplete(() -> {
      Server server =
          loop.createServer(
              () -> new Recorder(loop),
              List.of("127.0.0.1"),
              0,
              ServerOptions.defaults().withSsl(certs.serverContext("TLS")));
      assertThatThrownBy(() ->
              loop.createConnection(
                  () -> new Recorder(loop),
                  "localhost",
                  port(server),
                  ConnectOptions.defaults().withSsl(trustsNothingOfOurs)))
          .isInstanceOf(SslException.class)
          .hasMessageContaining("certificate verify failed")
          .hasMessageContaining("localhost");
      server.close();
      server.waitClosed();
    });
  }

  @Test
  void aPeerThatNeverAnswersTheHandshakeTimesOutAndNothingIsLogged() {
    loop.runUntilComplete(() -> {
      List<Recorder> serverSide = new ArrayList<>();
      // A plain TCP server: it reads the ClientHello and never answers.
      Server server =
          loop.createServer(
              () -> {
                Recorder r = new Recorder(loop);
                serverSide.add(r);
                return r;
              },
              "127.0.0.1",
              0);
      Recorder client = new Recorder(loop);
      assertThatThrownBy(() ->
              loop.createConnection(
                  () -> client,
                  "127.0.0.1",
                  port(server),
                  ConnectOptions.defaults()
                      .withSsl(certs.clientContext("TLS"))
                      .withSslHandshakeTimeout(Duration.ofMillis(200))))
          .isInstanceOf(ConnectionAbortedException.class)
          .hasMessage("SSL handshake is taking longer than 0.2 seconds: aborting the connection");
      assertThat(client.events).isEmpty();
      // The transport was aborted: the silent server sees its connection end.
      serverSide.get(0).lost.await();
      assertThat(serverSide.get(0).received.size()).isPositive(); // it did get a ClientHello
      server.close();
      server.waitClosed();
    });
  }

  @Test
  void tlsTimeoutsMustBePositive() {
    assertThatThrownBy(() -> ConnectOptions.defaults().withSslHandshakeTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sslHandshakeTimeout must be positive");
    assertThatThrownBy(
            () -> ServerOptions.defaults().withSslShutdownTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sslShutdownTimeout must be positive");
  }

  @Test
  void theEofOfAPeerDuringTheHandshakeFailsTheConnectWithAReset() {
    loop.runUntilComplete(() -> {
      Server server =
          loop.createServer(
              () ->
                  new Protocol() {
                    @Override
                    public void connectionMade(Transport transport) {
                      transport.close(); // plain TCP FIN as soon as the client connects
                    }
                  },
              "127.0.0.1",
              0);
      assertThatThrownBy(() ->
              loop.createConnection(
                  () -> new Recorder(loop),
                  "127.0.0.1",
                  port(server),
                  ConnectOptions.defaults().withSsl(certs.clientContext("TLS"))))
          .isInstanceOf(ConnectionResetException.class)
          .hasMessageContaining("during the TLS handshake");
      server.close();
      server.waitClosed();
    });
  }

  @Test
  void alpnSettlesOnAProtocolBothSidesKnow() {
    loop.runUntilComplete(() -> {
      List<Recorder> serverSide = new ArrayList<>();
      Server server =
          loop.createServer(
              () -> {
                Recorder r = new Recorder(loop);
                serverSide.add(r);
                return r;
              },
              List.of("127.0.0.1"),
              0,
              ServerOptions.defaults()
                  .withSsl(certs.serverContext("TLS"))
                  .withAlpnProtocols(List.of("http/1.1", "echo/1")));
      Endpoint<Transport, Recorder> e =
          loop.createConnection(
              () -> new Recorder(loop),
              "localhost",
              port(server),
              ConnectOptions.defaults()
                  .withSsl(certs.clientContext("TLS"))
                  .withAlpnProtocols(List.of("h2", "echo/1")));
      assertThat(e.transport().getExtraInfo(BaseTransport.SELECTED_ALPN_PROTOCOL))
          .isEqualTo("echo/1");
      while (serverSide.isEmpty() || serverSide.get(0).transport == null) {
        org.asyncio4j.Asyncio.sleep(Duration.ofMillis(1));
      }
      assertThat(
              java.util.Objects.requireNonNull(serverSide.get(0).transport)
                  .getExtraInfo(BaseTransport.SELECTED_ALPN_PROTOCOL))
          .isEqualTo("echo/1");
      e.transport().close();
      e.protocol().lost.await();
      server.close();
      server.waitClosed();
    });
  }

  @Test
  void closingWithoutTheAnswerOfThePeerEndsAfterTheShutdownTimeout() {
    loop.runUntilComplete(() -> {
      Future<@Nullable Void> hold = loop.createFuture();
      Server server =
          loop.createServer(
              () ->
                  new Protocol() {
                    @Override
                    public void connectionMade(Transport transport) {
                      transport.pauseReading(); // never reads our close_notify, never answers
                    }
                  },
              List.of("127.0.0.1"),
              0,
              ServerOptions.defaults().withSsl(certs.serverContext("TLS")));
      Recorder client = new Recorder(loop);
      Endpoint<Transport, Recorder> e =
          loop.createConnection(
              () -> client,
              "127.0.0.1",
              port(server),
              ConnectOptions.defaults()
                  .withSsl(certs.clientContext("TLS"))
                  .withSslShutdownTimeout(Duration.ofMillis(200)));
      e.transport().close();
      Exception lost = client.lost.await();
      assertThat(lost)
          .isInstanceOf(java.util.concurrent.TimeoutException.class)
          .hasMessageContaining("SSL shutdown timed out");
      server.close();
      server.abortClients();
      server.waitClosed();
      hold.cancel();
    });
  }

  @Test
  void cancellingTheConnectDuringTheHandshakeAbortsTheConnection() {
    loop.runUntilComplete(() -> {
      List<Recorder> serverSide = new ArrayList<>();
      Server server =
          loop.createServer(
              () -> {
                Recorder r = new Recorder(loop);
                serverSide.add(r);
                return r;
              },
              "127.0.0.1",
              0); // plain TCP: the handshake never ends
      assertThatThrownBy(() ->
              loop.createConnection(
                  () -> new Recorder(loop),
                  "127.0.0.1",
                  port(server),
                  ConnectOptions.defaults()
                      .withSsl(certs.clientContext("TLS"))
                      .withTimeout(Duration.ofMillis(200))))
          .isInstanceOf(org.asyncio4j.AsyncTimeoutException.class);
      // bpo-29743: the socket is not left open behind the cancelled handshake.
      serverSide.get(0).lost.await();
      server.close();
      server.waitClosed();
    });
  }

  @Test
  void aServerAbortsAClientThatNeverSendsAClientHello() {
    loop.runUntilComplete(() -> {
      List<Recorder> serverSide = new ArrayList<>();
      Server server =
          loop.createServer(
              () -> {
                Recorder r = new Recorder(loop);
                serverSide.add(r);
                return r;
              },
              List.of("127.0.0.1"),
              0,
              ServerOptions.defaults()
                  .withSsl(certs.serverContext("TLS"))
                  .withSslHandshakeTimeout(Duration.ofMillis(200)));
      Recorder silent = new Recorder(loop);
      loop.createConnection(() -> silent, "127.0.0.1", port(server)); // plain TCP, says nothing
      // The server gives up on the handshake and drops the connection (quietly: see tearDown).
      silent.lost.await();
      assertThat(serverSide).hasSize(1);
      assertThat(serverSide.get(0).events).isEmpty(); // the app protocol never heard of it
      server.close();
      server.waitClosed();
    });
  }

  @Test
  void garbageInsteadOfAServerHelloFailsTheHandshakeWithAnSslException() {
    loop.runUntilComplete(() -> {
      Server server =
          loop.createServer(
              () ->
                  new Protocol() {
                    @Nullable Transport transport;

                    @Override
                    public void connectionMade(Transport transport) {
                      this.transport = transport;
                    }

                    @Override
                    public void dataReceived(byte[] data) {
                      java.util.Objects.requireNonNull(transport)
                          .write(
                              "HTTP/1.1 400 Bad Request\r\n\r\n"
                                  .getBytes(StandardCharsets.US_ASCII));
                    }
                  },
              "127.0.0.1",
              0);
      assertThatThrownBy(() ->
              loop.createConnection(
                  () -> new Recorder(loop),
                  "127.0.0.1",
                  port(server),
                  ConnectOptions.defaults().withSsl(certs.clientContext("TLS"))))
          .isInstanceOf(SslException.class)
          .hasMessageStartingWith("SSL handshake failed with /127.0.0.1:")
          .satisfies(x -> assertThat(((SslException) x).isCertificateVerifyFailure()).isFalse());
      server.close();
      server.abortClients();
      server.waitClosed();
    });
  }

  @Test
  void aServerThatNeedsClientCertificatesRefusesAClientWithoutOne() {
    loop.runUntilComplete(() -> {
      List<Recorder> serverSide = new ArrayList<>();
      Server server =
          loop.createServer(
              () -> {
                Recorder r = new Recorder(loop);
                serverSide.add(r);
                return r;
              },
              List.of("127.0.0.1"),
              0,
              ServerOptions.defaults()
                  .withSsl(certs.serverContext("TLS"))
                  .withSslNeedClientAuth(true));
      // TLS 1.3 lets the client finish before the server checks it: the refusal comes as an
      // alert right after the handshake, so the client sees its connection end.
      Recorder anonymous = new Recorder(loop);
      try {
        loop.createConnection(
            () -> anonymous,
            "127.0.0.1",
            port(server),
            ConnectOptions.defaults().withSsl(certs.clientContext("TLS")));
        assertThat(anonymous.lost.await()).isInstanceOf(SslException.class);
      } catch (SslException refused) {
        assertThat(refused).hasMessageContaining("SSL handshake failed");
      }
      // A client with the (self-signed, trusted) certificate gets in, and the server sees it.
      Recorder known = new Recorder(loop);
      Endpoint<Transport, Recorder> e =
          loop.createConnection(
              () -> known,
              "127.0.0.1",
              port(server),
              ConnectOptions.defaults().withSsl(certs.serverContext("TLS")));
      e.transport().write("hi".getBytes(StandardCharsets.US_ASCII));
      while (serverSide.size() < 2 || serverSide.get(1).received.size() < 2) {
        org.asyncio4j.Asyncio.sleep(Duration.ofMillis(1));
      }
      Transport accepted = java.util.Objects.requireNonNull(serverSide.get(1).transport);
      assertThat((Certificate[]) accepted.getExtraInfo(BaseTransport.PEERCERT)).hasSize(1);
      assertThat(serverSide.get(0).events).isEmpty();
      e.transport().close();
      known.lost.await();
      server.close();
      server.waitClosed();
    });
  }

  /** A BufferedProtocol with a tiny buffer, as asyncio's start_tls test with a 1-byte buffer. */
  static final class TinyBuffered implements BufferedProtocol {
    final ByteBuffer buffer = ByteBuffer.allocate(1);
    final java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
    int made;
    @Nullable Transport transport;

    @Override
    public void connectionMade(Transport transport) {
      this.transport = transport;
      made++;
    }

    @Override
    public ByteBuffer getBuffer(int sizeHint) {
      return buffer.clear();
    }

    @Override
    public void bufferUpdated(int nbytes) {
      received.write(buffer.get(0));
      if (new String(received.toByteArray(), StandardCharsets.US_ASCII).endsWith("STARTTLS\n")) {
        received.reset();
        upgrade.run();
      }
    }

    Runnable upgrade = () -> {};
  }

  @Test
  void startTlsUpgradesBothSidesAndConnectionMadeIsNotCalledAgain() {
    loop.runUntilComplete(() -> {
      Future<Transport> serverTls = loop.createFuture();
      TinyBuffered serverProto = new TinyBuffered();
      serverProto.upgrade =
          () -> {
            Transport plain = java.util.Objects.requireNonNull(serverProto.transport);
            plain.pauseReading(); // the client's ClientHello is for the TLS layer, not for us
            plain.write("OK\n".getBytes(StandardCharsets.US_ASCII));
            var _ =
                loop.createTask(
                    () -> {
                      Transport tls =
                          loop.startTls(plain, serverProto, certs.serverContext("TLS"), true, null);
                      serverTls.setResult(tls);
                      return null;
                    },
                    null);
          };
      Server server = loop.createServer(() -> serverProto, "127.0.0.1", 0);
      Recorder client = new Recorder(loop);
      Endpoint<Transport, Recorder> e =
          loop.createConnection(() -> client, "127.0.0.1", port(server));
      e.transport().write("STARTTLS\n".getBytes(StandardCharsets.US_ASCII));
      while (!client.text().equals("OK\n")) {
        org.asyncio4j.Asyncio.sleep(Duration.ofMillis(1));
      }
      client.received.reset();
      Transport tls =
          loop.startTls(e.transport(), client, certs.clientContext("TLS"), false, "localhost");
      assertThat(tls).isNotSameAs(e.transport());
      assertThat(tls.getExtraInfo(BaseTransport.SSL_OBJECT)).isInstanceOf(SSLSession.class);
      assertThat(e.transport().getExtraInfo(BaseTransport.SSL_OBJECT)).isNull();
      Transport serverSide = serverTls.await();
      tls.write("secret from the client".getBytes(StandardCharsets.US_ASCII));
      serverSide.write("secret from the server".getBytes(StandardCharsets.US_ASCII));
      while (serverProto.received.size() < "secret from the client".length()
          || client.received.size() < "secret from the server".length()) {
        org.asyncio4j.Asyncio.sleep(Duration.ofMillis(1));
      }
      assertThat(serverProto.received.toString(StandardCharsets.US_ASCII))
          .isEqualTo("secret from the client");
      assertThat(client.text()).isEqualTo("secret from the server");
      assertThat(client.made).isEqualTo(1);
      assertThat(serverProto.made).isEqualTo(1);
      assertThat(client.transport).isSameAs(e.transport()); // no second connectionMade
      tls.close();
      assertThat(client.lost.await()).isNull();
      server.close();
      server.waitClosed();
    });
  }

  @Test
  void startTlsOnAClosingTransportIsRefused() {
    loop.runUntilComplete(() -> {
      Server server = loop.createServer(() -> new Recorder(loop), "127.0.0.1", 0);
      Endpoint<Transport, Recorder> e =
          loop.createConnection(() -> new Recorder(loop), "127.0.0.1", port(server));
      e.transport().close();
      assertThatThrownBy(() ->
              loop.startTls(e.transport(), e.protocol(), certs.clientContext("TLS"), false, null))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("is closing");
      e.protocol().lost.await();
      server.close();
      server.waitClosed();
    });
  }

  @Test
  void tenMebibytesArriveIntactUnderBackPressureBothWays() throws Exception {
    int total = 10 * 1024 * 1024;
    byte[] chunk = new byte[100 * 1024];
    new java.util.Random(7).nextBytes(chunk);
    MessageDigest sent = MessageDigest.getInstance("SHA-256");
    MessageDigest got = MessageDigest.getInstance("SHA-256");
    long[] elapsed = new long[1];
    loop.runUntilComplete(() -> {
      AtomicInteger received = new AtomicInteger();
      AtomicInteger pauses = new AtomicInteger();
      Future<String> done = loop.createFuture();
      Server server =
          loop.createServer(
              () ->
                  new Protocol() {
                    @Nullable Transport transport;

                    @Override
                    public void connectionMade(Transport transport) {
                      this.transport = transport;
                    }

                    @Override
                    public void dataReceived(byte[] data) {
                      got.update(data);
                      int before = received.get();
                      if (received.addAndGet(data.length) == total) {
                        done.setResult("all");
                      } else if (before / (1 << 20) != received.get() / (1 << 20)) {
                        // A slow reader every MiB: the sender must be held back meanwhile.
                        Transport t = java.util.Objects.requireNonNull(transport);
                        t.pauseReading();
                        assertThat(t.isReading()).isFalse();
                        loop.callLater(Duration.ofMillis(5), t::resumeReading);
                      }
                    }
                  },
              List.of("127.0.0.1"),
              0,
              ServerOptions.defaults().withSsl(certs.serverContext("TLS")));
      Future<String> drained = loop.createFuture();
      int[] maxBuffered = new int[1];
      Protocol sender =
          new Protocol() {
            int left = total;
            @Nullable Transport transport;
            boolean paused;

            @Override
            public void connectionMade(Transport transport) {
              this.transport = transport;
              pump();
            }

            @Override
            public void pauseWriting() {
              paused = true;
              pauses.incrementAndGet();
            }

            @Override
            public void resumeWriting() {
              paused = false;
              pump();
            }

            private void pump() {
              Transport t = java.util.Objects.requireNonNull(transport);
              while (left > 0 && !paused) {
                int n = Math.min(left, chunk.length);
                sent.update(chunk, 0, n);
                t.write(Arrays.copyOf(chunk, n));
                left -= n;
                maxBuffered[0] = Math.max(maxBuffered[0], t.getWriteBufferSize());
              }
              if (left == 0 && !drained.isDone()) {
                drained.setResult("sent");
              }
            }
          };
      long start = System.nanoTime();
      Endpoint<Transport, Protocol> e =
          loop.createConnection(
              () -> sender,
              "127.0.0.1",
              port(server),
              ConnectOptions.defaults().withSsl(certs.clientContext("TLS")));
      drained.await();
      done.await();
      elapsed[0] = System.nanoTime() - start;
      assertThat(pauses.get()).as("the writer was paused at least once").isPositive();
      assertThat(maxBuffered[0])
          .as("the write buffer stays near the high watermark")
          .isLessThanOrEqualTo(e.transport().getWriteBufferLimits().high() + chunk.length);
      e.transport().close();
      server.close();
      server.closeClients();
      server.waitClosed();
    });
    assertThat(got.digest()).isEqualTo(sent.digest());
    if (Boolean.getBoolean("asyncio4j.test.figures")) { // a passing run prints nothing
      System.out.printf(
          "TLS 10 MiB transfer (handshake included): %d ms%n", elapsed[0] / 1_000_000);
    }
  }

  @Test
  void theEnginesDelegatedTasksRunOffTheLoop() {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    AtomicInteger jobs = new AtomicInteger();
    List<Thread> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
    Executor counting =
        job ->
            pool.execute(() -> {
              jobs.incrementAndGet();
              threads.add(Thread.currentThread());
              job.run();
            });
    loop.setDefaultExecutor(counting);
    try {
      Thread[] loopThread = new Thread[1];
      loop.runUntilComplete(() -> {
        loopThread[0] = Thread.currentThread();
        Server server =
            loop.createServer(
                () -> new Recorder(loop),
                List.of("127.0.0.1"),
                0,
                ServerOptions.defaults().withSsl(certs.serverContext("TLS")));
        int before = jobs.get();
        Endpoint<Transport, Recorder> e =
            loop.createConnection(
                () -> new Recorder(loop),
                "127.0.0.1",
                port(server),
                ConnectOptions.defaults().withSsl(certs.clientContext("TLS")));
        assertThat(jobs.get())
            .as("jobs in the executor during the handshake")
            .isGreaterThan(before);
        e.transport().close();
        e.protocol().lost.await();
        server.close();
        server.waitClosed();
      });
      assertThat(threads).doesNotContain(loopThread[0]);
    } finally {
      pool.shutdownNow();
    }
  }
}

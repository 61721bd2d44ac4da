package org.asyncio4j.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.asyncio4j.net.StreamsTest.b;
import static org.asyncio4j.net.StreamsTest.s;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSession;
import org.asyncio4j.Asyncio;
import org.asyncio4j.EventLoop;
import org.asyncio4j.ExceptionContext;
import org.asyncio4j.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link StreamWriter#startTls}: a plaintext conversation upgraded to TLS in place on both ends
 * (the STARTTLS pattern), between our own ends and with CPython's {@code StreamWriter.start_tls} as
 * the client.
 */
@Timeout(120)
class StreamsStartTlsTest {
  private static final String PYTHON = "/usr/bin/python3";
  private final TlsCerts certs = TlsCerts.get();
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

  /** Answers "STARTTLS" with "OK", upgrades, then echoes lines over TLS until EOF. */
  private Server startTlsEchoServer(Future<String> serverSawProtocol) {
    return Streams.startServer(
        (reader, writer) -> {
          assertThat(s(reader.readline())).isEqualTo("STARTTLS\n");
          writer.write(b("OK\n"));
          try {
            writer.startTls(certs.serverContext("TLS"), null);
          } catch (ConnectionException e) { // SslException is one too
            serverSawProtocol.setResult("failed: " + e.getClass().getSimpleName());
            return; // the upgrade closed the connection
          }
          SSLSession session = (SSLSession) writer.getExtraInfo(BaseTransport.SSL_OBJECT);
          serverSawProtocol.setResult(session == null ? "none" : session.getProtocol());
          for (byte[] line : reader) {
            writer.write(line);
            writer.drain();
          }
          writer.close();
          writer.waitClosed();
        },
        "127.0.0.1",
        0);
  }

  private static int port(Server server) throws java.io.IOException {
    return ((InetSocketAddress) server.sockets().get(0).getLocalAddress()).getPort();
  }

  // CPython 3.11+ StreamWriter.start_tls; the pattern of test_streams.py::test_start_tls
  @Test
  void bothEndsUpgradeAPlainConnectionAndKeepTalking() {
    loop.runUntilComplete(() -> {
      Future<String> serverSaw = loop.createFuture();
      Server server = startTlsEchoServer(serverSaw);
      StreamPair conn = Streams.openConnection("127.0.0.1", port(server));
      conn.writer().write(b("STARTTLS\n"));
      assertThat(s(conn.reader().readline())).isEqualTo("OK\n");
      assertThat(conn.writer().getExtraInfo(BaseTransport.SSL_OBJECT)).isNull();
      conn.writer().startTls(certs.clientContext("TLS"), "localhost");
      assertThat(conn.writer().getExtraInfo(BaseTransport.SSL_OBJECT))
          .isInstanceOf(SSLSession.class);
      assertThat(conn.writer().canWriteEof()).isFalse();
      for (int i = 0; i < 100; i++) {
        conn.writer().write(b("secret " + i + "\n"));
        assertThat(s(conn.reader().readline())).isEqualTo("secret " + i + "\n");
      }
      assertThat(serverSaw.await()).startsWith("TLS");
      conn.writer().close();
      conn.writer().waitClosed();
      server.close();
      server.waitClosed();
    });
  }

  @Test
  void aFailedUpgradeThrowsSslExceptionAndClosesTheConnection() {
    loop.runUntilComplete(() -> {
      Future<String> serverSaw = loop.createFuture();
      Server server = startTlsEchoServer(serverSaw);
      StreamPair conn = Streams.openConnection("127.0.0.1", port(server));
      conn.writer().write(b("STARTTLS\n"));
      conn.reader().readline();
      javax.net.ssl.SSLContext trustsNothingOfOurs;
      try {
        trustsNothingOfOurs = javax.net.ssl.SSLContext.getInstance("TLS");
        trustsNothingOfOurs.init(null, null, null); // the JDK's default trust: not our certificate
      } catch (java.security.GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
      javax.net.ssl.SSLContext client = trustsNothingOfOurs;
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> conn.writer().startTls(client, "localhost"))
          .isInstanceOf(SslException.class);
      assertThat(conn.writer().isClosing()).isTrue();
      assertThat(serverSaw.await()).startsWith("failed: ");
      server.close();
      server.closeClients();
      server.waitClosed();
    });
  }

  /** CPython's client: plain STARTTLS line, then StreamWriter.start_tls, then echoes over TLS. */
  private static final String CPYTHON_CLIENT =
      """
      import asyncio, ssl, sys
      async def main(port, cafile):
          r, w = await asyncio.open_connection("127.0.0.1", port)
          w.write(b"STARTTLS\\n")
          assert await r.readline() == b"OK\\n"
          ctx = ssl.create_default_context(cafile=cafile)
          await w.start_tls(ctx, server_hostname="localhost")
          for i in range(50):
              w.write(b"py %d\\n" % i)
              assert await r.readline() == b"py %d\\n" % i
          w.close()
          await w.wait_closed()
          print("ok", w.get_extra_info("ssl_object").version(), flush=True)
      asyncio.run(main(int(sys.argv[1]), sys.argv[2]))
      """;

  @Test
  void cpythonsStartTlsClientUpgradesWithOurServer() throws Exception {
    Assumptions.assumeTrue(
        Files.isExecutable(Path.of(PYTHON)), "no " + PYTHON + ": the CPython peer test needs it");
    String out =
        loop.runUntilComplete(() -> {
          Future<String> serverSaw = loop.createFuture();
          Server server = startTlsEchoServer(serverSaw);
          Process p =
              new ProcessBuilder(
                      PYTHON,
                      "-c",
                      CPYTHON_CLIENT,
                      String.valueOf(port(server)),
                      certs.certPem.toString())
                  .redirectErrorStream(true)
                  .start();
          String printed =
              Asyncio.toThread(() -> {
                String all = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                p.waitFor(60, TimeUnit.SECONDS);
                return all.strip();
              });
          assertThat(p.exitValue()).as(printed).isZero();
          assertThat(serverSaw.await()).startsWith("TLS");
          server.close();
          server.waitClosed();
          return printed;
        });
    assertThat(out).startsWith("ok TLSv1.");
  }
}

package org.asyncio4j.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.asyncio4j.EventLoop;
import org.asyncio4j.ExceptionContext;
import org.asyncio4j.net.TlsTest.Echo;
import org.asyncio4j.net.TlsTest.Recorder;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our TLS against peers nobody here wrote: the JDK's blocking {@code SSLSocket} and {@code
 * SSLServerSocket}, {@code openssl s_server} and {@code openssl s_client}, and CPython's asyncio
 * with {@code ssl} as client of our server. Each peer runs in a thread of the executor or a child
 * process, so the loop under test is never its own peer (uvloop's rule). A peer that is not
 * installed skips its test, saying so.
 */
@Timeout(120)
class TlsPeerTest {
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
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String openssl() {
    for (String candidate : List.of("/usr/bin/openssl", "/usr/local/bin/openssl")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return candidate;
      }
    }
    Assumptions.abort(
        "no openssl on this machine: install it (apt-get install -y openssl) to run the openssl"
            + " peer tests");
    throw new AssertionError("unreachable");
  }

  private static String python() {
    for (String candidate : List.of("/usr/bin/python3", "/usr/local/bin/python3")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return candidate;
      }
    }
    Assumptions.abort("no python3 on this machine: the CPython TLS peer test needs it");
    throw new AssertionError("unreachable");
  }

  private Server echoServer(List<Echo> serverSide) {
    return loop.createServer(
        () -> {
          Echo e = new Echo(loop);
          serverSide.add(e);
          return e;
        },
        List.of("127.0.0.1"),
        0,
        ServerOptions.defaults().withSsl(certs.serverContext("TLS")));
  }

  // ------------------------------------------------------------------ the JDK's blocking sockets

  @Test
  void theJdksSslSocketTalksToOurServer() {
    loop.runUntilComplete(() -> {
      List<Echo> serverSide = new ArrayList<>();
      Server server = echoServer(serverSide);
      int port = port(server);
      String answer =
          loop.runInExecutor(
                  null,
                  () -> {
                    try (SSLSocket s =
                        (SSLSocket)
                            certs
                                .clientContext("TLS")
                                .getSocketFactory()
                                .createSocket("localhost", port)) {
                      SSLParameters p = s.getSSLParameters();
                      p.setEndpointIdentificationAlgorithm("HTTPS");
                      s.setSSLParameters(p);
                      s.getOutputStream().write("ping\n".getBytes(StandardCharsets.US_ASCII));
                      s.getOutputStream().flush();
                      BufferedReader in =
                          new BufferedReader(
                              new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                      return in.readLine() + " " + s.getSession().getProtocol();
                    } // close sends close_notify
                  })
              .await();
      assertThat(answer).isEqualTo("ping TLSv1.3");
      Echo peer = serverSide.get(0);
      assertThat(peer.lost.await()).isNull();
      assertThat(peer.events).containsExactly("made", "data", "eof", "lost");
      server.close();
      server.waitClosed();
    });
  }

  @Test
  void ourClientTalksToTheJdksSslServerSocket() throws Exception {
    SSLServerSocket listener =
        (SSLServerSocket)
            certs
                .serverContext("TLSv1.2")
                .getServerSocketFactory()
                .createServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
    // A "TLSv1.2" context still enables 1.3 on a server: pin the version on the socket.
    listener.setEnabledProtocols(new String[] {"TLSv1.2"});
    try (listener) {
      loop.runUntilComplete(() -> {
        org.asyncio4j.Future<String> peerSaw =
            loop.runInExecutor(
                null,
                () -> {
                  try (SSLSocket s = (SSLSocket) listener.accept()) {
                    BufferedReader in =
                        new BufferedReader(
                            new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                    String line = in.readLine();
                    OutputStream out = s.getOutputStream();
                    out.write(("pong " + line + "\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    // Our close_notify reads as the end of the stream, not as an error.
                    int end = in.read();
                    return line + " end=" + end;
                  }
                });
        Recorder client = new Recorder(loop);
        Endpoint<Transport, Recorder> e =
            loop.createConnection(
                () -> client,
                "localhost",
                listener.getLocalPort(),
                ConnectOptions.defaults().withSsl(certs.clientContext("TLS")));
        SSLSession session =
            (SSLSession)
                java.util.Objects.requireNonNull(
                    e.transport().getExtraInfo(BaseTransport.SSL_OBJECT));
        assertThat(session.getProtocol()).isEqualTo("TLSv1.2");
        e.transport().write("ping\n".getBytes(StandardCharsets.US_ASCII));
        while (!client.text().endsWith("\n")) {
          org.asyncio4j.Asyncio.sleep(Duration.ofMillis(1));
        }
        assertThat(client.text()).isEqualTo("pong ping\n");
        e.transport().close();
        assertThat(peerSaw.await()).isEqualTo("ping end=-1");
        assertThat(client.lost.await()).isNull();
      });
    }
  }

  /**
   * A blocking CPython ssl server that tells a close_notify from a bare TCP end: recv returns b""
   * on the first, raises SSLEOFError on the second (the JDK's SSLSocket reads -1 on both).
   */
  private static final String PY_SERVER =
      """
      import socket, ssl, sys
      ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
      ctx.load_cert_chain(sys.argv[1], sys.argv[2])
      # Debian's python3 ignores an unexpected EOF by default: we want to see it.
      ctx.options &= ~getattr(ssl, "OP_IGNORE_UNEXPECTED_EOF", 0)
      with socket.create_server(("127.0.0.1", 0)) as ls:
          print(ls.getsockname()[1], flush=True)
          for _ in range(2):
              conn, _ = ls.accept()
              with ctx.wrap_socket(conn, server_side=True, suppress_ragged_eofs=False) as s:
                  try:
                      print("read", len(s.recv(100)), flush=True)
                  except ssl.SSLError as e:  # SSLEOFError, or SSLError on 3.11
                      if "EOF" not in str(e).upper():
                          raise
                      print("eof without close_notify", flush=True)
      """;

  @Test
  void closeSendsCloseNotifyAndAbortDoesNot(@TempDir Path dir) throws Exception {
    Path script = dir.resolve("server.py");
    Files.writeString(script, PY_SERVER);
    Process p =
        new ProcessBuilder(
                python(), script.toString(), certs.certPem.toString(), certs.keyPem.toString())
            .redirectErrorStream(true)
            .start();
    try {
      Lines out = new Lines(p.getInputStream());
      loop.runUntilComplete(() -> {
        int port = Integer.parseInt(awaitLine(out, "", p).strip());
        for (boolean abort : new boolean[] {false, true}) {
          Recorder client = new Recorder(loop);
          Endpoint<Transport, Recorder> e =
              loop.createConnection(
                  () -> client,
                  "localhost",
                  port,
                  ConnectOptions.defaults().withSsl(certs.clientContext("TLS")));
          if (abort) {
            e.transport().abort();
          } else {
            e.transport().close();
          }
          assertThat(client.lost.await()).isNull();
          awaitLine(out, abort ? "eof without close_notify" : "read 0", p);
        }
      });
      assertThat(out.lines).containsExactly(out.lines.get(0), "read 0", "eof without close_notify");
    } finally {
      p.destroyForcibly();
    }
  }

  // ------------------------------------------------------------------ openssl

  /** Reads a child's output lines into a list, off the loop. */
  private static final class Lines {
    final List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
    final Thread reader;

    Lines(InputStream in) {
      reader =
          Thread.ofPlatform()
              .daemon()
              .start(() -> {
                try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                  for (String l = r.readLine(); l != null; l = r.readLine()) {
                    lines.add(l);
                  }
                } catch (IOException e) {
                  lines.add("read failed: " + e);
                }
              });
    }

    @Nullable String find(String prefix) {
      for (String l : lines) {
        if (l.strip().startsWith(prefix)) { // s_client indents its session block
          return l;
        }
      }
      return null;
    }
  }

  /** Waits on the loop (without blocking it) for a child's output line. */
  private String awaitLine(Lines out, String prefix, Process p) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      String l = out.find(prefix);
      if (l != null) {
        return l;
      }
      if (!p.isAlive() && !out.reader.isAlive()) {
        break;
      }
      org.asyncio4j.Asyncio.sleep(Duration.ofMillis(5));
    }
    throw new AssertionError("no line starting with '" + prefix + "' in " + out.lines);
  }

  @ParameterizedTest
  @ValueSource(strings = {"-tls1_2", "-tls1_3"})
  void opensslServerTalksToOurClient(String version) throws Exception {
    Process p =
        new ProcessBuilder(
                openssl(),
                "s_server",
                "-accept",
                "127.0.0.1:0",
                "-cert",
                certs.certPem.toString(),
                "-key",
                certs.keyPem.toString(),
                "-rev",
                "-naccept",
                "1",
                version)
            .redirectErrorStream(true)
            .start();
    try {
      Lines out = new Lines(p.getInputStream());
      loop.runUntilComplete(() -> {
        String accept = awaitLine(out, "ACCEPT", p);
        int port = Integer.parseInt(accept.substring(accept.lastIndexOf(':') + 1).trim());
        Recorder client = new Recorder(loop);
        Endpoint<Transport, Recorder> e =
            loop.createConnection(
                () -> client,
                "localhost",
                port,
                ConnectOptions.defaults()
                    .withSsl(certs.clientContext("TLS"))
                    .withSslShutdownTimeout(Duration.ofSeconds(5)));
        SSLSession session =
            (SSLSession)
                java.util.Objects.requireNonNull(
                    e.transport().getExtraInfo(BaseTransport.SSL_OBJECT));
        assertThat(session.getProtocol())
            .isEqualTo(version.equals("-tls1_2") ? "TLSv1.2" : "TLSv1.3");
        e.transport().write("hello openssl\n".getBytes(StandardCharsets.US_ASCII));
        while (!client.text().contains("lssnepo olleh")) {
          org.asyncio4j.Asyncio.sleep(Duration.ofMillis(1));
        }
        e.transport().close();
        assertThat(client.lost.await()).isNull(); // the server answered our close_notify
      });
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      p.destroyForcibly();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"-tls1_2", "-tls1_3"})
  void opensslClientTalksToOurServer(String version) throws Exception {
    String openssl = openssl();
    loop.runUntilComplete(() -> {
      List<Recorder> serverSide = new ArrayList<>();
      Server server =
          loop.createServer(
              () -> {
                Recorder r =
                    new Recorder(loop) {
                      @Override
                      public void connectionMade(Transport transport) {
                        super.connectionMade(transport);
                        transport.write(
                            "hello from asyncio4j\n".getBytes(StandardCharsets.US_ASCII));
                      }
                    };
                serverSide.add(r);
                return r;
              },
              List.of("127.0.0.1"),
              0,
              ServerOptions.defaults().withSsl(certs.serverContext("TLS")));
      Process p;
      try {
        p =
            new ProcessBuilder(
                    openssl,
                    "s_client",
                    "-connect",
                    "127.0.0.1:" + port(server),
                    "-CAfile",
                    certs.certPem.toString(),
                    "-verify_return_error",
                    "-verify_hostname",
                    "localhost",
                    "-servername",
                    "localhost",
                    version)
                .redirectErrorStream(true)
                .start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      try {
        Lines out = new Lines(p.getInputStream());
        awaitLine(out, "hello from asyncio4j", p);
        loop.runInExecutor(
                null,
                () -> {
                  OutputStream in = p.getOutputStream();
                  in.write("bye from openssl\n".getBytes(StandardCharsets.US_ASCII));
                  in.flush();
                  in.close(); // end of stdin: s_client sends close_notify and quits
                  return p.waitFor(30, TimeUnit.SECONDS);
                })
            .await();
        Recorder peer = serverSide.get(0);
        assertThat(peer.lost.await()).isNull();
        assertThat(peer.text()).isEqualTo("bye from openssl\n");
        assertThat(peer.events).containsExactly("made", "data", "eof", "lost");
        // awaitLine, not find: the thread that reads s_client's output may still be behind when
        // the process has exited
        awaitLine(out, "Verify return code: 0 (ok)", p);
        awaitLine(out, "Protocol  : " + (version.equals("-tls1_2") ? "TLSv1.2" : "TLSv1.3"), p);
      } finally {
        p.destroyForcibly();
      }
      server.close();
      server.waitClosed();
    });
  }

  @Test
  void aTls13KeyUpdateFromOpensslIsAnsweredAndTheConnectionGoesOn() throws Exception {
    String openssl = openssl();
    loop.runUntilComplete(() -> {
      List<Echo> serverSide = new ArrayList<>();
      Server server = echoServer(serverSide);
      Process p;
      try {
        p =
            new ProcessBuilder(
                    openssl,
                    "s_client",
                    "-connect",
                    "127.0.0.1:" + port(server),
                    "-CAfile",
                    certs.certPem.toString(),
                    "-verify_return_error",
                    "-servername",
                    "localhost",
                    "-tls1_3")
                .redirectErrorStream(true)
                .start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      try {
        Lines out = new Lines(p.getInputStream());
        awaitLine(out, "Verify return code", p);
        OutputStream in = p.getOutputStream();
        // "K": s_client sends a KeyUpdate that asks us to update our keys too. It takes the
        // whole read of its stdin as the command, so the data goes in a second write.
        typeInto(in, "K\n");
        awaitLine(out, "KEYUPDATE", p);
        typeInto(in, "ping after the key update\n");
        // The ping comes under s_client's new keys: we read it only if we took the KeyUpdate,
        // and s_client reads our echo only if we answered the request with our own.
        awaitLine(out, "ping after the key update", p);
        loop.runInExecutor(
                null,
                () -> {
                  in.close();
                  return p.waitFor(30, TimeUnit.SECONDS);
                })
            .await();
        Echo peer = serverSide.get(0);
        assertThat(peer.lost.await()).isNull();
        assertThat(peer.text()).isEqualTo("ping after the key update\n");
      } finally {
        p.destroyForcibly();
      }
      server.close();
      server.waitClosed();
    });
  }

  private void typeInto(OutputStream in, String text) {
    loop.runInExecutor(
            null,
            () -> {
              in.write(text.getBytes(StandardCharsets.US_ASCII));
              in.flush();
              return null;
            })
        .await();
  }

  // ------------------------------------------------------------------ CPython

  /** asyncio with ssl as client: lines and a megabyte, read back, then a clean close. */
  private static final String PY_CLIENT =
      """
      import asyncio, ssl, sys
      async def main(port, cafile):
          ctx = ssl.create_default_context(cafile=cafile)
          r, w = await asyncio.open_connection(
              "127.0.0.1", port, ssl=ctx, server_hostname="localhost")
          sent = b"".join(b"line %d\\n" % i for i in range(100)) + b"x" * 1000000 + b"\\n"
          w.write(sent)
          await w.drain()
          got = await r.readexactly(len(sent))
          print(w.get_extra_info("ssl_object").version(), len(got), got == sent, flush=True)
          w.close()
          await w.wait_closed()
      asyncio.run(main(int(sys.argv[1]), sys.argv[2]))
      """;

  @Test
  void cpythonsAsyncioWithSslIsAClientOfOurServer(@TempDir Path dir) throws Exception {
    String python = python();
    Path script = dir.resolve("client.py");
    Files.writeString(script, PY_CLIENT);
    loop.runUntilComplete(() -> {
      List<Echo> serverSide = new ArrayList<>();
      Server server = echoServer(serverSide);
      String output =
          loop.runInExecutor(
                  null,
                  () -> {
                    Process p =
                        new ProcessBuilder(
                                python,
                                script.toString(),
                                String.valueOf(port(server)),
                                certs.certPem.toString())
                            .redirectErrorStream(true)
                            .start();
                    String text =
                        new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    p.waitFor(60, TimeUnit.SECONDS);
                    return text + "exit=" + p.exitValue();
                  })
              .await();
      assertThat(output).isEqualTo("TLSv1.3 1000791 True\nexit=0");
      Echo peer = serverSide.get(0);
      assertThat(peer.lost.await()).isNull();
      assertThat(peer.events).endsWith("eof", "lost");
      server.close();
      server.waitClosed();
    });
  }
}

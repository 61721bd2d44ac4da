package org.asyncio4j.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Future;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our transports against a peer nobody here wrote: CPython's asyncio streams, in a python3 child
 * process, as client of our server and as server for our client, over TCP and Unix sockets.
 */
@Timeout(120)
class CpythonPeerTest {
  private static @Nullable String python;

  @BeforeAll
  static void findPython() {
    for (String candidate : List.of("/usr/bin/python3", "/usr/local/bin/python3")) {
      if (Files.isExecutable(Path.of(candidate))) {
        python = candidate;
        return;
      }
    }
  }

  private static String python() {
    Assumptions.assumeTrue(
        python != null, "no python3 on this machine: the CPython peer tests need it");
    return java.util.Objects.requireNonNull(python);
  }

  /** A python3 asyncio client: sends lines, half-closes, prints what came back. */
  private static final String CLIENT =
      """
      import asyncio, sys
      async def main(kind, where):
          if kind == "tcp":
              r, w = await asyncio.open_connection("127.0.0.1", int(where))
          else:
              r, w = await asyncio.open_unix_connection(where)
          for i in range(100):
              w.write(b"line %d\\n" % i)
          w.write(b"x" * 1000000 + b"\\n")
          await w.drain()
          w.write_eof()
          data = await r.read()
          lines = data.split(b"\\n")
          print(len(data), lines[0].decode(), lines[99].decode(), flush=True)
          w.close()
          await w.wait_closed()
      asyncio.run(main(sys.argv[1], sys.argv[2]))
      """;

  /** A python3 asyncio echo server: prints where it listens, serves one client, then ends. */
  private static final String SERVER =
      """
      import asyncio, sys
      async def main(kind, where):
          done = asyncio.Event()
          async def handle(r, w):
              while line := await r.readline():
                  w.write(b"echo " + line)
                  await w.drain()
              w.close()
              await w.wait_closed()
              done.set()
          if kind == "tcp":
              server = await asyncio.start_server(handle, "127.0.0.1", 0)
              print(server.sockets[0].getsockname()[1], flush=True)
          else:
              server = await asyncio.start_unix_server(handle, where)
              print(where, flush=True)
          async with server:
              await done.wait()
      asyncio.run(main(sys.argv[1], sys.argv[2]))
      """;

  @Test
  void cpythonStreamsAsAClientOfOurTcpServer() throws Exception {
    String out =
        runServerForPython(
            "tcp", loop -> loop.createServer(TransportTest.Echo::new, "127.0.0.1", 0), null);
    assertThat(out).isEqualTo((100 * 8 - 10 + 1000001) + " line 0 line 99");
  }

  @Test
  void cpythonStreamsAsAClientOfOurUnixServer(@TempDir Path dir) throws Exception {
    Path sock = dir.resolve("s.sock");
    String out =
        runServerForPython(
            "unix",
            loop -> loop.createUnixServer(TransportTest.Echo::new, sock, ServerOptions.defaults()),
            sock);
    assertThat(out).isEqualTo((100 * 8 - 10 + 1000001) + " line 0 line 99");
  }

  @Test
  void ourTcpClientAgainstACpythonServer() throws Exception {
    List<String> lines = runClientAgainstPython("tcp", null);
    assertThat(lines).hasSize(50);
    assertThat(lines.get(0)).isEqualTo("echo hello 0");
    assertThat(lines.get(49)).isEqualTo("echo hello 49");
  }

  @Test
  void ourUnixClientAgainstACpythonServer(@TempDir Path dir) throws Exception {
    List<String> lines = runClientAgainstPython("unix", dir.resolve("py.sock"));
    assertThat(lines).hasSize(50);
    assertThat(lines.get(49)).isEqualTo("echo hello 49");
  }

  private interface ServerMaker {
    Server make(EventLoop loop);
  }

  private String runServerForPython(String kind, ServerMaker maker, @Nullable Path sock)
      throws Exception {
    String py = python();
    try (EventLoop loop = EventLoop.create()) {
      return loop.runUntilComplete(() -> {
        Server server = maker.make(loop);
        String where =
            sock != null
                ? sock.toString()
                : String.valueOf(
                    ((InetSocketAddress) server.sockets().get(0).getLocalAddress()).getPort());
        Process p =
            new ProcessBuilder(py, "-c", CLIENT, kind, where).redirectErrorStream(true).start();
        // The child is a blocking peer: wait for it off the loop.
        String out =
            org.asyncio4j.Asyncio.toThread(() -> {
              String all = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
              p.waitFor(60, TimeUnit.SECONDS);
              return all.strip();
            });
        assertThat(p.exitValue()).as(out).isZero();
        server.close();
        server.waitClosed();
        return out;
      });
    }
  }

  private List<String> runClientAgainstPython(String kind, @Nullable Path sock) throws Exception {
    String py = python();
    Process p =
        new ProcessBuilder(py, "-c", SERVER, kind, sock == null ? "-" : sock.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try {
      BufferedReader childOut =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String where = childOut.readLine();
      assertThat(where).as("the python server's address").isNotNull();
      List<String> lines = new ArrayList<>();
      try (EventLoop loop = EventLoop.create()) {
        loop.runUntilComplete(() -> {
          StringBuilder got = new StringBuilder();
          Future<String> lost = loop.createFuture();
          Protocol client =
              new Protocol() {
                @Override
                public void dataReceived(byte[] data) {
                  got.append(new String(data, StandardCharsets.US_ASCII));
                }

                @Override
                public void connectionLost(@Nullable Exception exc) {
                  lost.setResult(exc == null ? "clean" : exc.toString());
                }
              };
          Endpoint<Transport, Protocol> e =
              kind.equals("tcp")
                  ? loop.createConnection(() -> client, "127.0.0.1", Integer.parseInt(where))
                  : loop.createUnixConnection(() -> client, Path.of(where));
          for (int i = 0; i < 50; i++) {
            e.transport().write(("hello " + i + "\n").getBytes(StandardCharsets.US_ASCII));
          }
          e.transport().writeEof();
          assertThat(lost.await()).isEqualTo("clean");
          lines.addAll(List.of(got.toString().split("\n")));
        });
      }
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).isZero();
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      p.destroyForcibly();
    }
  }
}

package org.asyncio4j.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.asyncio4j.net.StreamsTest.b;
import static org.asyncio4j.net.StreamsTest.s;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.asyncio4j.Asyncio;
import org.asyncio4j.EventLoop;
import org.asyncio4j.ExceptionContext;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Our streams against CPython's, in a python3 child process over loopback TCP: a CPython client of
 * our {@link Streams#startServer} echo server, and our {@link Streams#openConnection} client of a
 * CPython echo server. Each side sends lines, then EOF; each echoes every line, then closes at EOF.
 */
@Timeout(120)
class StreamsCpythonPeerTest {
  private static final String PYTHON = "/usr/bin/python3";
  private static final int LINES = 2000;

  /** The lines both sides send: lengths from 1 to ~1000 bytes, so that reads split them. */
  private static String line(int i) {
    return "line " + i + " " + "abcdefghij".repeat(i % 100) + "\n";
  }

  /** A CPython streams client: sends the lines, half-closes, checks the echo, prints "ok". */
  private static final String CLIENT =
      """
      import asyncio, sys
      def line(i):
          return b"line %d " % i + b"abcdefghij" * (i % 100) + b"\\n"
      async def main(port, n):
          r, w = await asyncio.open_connection("127.0.0.1", port)
          sent = b"".join(line(i) for i in range(n))
          for i in range(n):
              w.write(line(i))
              await w.drain()
          w.write_eof()
          back = []
          async for l in r:
              back.append(l)
          w.close()
          await w.wait_closed()
          got = b"".join(back)
          print("ok" if got == sent else "mismatch %d of %d" % (len(got), len(sent)), flush=True)
      asyncio.run(main(int(sys.argv[1]), int(sys.argv[2])))
      """;

  /** A CPython streams echo server: prints its port, echoes one client's lines, closes at EOF. */
  private static final String SERVER =
      """
      import asyncio, sys
      async def main():
          done = asyncio.Event()
          async def handle(r, w):
              while line := await r.readline():
                  w.write(line)
                  await w.drain()
              w.close()
              await w.wait_closed()
              done.set()
          server = await asyncio.start_server(handle, "127.0.0.1", 0)
          print(server.sockets[0].getsockname()[1], flush=True)
          async with server:
              await done.wait()
      asyncio.run(main())
      """;

  private static void requirePython() {
    Assumptions.assumeTrue(
        Files.isExecutable(Path.of(PYTHON)), "no " + PYTHON + ": the CPython peer tests need it");
  }

  @Test
  void cpythonStreamsClientOfOurStreamsServer() throws Exception {
    requirePython();
    List<ExceptionContext> messages = new ArrayList<>();
    try (EventLoop loop = EventLoop.create()) {
      loop.setExceptionHandler((l, context) -> messages.add(context));
      String out =
          loop.runUntilComplete(() -> {
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
            int port = ((InetSocketAddress) server.sockets().get(0).getLocalAddress()).getPort();
            Process p =
                new ProcessBuilder(
                        PYTHON, "-c", CLIENT, String.valueOf(port), String.valueOf(LINES))
                    .redirectErrorStream(true)
                    .start();
            // The child blocks its own thread, not ours: wait for it off the loop.
            String printed =
                Asyncio.toThread(() -> {
                  String all =
                      new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                  p.waitFor(60, TimeUnit.SECONDS);
                  return all.strip();
                });
            assertThat(p.exitValue()).as(printed).isZero();
            server.close();
            server.waitClosed();
            return printed;
          });
      assertThat(out).isEqualTo("ok");
    }
    assertThat(messages).isEmpty();
  }

  @Test
  void ourStreamsClientOfACpythonStreamsServer() throws Exception {
    requirePython();
    Process p =
        new ProcessBuilder(PYTHON, "-c", SERVER)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try {
      BufferedReader childOut =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String portLine = childOut.readLine();
      assertThat(portLine).as("the python server's port").isNotNull();
      int port = Integer.parseInt(portLine);
      List<ExceptionContext> messages = new ArrayList<>();
      try (EventLoop loop = EventLoop.create()) {
        loop.setExceptionHandler((l, context) -> messages.add(context));
        List<String> back =
            loop.runUntilComplete(() -> {
              StreamPair conn = Streams.openConnection("127.0.0.1", port);
              // Read while writing: CPython's server echoes as it goes, and with nobody
              // reading here both sides' buffers would fill up and stop each other.
              org.asyncio4j.Task<List<String>> reading =
                  Asyncio.createTask(() -> {
                    List<String> lines = new ArrayList<>();
                    for (byte[] l : conn.reader()) {
                      lines.add(s(l));
                    }
                    return lines;
                  });
              for (int i = 0; i < LINES; i++) {
                conn.writer().write(b(line(i)));
                conn.writer().drain();
              }
              conn.writer().writeEof();
              List<String> lines = reading.await();
              conn.writer().close();
              conn.writer().waitClosed();
              return lines;
            });
        assertThat(back).hasSize(LINES);
        for (int i = 0; i < LINES; i++) {
          assertThat(back.get(i)).isEqualTo(line(i));
        }
      }
      assertThat(messages).isEmpty();
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).isZero();
    } finally {
      p.destroyForcibly();
    }
  }
}

package org.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.asyncio4j.net.Server;
import org.asyncio4j.net.StreamPair;
import org.asyncio4j.net.StreamWriter;
import org.asyncio4j.net.Streams;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Debug mode: a {@link StreamWriter} collected with its connection open closes it and logs
 * asyncio's "unclosed &lt;StreamWriter ...&gt;" (a {@code ResourceWarning} there). Here, in the
 * runtime's package, to capture the warning.
 */
@Timeout(60)
class StreamWriterLeakTest {
  private static final int GC_ATTEMPTS = 50;

  @Test
  void aCollectedWriterWithAnOpenConnectionIsClosedAndReported() throws Exception {
    try (LogCapture logs = LogCapture.warnings();
        EventLoop loop = EventLoop.builder().debug(true).build()) {
      String seen =
          loop.runUntilComplete(() -> {
            Future<String> serverSaw = loop.createFuture();
            Server server =
                Streams.startServer(
                    (reader, writer) -> {
                      byte[] all = reader.read(-1);
                      serverSaw.setResult(new String(all, StandardCharsets.US_ASCII));
                      writer.close();
                    },
                    "127.0.0.1",
                    0);
            int port = ((InetSocketAddress) server.sockets().get(0).getLocalAddress()).getPort();
            WeakReference<StreamWriter> dropped = openWriteAndDrop(port);
            // Waits for an event, not for time: each round asks for a collection, then gives
            // the cleaner's report a bounded while to reach the loop.
            for (int i = 0; i < GC_ATTEMPTS && !serverSaw.isDone(); i++) {
              System.gc();
              try {
                Asyncio.waitFor(Asyncio.shield(serverSaw), Duration.ofMillis(100));
              } catch (AsyncTimeoutException notYet) {
                // collect again
              }
            }
            Assumptions.assumeTrue(dropped.get() == null, "the JVM collected the writer");
            assertThat(serverSaw.isDone())
                .as("the collected writer's connection was closed, so the server read its end")
                .isTrue();
            String saw = serverSaw.result();
            server.close();
            server.waitClosed();
            return saw;
          });
      assertThat(seen).isEqualTo("forgotten");
      assertThat(logs.messages())
          .anySatisfy(m -> assertThat(m).startsWith("unclosed <StreamWriter transport="));
    }
  }

  private static WeakReference<StreamWriter> openWriteAndDrop(int port) {
    StreamPair conn = Streams.openConnection("127.0.0.1", port);
    conn.writer().write("forgotten".getBytes(StandardCharsets.US_ASCII));
    return new WeakReference<>(conn.writer());
  }
}

package org.asyncio4j.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.asyncio4j.EventLoop;
import org.asyncio4j.internal.net.NetProbes;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Connection churn: many connect/close cycles leave file descriptors, the loop's open transports,
 * the server's connections and the heap where they started. The suite runs 5,000 cycles; {@code
 * scripts/soak-churn} runs 100,000 (env ASYNCIO4J_CHURN_CYCLES) and records the figures.
 */
@Timeout(600)
class ConnectionChurnTest {
  private static final int CYCLES =
      Integer.parseInt(
          java.util.Objects.requireNonNullElse(System.getenv("ASYNCIO4J_CHURN_CYCLES"), "5000"));

  private static long openFileDescriptors() {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.count();
    } catch (IOException e) {
      return -1;
    }
  }

  private static long usedHeap() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }

  @Test
  void connectAndCloseCyclesLeaveDescriptorsAndHeapWhereTheyStarted() {
    Assumptions.assumeTrue(
        Files.isDirectory(Path.of("/proc/self/fd")),
        "no /proc/self/fd on this system: open descriptors cannot be counted");
    try (EventLoop loop = EventLoop.create()) {
      loop.runUntilComplete(() -> {
        Server server = loop.createServer(TransportTest.Echo::new, "127.0.0.1", 0);
        int port = ((InetSocketAddress) server.sockets().get(0).getLocalAddress()).getPort();
        Runnable cycle =
            () -> {
              TransportTest.Recorder r = new TransportTest.Recorder(loop);
              Endpoint<Transport, TransportTest.Recorder> c =
                  loop.createConnection(() -> r, "127.0.0.1", port);
              c.transport().write(new byte[] {42});
              c.transport().writeEof();
              r.lost.await(); // echoed, then the server closed on EOF
            };
        for (int i = 0; i < 500; i++) {
          cycle.run(); // warm up: buffers, classes, the JIT
        }
        waitUntilServerIsEmpty(server);
        long fdsBefore = openFileDescriptors();
        long heapBefore = usedHeap();
        for (int i = 0; i < CYCLES; i++) {
          cycle.run();
        }
        waitUntilServerIsEmpty(server);
        long fdsAfter = openFileDescriptors();
        long heapAfter = usedHeap();
        if (System.getenv("ASYNCIO4J_CHURN_CYCLES") != null) { // the soak script's figures
          System.out.printf(
              "churn: %d cycles, descriptors %d -> %d, heap %d KiB -> %d KiB%n",
              CYCLES, fdsBefore, fdsAfter, heapBefore / 1024, heapAfter / 1024);
        }
        assertThat(fdsAfter).as("open file descriptors").isLessThanOrEqualTo(fdsBefore);
        assertThat(NetProbes.openTransports(loop)).isZero();
        // a leak of one small object per cycle would show as CYCLES * ~100 bytes at least
        assertThat(heapAfter - heapBefore).as("heap growth, bytes").isLessThan(4L << 20);
        server.close();
        server.waitClosed();
      });
    }
  }

  private static void waitUntilServerIsEmpty(Server server) {
    while (NetProbes.clients(server) > 0) {
      org.asyncio4j.Asyncio.sleep(java.time.Duration.ofMillis(1));
    }
  }
}

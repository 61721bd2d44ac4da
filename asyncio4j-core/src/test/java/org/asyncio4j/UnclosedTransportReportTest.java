package org.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.asyncio4j.net.DatagramProtocol;
import org.asyncio4j.net.Protocol;
import org.asyncio4j.net.Server;
import org.asyncio4j.net.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Debug mode: a loop that closes with transports still open reports each as "unclosed transport",
 * asyncio's {@code ResourceWarning}, and closes its socket; outside debug mode it closes them
 * silently. Here, in the runtime's package, to capture the warnings.
 */
@Timeout(60)
class UnclosedTransportReportTest {
  @Test
  void aDebugLoopClosingWithOpenTransportsReportsEachOne() {
    Transport[] left = new Transport[1];
    try (LogCapture logs = LogCapture.warnings()) {
      EventLoop loop = EventLoop.builder().debug(true).build();
      loop.runUntilComplete(() -> {
        Server server = loop.createServer(() -> new Protocol() {}, "127.0.0.1", 0);
        int port = ((InetSocketAddress) server.sockets().get(0).getLocalAddress()).getPort();
        left[0] = loop.createConnection(() -> new Protocol() {}, "127.0.0.1", port).transport();
        loop.createDatagramEndpoint(
            () -> new DatagramProtocol() {},
            new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0),
            null);
        Asyncio.sleep(java.time.Duration.ZERO); // the server accepts its end
      });
      loop.close();
      assertThat(logs.messages())
          .filteredOn(m -> m.startsWith("unclosed transport <SocketTransport"))
          .hasSize(2) // the client's end and the server's
          .allSatisfy(m -> assertThat(m).contains("close() every transport"));
      assertThat(logs.messages())
          .filteredOn(m -> m.startsWith("unclosed transport <DatagramTransport"))
          .hasSize(1);
      assertThat(left[0].getExtraInfo(org.asyncio4j.net.BaseTransport.SOCKET))
          .as("its socket is closed")
          .satisfiesAnyOf(
              s -> assertThat(s).isNull(),
              s -> assertThat(((java.nio.channels.SocketChannel) s).isOpen()).isFalse());
    }
  }

  @Test
  void outsideDebugModeTheLoopClosesThemSilently() {
    try (LogCapture logs = LogCapture.warnings()) {
      EventLoop loop = EventLoop.create();
      loop.runUntilComplete(() -> {
        Server server = loop.createServer(() -> new Protocol() {}, "127.0.0.1", 0);
        int port = ((InetSocketAddress) server.sockets().get(0).getLocalAddress()).getPort();
        loop.createConnection(() -> new Protocol() {}, "127.0.0.1", port);
      });
      loop.close();
      assertThat(logs.messages()).noneMatch(m -> m.startsWith("unclosed transport"));
    }
  }

  @Test
  void closedTransportsAreNotReported() {
    try (LogCapture logs = LogCapture.warnings()) {
      EventLoop loop = EventLoop.builder().debug(true).build();
      loop.runUntilComplete(() -> {
        Server server = loop.createServer(() -> new Protocol() {}, "127.0.0.1", 0);
        int port = ((InetSocketAddress) server.sockets().get(0).getLocalAddress()).getPort();
        Transport t = loop.createConnection(() -> new Protocol() {}, "127.0.0.1", port).transport();
        t.close();
        server.close();
        server.closeClients();
        server.waitClosed();
      });
      loop.close();
      assertThat(logs.messages()).noneMatch(m -> m.startsWith("unclosed transport"));
    }
  }
}

package org.asyncio4j.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.EventLoop;
import org.asyncio4j.ExceptionContext;
import org.asyncio4j.Future;
import org.asyncio4j.Task;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** UDP endpoints: CPython's test_events.py datagram cases, and a CPython peer. */
@Timeout(60)
class DatagramTest {
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

  /** Echoes every datagram back to its sender. */
  static final class EchoUdp implements DatagramProtocol {
    @Nullable DatagramTransport transport;

    @Override
    public void connectionMade(DatagramTransport transport) {
      this.transport = transport;
    }

    @Override
    public void datagramReceived(byte[] data, SocketAddress addr) {
      java.util.Objects.requireNonNull(transport).sendto(data, addr);
    }
  }

  /** Collects datagrams and errors. */
  static final class Collector implements DatagramProtocol {
    final List<String> got = new ArrayList<>();
    final List<Exception> errors = new ArrayList<>();
    final Future<String> firstGot;
    final Future<Exception> firstError;
    final Future<String> lost;

    Collector(EventLoop loop) {
      firstGot = loop.createFuture();
      firstError = loop.createFuture();
      lost = loop.createFuture();
    }

    @Override
    public void datagramReceived(byte[] data, SocketAddress addr) {
      got.add(new String(data, StandardCharsets.US_ASCII));
      if (!firstGot.isDone()) {
        firstGot.setResult(got.get(0));
      }
    }

    @Override
    public void errorReceived(Exception exc) {
      errors.add(exc);
      if (!firstError.isDone()) {
        firstError.setResult(exc);
      }
    }

    @Override
    public void connectionLost(@Nullable Exception exc) {
      lost.setResult(exc == null ? "clean" : exc.toString());
    }
  }

  private static InetSocketAddress local(DatagramTransport t) {
    return (InetSocketAddress)
        java.util.Objects.requireNonNull(t.getExtraInfo(BaseTransport.SOCKNAME));
  }

  // ported from test_events.py::test_create_datagram_endpoint
  @Test
  void anUnconnectedEndpointEchoesToAConnectedOne() {
    loop.runUntilComplete(() -> {
      Endpoint<DatagramTransport, EchoUdp> server =
          loop.createDatagramEndpoint(
              EchoUdp::new,
              new InetSocketAddress(java.net.InetAddress.ofLiteral("127.0.0.1"), 0),
              null);
      InetSocketAddress where = local(server.transport());
      Collector c = new Collector(loop);
      Endpoint<DatagramTransport, Collector> client =
          loop.createDatagramEndpoint(() -> c, null, where);
      assertThat(client.transport().getExtraInfo(BaseTransport.PEERNAME)).isEqualTo(where);
      client.transport().sendto("xxx".getBytes(StandardCharsets.US_ASCII));
      assertThat(c.firstGot.await()).isEqualTo("xxx");
      client.transport().close();
      assertThat(c.lost.await()).isEqualTo("clean");
      server.transport().close();
    });
  }

  @Test
  void aConnectedEndpointRefusesAnotherAddressAndAnUnconnectedOneNeedsAnAddress() {
    loop.runUntilComplete(() -> {
      Endpoint<DatagramTransport, Collector> connected =
          loop.createDatagramEndpoint(
              () -> new Collector(loop),
              null,
              new InetSocketAddress(java.net.InetAddress.ofLiteral("127.0.0.1"), 9));
      assertThatThrownBy(() ->
              connected
                  .transport()
                  .sendto(
                      new byte[] {1},
                      new InetSocketAddress(java.net.InetAddress.ofLiteral("127.0.0.1"), 10)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("Invalid address");
      Endpoint<DatagramTransport, Collector> open =
          loop.createDatagramEndpoint(
              () -> new Collector(loop),
              new InetSocketAddress(java.net.InetAddress.ofLiteral("127.0.0.1"), 0),
              null);
      assertThatThrownBy(() -> open.transport().sendto(new byte[] {1}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("needs an address");
      connected.transport().close();
      open.transport().close();
    });
  }

  // asyncio: ICMP port unreachable on a connected endpoint reaches error_received, which keeps it
  @Test
  void aConnectedEndpointToAClosedPortHearsErrorReceivedAndStaysOpen() throws Exception {
    int closed;
    try (java.net.DatagramSocket s =
        new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    loop.runUntilComplete(() -> {
      Collector c = new Collector(loop);
      Endpoint<DatagramTransport, Collector> e =
          loop.createDatagramEndpoint(
              () -> c,
              null,
              new InetSocketAddress(java.net.InetAddress.ofLiteral("127.0.0.1"), closed));
      Task<Void> pinger =
          org.asyncio4j.Asyncio.createTask(() -> {
            while (true) {
              e.transport().sendto(new byte[] {1});
              org.asyncio4j.Asyncio.sleep(java.time.Duration.ofMillis(20));
            }
          });
      try {
        Exception error =
            org.asyncio4j.Asyncio.waitFor(c.firstError::await, java.time.Duration.ofSeconds(10));
        assertThat(error).isInstanceOf(ConnectionRefusedException.class);
      } catch (org.asyncio4j.AsyncTimeoutException timedOut) {
        // Some sandboxes drop ICMP: no error then, which is also what a lossy network does.
      } finally {
        pinger.cancel();
      }
      assertThat(e.transport().isClosing()).isFalse();
      e.transport().close();
    });
  }

  @Test
  void aCpythonDatagramEndpointEchoesOurs() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/python3")),
        "no /usr/bin/python3: the CPython peer test needs it");
    String script =
        """
        import asyncio
        class Echo(asyncio.DatagramProtocol):
            def connection_made(self, t): self.t = t
            def datagram_received(self, data, addr):
                self.t.sendto(b"py:" + data, addr)
                if data == b"bye": self.done.set_result(None)
        async def main():
            loop = asyncio.get_running_loop()
            p = Echo(); p.done = loop.create_future()
            t, _ = await loop.create_datagram_endpoint(lambda: p, local_addr=("127.0.0.1", 0))
            print(t.get_extra_info("sockname")[1], flush=True)
            await p.done
            t.close()
        asyncio.run(main())
        """;
    Process py =
        new ProcessBuilder("/usr/bin/python3", "-c", script)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try {
      int port =
          Integer.parseInt(
              new java.io.BufferedReader(
                      new java.io.InputStreamReader(py.getInputStream(), StandardCharsets.US_ASCII))
                  .readLine()
                  .strip());
      loop.runUntilComplete(() -> {
        Collector c = new Collector(loop);
        Endpoint<DatagramTransport, Collector> e =
            loop.createDatagramEndpoint(
                () -> c,
                null,
                new InetSocketAddress(java.net.InetAddress.ofLiteral("127.0.0.1"), port));
        e.transport().sendto("hello".getBytes(StandardCharsets.US_ASCII));
        assertThat(c.firstGot.await()).isEqualTo("py:hello");
        e.transport().sendto("bye".getBytes(StandardCharsets.US_ASCII));
        e.transport().close();
      });
      assertThat(py.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      assertThat(py.exitValue()).isZero();
    } finally {
      py.destroyForcibly();
    }
  }

  // asyncio delivers an empty datagram as b"" to datagram_received; a connected endpoint did not
  // tell an empty datagram from none (its read returned 0 for both)
  @Test
  void aConnectedEndpointReceivesAnEmptyDatagramAsOneEmptyDatagram() throws Exception {
    try (java.nio.channels.DatagramChannel peer = java.nio.channels.DatagramChannel.open()) {
      peer.bind(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0));
      InetSocketAddress peerAddress = (InetSocketAddress) peer.getLocalAddress();
      loop.runUntilComplete(() -> {
        Collector c = new Collector(loop);
        Endpoint<DatagramTransport, Collector> e =
            loop.createDatagramEndpoint(() -> c, null, peerAddress);
        InetSocketAddress us = local(e.transport());
        peer.send(java.nio.ByteBuffer.allocate(0), us);
        peer.send(java.nio.ByteBuffer.wrap("x".getBytes(StandardCharsets.US_ASCII)), us);
        while (c.got.size() < 2) {
          org.asyncio4j.Asyncio.sleep(java.time.Duration.ofMillis(5));
        }
        assertThat(c.got).containsExactly("", "x");
        e.transport().close();
      });
    }
  }
}

package org.asyncio4j.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.asyncio4j.Asyncio;
import org.asyncio4j.EventLoop;
import org.asyncio4j.EventLoopGroup;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A server that accepts on one loop and serves its connections on the loops of a group. */
@Timeout(60)
class EventLoopGroupTest {
  /** Echoes, and records on which loop each of its callbacks ran. */
  static final class WhereEcho implements Protocol {
    static final Map<WhereEcho, Set<EventLoop>> seen = new ConcurrentHashMap<>();
    private @Nullable Transport transport;

    private void mark() {
      seen.computeIfAbsent(this, k -> ConcurrentHashMap.newKeySet()).add(Asyncio.getRunningLoop());
    }

    WhereEcho() {
      mark(); // the factory runs on the connection's loop too
    }

    @Override
    public void connectionMade(Transport transport) {
      mark();
      this.transport = transport;
    }

    @Override
    public void dataReceived(byte[] data) {
      mark();
      java.util.Objects.requireNonNull(transport).write(data);
    }

    @Override
    public void connectionLost(@Nullable Exception exc) {
      mark();
    }
  }

  @Test
  void connectionsAreSpreadOverTheGroupAndEachStaysOnItsLoop() {
    WhereEcho.seen.clear();
    try (EventLoopGroup group = EventLoopGroup.start(2)) {
      assertThat(group.loops()).hasSize(2);
      assertThat(group.loops()).allMatch(EventLoop::isRunning);
      Asyncio.run(() -> {
        Server server = group.createServer(WhereEcho::new, "127.0.0.1", 0);
        int port = ((InetSocketAddress) server.sockets().get(0).getLocalAddress()).getPort();
        EventLoop here = Asyncio.getRunningLoop();
        List<Endpoint<Transport, TransportTest.Recorder>> clients = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
          clients.add(
              here.createConnection(() -> new TransportTest.Recorder(here), "127.0.0.1", port));
        }
        for (int i = 0; i < clients.size(); i++) {
          clients.get(i).transport().write(("m" + i).getBytes(StandardCharsets.US_ASCII));
          clients.get(i).transport().writeEof();
        }
        for (int i = 0; i < clients.size(); i++) {
          assertThat(clients.get(i).protocol().lost.await()).isNull();
          assertThat(clients.get(i).protocol().received.text()).isEqualTo("m" + i);
        }
        server.close();
        server.waitClosed(); // it hears of the connections closed on the other loops
      });
      assertThat(WhereEcho.seen).hasSize(20);
      Set<EventLoop> used = ConcurrentHashMap.newKeySet();
      for (Set<EventLoop> loops : WhereEcho.seen.values()) {
        assertThat(loops).hasSize(1); // a connection never changes loop
        used.addAll(loops);
      }
      assertThat(used).containsExactlyInAnyOrderElementsOf(group.loops());
    }
  }

  @Test
  void closeClientsReachesConnectionsOnOtherLoops() {
    try (EventLoopGroup group = EventLoopGroup.start(2)) {
      Asyncio.run(() -> {
        Server server = group.createServer(WhereEcho::new, "127.0.0.1", 0);
        int port = ((InetSocketAddress) server.sockets().get(0).getLocalAddress()).getPort();
        EventLoop here = Asyncio.getRunningLoop();
        List<TransportTest.Recorder> clients = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          clients.add(
              here.createConnection(() -> new TransportTest.Recorder(here), "127.0.0.1", port)
                  .protocol());
        }
        while (org.asyncio4j.internal.net.NetProbes.clients(server) < 4) {
          Asyncio.sleep(java.time.Duration.ofMillis(1));
        }
        server.close();
        server.closeClients();
        for (TransportTest.Recorder r : clients) {
          assertThat(r.lost.await()).isNull();
        }
        server.waitClosed();
      });
    }
  }

  @Test
  void closingTheGroupStopsAndClosesEveryLoop() {
    EventLoopGroup group = EventLoopGroup.start(3);
    List<EventLoop> loops = group.loops();
    assertThat(group.next()).isSameAs(loops.get(0));
    assertThat(group.next()).isSameAs(loops.get(1));
    assertThat(group.next()).isSameAs(loops.get(2));
    assertThat(group.next()).isSameAs(loops.get(0));
    group.close();
    group.close(); // idempotent
    assertThat(loops).allMatch(EventLoop::isClosed);
  }

  @Test
  void aCloseRefusedOnAGroupLoopLeavesTheGroupClosableFromOutside() throws Exception {
    EventLoopGroup group = EventLoopGroup.start(1);
    EventLoop inside = group.loops().get(0);
    java.util.concurrent.CompletableFuture<Throwable> refused =
        new java.util.concurrent.CompletableFuture<>();
    var _ =
        inside.callSoonThreadsafe(() -> {
          try {
            group.close();
            refused.complete(null);
          } catch (RuntimeException e) {
            refused.complete(e);
          }
        });
    assertThat(refused.get(30, java.util.concurrent.TimeUnit.SECONDS))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("from its own loop");
    try {
      group.close(); // from outside: must still stop and close the loop
      assertThat(inside.isClosed()).isTrue();
    } finally {
      if (!inside.isClosed()) {
        var _ = inside.callSoonThreadsafe(inside::stop); // do not leave a non-daemon thread
      }
    }
  }
}

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

  private static void awaitQuietly(java.util.concurrent.CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * A server on this loop whose connections all go to {@code worker}; {@code handedOff} says when.
   */
  private static Server serverHandingTo(
      EventLoop worker, org.asyncio4j.Future<@Nullable Void> handedOff) {
    return org.asyncio4j.internal.net.Listeners.createServer(
        Asyncio.getRunningLoop(),
        TransportTest.Echo::new,
        List.of("127.0.0.1"),
        0,
        ServerOptions.defaults(),
        () -> {
          if (!handedOff.isDone()) {
            handedOff.setResult(null);
          }
          return worker;
        });
  }

  @Test
  void waitClosedWaitsForAConnectionStillOnItsWayToItsWorkerLoop() {
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    try (EventLoopGroup group = EventLoopGroup.start(1)) {
      EventLoop worker = group.loops().get(0);
      var _ = worker.callSoonThreadsafe(() -> awaitQuietly(release)); // the worker is busy
      try {
        Asyncio.run(() -> {
          EventLoop here = Asyncio.getRunningLoop();
          org.asyncio4j.Future<@Nullable Void> handedOff = here.createFuture();
          Server server = serverHandingTo(worker, handedOff);
          int port = ((InetSocketAddress) server.sockets().get(0).getLocalAddress()).getPort();
          Endpoint<Transport, TransportTest.Recorder> client =
              here.createConnection(() -> new TransportTest.Recorder(here), "127.0.0.1", port);
          handedOff.await(); // accepted here, posted to the worker, not started there yet
          server.close();
          org.asyncio4j.Task<Void> waiter = Asyncio.createTask(server::waitClosed);
          Asyncio.sleep(java.time.Duration.ZERO);
          Asyncio.sleep(java.time.Duration.ZERO);
          assertThat(waiter.isDone())
              .as("waitClosed returned while the accepted connection had not started")
              .isFalse();
          release.countDown();
          client.transport().close();
          waiter.await(); // the worker serves it, hears the close, and the server hears of that
        });
      } finally {
        release.countDown();
      }
    }
  }

  @Test
  void aConnectionPostedToAWorkerLoopThatClosesFirstIsClosedNotLeaked() {
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    try (EventLoopGroup group = EventLoopGroup.start(1)) {
      EventLoop worker = group.loops().get(0);
      // Busy, then stopping at the end of this turn: what is posted meanwhile never runs.
      var _ =
          worker.callSoonThreadsafe(() -> {
            awaitQuietly(release);
            worker.stop();
          });
      try {
        Asyncio.run(() -> {
          EventLoop here = Asyncio.getRunningLoop();
          org.asyncio4j.Future<@Nullable Void> handedOff = here.createFuture();
          Server server = serverHandingTo(worker, handedOff);
          int port = ((InetSocketAddress) server.sockets().get(0).getLocalAddress()).getPort();
          Endpoint<Transport, TransportTest.Recorder> client =
              here.createConnection(() -> new TransportTest.Recorder(here), "127.0.0.1", port);
          handedOff.await();
          release.countDown();
          // The worker's close closes the connection it never started: the client hears EOF.
          assertThat(client.protocol().lost.await()).isNull();
          server.close();
          server.waitClosed(); // and the server does not wait for it forever
        });
      } finally {
        release.countDown();
      }
    }
  }

  @Test
  void closeClientsAlsoReachesAConnectionStillOnItsWayToItsWorkerLoop() {
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    try (EventLoopGroup group = EventLoopGroup.start(1)) {
      EventLoop worker = group.loops().get(0);
      var _ = worker.callSoonThreadsafe(() -> awaitQuietly(release)); // the worker is busy
      try {
        Asyncio.run(() -> {
          EventLoop here = Asyncio.getRunningLoop();
          org.asyncio4j.Future<@Nullable Void> handedOff = here.createFuture();
          Server server = serverHandingTo(worker, handedOff);
          int port = ((InetSocketAddress) server.sockets().get(0).getLocalAddress()).getPort();
          Endpoint<Transport, TransportTest.Recorder> client =
              here.createConnection(() -> new TransportTest.Recorder(here), "127.0.0.1", port);
          handedOff.await();
          server.close();
          server.closeClients(); // the connection is not attached yet: nothing to close now
          release.countDown();
          server.waitClosed(); // returns without the client's help: the late one is closed too
          assertThat(client.protocol().lost.await()).isNull();
        });
      } finally {
        release.countDown();
      }
    }
  }

  @Test
  void aConnectionReachingItsWorkerAfterTheServerLoopClosedStartsWithoutAnError() throws Exception {
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    List<org.asyncio4j.ExceptionContext> workerReports =
        new java.util.concurrent.CopyOnWriteArrayList<>();
    try (EventLoopGroup group = EventLoopGroup.start(1)) {
      EventLoop worker = group.loops().get(0);
      var _ =
          worker.callSoonThreadsafe(() -> {
            worker.setExceptionHandler((l, ctx) -> workerReports.add(ctx));
            awaitQuietly(release); // busy until the server's loop has closed
          });
      try {
        Asyncio.run(() -> {
          EventLoop here = Asyncio.getRunningLoop();
          org.asyncio4j.Future<@Nullable Void> handedOff = here.createFuture();
          Server server = serverHandingTo(worker, handedOff);
          int port = ((InetSocketAddress) server.sockets().get(0).getLocalAddress()).getPort();
          var _ = here.createConnection(() -> new TransportTest.Recorder(here), "127.0.0.1", port);
          handedOff.await(); // posted to the worker; this loop now closes
        });
      } finally {
        release.countDown();
      }
      // Behind the posted connection in the worker's inbox: it has started when this runs.
      java.util.concurrent.CompletableFuture<Void> after =
          new java.util.concurrent.CompletableFuture<>();
      var _ = worker.callSoonThreadsafe(() -> after.complete(null));
      after.get(30, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(workerReports).as("the worker's exception handler").isEmpty();
    }
  }

  /** The number of close hooks a loop holds (white-box: each one keeps its referent alive). */
  private static int closeHooks(EventLoop loop) throws ReflectiveOperationException {
    java.lang.reflect.Field f = EventLoop.class.getDeclaredField("closeHooks");
    f.setAccessible(true);
    return ((java.util.Set<?>) f.get(loop)).size();
  }

  @Test
  void serversOpenedAndClosedAgainAndAgainLeaveNoCloseHookOnTheWorkerLoops() throws Exception {
    try (EventLoopGroup group = EventLoopGroup.start(2)) {
      int[] before = new int[2];
      for (int i = 0; i < 2; i++) {
        before[i] = closeHooks(group.loops().get(i));
      }
      Asyncio.run(() -> {
        EventLoop here = Asyncio.getRunningLoop();
        for (int round = 0; round < 20; round++) {
          Server server = group.createServer(WhereEcho::new, "127.0.0.1", 0);
          int port = ((InetSocketAddress) server.sockets().get(0).getLocalAddress()).getPort();
          for (int c = 0; c < 2; c++) { // one connection per worker loop, in turn
            Endpoint<Transport, TransportTest.Recorder> e =
                here.createConnection(() -> new TransportTest.Recorder(here), "127.0.0.1", port);
            e.transport().write(new byte[] {1});
            e.transport().writeEof();
            e.protocol().lost.await();
          }
          server.close();
          server.waitClosed();
        }
      });
      for (int i = 0; i < 2; i++) {
        // a loop of the group may add one hook of its own (its net state), never one per server
        assertThat(closeHooks(group.loops().get(i))).isLessThanOrEqualTo(before[i] + 1);
      }
    }
  }
}

package org.asyncio4j.internal.net;

import java.io.IOException;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.asyncio4j.CancelledException;
import org.asyncio4j.EventLoop;
import org.asyncio4j.ExceptionContext;
import org.asyncio4j.Future;
import org.asyncio4j.internal.tls.SslProtocol;
import org.asyncio4j.internal.tls.TlsConfig;
import org.asyncio4j.net.BaseProtocol;
import org.asyncio4j.net.Server;
import org.asyncio4j.net.Transport;
import org.jspecify.annotations.Nullable;

/**
 * A server on the loop's selector: CPython's {@code base_events.Server} with the accept loop of
 * {@code selector_events._accept_connection}. Loop-confined.
 */
final class SocketServer implements Server, LoopNet.Releasable {
  private static final System.Logger LOG = System.getLogger("org.asyncio4j.net");

  /** CPython's {@code ACCEPT_RETRY_DELAY}: after running out of file descriptors, wait this. */
  private static final Duration ACCEPT_RETRY_DELAY = Duration.ofSeconds(1);

  private final EventLoop loop;
  private final LoopNet net;
  private final Supplier<? extends BaseProtocol<Transport>> protocolFactory;
  private final int backlog;
  private final boolean tcp;
  private List<ServerSocketChannel> channels;

  /** Each socket file, with its file key (inode) as bound: CPython 3.13's _unix_server_sockets. */
  private final Map<Path, @Nullable Object> unixPaths;

  private final Set<SocketTransport> clients = new LinkedHashSet<>();

  /**
   * Connections accepted here and handed to a worker loop whose transport has not attached yet:
   * waitClosed waits for them too, else it could return while one is about to start.
   */
  private int handingOff;

  /**
   * The same connections, by the worker loop they were posted to; any thread. The worker's callback
   * and its loop's close race to remove an entry: whichever wins starts or closes the connection,
   * so one posted to a loop that closes before running it is neither leaked nor waited for forever.
   */
  private final ConcurrentHashMap<SocketChannel, EventLoop> postedTo = new ConcurrentHashMap<>();

  /**
   * closeClients or abortClients was called on the closed server: a hand-off still on its way (the
   * call could not reach it) gets the same when it attaches, else waitClosed would wait for it.
   */
  private boolean closeLateClients;

  private boolean abortLateClients;

  /**
   * The close hook on each worker loop that drops what was posted to it, removed once the server is
   * closed with nothing on its way; server loop only.
   */
  private final Map<EventLoop, Runnable> workerHooks = new HashMap<>();

  private final List<Future<@Nullable Void>> closedWaiters = new ArrayList<>();
  private boolean serving;
  private boolean closed;
  private @Nullable Future<@Nullable Void> servingForever;
  private @Nullable TlsConfig tls;

  /** Which loop serves the next connection; null: this server's own loop. */
  private final @Nullable Supplier<EventLoop> workers;

  SocketServer(
      EventLoop loop,
      Supplier<? extends BaseProtocol<Transport>> protocolFactory,
      List<ServerSocketChannel> channels,
      int backlog,
      boolean tcp,
      @Nullable Supplier<EventLoop> workers) {
    this.loop = loop;
    this.workers = workers;
    this.protocolFactory = protocolFactory;
    this.channels = List.copyOf(channels);
    this.backlog = backlog;
    this.tcp = tcp;
    Map<Path, @Nullable Object> paths = new java.util.LinkedHashMap<>();
    for (ServerSocketChannel ch : channels) {
      if (localAddress(ch) instanceof UnixDomainSocketAddress u) {
        paths.put(u.getPath(), fileKey(u.getPath()));
      }
    }
    this.unixPaths = paths;
    this.net = LoopNet.of(loop);
    net.opened(this);
  }

  private static @Nullable Object fileKey(Path p) {
    try {
      return Files.readAttributes(
              p,
              java.nio.file.attribute.BasicFileAttributes.class,
              java.nio.file.LinkOption.NOFOLLOW_LINKS)
          .fileKey();
    } catch (IOException e) {
      return null; // gone already
    }
  }

  private static @Nullable SocketAddress localAddress(ServerSocketChannel ch) {
    try {
      return ch.getLocalAddress();
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  public EventLoop getLoop() {
    return loop;
  }

  @Override
  public List<ServerSocketChannel> sockets() {
    return channels;
  }

  @Override
  public boolean isServing() {
    return serving;
  }

  @Override
  public void startServing() {
    if (serving || closed) {
      return;
    }
    serving = true;
    for (ServerSocketChannel ch : channels) {
      loop.addReader(ch, () -> accept(ch));
    }
  }

  /** Accepts up to a backlog's worth of connections, as CPython's {@code _accept_connection}. */
  private void accept(ServerSocketChannel listener) {
    for (int i = 0; i < backlog; i++) {
      SocketChannel conn;
      try {
        conn = listener.accept();
      } catch (IOException e) {
        if (isOutOfResources(e)) {
          loop.callExceptionHandler(
              new ExceptionContext(
                  "socket.accept() out of system resource",
                  e,
                  null,
                  null,
                  null,
                  Map.of("socket", listener)));
          loop.removeReader(listener);
          loop.callLater(
              ACCEPT_RETRY_DELAY,
              () -> {
                if (serving && listener.isOpen()) {
                  loop.addReader(listener, () -> accept(listener));
                }
              });
        } else {
          // The client went away between the readiness and the accept: nothing to do.
          LOG.log(System.Logger.Level.DEBUG, "accept failed", e);
        }
        return;
      }
      if (conn == null) {
        return;
      }
      startConnection(conn);
    }
  }

  private static boolean isOutOfResources(IOException e) {
    String m = String.valueOf(e.getMessage());
    return m.contains("Too many open files")
        || m.contains("No buffer space")
        || m.contains("memory");
  }

  private void startConnection(SocketChannel conn) {
    EventLoop target = workers == null ? loop : workers.get();
    if (target == loop) {
      startConnectionOn(loop, conn);
      return;
    }
    if (!workerHooks.containsKey(target)) {
      Runnable hook = () -> dropPostedTo(target);
      workerHooks.put(target, hook);
      LoopNet.ACCESS.addCloseHook(target, hook);
    }
    handingOff++;
    postedTo.put(conn, target); // before posting: the worker's close hook must see it
    try {
      var _ =
          target.callSoonThreadsafe(() -> {
            if (postedTo.remove(conn) != null) {
              startConnectionOn(target, conn);
            }
          });
    } catch (IllegalStateException closed) {
      postedTo.remove(conn);
      handingOff--;
      closeQuietly(conn);
      loop.callExceptionHandler(
          new ExceptionContext(
              "the loop chosen to serve an incoming connection is closed: " + target,
              closed,
              null,
              null,
              null,
              Map.of("server", this)));
    }
  }

  /** On {@code target}'s own thread: the connection's protocol and transport live there. */
  private void startConnectionOn(EventLoop target, SocketChannel conn) {
    try {
      conn.configureBlocking(false);
      if (tcp) {
        SocketTransport.setNoDelay(conn);
      }
      BaseProtocol<Transport> app =
          java.util.Objects.requireNonNull(
              protocolFactory.get(), "the protocol factory returned null");
      TlsConfig config = tls;
      BaseProtocol<Transport> protocol =
          config == null ? app : new SslProtocol(target, app, config, null, true);
      // Inside the try: the transport refuses a protocol of neither stream kind, and the
      // connection must then be closed here, not leaked open by an exception out of accept.
      new SocketTransport(target, conn, protocol, this).start(null);
    } catch (IOException | RuntimeException e) {
      closeQuietly(conn);
      target.callExceptionHandler(
          new ExceptionContext(
              "Error on transport creation for incoming connection",
              e,
              null,
              null,
              null,
              Map.of("server", this)));
      if (target != loop) {
        onServerLoop(this::handedOff);
      }
    }
  }

  private static void closeQuietly(SocketChannel c) {
    try {
      c.close();
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "close failed", e);
    }
  }

  /**
   * Serves TLS: each accepted connection's socket transport carries an {@link SslProtocol} whose
   * handshake runs on the loop like any other I/O, so the accept loop never waits for one. As
   * asyncio's, a failed handshake closes that connection only (logged at debug level).
   */
  void useTls(TlsConfig config) {
    this.tls = config;
  }

  /** From the transport's loop: this server's own, or a worker loop (then it hops here). */
  void attach(SocketTransport t) {
    if (t.loop() == loop) {
      clients.add(t);
    } else {
      onServerLoop(() -> {
        clients.add(t);
        handedOff();
        if (abortLateClients) {
          onItsLoop(t, t::abort);
        } else if (closeLateClients) {
          onItsLoop(t, t::close);
        }
      });
    }
  }

  /** On {@code worker}'s thread as it closes: connections posted to it that it never started. */
  private void dropPostedTo(EventLoop worker) {
    for (Map.Entry<SocketChannel, EventLoop> e : postedTo.entrySet()) {
      if (e.getValue() == worker && postedTo.remove(e.getKey(), worker)) {
        closeQuietly(e.getKey());
        onServerLoop(this::handedOff);
      }
    }
  }

  /** On this server's loop: a connection handed to a worker loop has attached, or failed to. */
  private void handedOff() {
    handingOff--;
    wakeUpIfClosed();
  }

  private void onServerLoop(Runnable action) {
    try {
      var _ = loop.callSoonThreadsafe(action);
    } catch (IllegalStateException closed) {
      // the server's loop is gone: nobody waits for this connection any more
    }
  }

  /** From the transport's loop; hops as {@link #attach} does, which keeps the two in order. */
  void detach(SocketTransport t) {
    if (t.loop() == loop) {
      clients.remove(t);
      wakeUpIfClosed();
    } else if (!loop.isClosed()) {
      try {
        var _ =
            loop.callSoonThreadsafe(() -> {
              clients.remove(t);
              wakeUpIfClosed();
            });
      } catch (IllegalStateException closed) {
        // the server's loop is gone: nobody waits for this connection any more
      }
    }
  }

  int clientCount() {
    return clients.size();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    serving = false;
    net.closed(this);
    closeListeners();
    Future<@Nullable Void> forever = servingForever;
    if (forever != null && !forever.isDone()) {
      forever.cancel(); // asyncio: serve_forever() then raises CancelledError in its task
    }
    wakeUpIfClosed();
  }

  /**
   * The loop closes with this server still open: nothing can accept on it any more, and its
   * listening sockets (and socket files) would stay bound for the life of the process.
   */
  @Override
  public void releaseAtLoopClose() {
    closed = true;
    serving = false;
    closeListeners();
  }

  private void closeListeners() {
    for (ServerSocketChannel ch : channels) {
      if (!loop.isClosed()) {
        loop.removeReader(ch);
      }
      try {
        ch.close();
      } catch (IOException e) {
        LOG.log(System.Logger.Level.DEBUG, "closing a listening socket failed", e);
      }
    }
    channels = List.of();
    for (Map.Entry<Path, @Nullable Object> e0 : unixPaths.entrySet()) {
      Path p = e0.getKey();
      try {
        // Only our own socket file: a later server may have replaced it at the same path (its
        // createUnixServer removes a socket file it finds), as CPython 3.13 checks st_ino.
        Object bound = e0.getValue(); // null: no file key here, so no way to tell
        if (bound == null || bound.equals(fileKey(p))) {
          Files.deleteIfExists(p);
        }
      } catch (IOException e) {
        LOG.log(System.Logger.Level.DEBUG, "removing the socket file " + p + " failed", e);
      }
    }
  }

  private void wakeUpIfClosed() {
    if (closed && handingOff == 0 && !workerHooks.isEmpty()) {
      // Nothing is on its way to a worker any more: the hooks would only keep this closed server
      // reachable from every worker loop for the rest of its life.
      workerHooks.forEach(LoopNet.ACCESS::removeCloseHook);
      workerHooks.clear();
    }
    if (closed && clients.isEmpty() && handingOff == 0 && !closedWaiters.isEmpty()) {
      List<Future<@Nullable Void>> waiters = new ArrayList<>(closedWaiters);
      closedWaiters.clear();
      for (Future<@Nullable Void> w : waiters) {
        if (!w.isDone()) {
          w.setResult(null);
        }
      }
    }
  }

  @Override
  public void closeClients() {
    closeLateClients = closed;
    for (SocketTransport t : new ArrayList<>(clients)) {
      onItsLoop(t, t::close);
    }
  }

  @Override
  public void abortClients() {
    abortLateClients = closed;
    for (SocketTransport t : new ArrayList<>(clients)) {
      onItsLoop(t, t::abort);
    }
  }

  private void onItsLoop(SocketTransport t, Runnable action) {
    if (t.loop() == loop) {
      action.run();
    } else {
      try {
        var _ = t.loop().callSoonThreadsafe(action);
      } catch (IllegalStateException closed) {
        // its loop closed, which released the connection already
      }
    }
  }

  @Override
  public void waitClosed() {
    if (closed && clients.isEmpty() && handingOff == 0) {
      return;
    }
    Future<@Nullable Void> waiter = loop.createFuture();
    closedWaiters.add(waiter);
    try {
      waiter.await();
    } finally {
      closedWaiters.remove(waiter);
    }
  }

  @Override
  public void serveForever() {
    if (servingForever != null) {
      throw new IllegalStateException(
          "server " + this + " is already being awaited on serveForever()");
    }
    if (closed) {
      throw new IllegalStateException("server " + this + " is closed");
    }
    startServing();
    Future<@Nullable Void> forever = loop.createFuture();
    servingForever = forever;
    try {
      forever.await();
    } catch (CancelledException e) {
      try {
        close();
        waitClosed();
      } catch (RuntimeException during) {
        e.addSuppressed(during); // as asyncio's "finally: raise": the cancellation wins
      }
      throw e;
    } finally {
      servingForever = null;
    }
  }

  @Override
  public String toString() {
    List<Object> addresses = new ArrayList<>();
    for (ServerSocketChannel ch : channels) {
      addresses.add(localAddress(ch));
    }
    return "<Server sockets=" + addresses + (serving ? " serving" : "") + ">";
  }
}

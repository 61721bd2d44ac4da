package org.asyncio4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.asyncio4j.net.BaseProtocol;
import org.asyncio4j.net.Server;
import org.asyncio4j.net.ServerOptions;
import org.asyncio4j.net.Transport;
import org.jspecify.annotations.Nullable;

/**
 * Several event loops, each running forever on a thread of its own, so that one process uses every
 * core as Netty's and Vert.x's event-loop groups do. A server made by {@link #createServer} accepts
 * on the calling task's loop and hands each connection to one loop of the group, in turn; the
 * connection stays on that loop for life: its protocol is made there, and every callback of it and
 * every task it creates runs there, one at a time, exactly as on a single loop. Loops share nothing
 * else: pass data between them with {@link EventLoop#callSoonThreadsafe} or {@link
 * EventLoop#submit}.
 *
 * <pre>{@code
 * try (EventLoopGroup group = EventLoopGroup.start(Runtime.getRuntime().availableProcessors())) {
 *   Asyncio.run(() -> {
 *     Server server = group.createServer(Echo::new, "127.0.0.1", 8888);
 *     server.serveForever();
 *   });
 * }
 * }</pre>
 *
 * <p>asyncio has no such thing (one loop per thread, and the user starts the threads); this is the
 * same rule with the threads started for you.
 */
public final class EventLoopGroup implements AutoCloseable {
  private final List<EventLoop> loops;
  private final List<Thread> threads;
  private int next;
  private boolean closed;

  private EventLoopGroup(List<EventLoop> loops, List<Thread> threads) {
    this.loops = List.copyOf(loops);
    this.threads = List.copyOf(threads);
  }

  /**
   * Starts {@code count} loops, each running forever on a new platform thread named after its loop;
   * returns once every one runs.
   *
   * @param count how many loops, at least 1 (one per core is the usual choice)
   * @return the running group
   * @throws IllegalArgumentException if {@code count} is less than 1
   */
  public static EventLoopGroup start(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("an event loop group needs at least 1 loop, got " + count);
    }
    List<EventLoop> loops = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    CountDownLatch running = new CountDownLatch(count);
    for (int i = 0; i < count; i++) {
      CountDownLatch made = new CountDownLatch(1);
      EventLoop[] holder = new EventLoop[1];
      Throwable[] failed = new Throwable[1];
      Thread t =
          Thread.ofPlatform()
              .daemon(false)
              .unstarted(() -> {
                EventLoop loop;
                try {
                  loop = EventLoop.create();
                } catch (RuntimeException | Error e) {
                  failed[0] = e; // start() must hear of it instead of waiting forever
                  made.countDown();
                  throw e;
                }
                holder[0] = loop;
                made.countDown();
                loop.callSoon(running::countDown);
                try {
                  loop.runForever();
                } finally {
                  loop.close();
                }
              });
      t.start();
      awaitUninterruptibly(made);
      if (holder[0] == null) {
        new EventLoopGroup(loops, threads).close(); // the loops started so far
        throw new IllegalStateException(
            "cannot start loop " + (i + 1) + " of " + count + " of an event loop group", failed[0]);
      }
      EventLoop loop = Objects.requireNonNull(holder[0]);
      t.setName(loop.name());
      loops.add(loop);
      threads.add(t);
    }
    awaitUninterruptibly(running);
    return new EventLoopGroup(loops, threads);
  }

  private static void awaitUninterruptibly(CountDownLatch latch) {
    boolean interrupted = false;
    while (true) {
      try {
        latch.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Returns the loops, in the order {@link #next()} hands them out.
   *
   * @return the group's loops
   */
  public List<EventLoop> loops() {
    return loops;
  }

  /**
   * Returns the next loop in turn (round robin). Any thread.
   *
   * @return a loop of the group
   */
  public synchronized EventLoop next() {
    EventLoop loop = loops.get(next);
    next = (next + 1) % loops.size();
    return loop;
  }

  /**
   * Listens on {@code host:port} from the calling task's loop and serves each accepted connection
   * on the next loop of this group (see the class comment). The server's {@code closeClients},
   * {@code abortClients} and {@code waitClosed} reach the connections on every loop.
   *
   * <p>asyncio: {@code loop.create_server}, spread over several loops
   *
   * @param protocolFactory makes each connection's protocol, on the connection's loop
   * @param host a name, a literal address, or null for every interface
   * @param port the port; 0 picks a free one
   * @return the server, accepting
   * @throws IllegalStateException if not called from a task
   */
  public Server createServer(
      Supplier<? extends BaseProtocol<Transport>> protocolFactory,
      @Nullable String host,
      int port) {
    return createServer(
        protocolFactory, host == null ? List.of() : List.of(host), port, ServerOptions.defaults());
  }

  /**
   * {@link #createServer(Supplier, String, int)} on several hosts, with options.
   *
   * @param protocolFactory makes each connection's protocol, on the connection's loop
   * @param hosts names or literal addresses; empty for every interface
   * @param port the port
   * @param options how to listen
   * @return the server
   */
  public Server createServer(
      Supplier<? extends BaseProtocol<Transport>> protocolFactory,
      List<String> hosts,
      int port,
      ServerOptions options) {
    Task<?> t = Task.currentOrNull();
    if (t == null) {
      throw new IllegalStateException(
          "createServer() suspends, so it must be called from a task: call it inside"
              + " Asyncio.run(...) or loop.runUntilComplete(() -> ...)");
    }
    return org.asyncio4j.internal.net.Listeners.createServer(
        t.owner, protocolFactory, hosts, port, options, this::next);
  }

  /**
   * Stops every loop (their tasks are cancelled as a loop's close cancels them) and waits for their
   * threads to end. Idempotent; not from a loop of the group.
   *
   * @throws IllegalStateException if called from one of the group's loops
   */
  @Override
  @SuppressWarnings("ReferenceEquality") // identity: the same Thread object
  public void close() {
    // Refused before it is marked closed: a refused call must leave a later close() from outside
    // the group able to stop the loops (their threads are not daemons).
    for (int i = 0; i < loops.size(); i++) {
      if (Thread.currentThread() == threads.get(i)) {
        throw new IllegalStateException(
            "an event loop group cannot be closed from its own loop: close it from the thread"
                + " that started it (it waits for every loop's thread to end)");
      }
    }
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    for (EventLoop loop : loops) {
      try {
        var _ = loop.callSoonThreadsafe(loop::stop);
      } catch (IllegalStateException alreadyClosed) {
        // it ended on its own
      }
    }
    for (Thread t : threads) {
      boolean interrupted = false;
      while (t.isAlive()) {
        try {
          t.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public String toString() {
    return "<EventLoopGroup loops=" + loops.size() + (closed ? " closed" : "") + ">";
  }
}

package org.asyncio4j.http.internal.pool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.asyncio4j.Asyncio;
import org.asyncio4j.EventLoop;
import org.asyncio4j.ExceptionContext;
import org.asyncio4j.Future;
import org.asyncio4j.TimerHandle;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP client's connection pool: connections keyed by {@link ConnectionKey}, a total and a
 * per-host limit, first-come first-served waiters, keep-alive with an idle timeout, and a close
 * that ends everything. Independent of the wire format: it pools any {@link PoolableConnection}
 * that its {@link ConnectionFactory} opens.
 *
 * <p>Loop-confined: acquire from tasks of the loop it was created for; release from its tasks or
 * callbacks.
 *
 * <h2>Design</h2>
 *
 * Every connection lives in a {@link Slot} whose state machine (connecting, in use, idle, closed)
 * is checked at each transition, and a slot counts against both limits from its reservation to its
 * close. The rules that make it safe under cancellation, each against an aiohttp bug:
 *
 * <ul>
 *   <li><b>Hand-off, not wake-up.</b> A waiter is woken by completing its future with a slot
 *       already reserved for it (an idle connection marked in use, or a place to connect in), so
 *       counts never pass the limits however many tasks race (#4936), and no newcomer can take the
 *       slot before the waiter runs.
 *   <li><b>A waiter that leaves gives back what it was handed.</b> Cancelled before it was woken,
 *       its cancelled future is skipped by the hand-off (it never swallows a wake-up meant for
 *       another waiter: #9670). Cancelled after it was handed a slot but before it resumed, it
 *       returns the slot, which goes straight on to the next waiter. Cancelled while its factory
 *       connects, or when the factory fails, the slot is freed and the next waiter woken (#835,
 *       #2189).
 *   <li><b>Hand-offs run whenever room appears</b> (a release, a close, a failed connect, an
 *       expired idle connection, a returned hand-off), so a waiter never stays queued while it
 *       could run: after every change no live waiter is left that could be served.
 *   <li><b>The pool wait has its own timeout</b> (#10313), a loop timer per waiter that fails the
 *       waiter's future (the task is not cancelled), so it cannot collide with a cancellation.
 * </ul>
 *
 * <p>Idle connections are reused last in, first out (the most recently released: the one least
 * likely to have been closed by the server's own idle timer, and the others age out together). One
 * loop timer per pool, not per connection, closes them after the idle timeout: idle slots are kept
 * in one list in the order they went idle, the timer is set for the oldest's deadline, and when it
 * fires it closes every expired slot from the front and sets itself for the next; so 10,000 idle
 * connections cost one timer and O(1) work per release and reuse. A slot holds only its key, its
 * connection and a timestamp: a pooled connection pins no buffer beyond what its transport keeps.
 *
 * <p>A stale idle connection (the peer closed it while idle) is found when it is handed out ({@link
 * PoolableConnection#isReusable()}) and closed; the acquirer gets another one or a new one. The
 * race no check can close, the peer closing just as the request is sent, is the caller's: {@link
 * Lease#isReused()} tells it whether one retry of an idempotent request is allowed.
 *
 * <pre>{@code
 * ConnectionPool<StreamConnection> pool = new ConnectionPool<>(loop, PoolSettings.defaults(), factory, PoolListener.NONE);
 * try (Lease<StreamConnection> lease = pool.acquire(key)) {
 *   exchange(lease.connection());
 * }
 * pool.close();
 * }</pre>
 *
 * <p>aiohttp: {@code BaseConnector} / {@code TCPConnector}'s pool ({@code connect}, {@code
 * _release}, {@code _get}, {@code _release_waiter}, {@code close}); see {@link PoolSettings} for
 * where the limits differ.
 *
 * @param <C> the connection type
 */
public final class ConnectionPool<C extends PoolableConnection> implements AutoCloseable {
  private final EventLoop loop;
  private final PoolSettings settings;
  private final ConnectionFactory<C> factory;
  private final PoolListener listener;

  private final Map<ConnectionKey, HostState<C>> hosts = new HashMap<>();

  /** Every slot not CLOSED, for close and for the counts' cross-check. */
  private final LinkedHashSet<Slot<C>> live = new LinkedHashSet<>();

  /** Idle slots of every key, in the order they went idle (oldest first). */
  private final LinkedHashSet<Slot<C>> idleByAge = new LinkedHashSet<>();

  /** Hosts with at least one queued waiter, for the hand-off. */
  private final LinkedHashSet<HostState<C>> hostsWithWaiters = new LinkedHashSet<>();

  private long nextWaiterSeq;
  private int connecting;
  private @Nullable TimerHandle idleTimer;
  private boolean closed;
  private boolean dispatching;
  private boolean dispatchAgain;

  /**
   * Creates a pool for {@code loop}.
   *
   * @param loop the loop whose tasks will use it
   * @param settings limits and timeouts
   * @param factory opens new connections
   * @param listener told about queueing, connecting and reuse
   */
  public ConnectionPool(
      EventLoop loop, PoolSettings settings, ConnectionFactory<C> factory, PoolListener listener) {
    this.loop = loop;
    this.settings = settings;
    this.factory = factory;
    this.listener = listener;
  }

  /**
   * The settings.
   *
   * @return the limits and timeouts
   */
  public PoolSettings settings() {
    return settings;
  }

  /**
   * Returns a connection for {@code key}: an idle pooled one if there is a usable one (stale ones
   * are closed on the way), else a new one from the factory, waiting first (first come, first
   * served) while the limits are full.
   *
   * <p>Cancellation: if the calling task is cancelled at any point (while it waits, after it was
   * handed a slot but before it resumed, or while the factory connects), it gets nothing, the slot
   * goes to the next waiter, and the {@link org.asyncio4j.CancelledException} propagates.
   *
   * @param key what to connect to
   * @return the lease; release it when the exchange ends
   * @throws PoolAcquireTimeoutException if the wait for a slot passed {@link
   *     PoolSettings#acquireTimeout()}
   * @throws PoolClosedException if the pool is closed, or closes while this waits or connects
   * @throws RuntimeException whatever the factory throws
   * @throws IllegalStateException if not called from a task of the pool's loop
   */
  public Lease<C> acquire(ConnectionKey key) {
    return acquire(key, settings.acquireTimeout());
  }

  /**
   * {@link #acquire(ConnectionKey)} with this request's own pool-acquire timeout (a session's
   * per-request {@code ClientTimeout}) instead of the pool's default. It bounds only the wait for a
   * slot, not the connect that may follow.
   *
   * @param key what to connect to
   * @param acquireTimeout the longest wait for a slot, or null to wait as long as the caller's own
   *     deadline allows
   * @return the lease; release it when the exchange ends
   * @throws PoolAcquireTimeoutException if the wait for a slot passed {@code acquireTimeout}
   * @throws PoolClosedException if the pool is closed, or closes while this waits or connects
   * @throws RuntimeException whatever the factory throws
   * @throws IllegalArgumentException if {@code acquireTimeout} is zero or negative
   * @throws IllegalStateException if not called from a task of the pool's loop
   */
  public Lease<C> acquire(ConnectionKey key, @Nullable Duration acquireTimeout) {
    if (acquireTimeout != null && (acquireTimeout.isNegative() || acquireTimeout.isZero())) {
      throw new IllegalArgumentException(
          "acquireTimeout must be positive, or null for no pool-wait limit, got " + acquireTimeout);
    }
    if (Asyncio.getRunningLoop() != loop) {
      throw new IllegalStateException(
          "ConnectionPool.acquire() from a task of another loop: " + this + " belongs to " + loop);
    }
    if (closed) {
      throw new PoolClosedException("Cannot acquire a connection for " + key);
    }
    HostState<C> host = hosts.computeIfAbsent(key, HostState::new);
    // Newcomers queue behind the key's waiters (FIFO per key); waiters of other keys cannot use
    // what this one may take (see dispatch: none is servable after a change).
    Slot<C> slot = host.firstLiveWaiter() == null ? tryReserve(host) : null;
    if (slot != null && !hostsWithWaiters.isEmpty()) {
      // Stale idle ones it closed freed places. No waiter can use them today (a waiter blocked by
      // the total limit would have taken those idle ones already), but the rule is cheap to keep:
      // after every change, hand off what can be.
      dispatch();
    }
    if (slot == null) {
      slot = awaitSlot(host, acquireTimeout);
    }
    return useSlot(slot);
  }

  /** Queues the caller and suspends it until it is handed a slot; cleans up on every way out. */
  private Slot<C> awaitSlot(HostState<C> host, @Nullable Duration timeout) {
    Future<Slot<C>> future = loop.createFuture();
    Waiter<C> waiter = new Waiter<>(host, nextWaiterSeq++, loop.timeNanos(), future);
    attach(host);
    host.waiters.add(waiter);
    hostsWithWaiters.add(host);
    tell(() -> listener.connectionQueuedStart(host.key));
    if (timeout != null) {
      waiter.timer = loop.callLater(timeout, () -> expire(waiter));
    }
    try {
      return future.await();
    } catch (Throwable e) {
      removeWaiter(waiter); // before any hand-off below can pick it
      if (!future.isDone()) {
        future.cancel(); // it leaves without being handed anything; nobody may complete it now
      }
      if (!future.isCancelled() && future.exception() == null) {
        // Handed a slot, then cancelled before it resumed: pass the slot on (aiohttp #9670).
        giveBack(future.result());
      }
      throw e;
    } finally {
      TimerHandle timer = waiter.timer;
      if (timer != null) {
        timer.cancel();
      }
      removeWaiter(waiter);
      forgetIfUnused(host);
      tell(() -> listener.connectionQueuedEnd(host.key));
    }
  }

  /** Turns a reserved slot into a lease: checks a handed-over idle connection, or connects. */
  private Lease<C> useSlot(Slot<C> slot) {
    if (slot.state() == Slot.State.CLOSED) { // the pool closed after the hand-off
      throw new PoolClosedException("Cannot acquire a connection for " + slot.host.key);
    }
    if (slot.state() == Slot.State.IN_USE) {
      C pooled = slot.connection();
      if (pooled != null && isReusable(pooled)) {
        tell(() -> listener.connectionReused(slot.host.key));
        return new Lease<>(this, slot, pooled, true);
      }
      // It went stale between the hand-off and now: keep the place, connect anew.
      closeQuietly(slot.reconnect());
      connecting++;
    }
    return connect(slot);
  }

  private Lease<C> connect(Slot<C> slot) {
    ConnectionKey key = slot.host.key;
    tell(() -> listener.connectionCreateStart(key));
    C opened;
    try {
      opened = factory.open(key);
    } catch (Throwable e) {
      // Failed or cancelled: the place goes back and the next waiter may try (aiohttp #835).
      if (slot.state() != Slot.State.CLOSED) {
        closeSlot(slot);
        dispatch();
      }
      throw e;
    }
    if (slot.state() == Slot.State.CLOSED) { // the pool closed while it connected
      closeQuietly(opened);
      throw new PoolClosedException("Cannot acquire a connection for " + key);
    }
    connecting--;
    slot.connected(opened);
    tell(() -> listener.connectionCreateEnd(key));
    return new Lease<>(this, slot, opened, false);
  }

  /**
   * Reserves a slot for {@code host} if the limits allow, without waiting: its most recently
   * released usable idle connection (closing stale and expired ones on the way), else a new place
   * to connect in, closing another key's oldest idle connection when only the total limit is full.
   */
  private @Nullable Slot<C> tryReserve(HostState<C> host) {
    long now = loop.timeNanos();
    Slot<C> idle;
    while ((idle = host.idle.pollLast()) != null) {
      idleByAge.remove(idle);
      C c = idle.connection();
      if (c != null && !isExpired(idle, now) && isReusable(c)) {
        idle.reuse();
        return idle;
      }
      closeSlot(idle); // stale or expired
    }
    int perHost = settings.perHostLimit();
    if (perHost > 0 && host.open >= perHost) {
      return null;
    }
    int total = settings.totalLimit();
    if (total > 0 && live.size() >= total) {
      if (idleByAge.isEmpty()) {
        return null;
      }
      closeSlot(idleByAge.getFirst()); // another key's: this key has none idle
    }
    attach(host); // closing stale ones above may have forgotten it
    Slot<C> fresh = new Slot<>(host);
    live.add(fresh);
    host.open++;
    connecting++;
    return fresh;
  }

  /** Whether {@link #tryReserve} would succeed for {@code host}, without changing anything. */
  private boolean canReserve(HostState<C> host) {
    if (!host.idle.isEmpty()) {
      return true; // reused, or closed as stale, which frees the place a new one then takes
    }
    int perHost = settings.perHostLimit();
    if (perHost > 0 && host.open >= perHost) {
      return false;
    }
    int total = settings.totalLimit();
    return total == 0 || live.size() < total || !idleByAge.isEmpty();
  }

  /**
   * Hands reserved slots to waiters while any can be served: each time to the longest-waiting live
   * waiter among the keys that can be served now. Re-entrant calls (a connection's close or a
   * listener acting on the pool) only ask for another round.
   */
  private void dispatch() {
    if (dispatching) {
      dispatchAgain = true;
      return;
    }
    dispatching = true;
    try {
      do {
        dispatchAgain = false;
        while (!closed && handOffOne()) {
          // one waiter served per round
        }
      } while (dispatchAgain);
    } finally {
      dispatching = false;
    }
  }

  private boolean handOffOne() {
    Waiter<C> best = null;
    long bestSeq = Long.MAX_VALUE;
    List<HostState<C>> drained = null;
    for (HostState<C> host : hostsWithWaiters) {
      Waiter<C> first = host.firstLiveWaiter();
      if (first == null) {
        if (drained == null) {
          drained = new ArrayList<>();
        }
        drained.add(host);
        continue;
      }
      if (first.seq < bestSeq && canReserve(host)) {
        best = first;
        bestSeq = first.seq;
      }
    }
    if (drained != null) {
      drained.forEach(hostsWithWaiters::remove);
    }
    if (best == null) {
      return false;
    }
    Slot<C> slot = tryReserve(best.host);
    if (slot == null) {
      throw new IllegalStateException(
          "ConnectionPool " + this + " found room for " + best + " but could not reserve it");
    }
    removeWaiter(best);
    best.future.setResult(slot);
    return true;
  }

  private void removeWaiter(Waiter<C> waiter) {
    waiter.host.waiters.remove(waiter);
    if (waiter.host.waiters.isEmpty()) {
      hostsWithWaiters.remove(waiter.host);
    }
  }

  /** The acquire timeout of {@code waiter} passed while it still waited. */
  private void expire(Waiter<C> waiter) {
    if (waiter.future.isDone()) {
      return;
    }
    HostState<C> host = waiter.host;
    Duration waited = Duration.ofNanos(loop.timeNanos() - waiter.sinceNanos);
    int perHost = settings.perHostLimit();
    PoolAcquireTimeoutException timeout =
        perHost > 0 && host.open >= perHost
            ? new PoolAcquireTimeoutException(host.key, PoolLimit.PER_HOST, perHost, waited)
            : new PoolAcquireTimeoutException(
                host.key, PoolLimit.TOTAL, settings.totalLimit(), waited);
    removeWaiter(waiter);
    waiter.future.setException(timeout);
  }

  /** A slot handed to a waiter that left before it resumed: back to idle, or freed. */
  private void giveBack(Slot<C> slot) {
    switch (slot.state()) {
      case CLOSED -> {} // the pool closed meanwhile
      case CONNECTING -> closeSlot(slot);
      case IN_USE -> putIdleOrClose(slot, true);
      case IDLE -> throw new IllegalStateException("Slot " + slot + " handed out while IDLE");
    }
    dispatch();
  }

  /** Called by {@link Lease#release(boolean)}, once per lease. */
  void release(Slot<C> slot, boolean keepAlive) {
    if (slot.state() == Slot.State.CLOSED) {
      return; // the pool closed it already
    }
    if (slot.state() != Slot.State.IN_USE) {
      throw new IllegalStateException(
          "Released " + slot + ", which is not IN_USE (a pool bug: please report it)");
    }
    putIdleOrClose(slot, keepAlive);
    dispatch();
  }

  private void putIdleOrClose(Slot<C> slot, boolean keepAlive) {
    C c = slot.connection();
    if (closed || !keepAlive || settings.idleTimeout().isZero() || c == null || !isReusable(c)) {
      closeSlot(slot);
      return;
    }
    slot.idle(loop.timeNanos());
    slot.host.idle.addLast(slot);
    idleByAge.add(slot);
    scheduleIdleSweep();
  }

  /** Frees {@code slot}'s place and closes its connection, if it has one. */
  private void closeSlot(Slot<C> slot) {
    Slot.State was = slot.state();
    C c = slot.close();
    live.remove(slot);
    slot.host.open--;
    if (was == Slot.State.CONNECTING) {
      connecting--;
    } else if (was == Slot.State.IDLE) {
      idleByAge.remove(slot);
      slot.host.idle.remove(slot);
    }
    forgetIfUnused(slot.host);
    if (c != null) {
      closeQuietly(c);
    }
  }

  /** Puts {@code host} (back) in the map; it may have been forgotten while an acquire held it. */
  private void attach(HostState<C> host) {
    HostState<C> known = hosts.putIfAbsent(host.key, host);
    if (known != null && known != host) {
      throw new IllegalStateException(
          "ConnectionPool " + this + " has two states for " + host.key + " (a pool bug)");
    }
  }

  private void forgetIfUnused(HostState<C> host) {
    if (host.isUnused()) {
      hosts.remove(host.key, host);
    }
  }

  private boolean isExpired(Slot<C> idle, long nowNanos) {
    return nowNanos - idle.idleSinceNanos >= settings.idleTimeout().toNanos();
  }

  // ---------------------------------------------------------------- the idle timer

  private void scheduleIdleSweep() {
    if (idleTimer != null || idleByAge.isEmpty() || closed) {
      return;
    }
    Slot<C> oldest = idleByAge.getFirst();
    idleTimer = loop.callAt(oldest.idleSinceNanos + settings.idleTimeout().toNanos(), this::sweep);
  }

  /** Closes every expired idle connection, then sets the timer for the next one. */
  private void sweep() {
    idleTimer = null;
    long now = loop.timeNanos();
    while (!idleByAge.isEmpty() && isExpired(idleByAge.getFirst(), now)) {
      closeSlot(idleByAge.getFirst());
    }
    scheduleIdleSweep();
    dispatch();
  }

  // ---------------------------------------------------------------- close

  /**
   * Closes the pool: every idle and in-use connection is closed (a lease released later does
   * nothing), every waiting acquirer fails with {@link PoolClosedException}, a connect in progress
   * closes what it opens and fails the same way, and every later acquire fails. A second call does
   * nothing.
   *
   * <p>aiohttp: {@code BaseConnector.close()}
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    TimerHandle timer = idleTimer;
    if (timer != null) {
      timer.cancel();
      idleTimer = null;
    }
    for (HostState<C> host : new ArrayList<>(hostsWithWaiters)) {
      for (Waiter<C> w : new ArrayList<>(host.waiters)) {
        removeWaiter(w);
        if (!w.future.isDone()) {
          w.future.setException(
              new PoolClosedException("Gave up waiting for a connection for " + host.key));
        }
      }
    }
    for (Slot<C> slot : new ArrayList<>(live)) {
      closeSlot(slot);
    }
  }

  /**
   * Whether {@link #close()} was called.
   *
   * @return true once closed
   */
  public boolean isClosed() {
    return closed;
  }

  // ---------------------------------------------------------------- counts

  /**
   * The counts now, cross-checked against every slot's state.
   *
   * @return the snapshot
   * @throws IllegalStateException if the counts disagree with the slots (a pool bug)
   */
  public PoolStats stats() {
    int inUse = 0;
    int idle = 0;
    int connectingSeen = 0;
    Map<HostState<C>, Integer> perHost = new HashMap<>();
    for (Slot<C> s : live) {
      switch (s.state()) {
        case CONNECTING -> connectingSeen++;
        case IN_USE -> inUse++;
        case IDLE -> idle++;
        case CLOSED -> throw new IllegalStateException("CLOSED slot still counted: " + s);
      }
      perHost.merge(s.host, 1, Integer::sum);
    }
    int waiting = 0;
    for (HostState<C> h : hosts.values()) {
      waiting += h.waiters.size();
      if (h.open != perHost.getOrDefault(h, 0)) {
        throw new IllegalStateException("Host " + h + " counts " + h.open + " open slots");
      }
    }
    if (connectingSeen != connecting || idle != idleByAge.size()) {
      throw new IllegalStateException(
          "ConnectionPool "
              + this
              + " counts disagree: connecting "
              + connectingSeen
              + " idle "
              + idle);
    }
    return new PoolStats(live.size(), connecting, inUse, idle, waiting, hosts.size());
  }

  /**
   * The open slots (connecting, in use or idle) of {@code key}.
   *
   * @param key the key
   * @return how many count against its per-host limit
   */
  public int openFor(ConnectionKey key) {
    HostState<C> h = hosts.get(key);
    return h == null ? 0 : h.open;
  }

  // ---------------------------------------------------------------- guards

  private boolean isReusable(C connection) {
    try {
      return connection.isReusable();
    } catch (RuntimeException e) {
      report("PoolableConnection.isReusable() threw; closing " + connection, e);
      return false;
    }
  }

  private void closeQuietly(C connection) {
    try {
      connection.close();
    } catch (RuntimeException e) {
      report("Closing pooled connection " + connection + " threw", e);
    }
  }

  private void tell(Runnable event) {
    try {
      event.run();
    } catch (RuntimeException e) {
      report("PoolListener threw; the pool carries on", e);
    }
  }

  private void report(String message, Throwable e) {
    loop.callExceptionHandler(new ExceptionContext(message, e, null, null, null, Map.of()));
  }

  @Override
  public String toString() {
    return "<ConnectionPool "
        + (closed ? "closed " : "")
        + "open="
        + live.size()
        + "/"
        + (settings.totalLimit() == 0 ? "unlimited" : settings.totalLimit())
        + " connecting="
        + connecting
        + " idle="
        + idleByAge.size()
        + " waiting="
        + hostsWithWaiters.stream().mapToInt(h -> h.waiters.size()).sum()
        + " hosts="
        + hosts.size()
        + ">";
  }
}

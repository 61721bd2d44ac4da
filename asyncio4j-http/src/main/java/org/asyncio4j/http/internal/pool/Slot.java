package org.asyncio4j.http.internal.pool;

import org.jspecify.annotations.Nullable;

/**
 * One place of a {@link ConnectionPool}, counted against its limits from the moment it is reserved
 * until it is closed, and its state machine:
 *
 * <pre>
 *   (reserved) ──► CONNECTING ──connected──► IN_USE ◄──reuse── IDLE
 *                      │  ▲                    │  │            ▲ │
 *                      │  └──stale at hand-off─┘  └──release───┘ │
 *                      │                          │              │
 *                      └── failed / cancelled ────┴──► CLOSED ◄──┘ expired / stale / evicted
 * </pre>
 *
 * A slot counts against the limits in every state but CLOSED, so a connect in progress holds its
 * place (aiohttp #4936 exceeded the limit because it did not) and a failed or cancelled connect
 * gives it back (#835, #2189). Every transition checks the state it leaves.
 *
 * <p>Loop-confined, as its pool.
 */
final class Slot<C extends PoolableConnection> {
  /** Where a slot is in its life. */
  enum State {
    /** Reserved for an acquirer whose factory is opening the connection. */
    CONNECTING,
    /** Its connection is leased to an acquirer (or handed to a woken waiter not yet resumed). */
    IN_USE,
    /** Its connection is open, unused, and waits for the next acquirer of the key. */
    IDLE,
    /** Given back: the connection (if any) is closed and the slot no longer counts. */
    CLOSED
  }

  final HostState<C> host;
  private State state = State.CONNECTING;
  private @Nullable C connection;

  /** When it last went idle, on the loop's clock. */
  long idleSinceNanos;

  Slot(HostState<C> host) {
    this.host = host;
  }

  State state() {
    return state;
  }

  /** The connection; only in IN_USE and IDLE (and CLOSED after one was opened). */
  @Nullable C connection() {
    return connection;
  }

  private void expect(State expected, String transition) {
    if (state != expected) {
      throw new IllegalStateException(
          "Slot "
              + this
              + " cannot "
              + transition
              + ": it is "
              + state
              + ", expected "
              + expected
              + " (a pool bug: please report it)");
    }
  }

  /** CONNECTING → IN_USE: the factory opened {@code opened}. */
  void connected(C opened) {
    expect(State.CONNECTING, "take a new connection");
    connection = opened;
    state = State.IN_USE;
  }

  /** IDLE → IN_USE: handed out again. */
  void reuse() {
    expect(State.IDLE, "be reused");
    state = State.IN_USE;
  }

  /** IN_USE → IDLE: released with keep-alive. */
  void idle(long nowNanos) {
    expect(State.IN_USE, "go idle");
    state = State.IDLE;
    idleSinceNanos = nowNanos;
  }

  /**
   * IN_USE → CONNECTING: the idle connection handed to a waiter went stale before it resumed; the
   * slot keeps its place for a new connection. Returns the stale connection, for closing.
   */
  C reconnect() {
    expect(State.IN_USE, "reconnect");
    C stale = connection;
    if (stale == null) {
      throw new IllegalStateException("Slot " + this + " is IN_USE without a connection");
    }
    connection = null;
    state = State.CONNECTING;
    return stale;
  }

  /** Any state but CLOSED → CLOSED. Returns the connection to close, if one was opened. */
  @Nullable C close() {
    if (state == State.CLOSED) {
      throw new IllegalStateException("Slot " + this + " is already CLOSED (a pool bug)");
    }
    State was = state;
    state = State.CLOSED;
    return was == State.CONNECTING ? null : connection;
  }

  @Override
  public String toString() {
    return "<Slot " + state + " " + host.key + (connection != null ? " " + connection : "") + ">";
  }
}

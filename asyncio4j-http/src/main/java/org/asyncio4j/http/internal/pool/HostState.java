package org.asyncio4j.http.internal.pool;

import java.util.ArrayDeque;
import java.util.LinkedHashSet;

/**
 * What a {@link ConnectionPool} keeps per {@link ConnectionKey}: how many of its slots are open,
 * its idle connections (most recently released last), and its waiters in arrival order. Forgotten
 * once nothing is open and nobody waits, so that a client visiting many hosts keeps no state for
 * the hosts it left.
 */
final class HostState<C extends PoolableConnection> {
  final ConnectionKey key;

  /** Slots of this key that are not CLOSED (connecting, in use, idle). */
  int open;

  /** Idle slots, oldest first: acquirers take the last (LIFO). */
  final ArrayDeque<Slot<C>> idle = new ArrayDeque<>();

  /**
   * Waiters not yet handed a slot, in arrival order (a hand-off removes the waiter); a cancelled
   * one stays until its task runs and removes itself, and is skipped meanwhile. A set for O(1)
   * removal of a waiter that leaves from the middle.
   */
  final LinkedHashSet<Waiter<C>> waiters = new LinkedHashSet<>();

  HostState(ConnectionKey key) {
    this.key = key;
  }

  /** The first waiter that still waits (not cancelled), dropping cancelled ones before it. */
  @org.jspecify.annotations.Nullable
  Waiter<C> firstLiveWaiter() {
    var it = waiters.iterator();
    while (it.hasNext()) {
      Waiter<C> w = it.next();
      if (!w.future.isDone()) {
        return w;
      }
      it.remove(); // cancelled: its task removes nothing more when it runs
    }
    return null;
  }

  boolean isUnused() {
    return open == 0 && waiters.isEmpty();
  }

  @Override
  public String toString() {
    return key + " open=" + open + " idle=" + idle.size() + " waiting=" + waiters.size();
  }
}

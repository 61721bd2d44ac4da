package org.asyncio4j.http.internal.pool;

import org.asyncio4j.Future;
import org.asyncio4j.TimerHandle;
import org.jspecify.annotations.Nullable;

/**
 * An acquirer waiting for a slot. The pool hands it one by completing {@link #future} with a slot
 * already reserved for it (so no newcomer can take it first), fails it on the acquire timeout or on
 * close, and the acquirer's task cancels it when the task is cancelled.
 */
final class Waiter<C extends PoolableConnection> {
  final HostState<C> host;

  /** Arrival order across all keys: the hand-off serves the lowest first. */
  final long seq;

  final long sinceNanos;
  final Future<Slot<C>> future;
  @Nullable TimerHandle timer;

  Waiter(HostState<C> host, long seq, long sinceNanos, Future<Slot<C>> future) {
    this.host = host;
    this.seq = seq;
    this.sinceNanos = sinceNanos;
    this.future = future;
  }

  @Override
  public String toString() {
    return "<Waiter " + host.key + " " + future + ">";
  }
}

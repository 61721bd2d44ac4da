package org.asyncio4j.sync;

import java.util.ArrayDeque;
import org.asyncio4j.Future;

/**
 * A flag that tasks can wait for: {@link #set()} raises it and wakes every waiting task, {@link
 * #clear()} lowers it, and {@link #await()} suspends the calling task until it is raised.
 *
 * <p>Loop-confined: use it only from tasks and callbacks of one loop (see the package notes). To
 * set it from another thread, go through {@code loop.callSoonThreadsafe(event::set)}.
 *
 * <p>Cancellation: a task cancelled while it waits simply stops waiting; nothing else changes.
 *
 * <pre>{@code
 * Event ready = new Event();
 * Asyncio.createTask(() -> { ready.await(); System.out.println("go"); });
 * ready.set();
 * }</pre>
 *
 * <p>asyncio: {@code asyncio.Event}
 */
public final class Event {
  private final ArrayDeque<Future<Boolean>> waiters = new ArrayDeque<>();
  private final LoopBinding binding = new LoopBinding();
  private boolean value;

  /**
   * Creates an event that is not set.
   *
   * <p>asyncio: {@code asyncio.Event()}
   */
  public Event() {}

  /**
   * Returns whether the flag is raised.
   *
   * <p>asyncio: {@code Event.is_set()}
   *
   * @return true when set
   */
  public boolean isSet() {
    return value;
  }

  /**
   * Raises the flag and wakes every task waiting for it. Tasks that call {@link #await()} later do
   * not suspend until {@link #clear()} is called. Does nothing if it is already set.
   *
   * <p>asyncio: {@code Event.set()}
   */
  public void set() {
    if (value) {
      return;
    }
    value = true;
    for (Future<Boolean> w : waiters) {
      if (!w.isDone()) {
        w.setResult(true);
      }
    }
  }

  /**
   * Lowers the flag. Tasks already woken by an earlier {@link #set()} still return from {@link
   * #await()}.
   *
   * <p>asyncio: {@code Event.clear()}
   */
  public void clear() {
    value = false;
  }

  /**
   * Suspends the calling task until the flag is raised; returns at once if it is.
   *
   * <p>asyncio: {@code await event.wait()}
   *
   * @throws org.asyncio4j.CancelledException if the task is cancelled while it waits
   * @throws IllegalStateException when called outside a task while the flag is down, or from a task
   *     of another loop
   */
  public void await() {
    if (value) {
      return;
    }
    binding.awaitNewWaiter(this, waiters);
  }

  @Override
  public String toString() {
    String extra = value ? "set" : "unset";
    if (!waiters.isEmpty()) {
      extra += ", waiters:" + waiters.size();
    }
    return "<Event [" + extra + "]>";
  }
}

package org.asyncio4j.sync;

import org.asyncio4j.Asyncio;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Future;
import org.jspecify.annotations.Nullable;

/**
 * Ties a primitive to the loop whose task first waits on it, and refuses waits from any other loop.
 * The binding is lazy, as asyncio's {@code mixins._LoopBoundMixin} is, so that a primitive can be
 * created before its loop runs (in a field initialiser, say) and an uncontended acquire, which
 * never waits, never binds it.
 */
final class LoopBinding {
  private @Nullable EventLoop loop;

  /**
   * Returns a new pending future of the running loop, for the calling task to wait on.
   *
   * @param owner the primitive, named in the error message
   * @throws IllegalStateException when no loop runs in this thread, or the primitive belongs to
   *     another loop
   */
  <T extends @Nullable Object> Future<T> newWaiter(Object owner) {
    EventLoop running = Asyncio.getRunningLoop();
    EventLoop bound = loop;
    if (bound == null) {
      loop = running;
    } else if (bound != running) {
      throw new IllegalStateException(
          owner
              + " is bound to a different event loop ("
              + bound
              + "); create one per loop and use it only from that loop's tasks");
    }
    return running.createFuture();
  }

  /**
   * Parks the calling task on a new waiter at the back of {@code waiters} until it is woken (or the
   * task is cancelled), and takes the waiter out again either way: the wait of Event, Condition and
   * Barrier.
   */
  void awaitNewWaiter(Object owner, java.util.Deque<Future<Boolean>> waiters) {
    Future<Boolean> fut = newWaiter(owner);
    waiters.addLast(fut);
    try {
      fut.await();
    } finally {
      waiters.remove(fut);
    }
  }
}

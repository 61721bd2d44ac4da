package org.asyncio4j.examples;

import java.util.concurrent.TimeUnit;
import org.asyncio4j.Coroutine;
import org.asyncio4j.EventLoop;
import org.asyncio4j.EventLoopGroup;

/**
 * A loop running on a thread of its own, standing for another process: a test starts a server of an
 * example on it, and runs the example's client (or a CPython one) against it from the test's
 * thread, as {@code server PORT} and {@code client PORT} would run in two terminals.
 */
final class OwnLoop implements AutoCloseable {
  /** How long one call on the loop may take before the test fails. */
  private static final long CALL_TIMEOUT_SECONDS = 30;

  private final EventLoopGroup group = EventLoopGroup.start(1);

  /** Runs {@code coroutine} in a task of the loop and returns its result. */
  <T> T call(Coroutine<T> coroutine) throws Exception {
    EventLoop loop = group.loops().getFirst();
    return loop.submit(coroutine).get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    group.close();
  }
}

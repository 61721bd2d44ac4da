package org.asyncio4j.sync;

import java.time.Duration;
import org.asyncio4j.Asyncio;
import org.asyncio4j.EventLoop;
import org.asyncio4j.VoidCoroutine;

/** Test helpers: a virtual-clock loop, and the two ways of letting other tasks run. */
final class SyncTesting {
  private SyncTesting() {}

  /** Runs {@code body} as the main task of a fresh loop on virtual time. */
  static void run(VoidCoroutine body) {
    try (EventLoop loop = EventLoop.builder().virtualTime(true).build()) {
      loop.runUntilComplete(body);
    }
  }

  /** One turn of the loop: every task that is ready runs one step (asyncio.sleep(0)). */
  static void yieldNow() {
    Asyncio.sleep(Duration.ZERO);
  }

  /**
   * Lets every ready task run until all of them wait for something: on the virtual clock, a 1 ms
   * sleep fires only once nothing else is ready.
   */
  static void settle() {
    Asyncio.sleep(Duration.ofMillis(1));
  }
}

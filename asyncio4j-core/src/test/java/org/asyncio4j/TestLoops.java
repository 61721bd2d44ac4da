package org.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;

import org.jspecify.annotations.Nullable;

/** Loops for the behaviour tests: virtual time, so that timers cost nothing and order is exact. */
final class TestLoops {
  private TestLoops() {}

  /** A new virtual-time loop; close it with try-with-resources. */
  static EventLoop virtual() {
    return EventLoop.builder().virtualTime(true).build();
  }

  /** Runs {@code main} on a new virtual-time loop and closes the loop. */
  static <T extends @Nullable Object> T run(Coroutine<T> main) {
    try (EventLoop loop = virtual()) {
      return loop.runUntilComplete(main);
    }
  }

  /** Runs {@code main} on a new virtual-time loop and closes the loop. */
  static void run(VoidCoroutine main) {
    run(main.asCoroutine());
  }

  /**
   * Whether the loop runs its tasks itself (hook mode) rather than with the public-API baton; also
   * checks that the mode is the one this Surefire execution expects.
   */
  static boolean hookMode(EventLoop loop) {
    String expected = System.getProperty("asyncio4j.test.expectedMode");
    if (expected != null) {
      assertThat(loop.schedulerMode()).isEqualTo(expected);
    }
    return loop.schedulerMode().equals("hook");
  }
}

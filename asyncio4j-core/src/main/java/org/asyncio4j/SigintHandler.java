package org.asyncio4j;

import org.jspecify.annotations.Nullable;

/**
 * Ctrl-C for {@link Runner}: the first SIGINT cancels the main task (through the loop's thread-safe
 * inbox); the handler then steps aside, so a second one ends the JVM as usual. Uses {@code
 * sun.misc.Signal} from the {@code jdk.unsupported} module (through {@link Signals}), the only way
 * the JDK offers to catch a signal; where it is missing, Ctrl-C simply ends the JVM.
 */
final class SigintHandler {
  private final Object previous;
  private volatile boolean fired;

  private SigintHandler(Object previous) {
    this.previous = previous;
  }

  static @Nullable SigintHandler installIfMainThread(EventLoop loop, Task<?> main) {
    if (!"main".equals(Thread.currentThread().getName())) {
      return null;
    }
    if (!Signals.available()) {
      return null;
    }
    try {
      SigintHandler[] self = new SigintHandler[1];
      Object previous =
          Signals.handle(
              "INT",
              Signals.handler(() -> {
                SigintHandler h = self[0];
                if (h == null || h.fired) {
                  return;
                }
                h.fired = true;
                h.uninstall(); // a second Ctrl-C gets the default behaviour
                loop.enqueueFromOtherThread(new Handle(main::cancel, null));
              }));
      self[0] = new SigintHandler(previous);
      return self[0];
    } catch (IllegalArgumentException e) {
      return null; // no SIGINT here (or the handler is reserved by the JVM)
    }
  }

  boolean fired() {
    return fired;
  }

  void uninstall() {
    try {
      Signals.handle("INT", previous);
    } catch (IllegalArgumentException e) {
      // already restored
    }
  }
}

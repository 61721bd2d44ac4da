package org.asyncio4j;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The signal handlers of every loop in the process: a signal has one handler per process, so the
 * last loop to add one for a signal owns it, as the last {@code signal.signal} call does in Python.
 * The JVM runs the handler on its signal thread; it hands the callback to the loop with {@code
 * callSoonThreadsafe}, in the context captured when the handler was added. Any thread.
 */
final class SignalHandlers {
  private record Entry(EventLoop loop, Runnable callback, Object previous) {}

  /** Guarded by the class's lock: signal name (without "SIG") to its handler. */
  private static final Map<String, Entry> installed = new HashMap<>();

  private static final Set<String> UNCATCHABLE = Set.of("KILL", "STOP");

  private SignalHandlers() {}

  static String normalize(String signal) {
    String s = signal.strip().toUpperCase(Locale.ROOT);
    return s.startsWith("SIG") ? s.substring(3) : s;
  }

  static void add(EventLoop loop, String signal, Runnable callback) {
    String name = normalize(signal);
    if (UNCATCHABLE.contains(name)) {
      throw new IllegalArgumentException(
          "SIG" + name + " cannot be caught, blocked or ignored by any process (POSIX)");
    }
    if (!Signals.available()) {
      throw new UnsupportedOperationException(
          "this Java runtime has no sun.misc.Signal (module jdk.unsupported): it cannot handle"
              + " signals");
    }
    @Nullable Context captured = EventLoop.captureContext();
    Runnable inContext = captured == null ? callback : () -> captured.copy().run(callback);
    synchronized (SignalHandlers.class) {
      // Checked under the lock that close()'s removeAll takes: a handler added by another thread
      // while the loop closes is either removed by it or refused here, never left behind.
      if (loop.isClosed()) {
        throw new IllegalStateException("Event loop is closed: " + loop);
      }
      Entry old = installed.get(name);
      Object previous;
      try {
        previous = Signals.handle(name, Signals.handler(() -> deliver(name)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "SIG"
                + name
                + " cannot be handled here: "
                + e.getMessage()
                + " (the JVM keeps some signals, such as SIGQUIT for thread dumps, for itself;"
                + " with -Xrs it keeps none for programs; pick another signal, e.g. SIGUSR1)",
            e);
      }
      installed.put(name, new Entry(loop, inContext, old != null ? old.previous : previous));
    }
  }

  private static void deliver(String name) {
    Entry e;
    synchronized (SignalHandlers.class) {
      e = installed.get(name);
    }
    if (e == null || e.loop.isClosed()) {
      return;
    }
    try {
      var _ = e.loop.callSoonThreadsafe(e.callback);
    } catch (IllegalStateException closedMeanwhile) {
      // the loop closed between the check and the call: nobody is left to run the callback
    }
  }

  static boolean remove(EventLoop loop, String signal) {
    String name = normalize(signal);
    synchronized (SignalHandlers.class) {
      Entry e = installed.get(name);
      if (e == null || e.loop != loop) {
        return false;
      }
      installed.remove(name);
      Signals.handle(name, e.previous); // back to what was there before: the JVM's own, say
      return true;
    }
  }

  /** The loop closes: its handlers go, and the signals get their earlier handlers back. */
  static void removeAll(EventLoop loop) {
    synchronized (SignalHandlers.class) {
      for (Iterator<Map.Entry<String, Entry>> it = installed.entrySet().iterator();
          it.hasNext(); ) {
        Map.Entry<String, Entry> e = it.next();
        if (e.getValue().loop == loop) {
          it.remove();
          Signals.handle(e.getKey(), e.getValue().previous);
        }
      }
    }
  }
}

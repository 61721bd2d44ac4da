package org.asyncio4j.internal.process;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.asyncio4j.EventLoop;
import org.asyncio4j.internal.loop.LoopAccess;

/**
 * The children of each loop that have not finished, so that the loop's close can kill them and end
 * their pipe threads. One close hook per loop, not one per child: a finished child leaves the set
 * and nothing of it stays reachable from the loop. The map from loop to set is the only state
 * shared between loops; each set is loop-confined.
 */
final class LoopProcesses {
  private static final LoopAccess ACCESS = LoopAccess.get();
  private static final Map<EventLoop, LoopProcesses> BY_LOOP = new ConcurrentHashMap<>();

  private final EventLoop loop;
  private final Set<ProcessTransport> open = new LinkedHashSet<>();

  private LoopProcesses(EventLoop loop) {
    this.loop = loop;
  }

  static LoopProcesses of(EventLoop loop) {
    return BY_LOOP.computeIfAbsent(
        loop,
        l -> {
          LoopProcesses p = new LoopProcesses(l);
          ACCESS.addCloseHook(l, p::releaseAll);
          return p;
        });
  }

  void opened(ProcessTransport t) {
    open.add(t);
  }

  void finished(ProcessTransport t) {
    open.remove(t);
  }

  private void releaseAll() {
    BY_LOOP.remove(loop);
    for (ProcessTransport t : new ArrayList<>(open)) {
      t.releaseAtLoopClose();
    }
    open.clear();
  }
}

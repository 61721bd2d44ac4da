package org.asyncio4j;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * Finds the await cycles among a loop's tasks for the deadlock report: task-a awaits task-b awaits
 * task-a, also through what a task can await and the loop can see into (a gather's children, a
 * shield's inner future: {@link Future#waitsOn()}). A depth-first search without recursion, so that
 * a chain of a hundred thousand tasks awaiting one another cannot overflow the stack; each cycle is
 * found once, from the oldest task on it that the search reaches first. Loop-confined.
 */
final class AwaitCycles {
  private AwaitCycles() {}

  /** On the search path now. */
  private static final int ON_PATH = 1;

  /** Searched to the end. */
  private static final int DONE = 2;

  /**
   * Returns every cycle found, each as the futures along it, starting at a task and not repeating
   * it at the end.
   *
   * @param tasks the loop's live tasks, oldest first (the search starts from each in turn)
   */
  static List<List<Future<?>>> find(List<Task<?>> tasks) {
    IdentityHashMap<Future<?>, Integer> state = new IdentityHashMap<>();
    List<List<Future<?>>> cycles = new ArrayList<>();
    for (Task<?> start : tasks) {
      if (!state.containsKey(start)) {
        search(start, state, cycles);
      }
    }
    return cycles;
  }

  private record Step(Future<?> future, List<? extends Future<?>> next, int index) {}

  private static void search(
      Future<?> start, IdentityHashMap<Future<?>, Integer> state, List<List<Future<?>>> cycles) {
    ArrayDeque<Step> path = new ArrayDeque<>();
    List<Future<?>> pathFutures = new ArrayList<>();
    state.put(start, ON_PATH);
    path.push(new Step(start, start.waitsOn(), 0));
    pathFutures.add(start);
    while (!path.isEmpty()) {
      Step top = path.pop();
      if (top.index() == top.next().size()) {
        state.put(top.future(), DONE);
        pathFutures.remove(pathFutures.size() - 1);
        continue;
      }
      path.push(new Step(top.future(), top.next(), top.index() + 1));
      Future<?> next = top.next().get(top.index());
      Integer seen = state.get(next);
      if (seen == null) {
        state.put(next, ON_PATH);
        path.push(new Step(next, next.waitsOn(), 0));
        pathFutures.add(next);
      } else if (seen == ON_PATH) {
        List<Future<?>> cycle =
            new ArrayList<>(pathFutures.subList(pathFutures.lastIndexOf(next), pathFutures.size()));
        cycles.add(startAtATask(cycle));
      }
    }
  }

  /** A cycle may be entered at a gather; rotate it so that it reads from a task. */
  private static List<Future<?>> startAtATask(List<Future<?>> cycle) {
    for (int i = 0; i < cycle.size(); i++) {
      if (cycle.get(i) instanceof Task<?>) {
        List<Future<?>> rotated = new ArrayList<>(cycle.subList(i, cycle.size()));
        rotated.addAll(cycle.subList(0, i));
        return rotated;
      }
    }
    return cycle; // no task on it: gathers and shields alone cannot wait on each other in a ring
  }

  /** The tasks of {@code cycle}, in await order. */
  static List<Task<?>> tasksOf(List<Future<?>> cycle) {
    List<Task<?>> out = new ArrayList<>();
    for (Future<?> f : cycle) {
      if (f instanceof Task<?> t) {
        out.add(t);
      }
    }
    return out;
  }

  /**
   * Renders {@code cycle}: "task-a awaits task-b awaits task-a", with "a gather of" or "a shield
   * of" before a task reached through one.
   */
  static String describe(List<Future<?>> cycle) {
    StringBuilder sb = new StringBuilder();
    List<Future<?>> closed = new ArrayList<>(cycle);
    closed.add(cycle.get(0));
    for (int i = 0; i < closed.size(); i++) {
      Future<?> f = closed.get(i);
      if (f instanceof Task<?> t) {
        if (i > 0 && closed.get(i - 1) instanceof Task<?>) {
          sb.append(" awaits ");
        } else if (i > 0) {
          sb.append(' ');
        }
        sb.append(t.getName());
      } else {
        sb.append(i > 0 && closed.get(i - 1) instanceof Task<?> ? " awaits " : " ");
        sb.append(f instanceof ShieldFuture<?> ? "a shield of" : "a gather of");
      }
    }
    return sb.toString();
  }
}

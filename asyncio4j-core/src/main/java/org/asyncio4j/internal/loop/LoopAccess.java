package org.asyncio4j.internal.loop;

import java.util.function.Function;
import org.asyncio4j.EventLoop;

/**
 * What the hidden I/O layers ({@code internal.net}, {@code internal.process}) need of an {@link
 * EventLoop} beyond its public API, reached without making it public: the JDK's "shared secrets"
 * pattern. {@code EventLoop} installs the one implementation when its class initialises.
 */
public interface LoopAccess {
  /**
   * Returns the loop's slot for the net layer's per-loop state, creating it on first use.
   *
   * @param loop the loop
   * @param create makes the state; called once per loop, on the loop's thread
   * @param <S> the state's type
   * @return the state
   */
  <S> S netState(EventLoop loop, Function<EventLoop, S> create);

  /**
   * Runs {@code hook} once when the loop closes (after its tasks were cancelled), unless removed.
   *
   * @param loop the loop
   * @param hook what to run
   */
  void addCloseHook(EventLoop loop, Runnable hook);

  /**
   * Removes a hook added with {@link #addCloseHook}, so that it no longer keeps what it refers to
   * alive for the life of the loop. Any thread.
   *
   * @param loop the loop
   * @param hook the hook, as added
   */
  void removeCloseHook(EventLoop loop, Runnable hook);

  /**
   * Returns whether the caller runs on the loop: its thread, or a task or callback of it.
   *
   * @param loop the loop
   * @return true on the loop
   */
  boolean isOnLoop(EventLoop loop);

  /**
   * Counts one piece of work outside the loop (a child process, its pipe threads) that will wake a
   * task through {@code callSoonThreadsafe}: while any is counted, the loop neither reports a
   * deadlock nor jumps its virtual clock. Thread-safe; pair each call with {@link
   * #releaseOutsideActivity}.
   *
   * @param loop the loop
   */
  void holdOutsideActivity(EventLoop loop);

  /**
   * Ends one piece of work counted by {@link #holdOutsideActivity}. Thread-safe.
   *
   * @param loop the loop
   */
  void releaseOutsideActivity(EventLoop loop);

  /**
   * Returns the implementation.
   *
   * @return the loop's access
   */
  static LoopAccess get() {
    LoopAccess a = Holder.access;
    if (a == null) {
      try { // a class literal alone does not initialise EventLoop
        Class.forName(EventLoop.class.getName(), true, EventLoop.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
      a = Holder.access;
      if (a == null) {
        throw new IllegalStateException("EventLoop did not install its LoopAccess");
      }
    }
    return a;
  }

  /**
   * Installs the implementation; only {@code EventLoop} calls it, once.
   *
   * @param access the implementation
   */
  static void install(LoopAccess access) {
    if (Holder.access != null) {
      throw new IllegalStateException("LoopAccess is installed already");
    }
    Holder.access = access;
  }

  /** Where the implementation is kept. */
  final class Holder {
    static volatile @org.jspecify.annotations.Nullable LoopAccess access;

    private Holder() {}
  }
}

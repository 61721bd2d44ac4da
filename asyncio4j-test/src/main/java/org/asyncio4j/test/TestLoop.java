package org.asyncio4j.test;

import java.time.Duration;
import org.asyncio4j.Coroutine;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Future;
import org.asyncio4j.Task;
import org.asyncio4j.VoidCoroutine;
import org.jspecify.annotations.Nullable;

/**
 * An event loop on virtual time, for tests: when every task waits on timers only, its clock jumps
 * straight to the next deadline, so a test that sleeps an hour runs in milliseconds, in exactly the
 * order real time would give. While outside work is pending (an executor job, a blocking call in a
 * task, I/O), the clock follows real time.
 *
 * <p>Nothing from outside can come to a loop on virtual time, so where nothing registered with it
 * can wake any task (no ready callback, no timer, no executor job or wrapped external future), its
 * {@link #run} and {@link #advance} throw {@link org.asyncio4j.DeadlockException} at once, listing
 * every task, what it waits on and any await cycle, where a loop on real time would wait and
 * report. The one exception: while a Flow subscription of the loop waits for a subscriber's request
 * from another thread, the loop waits for that thread (and reports after the quiet period) instead
 * of throwing, since that thread may still act.
 *
 * <p>Thread-confined, like the loop it wraps: use it from the test's thread.
 *
 * <p>asyncio4j's answer to Trio's {@code MockClock(autojump_threshold=0)} and kotlinx's {@code
 * runTest}.
 *
 * <pre>{@code
 * try (TestLoop loop = TestLoop.create()) {
 *   Task<String> t = loop.createTask(() -> { Asyncio.sleep(Duration.ofSeconds(5)); return "done"; });
 *   loop.advance(Duration.ofSeconds(5));
 *   assertThat(t.result()).isEqualTo("done");
 * }
 * }</pre>
 */
public final class TestLoop implements AutoCloseable {
  private final EventLoop loop;

  private TestLoop(EventLoop loop) {
    this.loop = loop;
  }

  /**
   * Creates a virtual-time loop with the default scheduler mode.
   *
   * @return the test loop
   */
  public static TestLoop create() {
    return create(EventLoop.builder());
  }

  /**
   * Creates a virtual-time loop from {@code settings} (virtual time is switched on).
   *
   * @param settings other settings, such as debug mode
   * @return the test loop
   */
  public static TestLoop create(EventLoop.Builder settings) {
    return new TestLoop(settings.virtualTime(true).build());
  }

  /**
   * Returns the wrapped loop.
   *
   * @return the loop
   */
  public EventLoop loop() {
    return loop;
  }

  /**
   * Returns how much virtual time has passed since the loop was created.
   *
   * @return the loop's clock as a duration
   */
  public Duration elapsed() {
    return Duration.ofNanos(loop.timeNanos());
  }

  /**
   * Creates a task on the loop; it runs when the loop runs ({@link #advance}, {@link #run}).
   *
   * @param coroutine the body
   * @param <T> its result type
   * @return the task
   */
  public <T extends @Nullable Object> Task<T> createTask(Coroutine<T> coroutine) {
    return loop.createTask(coroutine);
  }

  /**
   * Creates a task without a result.
   *
   * @param coroutine the body
   * @return the task
   */
  public Task<Void> createTask(VoidCoroutine coroutine) {
    return loop.createTask(coroutine);
  }

  /**
   * Runs the loop until its clock has advanced by {@code duration}: every callback and task step
   * due by then has run (those due exactly at the end too, if they were scheduled before this
   * call).
   *
   * @param duration how far to move the clock; zero runs what is ready now
   */
  public void advance(Duration duration) {
    Future<@Nullable Void> reached = loop.createFuture();
    loop.callAt(
        loop.timeNanos() + duration.toNanos(),
        () -> {
          if (!reached.isDone()) {
            reached.setResult(null);
          }
        });
    loop.runUntilComplete(reached);
    loop.runUntilIdle(); // the steps woken by what was due at the end run too
  }

  /**
   * Runs {@code coroutine} as a task until it is done and returns its result.
   *
   * @param coroutine the body
   * @param <T> its result type
   * @return its result
   * @throws org.asyncio4j.DeadlockException when nothing can wake any task before it is done
   */
  public <T extends @Nullable Object> T run(Coroutine<T> coroutine) {
    return loop.runUntilComplete(coroutine);
  }

  /**
   * Runs {@code coroutine} as a task until it is done.
   *
   * @param coroutine the body
   */
  public void run(VoidCoroutine coroutine) {
    loop.runUntilComplete(coroutine);
  }

  /** Closes the loop (pending tasks are cancelled and reported). */
  @Override
  public void close() {
    loop.close();
  }

  @Override
  public String toString() {
    return "<TestLoop elapsed=" + elapsed() + " " + loop + ">";
  }
}

package org.asyncio4j;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Runs several top-level coroutines on one event loop, which it creates on first use and closes
 * with {@link #close()}: the tasks left are cancelled and awaited, the default executor is shut
 * down, the loop is closed.
 *
 * <p>On the JVM's main thread, the first Ctrl-C (SIGINT) during {@link #run} cancels the main task,
 * as Python 3.11's runner does; a second one ends the JVM as usual.
 *
 * <pre>{@code
 * try (Runner runner = new Runner()) {
 *   runner.run(() -> setUp());
 *   System.out.println(runner.run(() -> compute()));
 * }
 * }</pre>
 *
 * <p>Every {@link #run(Coroutine)} runs its coroutine in one {@link Context}, the runner's own (a
 * copy of the context current when the runner first creates its loop), so a {@link ContextVar} set
 * in one run is seen by the next; {@link #run(Coroutine, Context)} runs in a given context instead.
 *
 * <p>Thread-confined: use it from the thread that created it.
 *
 * <p>asyncio: {@code asyncio.Runner}
 */
public final class Runner implements AutoCloseable {
  /** How long close() waits for the default executor's threads (asyncio's THREAD_JOIN_TIMEOUT). */
  private static final Duration EXECUTOR_JOIN_TIMEOUT = Duration.ofMinutes(5);

  private final EventLoop.Builder settings;
  private @Nullable EventLoop loop;

  /** The context of every run that is not given one; created with the loop (asyncio's too). */
  private @Nullable Context context;

  private boolean closed;

  /** Creates a runner whose loop has the default settings. */
  public Runner() {
    this(EventLoop.builder());
  }

  /**
   * Creates a runner whose loop is built from {@code settings}.
   *
   * @param settings the loop's settings (debug mode, virtual time...)
   */
  public Runner(EventLoop.Builder settings) {
    this.settings = settings;
  }

  /**
   * Returns the runner's loop, creating it if needed.
   *
   * <p>asyncio: {@code Runner.get_loop()}
   *
   * @return the loop
   */
  public EventLoop getLoop() {
    checkOpen();
    EventLoop l = loop;
    if (l == null) {
      l = settings.build();
      loop = l;
      context = Context.copyCurrent();
    }
    return l;
  }

  /**
   * Runs {@code main} as a task of the runner's loop, in the runner's context, and returns its
   * result. The context is the same for every run: what one run sets in a {@link ContextVar}, the
   * next one sees.
   *
   * <p>asyncio: {@code Runner.run(coro)}
   *
   * @param main the coroutine
   * @param <T> its result type
   * @return its result
   * @throws IllegalStateException when called inside a running loop
   */
  public <T extends @Nullable Object> T run(Coroutine<T> main) {
    return runIn(main, null);
  }

  /**
   * Like {@link #run(Coroutine)}, in {@code context} instead of the runner's: the task runs in that
   * context itself, not in a copy of it, so what it sets there stays in {@code context}.
   *
   * <p>asyncio: {@code Runner.run(coro, context=context)}
   *
   * @param main the coroutine
   * @param context the context to run it in
   * @param <T> its result type
   * @return its result
   * @throws IllegalStateException when called inside a running loop
   */
  public <T extends @Nullable Object> T run(Coroutine<T> main, Context context) {
    return runIn(main, Objects.requireNonNull(context, "context"));
  }

  /**
   * Like {@link #run(Coroutine, Context)} for a coroutine without a result.
   *
   * @param main the coroutine
   * @param context the context to run it in
   */
  public void run(VoidCoroutine main, Context context) {
    run(main.asCoroutine(), context);
  }

  private <T extends @Nullable Object> T runIn(Coroutine<T> main, @Nullable Context given) {
    if (EventLoop.runningLoopOrNull() != null) {
      throw new IllegalStateException(
          "Asyncio.run() / Runner.run() cannot be called from a running event loop; await the"
              + " coroutine or create a task instead");
    }
    EventLoop l = getLoop();
    Context c = given != null ? given : Objects.requireNonNull(context, "created with the loop");
    Task<T> task = l.createTask(main, null, false, c);
    SigintHandler sigint = SigintHandler.installIfMainThread(l, task);
    try {
      return l.runUntilComplete(task);
    } catch (CancelledException e) {
      if (sigint != null && sigint.fired()) {
        CancelledException interrupted = new CancelledException("interrupted by SIGINT (Ctrl-C)");
        interrupted.initCause(e);
        throw interrupted;
      }
      throw e;
    } finally {
      if (sigint != null) {
        sigint.uninstall();
      }
    }
  }

  /**
   * Like {@link #run(Coroutine)} for a coroutine without a result.
   *
   * @param main the coroutine
   */
  public void run(VoidCoroutine main) {
    run(main.asCoroutine());
  }

  /**
   * Cancels the tasks left and waits for them, closes the async generators left open, shuts the
   * default executor down (waiting up to 300 s for its threads), and closes the loop. Idempotent.
   *
   * <p>asyncio: {@code Runner.close()}
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    EventLoop l = loop;
    if (l == null) {
      return;
    }
    try {
      // asyncio's _cancel_all_tasks message, with the words people search for.
      l.cancelRemainingTasks("unhandled exception during Asyncio.run() shutdown");
      l.shutdownAsyncgensBlocking();
      l.shutdownDefaultExecutorBlocking(EXECUTOR_JOIN_TIMEOUT);
    } finally {
      l.close();
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("Runner is closed");
    }
  }
}

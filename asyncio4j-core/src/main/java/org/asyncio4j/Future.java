package org.asyncio4j;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The result of an asynchronous operation, completed once by {@link #setResult}, {@link
 * #setException} or {@link #cancel()}, and awaited by tasks with {@link #await()}.
 *
 * <p>Loop-confined: create it with {@link EventLoop#createFuture()} (or {@code new Future<>()}
 * inside a running loop) and complete it from tasks and callbacks of that loop; other threads use
 * {@link EventLoop#callSoonThreadsafe}. {@link #isDone()}, {@link #isCancelled()}, {@link #get()}
 * and {@link #toCompletableFuture()} may be called from any thread: {@code get()} suspends the
 * calling task when called from a task, and blocks the calling thread elsewhere.
 *
 * <p>Exceptions: {@link #result()} and {@link #await()} rethrow the exception the future was
 * completed with, as the same instance, when it is unchecked (a {@link RuntimeException} or an
 * {@link Error}). Java forbids rethrowing a checked exception from a method that does not declare
 * it, so a checked one arrives wrapped in a {@link CompletionException} whose cause is the original
 * (as {@link CompletableFuture#join()} does). {@link #get()} keeps the {@code java.util.concurrent}
 * contract and wraps every failure in an {@link ExecutionException}.
 *
 * <pre>{@code
 * Future<String> f = loop.createFuture();
 * loop.callLater(Duration.ofSeconds(1), () -> f.setResult("ready"));
 * String value = f.await();   // inside a task: suspends for one second
 * }</pre>
 *
 * <p>asyncio: {@code asyncio.Future}
 *
 * @param <T> the result type; nullable ({@code Future<@Nullable Void>}) if the result may be null
 */
public class Future<T extends @Nullable Object> implements java.util.concurrent.Future<T> {
  private static final int PENDING = 0;
  private static final int CANCELLED = 1;
  private static final int FINISHED = 2;
  private static final VarHandle FOREIGN_WAITERS;

  static {
    try {
      FOREIGN_WAITERS =
          MethodHandles.lookup()
              .findVarHandle(Future.class, "foreignWaiters", CountDownLatch.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @Nullable EventLoop loop;
  private volatile int state = PENDING;
  private @Nullable T result;
  private @Nullable Throwable exception;
  private @Nullable String cancelMessage;
  private @Nullable CancelledException cancelledException;

  /**
   * Done callbacks and listeners: null, one entry, or an ArrayList of entries, in the order they
   * were added. An entry is a {@link Listener} (run synchronously on completion: task wake-ups,
   * bridges) or a {@link Callback} (scheduled with callSoon, as asyncio does).
   */
  private @Nullable Object callbacks;

  /**
   * What the report of an exception nobody retrieved needs: null; in debug mode, before the future
   * fails, the {@link Throwable} that records where it was created; once it has failed, its {@link
   * FailureReport}. One field for both, so that a future that never fails pays nothing for the
   * bookkeeping of those that do.
   */
  private @Nullable Object failureInfo;

  /** Lazily created for threads that block in {@link #get()} outside the loop. */
  @SuppressWarnings("unused") // accessed through FOREIGN_WAITERS
  private volatile @Nullable CountDownLatch foreignWaiters;

  /**
   * Creates a pending future bound to the running loop, or unbound when no loop runs in this thread
   * (it binds to the first loop that awaits it or adds a callback).
   *
   * <p>asyncio: {@code asyncio.Future()}
   */
  public Future() {
    EventLoop l = EventLoop.runningLoopOrNull();
    this.loop = l;
    if (l != null && l.isDebug()) {
      failureInfo = new Throwable("future created here");
    }
  }

  Future(@Nullable EventLoop loop) {
    this.loop = loop;
    if (loop != null && loop.isDebug()) {
      failureInfo = new Throwable("future created here");
    }
  }

  /** For {@link Task}, which records where it was created itself. */
  Future(EventLoop loop, @SuppressWarnings("unused") boolean isTask) {
    this.loop = loop;
  }

  /**
   * Wraps a {@link CompletionStage} (a {@link CompletableFuture}, say) in a future of the running
   * loop. Completion crosses to the loop thread through {@link EventLoop#callSoonThreadsafe};
   * cancelling the returned future cancels {@code stage} when it is a {@code CompletableFuture}.
   * While {@code stage} is pending the loop counts it as outside work, so the deadlock check waits
   * for it.
   *
   * <p>asyncio: {@code asyncio.wrap_future}
   *
   * @param stage what to wrap
   * @param <T> its result type
   * @return a future of the running loop
   * @throws IllegalStateException when called outside a running loop
   */
  public static <T extends @Nullable Object> Future<T> wrap(CompletionStage<T> stage) {
    EventLoop loop = EventLoop.requireRunningLoop("Future.wrap");
    return loop.wrapStage(stage);
  }

  // ---------------------------------------------------------------- state

  /**
   * Returns whether the future is done: it has a result, an exception, or was cancelled.
   *
   * <p>asyncio: {@code Future.done}
   */
  @Override
  public final boolean isDone() {
    return state != PENDING;
  }

  /**
   * Returns whether the future was cancelled.
   *
   * <p>asyncio: {@code Future.cancelled}
   */
  @Override
  public final boolean isCancelled() {
    return state == CANCELLED;
  }

  /**
   * Returns the result. Marks an exception as retrieved.
   *
   * <p>asyncio: {@code Future.result}
   *
   * @return the result
   * @throws CancelledException if the future was cancelled
   * @throws InvalidStateException if it is not done yet
   * @throws RuntimeException the exception it was completed with (a checked one wrapped in a {@link
   *     CompletionException})
   */
  public final T result() {
    int s = state;
    if (s == CANCELLED) {
      throw cancelledException();
    }
    if (s == PENDING) {
      throw new InvalidStateException("Result is not ready: " + this);
    }
    Throwable e = exception;
    if (e != null) {
      markRetrieved();
      throw propagate(e);
    }
    return uncheckedResult();
  }

  // Called once the state says FINISHED: the field then holds what setResult(T) stored, a T (null
  // only when T is nullable). NullAway sees only the field's @Nullable, which covers "not yet set".
  @SuppressWarnings("NullAway")
  private T uncheckedResult() {
    return result;
  }

  /**
   * Returns the exception the future was completed with, or null if it has a result. Marks it as
   * retrieved.
   *
   * <p>asyncio: {@code Future.exception}
   *
   * @return the exception or null
   * @throws CancelledException if the future was cancelled
   * @throws InvalidStateException if it is not done yet
   */
  public final @Nullable Throwable exception() {
    int s = state;
    if (s == CANCELLED) {
      throw cancelledException();
    }
    if (s == PENDING) {
      throw new InvalidStateException("Exception is not set: " + this);
    }
    Throwable e = exception;
    if (e != null) {
      markRetrieved();
    }
    return e;
  }

  /**
   * Someone has seen the exception: it will not be reported as never retrieved (asyncio clears
   * {@code __log_traceback} in {@code result()} and {@code exception()}).
   */
  final void markRetrieved() {
    if (failureInfo instanceof FailureReport report) {
      report.retrieved = true;
    }
  }

  /** Where this future was created (debug mode), or null. */
  @Nullable Throwable creationStack() {
    return failureInfo instanceof Throwable t ? t : null;
  }

  /** Returns the exception without marking it retrieved; for the runtime's own bookkeeping. */
  final @Nullable Throwable peekException() {
    return exception;
  }

  final @Nullable T peekResult() {
    return result;
  }

  /**
   * Completes the future with a result and schedules its done callbacks.
   *
   * <p>asyncio: {@code Future.set_result}
   *
   * @param value the result
   * @throws InvalidStateException if the future is already done
   */
  public void setResult(T value) {
    if (state != PENDING) {
      throw new InvalidStateException("invalid state for setResult: " + this);
    }
    result = value;
    complete(FINISHED);
  }

  /**
   * Completes the future with an exception and schedules its done callbacks.
   *
   * <p>asyncio: {@code Future.set_exception}
   *
   * @param error the exception; a {@link CancelledException} is accepted but does not make the
   *     future cancelled (use {@link #cancel()} for that)
   * @throws InvalidStateException if the future is already done
   */
  public void setException(Throwable error) {
    if (state != PENDING) {
      throw new InvalidStateException("invalid state for setException: " + this);
    }
    exception = java.util.Objects.requireNonNull(error, "error");
    // The report exists before the callbacks and listeners run, so that one that takes the
    // exception at once (the CompletableFuture of submit or toCompletableFuture) marks it
    // retrieved: asyncio sets __log_traceback before it schedules the callbacks.
    FailureReport report = new FailureReport(error, creationStack());
    failureInfo = report;
    complete(FINISHED);
    EventLoop l = loop;
    if (l != null && !report.retrieved) {
      // An unbound future failed outside any loop has no handler to report to.
      report.describe(this instanceof Task ? "Task" : "Future", toString());
      l.trackUnretrieved(this, report);
    }
  }

  /**
   * Cancels the future if it is not done yet and schedules its done callbacks.
   *
   * <p>asyncio: {@code Future.cancel()}
   *
   * @return false if it was already done
   */
  public boolean cancel() {
    return cancel((String) null);
  }

  /**
   * Cancels the future with a message that the {@link CancelledException} will carry.
   *
   * <p>asyncio: {@code Future.cancel(msg)}
   *
   * @param message the message, or null
   * @return false if it was already done
   */
  public boolean cancel(@Nullable String message) {
    if (state != PENDING) {
      return false;
    }
    cancelMessage = message;
    complete(CANCELLED);
    return true;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Same as {@link #cancel()}: a future has nothing to interrupt. For a {@link Task} see {@link
   * Task#cancel(String)}.
   */
  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    return cancel();
  }

  /** Cancels with a given exception instance, so that every awaiter sees that instance. */
  final boolean cancelWith(CancelledException e) {
    if (state != PENDING) {
      return false;
    }
    cancelMessage = e.getMessage();
    cancelledException = e;
    complete(CANCELLED);
    return true;
  }

  final @Nullable String cancelMessage() {
    return cancelMessage;
  }

  final CancelledException cancelledException() {
    CancelledException e = cancelledException;
    if (e == null) {
      e = new CancelledException(cancelMessage);
      cancelledException = e;
    }
    return e;
  }

  private void complete(int newState) {
    EventLoop l = loop;
    if (l != null) {
      l.checkThread("Future completion");
    }
    state = newState;
    Object cbs = callbacks;
    if (cbs != null) {
      callbacks = null;
      dispatch(cbs);
    }
    CountDownLatch waiters = (CountDownLatch) FOREIGN_WAITERS.getVolatile(this);
    if (waiters != null) {
      waiters.countDown();
    }
  }

  @SuppressWarnings("unchecked")
  private void dispatch(Object cbs) {
    if (cbs instanceof ArrayList<?> list) {
      for (Object entry : list) {
        dispatchOne(entry);
      }
    } else {
      dispatchOne(cbs);
    }
  }

  @SuppressWarnings("unchecked")
  private void dispatchOne(Object entry) {
    if (entry instanceof Listener listener) {
      listener.onDone(this);
    } else {
      Callback<T> cb = (Callback<T>) entry;
      cb.future = this;
      requireLoop("done callback").ready.addLast(cb);
    }
  }

  // ---------------------------------------------------------------- callbacks

  /**
   * Adds a callback to run when the future is done, with the future as its argument. Callbacks run
   * through {@link EventLoop#callSoon}, in the order they were added, in the {@link Context} that
   * was current when they were added; if the future is already done the callback is scheduled at
   * once.
   *
   * <p>asyncio: {@code Future.add_done_callback}
   *
   * @param callback what to run
   */
  public final void addDoneCallback(Consumer<? super Future<T>> callback) {
    Callback<T> cb = new Callback<>(callback, EventLoop.captureContext());
    if (state != PENDING) {
      cb.future = this;
      requireLoop("addDoneCallback").ready.addLast(cb);
    } else {
      bindToRunningLoop("addDoneCallback");
      addEntry(cb);
    }
  }

  /**
   * Removes every registration of {@code callback} that has not run yet.
   *
   * <p>asyncio: {@code Future.remove_done_callback}
   *
   * @param callback the callback given to {@link #addDoneCallback}
   * @return how many were removed
   */
  @SuppressWarnings("ReferenceEquality") // identity, as asyncio compares callbacks with ==
  public final int removeDoneCallback(Consumer<? super Future<T>> callback) {
    Object cbs = callbacks;
    if (cbs == null) {
      return 0;
    }
    if (cbs instanceof ArrayList<?> list) {
      int before = list.size();
      list.removeIf(e -> e instanceof Callback<?> c && c.function == callback);
      return before - list.size();
    }
    if (cbs instanceof Callback<?> c && c.function == callback) {
      callbacks = null;
      return 1;
    }
    return 0;
  }

  /** Adds a listener that runs synchronously at completion (or now if done). */
  final void addListener(Listener listener) {
    if (state != PENDING) {
      listener.onDone(this);
      return;
    }
    addEntry(listener);
  }

  @SuppressWarnings("ReferenceEquality") // identity: the listener object that was added
  final void removeListener(Listener listener) {
    Object cbs = callbacks;
    if (cbs == listener) {
      callbacks = null;
    } else if (cbs instanceof ArrayList<?> list) {
      list.remove(listener);
    }
  }

  @SuppressWarnings("unchecked")
  private void addEntry(Object entry) {
    Object cbs = callbacks;
    if (cbs == null) {
      callbacks = entry;
    } else if (cbs instanceof ArrayList<?> list) {
      ((ArrayList<Object>) list).add(entry);
    } else {
      ArrayList<Object> list = new ArrayList<>(4);
      list.add(cbs);
      list.add(entry);
      callbacks = list;
    }
  }

  /** Whether the done callback added last (and not run yet) is {@code function}. */
  @SuppressWarnings("ReferenceEquality") // identity, as removeDoneCallback compares
  final boolean lastDoneCallbackIs(Object function) {
    Object cbs = callbacks;
    Object last = cbs instanceof ArrayList<?> list ? (list.isEmpty() ? null : list.getLast()) : cbs;
    return last instanceof Callback<?> c && c.function == function;
  }

  private int callbackCount() {
    Object cbs = callbacks;
    return cbs == null ? 0 : cbs instanceof ArrayList<?> l ? l.size() : 1;
  }

  final EventLoop requireLoop(String what) {
    EventLoop l = loop;
    if (l == null) {
      l = bindToRunningLoop(what);
    }
    return l;
  }

  final EventLoop bindToRunningLoop(String what) {
    EventLoop l = loop;
    if (l == null) {
      l = EventLoop.requireRunningLoop(what + " on a Future created outside a loop");
      loop = l;
    }
    return l;
  }

  /**
   * Returns the loop the future belongs to.
   *
   * <p>asyncio: {@code Future.get_loop}
   *
   * @return the loop
   * @throws IllegalStateException if it was created outside a loop and is not bound yet
   */
  public final EventLoop getLoop() {
    EventLoop l = loop;
    if (l == null) {
      throw new IllegalStateException(this + " was created outside a loop and is not bound yet");
    }
    return l;
  }

  // ---------------------------------------------------------------- waiting

  /**
   * Suspends the calling task until the future is done, then returns its result. Does not suspend
   * when the future is already done. If the calling task is cancelled while it waits, this future
   * is cancelled too (asyncio's rule: cancelling a task cancels what it awaits) and {@link
   * CancelledException} is raised.
   *
   * <p>asyncio: {@code await future}
   *
   * @return the result
   * @throws CancelledException if this future or the calling task was cancelled
   * @throws IllegalStateException when called outside a task
   * @throws RuntimeException the exception it was completed with (a checked one wrapped in a {@link
   *     CompletionException})
   */
  public final T await() {
    if (state == PENDING) {
      Task<?> task = Task.currentOrNull();
      if (task == null) {
        throw new IllegalStateException(
            "await() must be called from a task of an event loop; outside one, use get() to"
                + " block the calling thread, or run the code with Asyncio.run");
      }
      task.awaitFuture(this);
    }
    return result();
  }

  /**
   * Waits for the result: suspends the calling task when called from a task, blocks the calling
   * thread otherwise.
   *
   * @throws ExecutionException wrapping the exception the future was completed with
   * @throws java.util.concurrent.CancellationException (a {@link CancelledException}) if cancelled
   * @throws InterruptedException if the blocked thread is interrupted
   * @throws IllegalStateException when called on the loop's thread outside a task, where blocking
   *     would freeze the loop forever
   */
  @Override
  public final T get() throws InterruptedException, ExecutionException {
    if (state == PENDING) {
      Task<?> task = Task.currentOrNull();
      if (task != null) {
        task.awaitFuture(this);
      } else {
        blockForeign(-1);
      }
    }
    return resultForGet();
  }

  /**
   * Like {@link #get()}, with a limit on the wait.
   *
   * @throws TimeoutException if the future is not done in time (from a task, the future is left
   *     alone, as {@code asyncio.wait} does)
   */
  @Override
  public final T get(long timeout, TimeUnit unit)
      throws InterruptedException, ExecutionException, TimeoutException {
    if (state == PENDING) {
      Task<?> task = Task.currentOrNull();
      if (task != null) {
        Asyncio.wait(
            java.util.List.of(this),
            java.time.Duration.ofNanos(unit.toNanos(timeout)),
            ReturnWhen.ALL_COMPLETED);
        if (state == PENDING) {
          throw new TimeoutException("Future not done after " + timeout + " " + unit + ": " + this);
        }
      } else if (!blockForeign(unit.toNanos(timeout))) {
        throw new TimeoutException("Future not done after " + timeout + " " + unit + ": " + this);
      }
    }
    return resultForGet();
  }

  private T resultForGet() throws ExecutionException {
    if (state == CANCELLED) {
      throw cancelledException();
    }
    Throwable e = exception;
    if (e != null) {
      markRetrieved();
      throw new ExecutionException(e);
    }
    return uncheckedResult();
  }

  /** Blocks a thread that is not a task of this loop; returns false on timeout. */
  private boolean blockForeign(long timeoutNanos) throws InterruptedException {
    EventLoop l = loop;
    if (l != null && l.isLoopThread()) {
      throw new IllegalStateException(
          "get() on the loop's own thread outside a task would block the loop forever: " + this);
    }
    CountDownLatch latch = (CountDownLatch) FOREIGN_WAITERS.getVolatile(this);
    if (latch == null) {
      CountDownLatch fresh = new CountDownLatch(1);
      latch = (CountDownLatch) FOREIGN_WAITERS.compareAndExchange(this, null, fresh);
      if (latch == null) {
        latch = fresh;
      }
    }
    // Dekker-style with complete(): state is written before foreignWaiters is read there, and
    // foreignWaiters is written before state is read here, so one side always sees the other.
    if (state != PENDING) {
      return true;
    }
    if (timeoutNanos < 0) {
      latch.await();
      return true;
    }
    return latch.await(timeoutNanos, TimeUnit.NANOSECONDS);
  }

  // ---------------------------------------------------------------- interop

  /**
   * Returns a {@link CompletableFuture} completed when this future is done, with the same result,
   * exception or cancellation. Cancelling the returned one cancels this future (on its loop).
   *
   * <p>asyncio: the reverse of {@code asyncio.wrap_future}
   *
   * @return a new CompletableFuture
   */
  public final CompletableFuture<T> toCompletableFuture() {
    CompletableFuture<T> cf = new CompletableFuture<>();
    if (state == PENDING) {
      EventLoop l = requireLoop("toCompletableFuture");
      l.runOnLoop(() -> addListener(f -> copyTo(cf)));
      var _ = // the dependent stage is not needed, only the callback
          cf.whenComplete((v, e) -> {
            if (cf.isCancelled() && !isDone()) {
              l.callSoonThreadsafe(() -> cancel());
            }
          });
    } else {
      copyTo(cf);
    }
    return cf;
  }

  private void copyTo(CompletableFuture<T> cf) {
    Throwable e = exception;
    if (state == CANCELLED) {
      cf.completeExceptionally(cancelledException());
    } else if (e != null) {
      markRetrieved();
      cf.completeExceptionally(e);
    } else {
      cf.complete(result);
    }
  }

  /** Rethrows {@code t} unchanged when Java allows it; wraps a checked exception. */
  static RuntimeException propagate(Throwable t) {
    if (t instanceof RuntimeException r) {
      throw r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    throw new CompletionException(t);
  }

  String stateName() {
    return switch (state) {
      case PENDING -> "pending";
      case CANCELLED -> "cancelled";
      default -> "finished";
    };
  }

  String describeOutcome() {
    StringBuilder sb = new StringBuilder();
    if (state == FINISHED) {
      if (exception != null) {
        sb.append(" exception=").append(exception);
      } else {
        sb.append(" result=").append(Reprs.shortRepr(result));
      }
    }
    int n = callbackCount();
    if (n > 0) {
      sb.append(" cb=[").append(n).append(']');
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return "<Future " + stateName() + describeOutcome() + ">";
  }

  /**
   * The futures whose completion this one waits for, for the deadlock report's cycle finder: a
   * task's awaited future, a gather's children, a shield's inner future; none for a plain future,
   * whose completer the loop cannot know. Loop-confined.
   */
  List<? extends Future<?>> waitsOn() {
    return List.of();
  }

  /** Runs synchronously when the future completes, on the thread that completes it. */
  @FunctionalInterface
  interface Listener {
    void onDone(Future<?> future);
  }

  /**
   * A done callback: created once by addDoneCallback and queued as it is when the future completes,
   * so that a callback costs one allocation.
   */
  static final class Callback<T extends @Nullable Object> extends Handle {
    final Consumer<? super Future<T>> function;
    @Nullable Future<T> future;

    Callback(Consumer<? super Future<T>> function, @Nullable Context context) {
      super(Future::noCallback, context);
      this.function = function;
    }

    @Override
    void invoke() {
      Future<T> f = future;
      if (f != null) {
        function.accept(f);
      }
    }

    @Override
    public String toString() {
      return "<Handle " + function + ">";
    }
  }

  private static void noCallback() {}

  /**
   * What the loop reports when a failed future's exception was never retrieved. It holds no
   * reference to the future, so that the future can be collected and the report then sent.
   */
  static final class FailureReport {
    final Throwable exception;
    final @Nullable Throwable creationStack;

    /** "Task" or "Future", and the repr of the future when it failed: set before tracking. */
    @Nullable String kind;

    @Nullable String description;

    volatile boolean retrieved;
    volatile boolean reported;

    FailureReport(Throwable exception, @Nullable Throwable creationStack) {
      this.exception = exception;
      this.creationStack = creationStack;
    }

    void describe(String kind, String description) {
      this.kind = kind;
      this.description = description;
    }
  }
}

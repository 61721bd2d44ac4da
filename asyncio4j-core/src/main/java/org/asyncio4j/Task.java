package org.asyncio4j;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.asyncio4j.internal.loop.VirtualThreadHook;
import org.jspecify.annotations.Nullable;

/**
 * A coroutine running on an event loop: a {@link Future} whose result is the coroutine's.
 *
 * <p>Each task is a Java virtual thread whose scheduler is its loop, so all tasks of a loop run on
 * one thread, one at a time, and switch only where they suspend: awaiting a future, sleeping,
 * waiting on a lock or queue. Between two suspensions a task runs alone, as in asyncio. The loop
 * holds every task strongly until it is done, so no task is lost to the garbage collector.
 *
 * <p>Blocking JDK calls inside a task (a {@code Socket} read, {@code Thread.sleep}, a {@code
 * java.util.concurrent} lock) suspend the task without freezing the loop where the JDK unmounts
 * virtual threads, in the fast scheduler mode; such a call is then a switch point that asyncio does
 * not have. File I/O, class initialisers and native frames pin the task: they block the loop's
 * thread for their duration (debug mode reports such stalls). In the public-API mode (without
 * {@code --add-opens java.base/java.lang=ALL-UNNAMED}) a blocking JDK call keeps the loop busy
 * until it returns, which is asyncio's rule. A virtual thread that a task starts itself ({@code
 * Thread.ofVirtual().start(...)}) inherits the loop as its scheduler in the fast mode; use {@link
 * Asyncio#toThread} for work that must leave the loop.
 *
 * <p>Cancellation follows asyncio: {@link #cancel(String)} raises {@link CancelledException} in the
 * task at its current or next suspension point and cancels the future it awaits; a task cancelled
 * before its first step never runs its body; {@link #cancelling()} and {@link #uncancel()} count
 * the requests so that nested timeouts and task groups can tell theirs from others. A task parked
 * in a blocking JDK call is interrupted when cancelled, so calls that honour interrupts ({@code
 * Thread.sleep}, {@code Object.wait}, interruptible channels) end early; calls that do not (a
 * {@code java.net.Socket} read, {@code synchronized}) end when they end, and the cancellation is
 * raised at the next suspension point.
 *
 * <pre>{@code
 * Task<Integer> task = Asyncio.createTask(() -> { Asyncio.sleep(Duration.ofSeconds(1)); return 42; });
 * System.out.println(task.getName());   // Task-2
 * int answer = task.await();
 * }</pre>
 *
 * <p>asyncio: {@code asyncio.Task}
 *
 * @param <T> the result type; nullable ({@code Task<@Nullable String>}) if the result may be null
 */
public final class Task<T extends @Nullable Object> extends Future<T> {
  private static final AtomicLong COUNTER = new AtomicLong();

  /**
   * The task of the calling thread in the public-API mode. A scoped value rather than a
   * ThreadLocal: a ThreadLocal lookup creates a per-thread map (about 170 bytes) on every task's
   * thread. The fast mode binds none: its threads tell their task by their scheduler ({@link
   * HookTaskExecutor}).
   */
  private static final ScopedValue<Task<?>> CURRENT = ScopedValue.newInstance();

  private final Coroutine<T> coroutine;
  private @Nullable String name;
  private final long number;
  final Context context;

  /** Whether {@link #context} was given to createTask, not copied for this task alone. */
  private final boolean sharedContext;

  /** The context current on this task's thread: its own, or one entered with Context.run. */
  Context activeContext;

  final Thread thread;
  final EventLoop owner;

  // asyncio's task state (tasks.py): the future it waits on, a pending cancel, the counters.
  private @Nullable Future<?> futWaiter;
  private boolean mustCancel;
  private boolean cancelledThroughWaiter;
  private @Nullable String taskCancelMessage;
  private int cancelRequests;

  /** The innermost Timeout or TaskGroup this task has entered and not left, or null. */
  @Nullable CancelScope scope;

  /** The cancellation exception raised in this task most recently (see CancelScope). */
  @Nullable RuntimeException lastCancellation;

  /** Set while cancel() passes this task's cancellation on to the future it awaits. */
  private boolean passingCancelOn;

  /** Set for the task that runs an async generator's body: not listed by allTasks(). */
  boolean asyncgenBody;

  /** Where the task is: see the RUN_* constants. Loop-confined. */
  int runState = RUN_NEW;

  static final int RUN_NEW = 0;
  static final int RUN_READY = 1;
  static final int RUN_RUNNING = 2;
  static final int RUN_AWAITING = 3;
  static final int RUN_DONE = 4;

  /** Set by the waker; the parked task loops until it is true. */
  boolean woken;

  /** Intrusive list of live tasks, owned by the loop. */
  @Nullable Task<?> prevLive;

  @Nullable Task<?> nextLive;

  /** Per-task object of the scheduler (the baton entry). */
  @Nullable Object schedulerEntry;

  private @Nullable Listener waker;
  final @Nullable Throwable creationStack;

  Task(EventLoop loop, Coroutine<T> coroutine, @Nullable String name, Context context) {
    this(loop, coroutine, name, context, false);
  }

  /**
   * @param shared whether {@code context} was given to run in (it may be shared with other tasks
   *     and code) rather than copied for this task alone
   */
  Task(
      EventLoop loop,
      Coroutine<T> coroutine,
      @Nullable String name,
      Context context,
      boolean shared) {
    super(loop, true);
    this.owner = loop;
    this.coroutine = coroutine;
    this.name = name;
    this.number = name == null ? COUNTER.incrementAndGet() : 0;
    this.context = context;
    this.activeContext = context;
    this.sharedContext = shared;
    if (shared) {
      context.taskStarted();
    } else {
      // A copy nobody else has: entered for good, so that the task's end never touches it (one
      // write less per task, measured on W1).
      context.markEnteredBy();
    }
    this.creationStack = loop.isDebug() ? new Throwable("task created here") : null;
    this.thread = loop.scheduler().newTaskThread(this);
  }

  /**
   * Returns the task running in the calling thread, or null outside a task (in a callback, or on a
   * thread that is not a loop's).
   *
   * <p>asyncio: {@code asyncio.current_task()}
   *
   * @return the current task or null
   */
  static @Nullable Task<?> currentOrNull() {
    Task<?> t = currentRaw();
    if (t != null && t.owner.inCallback) {
      return null; // public-API mode runs callbacks on the thread of the task that holds the loop
    }
    return t;
  }

  /** The task whose thread this is, even while it runs a callback inline (public-API mode). */
  static @Nullable Task<?> currentRaw() {
    Thread me = Thread.currentThread();
    if (!me.isVirtual()) {
      return null; // every task is a virtual thread
    }
    Executor scheduler = VirtualThreadHook.schedulerOf(me);
    if (scheduler != null) {
      Task<?> t = HookTaskExecutor.taskOf(me, scheduler);
      if (t != null) {
        return t;
      }
    }
    return CURRENT.isBound() ? CURRENT.get() : null;
  }

  /**
   * Types the task of a {@link VoidCoroutine} as {@code Task<Void>}, the way the JDK types {@code
   * CompletableFuture<Void>}, so that a caller writes {@code Task<Void> t = createTask(() -> ...)}
   * without {@code @Nullable}.
   */
  // Void has no instance, so Task<Void> and Task<@Nullable Void> hold the same values (null only):
  // the conversion cannot hide a null from anyone. NullAway follows JSpecify, which gives Void no
  // special treatment, so it cannot see that.
  @SuppressWarnings("NullAway")
  static Task<Void> ofVoid(Task<@Nullable Void> task) {
    return task;
  }

  // ---------------------------------------------------------------- body

  /** The body of the task's thread in the public-API mode. */
  void runBody() {
    ScopedValue.where(CURRENT, this).run(this::runBodyInScope);
  }

  /** The body of the task's thread: directly in the fast mode, in its scoped value otherwise. */
  void runBodyInScope() {
    EventLoop loop = owner;
    loop.taskResumed(this);
    T value = null;
    Throwable failure = null;
    if (mustCancel) {
      // Cancelled before its first step: asyncio throws CancelledError into the coroutine before
      // it starts, so its body never runs.
      mustCancel = false;
      failure = newCancelledException();
    } else {
      try {
        value = coroutine.call();
      } catch (Throwable t) {
        failure = t;
      }
    }
    finish(value, failure);
    if (sharedContext) {
      context.taskEnded();
    }
    runState = RUN_DONE;
    loop.taskFinished(this);
    loop.scheduler().exitTask(this);
  }

  @SuppressWarnings("ReferenceEquality") // identity: the group instance hidden in the failure
  private void finish(@Nullable T value, @Nullable Throwable failure) {
    ExceptionGroup hidden = hiddenGroupFailure;
    if (failure != null && hidden != null && failure != hidden) {
      failure = unhide(failure, hidden);
    }
    if (failure == null) {
      if (mustCancel) {
        // cancel() was called after the last suspension: the task still ends cancelled.
        mustCancel = false;
        RuntimeException e = newCancelledException();
        cancelWith(
            e instanceof CancelledException ce ? ce : new CancelledException(taskCancelMessage));
      } else {
        setResultFromBody(value);
      }
    } else if (failure instanceof AsyncTimeoutException && cancelRequests == 0) {
      setExceptionFromBody(failure); // a converted timeout is a failure, as TimeoutError is
    } else if (failure instanceof CancelledException ce) {
      cancelWith(ce);
    } else if (failure instanceof InterruptedException && mustCancel) {
      // cancel() interrupted the blocking JDK call the task was in (requestCancel) and the body
      // let the interrupt out: that is the cancellation arriving, so the task ends cancelled,
      // as it would with asyncio's CancelledError, not failed with an error nobody caused.
      mustCancel = false;
      RuntimeException e = newCancelledException();
      cancelWith(
          e instanceof CancelledException ce ? ce : new CancelledException(taskCancelMessage));
    } else {
      setExceptionFromBody(failure);
    }
  }

  /**
   * The ExceptionGroup that a try-form TaskGroup's close() threw last, which an exception leaving
   * the block may have hidden as suppressed (Java's try-with-resources rule).
   */
  @Nullable ExceptionGroup hiddenGroupFailure;

  /**
   * asyncio's TaskGroup wraps what leaves its block in its ExceptionGroup; a try block cannot, so
   * the group's failures ride on the block's exception as suppressed. When that exception is what
   * ends the task, the task fails with the group's ExceptionGroup after all, the block's exception
   * added to it unless it is a plain cancellation (asyncio's {@code _aexit} does not add those): no
   * child's failure ends up hidden in a suppressed list.
   */
  @SuppressWarnings("ReferenceEquality") // identity: the group instance among the suppressed
  private static Throwable unhide(Throwable failure, ExceptionGroup group) {
    for (Throwable s : failure.getSuppressed()) {
      if (s == group) {
        List<Throwable> all = new java.util.ArrayList<>(group.exceptions());
        if (!(failure instanceof CancelledException) || failure instanceof AsyncTimeoutException) {
          all.add(failure);
        }
        return new ExceptionGroup("unhandled errors in a TaskGroup", all);
      }
    }
    return failure;
  }

  // Called only when the body ended without a failure, so value is what coroutine.call() returned:
  // a T. NullAway cannot relate the value to the failure being null in finish().
  @SuppressWarnings("NullAway")
  private void setResultFromBody(@Nullable T value) {
    super.setResult(value);
  }

  private void setExceptionFromBody(Throwable failure) {
    super.setException(failure);
  }

  /**
   * Not supported: a task's result is its coroutine's.
   *
   * @throws UnsupportedOperationException always, as asyncio's {@code Task.set_result} raises
   *     RuntimeError
   */
  @Override
  public void setResult(T value) {
    throw new UnsupportedOperationException(
        "Task does not support setResult(): its result is its coroutine's; use a Future");
  }

  /**
   * Not supported: a task's exception is its coroutine's.
   *
   * @throws UnsupportedOperationException always, as asyncio's {@code Task.set_exception} raises
   *     RuntimeError
   */
  @Override
  public void setException(Throwable error) {
    throw new UnsupportedOperationException(
        "Task does not support setException(): raise the exception in its coroutine instead");
  }

  // ---------------------------------------------------------------- suspension

  /** Parks the calling task (this one) until {@code f} is done or the task is cancelled. */
  void awaitFuture(Future<?> f) {
    if (f == this) {
      throw new IllegalStateException("Task cannot await on itself: " + this);
    }
    EventLoop fl = f.loop;
    if (fl == null) {
      f.loop = owner;
    } else if (fl != owner) {
      throw new IllegalStateException(
          "Task " + this + " got Future " + f + " attached to a different loop");
    }
    futWaiter = f;
    woken = false;
    Listener w = waker;
    if (w == null) {
      w = f2 -> wake();
      waker = w;
    }
    f.addListener(w);
    if (mustCancel && f.cancel(taskCancelMessage)) {
      // Cancelled while running (by itself, or by code it called): asyncio's __step cancels
      // the future the task is about to wait on, so the cancellation lands at this suspension.
      mustCancel = false;
      cancelledThroughWaiter = true;
    }
    runState = RUN_AWAITING;
    owner.awaitingTasks++;
    owner.scheduler().suspend(this);
    owner.awaitingTasks--;
    futWaiter = null;
    resumedAfterSuspension();
    boolean cancelled = false;
    if (cancelledThroughWaiter) {
      cancelledThroughWaiter = false;
      // Our cancel() cancelled what we awaited. It may have ended cancelled, or (a gather) failed
      // with a CancelledException: either way the cancellation raised here is the task's own,
      // so that a timeout or task group that asked for it recognises it.
      if (f.isCancelled() || f.peekException() instanceof CancelledException) {
        f.markRetrieved();
        cancelled = true;
      }
    }
    if (mustCancel) {
      // asyncio's __step clears _must_cancel whenever it throws the CancelledError in: a second
      // cancel() that found the waiter already cancelled only counts (cancelling() is 2), and
      // one cancellation is raised here, not another at the next suspension.
      mustCancel = false;
      if (!f.isDone()) {
        f.removeListener(w);
      } else if (f.peekException() instanceof CancelledException) {
        f.markRetrieved(); // what we awaited passed our cancellation on: ours stands for it
      }
      cancelled = true;
    }
    if (cancelled) {
      throw raiseCancellation();
    }
  }

  /**
   * Re-arms a cancellation that was raised at a suspension whose wait had in fact ended, so that it
   * is raised at the next suspension instead (an async generator's yield).
   */
  void repeatCancellation() {
    mustCancel = true;
  }

  /** Gives the loop a turn: the task goes to the back of the ready queue (asyncio sleep(0)). */
  void yieldNow() {
    runState = RUN_READY;
    owner.scheduler().yieldNow(this);
    resumedAfterSuspension();
    if (mustCancel) {
      mustCancel = false;
      throw raiseCancellation();
    }
  }

  private void resumedAfterSuspension() {
    owner.taskResumed(this);
  }

  private RuntimeException raiseCancellation() {
    Thread.interrupted(); // an interrupt sent to abort a blocking call must not outlive it
    RuntimeException e = newCancelledException();
    lastCancellation = e;
    return e;
  }

  /** Called on the loop thread when the awaited future completes, or by cancel(). */
  void wake() {
    if (woken) {
      return;
    }
    woken = true;
    runState = RUN_READY;
    EventLoop l = owner;
    if (l.frontWake) {
      l.frontWake = false;
      l.scheduler().wakeFront(this);
    } else {
      l.scheduler().wake(this);
    }
  }

  /**
   * The exception raised in this task for a pending cancellation: a {@link CancelledException}, or
   * what the try-form scopes it will leave through turn it into ({@link CancelScope}).
   */
  RuntimeException newCancelledException() {
    RuntimeException e = CancelScope.preConvertedFrom(scope, cancelRequests, taskCancelMessage);
    return e != null ? e : new CancelledException(taskCancelMessage);
  }

  /**
   * What a cancellation that a scope lets out of its block becomes for the scopes outside it, as
   * the counts stand now: the exception a try-form scope there converts it to, else {@code e}
   * itself when it is a plain cancellation, else a new plain one (a timeout exception raised
   * earlier whose conversion another cancellation has since overtaken is stale, never rethrown).
   */
  RuntimeException cancellationLeaving(Throwable e) {
    RuntimeException converted =
        CancelScope.preConvertedFrom(scope, cancelRequests, taskCancelMessage);
    if (converted == null) {
      converted =
          e instanceof CancelledException ce && !(e instanceof AsyncTimeoutException)
              ? ce
              : new CancelledException(taskCancelMessage);
    }
    lastCancellation = converted;
    return converted;
  }

  /** Whether a cancellation was requested and not yet raised in the task. */
  boolean cancellationNotYetRaised() {
    return mustCancel;
  }

  /** Enters {@code s}: it becomes the innermost scope. */
  void enterScope(CancelScope s) {
    scope = s;
  }

  /** Leaves {@code s}, also when an inner scope was never left (a timeout nobody closed). */
  @SuppressWarnings("ReferenceEquality") // identity: scopes are a chain of objects
  void leaveScope(CancelScope s) {
    CancelScope outer = s.outer;
    if (scope == s) {
      scope = outer;
      return;
    }
    for (CancelScope c = scope; c != null; c = c.outer) {
      if (c.outer == s) {
        scope = outer; // the inner ones were abandoned: forget them with it
        return;
      }
    }
  }

  // ---------------------------------------------------------------- cancellation

  /**
   * Requests cancellation: {@link CancelledException} is raised in the task at its current or next
   * suspension point. The future the task awaits is cancelled too.
   *
   * <p>Unlike asyncio, whose {@code cancel()} recurses until {@code RecursionError} there, a
   * cancellation that comes back to the task around an await cycle (task-a awaits task-b awaits
   * task-a) wakes the task to raise it at its await, so every task of the cycle ends cancelled.
   *
   * <p>asyncio: {@code Task.cancel(msg)}
   *
   * @param message carried by the CancelledException, or null
   * @return false if the task is already done
   */
  @Override
  public boolean cancel(@Nullable String message) {
    return requestCancel(message);
  }

  @Override
  public boolean cancel() {
    return requestCancel(null);
  }

  boolean requestCancel(@Nullable String message) {
    owner.checkThread("Task.cancel");
    if (isDone()) {
      return false;
    }
    Future<?> waiter = futWaiter;
    if (passingCancelOn && waiter != null && !waiter.isDone()) {
      return cancelAroundCycle();
    }
    cancelRequests++;
    taskCancelMessage = message;
    if (waiter != null && passCancelOn(waiter, message)) {
      cancelledThroughWaiter = true;
      return true;
    }
    mustCancel = true;
    if (runState == RUN_RUNNING && currentOrNull() != this) {
      // Running but not the caller: parked in a blocking JDK call (fast mode only). Interrupt
      // it so that interruptible calls end now.
      thread.interrupt();
    }
    return true;
  }

  /** Cancels {@code waiter}, marking that this task's cancellation is on its way along an await. */
  private boolean passCancelOn(Future<?> waiter, @Nullable String message) {
    boolean outer = passingCancelOn;
    passingCancelOn = true;
    try {
      return waiter.cancel(message);
    } finally {
      passingCancelOn = outer;
    }
  }

  /**
   * This task's own cancellation came back to it through the future it awaits, still pending: an
   * await cycle (task-a awaits task-b awaits task-a, or through a gather or shield). Passing it on
   * again would recurse without end (CPython raises RecursionError there). It is the request
   * already counted, so it is not counted again; the task is woken to raise it at its await, which
   * breaks the cycle: every task of the cycle then ends cancelled.
   */
  private boolean cancelAroundCycle() {
    mustCancel = true;
    if (runState == RUN_AWAITING) {
      wake();
    }
    return true;
  }

  /**
   * Returns the number of cancellation requests not yet withdrawn by {@link #uncancel()}.
   *
   * <p>asyncio: {@code Task.cancelling}
   *
   * @return the count
   */
  public int cancelling() {
    return cancelRequests;
  }

  /**
   * Withdraws one cancellation request; when none is left, a pending one is forgotten. Meant for
   * code such as timeouts that cancelled the task and then handled the cancellation.
   *
   * <p>asyncio: {@code Task.uncancel}
   *
   * @return the number of requests left
   */
  public int uncancel() {
    if (cancelRequests > 0) {
      cancelRequests--;
      if (cancelRequests == 0) {
        mustCancel = false;
      }
    }
    return cancelRequests;
  }

  // ---------------------------------------------------------------- naming, inspection

  /**
   * Returns the task's name: the one given, or {@code Task-N}.
   *
   * <p>asyncio: {@code Task.get_name}
   *
   * @return the name
   */
  public String getName() {
    String n = name;
    if (n == null) {
      n = "Task-" + number; // built on first use: most tasks are never asked their name
      name = n;
    }
    return n;
  }

  /**
   * Renames the task.
   *
   * <p>asyncio: {@code Task.set_name}
   *
   * @param name the new name
   */
  public void setName(String name) {
    this.name = java.util.Objects.requireNonNull(name, "name");
  }

  /**
   * Returns the coroutine the task runs.
   *
   * <p>asyncio: {@code Task.get_coro}
   *
   * @return the coroutine
   */
  public Coroutine<T> getCoro() {
    return coroutine;
  }

  /**
   * Returns the context the task runs in.
   *
   * <p>asyncio: {@code Task.get_context}
   *
   * @return the task's context
   */
  public Context getContext() {
    return context;
  }

  /**
   * Returns the frames of the task where it is suspended now (empty when done or not started).
   *
   * <p>asyncio: {@code Task.get_stack}
   *
   * @return the stack, innermost frame first
   */
  public List<StackTraceElement> getStack() {
    if (isDone() || runState == RUN_NEW) {
      return List.of();
    }
    return List.of(thread.getStackTrace());
  }

  /** Returns the future this task waits on, or null. */
  @Nullable Future<?> waitingOn() {
    return futWaiter;
  }

  @Override
  @Nullable Throwable creationStack() {
    return creationStack;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("<Task ").append(stateName());
    sb.append(" name='").append(getName()).append('\'');
    sb.append(" coro=").append(Reprs.shortRepr(coroutine));
    Future<?> waiter = futWaiter;
    if (!isDone() && waiter != null) {
      // A task awaited is named, not rendered with its own wait_for: two tasks that await each
      // other would recurse without end. asyncio nests the reprs and cuts the cycle with '...'.
      sb.append(" wait_for=")
          .append(waiter instanceof Task<?> t ? t.nameRepr() : waiter.toString());
    }
    if (isCancelled()) {
      return sb.append('>').toString();
    }
    return sb.append(describeOutcome()).append('>').toString();
  }

  /** The bounded repr of a task awaited by another: {@code <Task pending name='x'>}. */
  String nameRepr() {
    return "<Task " + stateName() + " name='" + getName() + "'>";
  }

  @Override
  List<? extends Future<?>> waitsOn() {
    Future<?> waiter = futWaiter;
    return isDone() || waiter == null ? List.of() : List.of(waiter);
  }
}

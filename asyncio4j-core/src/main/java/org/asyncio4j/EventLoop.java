package org.asyncio4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.asyncio4j.internal.loop.StallWatchdog;
import org.asyncio4j.internal.loop.VirtualThreadHook;
import org.jspecify.annotations.Nullable;

/**
 * An event loop: one thread, a ready queue of callbacks and task steps, a timer heap and a {@link
 * Selector}; it runs its tasks one at a time and switches only where they suspend.
 *
 * <p>Loop-confined: call its methods from its own tasks and callbacks (or from the thread that will
 * run it, before it runs), except {@link #callSoonThreadsafe}, {@link #submit}, {@link #stop()} and
 * the {@code is*} queries, which any thread may call. Debug mode checks this and throws on a call
 * from a foreign thread.
 *
 * <p>Ordering is asyncio's: {@link #callSoon} callbacks run first in, first out; timers run by
 * deadline, then in the order they were scheduled; one turn of the loop runs exactly the callbacks
 * and task steps that were ready when the turn began (CPython's {@code _run_once}), so a program
 * ported from asyncio interleaves step for step as it did there. A task's first step, its wake-up
 * after an awaited future completes, and a {@code callSoon} callback are each one entry of the
 * ready queue.
 *
 * <p>Beyond asyncio: when nothing registered with the loop can wake any task while {@link
 * #runUntilComplete} waits, the loop reports a {@link DeadlockException} listing every task, what
 * it waits on and every await cycle: on real time it keeps waiting, as asyncio does, and passes the
 * report to the exception handler after a quiet period (another thread may still call {@link
 * #callSoonThreadsafe}); on virtual time, or with {@link Builder#strictDeadlockDetection}, it
 * throws it at once. A loop built with {@link Builder#virtualTime(boolean)} runs on a virtual clock
 * that jumps to the next timer whenever all tasks wait on timers only, so tests that sleep for an
 * hour take milliseconds, in exactly the order real time would give.
 *
 * <pre>{@code
 * try (EventLoop loop = EventLoop.create()) {
 *   loop.callLater(Duration.ofMillis(100), () -> System.out.println("later"));
 *   loop.callSoon(() -> System.out.println("soon"));
 *   String r = loop.runUntilComplete(() -> { Asyncio.sleep(Duration.ofMillis(200)); return "done"; });
 * }
 * }</pre>
 *
 * <p>asyncio: {@code asyncio.AbstractEventLoop}, {@code BaseEventLoop}, {@code
 * asyncio.new_event_loop()}
 */
public final class EventLoop implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger("org.asyncio4j");
  private static final ThreadLocal<@Nullable EventLoop> RUNNING = new ThreadLocal<>();
  private static final AtomicInteger LOOP_COUNTER = new AtomicInteger();

  static {
    org.asyncio4j.internal.loop.LoopAccess.install(new NetLayerAccess());
  }

  /** The hidden I/O layers' way in: see {@link org.asyncio4j.internal.loop.LoopAccess}. */
  private static final class NetLayerAccess implements org.asyncio4j.internal.loop.LoopAccess {
    @Override
    @SuppressWarnings("unchecked") // one slot, one owner: the net layer always stores its own type
    public <S> S netState(EventLoop loop, java.util.function.Function<EventLoop, S> create) {
      Object s = loop.netState;
      if (s == null) {
        s = create.apply(loop);
        loop.netState = s;
      }
      return (S) s;
    }

    @Override
    public void addCloseHook(EventLoop loop, Runnable hook) {
      loop.addCloseHook(hook);
    }

    @Override
    @SuppressWarnings("ReferenceEquality") // identity: the same Thread object
    public boolean isOnLoop(EventLoop loop) {
      return loop.isLoopThread() || (!loop.running && Thread.currentThread() == loop.ownerThread);
    }

    @Override
    public void holdOutsideActivity(EventLoop loop) {
      loop.externalPending.incrementAndGet();
    }

    @Override
    public void releaseOutsideActivity(EventLoop loop) {
      loop.externalPending.decrementAndGet();
    }
  }

  /** The net layer's per-loop state (buffers, open transports); loop-confined. */
  private @Nullable Object netState;

  /** asyncio's default slow_callback_duration: 0.1 s. */
  public static final Duration DEFAULT_SLOW_CALLBACK_DURATION = Duration.ofMillis(100);

  /**
   * How long a loop on real time waits with nothing that could wake a task before it reports a
   * possible deadlock: 1 s, see {@link Builder#deadlockQuietPeriod}.
   */
  public static final Duration DEFAULT_DEADLOCK_QUIET_PERIOD = Duration.ofSeconds(1);

  /** Rebuild the timer heap when more than this many cancelled timers are in it (asyncio). */
  private static final int MIN_CANCELLED_TIMERS_TO_COMPACT = 100;

  // ---------------------------------------------------------------- state (loop-confined)

  /** Entries: {@link Handle}s, JDK continuations (hook mode), baton entries (public mode). */
  final ArrayDeque<Object> ready = new ArrayDeque<>(256);

  private final PriorityQueue<TimerHandle> timers = new PriorityQueue<>();
  private int cancelledTimers;
  private long timerSequence;

  /** Entries of the current turn still to run (CPython's ntodo, kept in a field for the baton). */
  private int turnRemaining;

  private boolean stopping;
  private volatile boolean running;
  private volatile boolean closed;

  /** Which deadlock check this run makes: one of the DEADLOCK_* constants. */
  private int deadlockCheck;

  /** The future runUntilComplete waits for, named in the deadlock report. */
  private @Nullable Future<?> deadlockTarget;

  /** runForever, runUntilIdle: no check (an idle loop is what they wait in). */
  private static final int DEADLOCK_NONE = 0;

  /** runUntilComplete: raise where the loop can be sure, else report after the quiet period. */
  private static final int DEADLOCK_REPORT = 1;

  /** close()'s cleanup: raise where sure, else raise after the quiet period rather than hang. */
  private static final int DEADLOCK_CLEANUP = 2;

  /** Quiet episodes begun (nothing could wake a task while runUntilComplete waited); for tests. */
  private volatile int quietEpisodes;

  /**
   * Set when close() begins: a submission it finds in the inbox while it runs the remaining tasks
   * to their end fails instead of starting a task that nothing would cancel.
   */
  boolean closing;

  /** The thread that runs the loop, or that will run it (the creator until it first runs). */
  volatile Thread ownerThread;

  /** Set while a callback runs inline on a task's thread (public-API mode). */
  boolean inCallback;

  // live tasks: an intrusive list (O(1) add/remove, no allocation)
  private @Nullable Task<?> liveHead;
  private int liveTasks;

  /** Tasks parked in an await of ours (not in a blocking JDK call). */
  int awaitingTasks;

  /** The async generators that have started and not ended. */
  final AsyncGenerators asyncgens = new AsyncGenerators(this);

  /** Set while a completion must wake its waiter at the front of the ready queue. */
  boolean frontWake;

  private final Scheduler scheduler;
  private final String name;

  // ---------------------------------------------------------------- cross-thread state

  private final ConcurrentLinkedQueue<Object> inbox = new ConcurrentLinkedQueue<>();
  private final Selector selector;
  private final SelectorIo io;
  private volatile boolean selecting;

  /** Executor jobs and wrapped external futures still pending: the deadlock check waits. */
  final AtomicInteger externalPending = new AtomicInteger();

  final UnretrievedFailures unretrieved = new UnretrievedFailures(this);

  // ---------------------------------------------------------------- configuration

  private final boolean virtualTime;
  private long virtualNow;
  private final boolean deadlockDetection;
  private final boolean strictDeadlockDetection;
  private final long deadlockQuietNanos;
  private volatile boolean debug;
  private volatile Duration slowCallbackDuration;
  private boolean eagerTaskStart;

  /**
   * A context for the next task created, instead of a copy of the current one; set only inside
   * {@link #callWithNextTaskContext}. It lets {@link TaskGroup#createTask(Coroutine, String,
   * Context)} reuse the group's own createTask as it is.
   */
  private @Nullable Context nextTaskContext;

  private @Nullable ExceptionHandler exceptionHandler;
  private final LoopExecutors executors;
  private final JdkFutureBridge futureBridge;
  private final @Nullable StallWatchdog watchdog;
  private volatile long entryStartedNanos;

  private EventLoop(Builder b) {
    this.name = "asyncio4j-loop-" + LOOP_COUNTER.incrementAndGet();
    this.ownerThread = Thread.currentThread();
    this.virtualTime = b.virtualTime;
    this.deadlockDetection = b.deadlockDetection;
    this.strictDeadlockDetection = b.strictDeadlockDetection;
    this.deadlockQuietNanos = saturatedNanos(b.deadlockQuietPeriod);
    this.debug = b.debug;
    this.slowCallbackDuration = b.slowCallbackDuration;
    this.eagerTaskStart = b.eagerTaskStart;
    this.exceptionHandler = b.exceptionHandler;
    this.executors = new LoopExecutors(this, name);
    this.futureBridge = new JdkFutureBridge(this, name);
    boolean hook =
        switch (b.mode) {
          case HOOK -> {
            if (!VirtualThreadHook.isAvailable()) {
              throw new IllegalStateException(VirtualThreadHook.unavailableMessage());
            }
            yield true;
          }
          case PUBLIC -> false;
          case AUTO -> {
            boolean available = VirtualThreadHook.isAvailable();
            if (!available) {
              VirtualThreadHook.warnFallbackOnce();
            }
            yield available;
          }
        };
    this.scheduler = hook ? new HookScheduler(this) : new BatonScheduler(this);
    try {
      this.selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the event loop's Selector", e);
    }
    this.io = new SelectorIo(selector, ready);
    this.watchdog =
        b.debug ? new StallWatchdog(name, () -> entryStartedNanos, this::stallReport) : null;
  }

  /**
   * Creates a loop with the default settings (debug mode from the {@code asyncio4j.debug} system
   * property or the {@code ASYNCIO4J_DEBUG} environment variable).
   *
   * <p>asyncio: {@code asyncio.new_event_loop()}
   *
   * @return a new loop, not running
   */
  public static EventLoop create() {
    return builder().build();
  }

  /**
   * Returns a builder for a loop with non-default settings.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  // ---------------------------------------------------------------- running-loop lookup

  static @Nullable EventLoop runningLoopOrNull() {
    // currentRaw, not currentOrNull: a callback run inline on a task's thread (public-API mode)
    // is not in the task, but it is in the task's loop.
    Task<?> task = Task.currentRaw();
    if (task != null) {
      return task.owner;
    }
    return RUNNING.get();
  }

  static EventLoop requireRunningLoop(String what) {
    EventLoop l = runningLoopOrNull();
    if (l == null) {
      throw new IllegalStateException(
          "no running event loop: "
              + what
              + " needs one running in this thread; call it from a task or callback, or start a"
              + " loop with Asyncio.run(...)");
    }
    return l;
  }

  static @Nullable Context captureContext() {
    Context c = Context.current();
    return c.isEmpty() ? null : c.copy();
  }

  Scheduler scheduler() {
    return scheduler;
  }

  /**
   * Returns which scheduler runs the tasks: {@code "hook"} (the loop's thread runs every task) or
   * {@code "public"} (the public-API mode).
   *
   * @return the mode's name
   */
  public String schedulerMode() {
    return scheduler.modeName();
  }

  // ---------------------------------------------------------------- time

  /**
   * Returns the loop's clock, in nanoseconds, monotonic; the scale of {@link TimerHandle#when()}
   * and {@link #callAt}. On a virtual-time loop it starts at 0 and moves only when the loop jumps
   * or waits.
   *
   * <p>asyncio: {@code loop.time()} (seconds there)
   *
   * @return the current time of the loop's clock
   */
  public long timeNanos() {
    return virtualTime ? virtualNow : System.nanoTime();
  }

  /**
   * Returns whether this loop runs on virtual time.
   *
   * @return true for a loop built with {@code virtualTime(true)}
   */
  public boolean isVirtualTime() {
    return virtualTime;
  }

  // ---------------------------------------------------------------- scheduling callbacks

  /**
   * Schedules {@code callback} to run on the next turn of the loop, after the callbacks already
   * scheduled, in a copy of the current {@link Context}.
   *
   * <p>asyncio: {@code loop.call_soon}
   *
   * @param callback what to run
   * @return a handle that can cancel it
   * @throws NullPointerException if an argument is null
   */
  public Handle callSoon(Runnable callback) {
    Objects.requireNonNull(callback, "callback");
    checkThread("callSoon");
    checkNotClosed();
    if (debug) {
      Handle h = new TracedHandle(callback, captureContext(), createdHere());
      ready.addLast(h);
      return h;
    }
    return callSoonWithContext(callback, captureContext());
  }

  /** Debug mode: where a handle is being created, for the exception handler's context. */
  private static Throwable createdHere() {
    return new Throwable("handle created here");
  }

  Handle callSoonWithContext(Runnable callback, @Nullable Context context) {
    Handle h = new Handle(callback, context);
    ready.addLast(h);
    return h;
  }

  /**
   * Like {@link #callSoon}, from any thread: from another thread the callback is queued in a
   * thread-safe inbox and the loop is woken if it waits; from the loop's own thread (a task or
   * callback of the running loop, or the thread that will run it, before it runs) it is queued as
   * {@code callSoon} queues, so it keeps its place in first-in, first-out order among them. The
   * handle's {@link Handle#cancel()} may be called from any thread; while the callback runs, it
   * waits for the callback to finish.
   *
   * <p>asyncio: {@code loop.call_soon_threadsafe} (3.14's {@code _ThreadSafeHandle})
   *
   * @param callback what to run
   * @return a handle that can cancel it (from any thread)
   * @throws IllegalStateException if the loop is closed
   * @throws NullPointerException if an argument is null
   */
  public Handle callSoonThreadsafe(Runnable callback) {
    Objects.requireNonNull(callback, "callback");
    Handle h = new ThreadSafeHandle(callback, captureContext(), debug ? createdHere() : null);
    if (!enqueueThreadsafe(h)) {
      throw new IllegalStateException("Event loop " + name + " is closed");
    }
    return h;
  }

  /**
   * Queues {@code h} at the end of the ready queue when the caller owns the loop, else in the inbox
   * (which the loop drains at the start of a turn, behind what is ready). Before the loop runs, the
   * owner's direct append is made under {@link #startLock}, which {@link #run} takes to start: a
   * thread that starts the loop at the same moment sees the entry or makes the owner use the inbox.
   */
  @SuppressWarnings("ReferenceEquality") // identity: the same Thread object
  private boolean enqueueThreadsafe(Handle h) {
    if (running && scheduler.holdsLoop()) {
      ready.addLast(h);
      return true;
    }
    if (!running && Thread.currentThread() == ownerThread) {
      synchronized (startLock) {
        if (!running && Thread.currentThread() == ownerThread && !closed) {
          ready.addLast(h);
          return true;
        }
      }
    }
    return enqueueFromOtherThread(h);
  }

  /** Held by run() while it takes the loop, and by a direct append of the owner before that. */
  private final Object startLock = new Object();

  /** Queues an entry from any thread; false if the loop is closed. */
  boolean enqueueFromOtherThread(Object entry) {
    if (closed) {
      return false;
    }
    inbox.add(entry);
    // Wake-up protocol: the loop publishes selecting=true, then re-reads the inbox before it
    // blocks; we publish the entry, then read selecting. With both volatile, one side always
    // sees the other, so an entry never sleeps in the inbox while the loop blocks.
    if (selecting) {
      selector.wakeup();
    }
    return true;
  }

  /** Runs {@code action} on the loop: now if the caller holds it, else through the inbox. */
  @SuppressWarnings("ReferenceEquality") // identity: the same Thread object
  void runOnLoop(Runnable action) {
    if (scheduler.holdsLoop() || (!running && Thread.currentThread() == ownerThread)) {
      action.run();
    } else if (!enqueueFromOtherThread(new Handle(action, null))) {
      action.run();
    }
  }

  /**
   * Schedules {@code callback} after {@code delay}.
   *
   * <p>asyncio: {@code loop.call_later}
   *
   * @param delay how long from now; zero or negative means the next turn after due timers
   * @param callback what to run
   * @return a handle that can cancel it
   * @throws NullPointerException if an argument is null
   */
  public TimerHandle callLater(Duration delay, Runnable callback) {
    Objects.requireNonNull(delay, "delay");
    Objects.requireNonNull(callback, "callback");
    return callAt(timeNanos() + saturatedNanos(delay), callback);
  }

  /**
   * Schedules {@code callback} at {@code whenNanos} of the loop's clock ({@link #timeNanos()}).
   *
   * <p>asyncio: {@code loop.call_at}
   *
   * @param whenNanos the deadline
   * @param callback what to run
   * @return a handle that can cancel it
   * @throws NullPointerException if an argument is null
   */
  public TimerHandle callAt(long whenNanos, Runnable callback) {
    Objects.requireNonNull(callback, "callback");
    checkThread("callAt");
    checkNotClosed();
    TimerHandle t =
        new TimerHandle(
            this,
            whenNanos,
            timerSequence++,
            callback,
            captureContext(),
            debug ? createdHere() : null);
    timers.add(t);
    return t;
  }

  static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return d.isNegative() ? Long.MIN_VALUE / 4 : Long.MAX_VALUE / 4;
    }
  }

  void timerCancelled() {
    cancelledTimers++;
  }

  // ---------------------------------------------------------------- futures and tasks

  /**
   * Creates a pending future bound to this loop.
   *
   * <p>asyncio: {@code loop.create_future}
   *
   * @param <T> the result type
   * @return the future
   */
  public <T extends @Nullable Object> Future<T> createFuture() {
    return new Future<>(this);
  }

  /**
   * Wraps {@code coroutine} in a task and schedules its first step (or, with eager task start, runs
   * it now until its first suspension).
   *
   * <p>asyncio: {@code loop.create_task}
   *
   * @param coroutine the body
   * @param <T> its result type
   * @return the task
   */
  public <T extends @Nullable Object> Task<T> createTask(Coroutine<T> coroutine) {
    return createTask(coroutine, null);
  }

  /**
   * Like {@link #createTask(Coroutine)}, with a name.
   *
   * @param coroutine the body
   * @param name the task's name, or null for {@code Task-N}
   * @param <T> its result type
   * @return the task
   */
  public <T extends @Nullable Object> Task<T> createTask(
      Coroutine<T> coroutine, @Nullable String name) {
    return createTask(coroutine, name, eagerTaskStart);
  }

  /**
   * Like {@link #createTask(Coroutine)} for a body without a result.
   *
   * @param coroutine the body
   * @return the task
   */
  public Task<Void> createTask(VoidCoroutine coroutine) {
    Objects.requireNonNull(coroutine, "coroutine");
    return Task.ofVoid(createTask(coroutine.asCoroutine(), null));
  }

  /**
   * Like {@link #createTask(VoidCoroutine)}, with a name.
   *
   * @param coroutine the body
   * @param name the task's name, or null for {@code Task-N}
   * @return the task
   */
  public Task<Void> createTask(VoidCoroutine coroutine, @Nullable String name) {
    Objects.requireNonNull(coroutine, "coroutine");
    return Task.ofVoid(createTask(coroutine.asCoroutine(), name));
  }

  /**
   * Like {@link #createTask(Coroutine, String)}, in {@code context} itself rather than a copy of
   * the current context: what the task sets there, every other task and code running in {@code
   * context} sees, and the other way round.
   *
   * <p>asyncio: {@code loop.create_task(coro, name=name, context=context)}
   *
   * @param coroutine the body
   * @param name the task's name, or null for {@code Task-N}
   * @param context the context the task runs in
   * @param <T> its result type
   * @return the task
   */
  public <T extends @Nullable Object> Task<T> createTask(
      Coroutine<T> coroutine, @Nullable String name, Context context) {
    return createTask(coroutine, name, eagerTaskStart, Objects.requireNonNull(context, "context"));
  }

  /**
   * Like {@link #createTask(Coroutine, String, Context)} for a body without a result.
   *
   * <p>asyncio: {@code loop.create_task(coro, name=name, context=context)}
   *
   * @param coroutine the body
   * @param name the task's name, or null for {@code Task-N}
   * @param context the context the task runs in
   * @return the task
   */
  public Task<Void> createTask(VoidCoroutine coroutine, @Nullable String name, Context context) {
    return Task.ofVoid(createTask(coroutine.asCoroutine(), name, context));
  }

  <T extends @Nullable Object> Task<T> createTask(
      Coroutine<T> coroutine, @Nullable String name, boolean eager) {
    return createTask(coroutine, name, eager, null);
  }

  /**
   * Creates the task in {@code given}, or in a copy of the current context when null (or in the
   * context handed over by {@link #callWithNextTaskContext}, for {@link TaskGroup}).
   */
  <T extends @Nullable Object> Task<T> createTask(
      Coroutine<T> coroutine, @Nullable String name, boolean eager, @Nullable Context given) {
    Objects.requireNonNull(coroutine, "coroutine");
    checkThread("createTask");
    checkNotClosed();
    Context context = given;
    if (context == null) {
      context = nextTaskContext;
      if (context != null) {
        nextTaskContext = null; // one task only: the ones its eager start creates copy as usual
      }
    }
    Task<T> task =
        context == null
            ? new Task<>(this, coroutine, name, Context.copyCurrent())
            : new Task<>(this, coroutine, name, context, true);
    addLive(task);
    task.runState = Task.RUN_READY;
    if (eager) {
      scheduler.startTaskEagerly(task);
    } else {
      scheduler.startTask(task);
    }
    return task;
  }

  /** Calls {@code create}, whose first task creation in this loop runs in {@code context}. */
  <R> R callWithNextTaskContext(Context context, Supplier<R> create) {
    Objects.requireNonNull(context, "context");
    checkThread("createTask");
    nextTaskContext = context;
    try {
      return create.get();
    } finally {
      nextTaskContext = null;
    }
  }

  /**
   * Makes {@link #createTask} run each new task's body at once, until its first suspension, instead
   * of on the next turn; a task that finishes without suspending is returned done and never touches
   * the ready queue.
   *
   * <p>asyncio: {@code loop.set_task_factory(asyncio.eager_task_factory)}
   *
   * @param eager true for eager start
   */
  public void setEagerTaskStart(boolean eager) {
    this.eagerTaskStart = eager;
  }

  /**
   * Returns whether tasks start eagerly.
   *
   * @return true if {@link #setEagerTaskStart} turned it on
   */
  public boolean isEagerTaskStart() {
    return eagerTaskStart;
  }

  /**
   * Creates the task that runs an async generator's body and makes its first step the next entry to
   * run. It is not listed by allTasks(), so shutdown closes it instead of cancelling it.
   */
  Task<@Nullable Void> createAsyncgenTask(Coroutine<@Nullable Void> body, String name) {
    checkThread("AsyncGenerator");
    checkNotClosed();
    Task<@Nullable Void> task = new Task<>(this, body, name, Context.copyCurrent());
    task.asyncgenBody = true;
    addLive(task);
    task.runState = Task.RUN_READY;
    scheduler.startTaskFront(task);
    return task;
  }

  /**
   * Runs {@code completion}; the first task it wakes goes to the front of the ready queue, so that
   * it runs next, in this turn: how an async generator and its consumer hand control to each other
   * without anything running in between.
   */
  void completeAtFront(Runnable completion) {
    frontWake = true;
    try {
      completion.run();
    } finally {
      frontWake = false;
    }
  }

  private void addLive(Task<?> t) {
    Task<?> head = liveHead;
    t.nextLive = head;
    if (head != null) {
      head.prevLive = t;
    }
    liveHead = t;
    liveTasks++;
  }

  void taskFinished(Task<?> t) {
    Task<?> prev = t.prevLive;
    Task<?> next = t.nextLive;
    if (prev != null) {
      prev.nextLive = next;
    } else if (liveHead == t) {
      liveHead = next;
    }
    if (next != null) {
      next.prevLive = prev;
    }
    t.prevLive = null;
    t.nextLive = null;
    liveTasks--;
  }

  void taskResumed(Task<?> t) {
    t.runState = Task.RUN_RUNNING;
    if (debug) {
      lastResumed = t;
      stepStartedNanos = markEntryStart();
    }
  }

  /**
   * Public-API mode: the step of {@code t} ends (it suspends or finishes). The baton may go from
   * task to task without returning to the loop's thread, so the steps are timed here, one by one,
   * rather than around the loop thread's hand-off, which would add many fast steps up into one.
   */
  void taskStepEnded(Task<?> t) {
    if (debug) {
      reportIfSlow(stepStartedNanos, t.toString(), t);
    }
  }

  /** When the current task step began (debug mode), for {@link #taskStepEnded}. */
  private long stepStartedNanos;

  private @Nullable Task<?> lastResumed;

  /**
   * {@link Asyncio#currentTask(EventLoop)}: the calling thread's task when it is one of this loop's
   * and no callback runs inline on it.
   */
  @Nullable Task<?> currentTask() {
    Task<?> t = Task.currentOrNull();
    return t != null && t.owner == this ? t : null;
  }

  /**
   * Returns the tasks of this loop that are not done.
   *
   * <p>asyncio: {@code asyncio.all_tasks(loop)}
   *
   * @return a snapshot, in no particular order
   */
  public Set<Task<?>> allTasks() {
    Set<Task<?>> out = new LinkedHashSet<>();
    for (Task<?> t = liveHead; t != null; t = t.nextLive) {
      if (!t.asyncgenBody) {
        out.add(t);
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- ready-queue surgery

  void pushFront(Object entry) {
    ready.addFirst(entry);
    turnRemaining++;
  }

  /** Inserts right after the first entry (which {@link #pushFront} just added). */
  void pushSecond(Object entry) {
    Object first = ready.pollFirst();
    ready.addFirst(entry);
    if (first != null) {
      ready.addFirst(first);
    }
    turnRemaining++;
  }

  // ---------------------------------------------------------------- running

  /**
   * Runs the loop until {@link #stop()} is called, or until the loop's thread is interrupted while
   * the loop waits for events (it then stops after that turn and returns with the thread's
   * interrupt status still set, Java's rule for an interrupted blocking call). In the fast mode an
   * interrupt sent while a task runs on the loop's thread can be lost: the JDK clears a carrier
   * thread's interrupt status when a virtual thread unmounts. Use {@link #stop()} to stop a loop.
   *
   * <p>asyncio: {@code loop.run_forever}
   *
   * @throws IllegalStateException if the loop is closed or already running, or another loop runs in
   *     this thread
   */
  public void runForever() {
    run(DEADLOCK_NONE);
  }

  /**
   * Runs callbacks and task steps until nothing is ready and no timer is due, without waiting and
   * without moving a virtual clock: what a test calls to let every consequence of a change play out
   * "now".
   *
   * @throws IllegalStateException if the loop is closed or already running
   */
  public void runUntilIdle() {
    stopWhenIdle = true;
    try {
      run(DEADLOCK_NONE);
    } finally {
      stopWhenIdle = false;
    }
  }

  private boolean stopWhenIdle;

  /** Set when the loop's thread was found interrupted while it waited for events. */
  private boolean interruptedWhileWaiting;

  private boolean isIdleNow() {
    if (!ready.isEmpty() || !inbox.isEmpty()) {
      return false;
    }
    TimerHandle first = firstLiveTimer();
    return first == null || first.when() - timeNanos() > 0;
  }

  private void run(int deadlockCheck) {
    checkCanRun();
    Thread me = Thread.currentThread();
    synchronized (startLock) {
      ownerThread = me;
      running = true;
    }
    RUNNING.set(this);
    this.deadlockCheck = deadlockDetection ? deadlockCheck : DEADLOCK_NONE;
    if (scheduler instanceof BatonScheduler baton) {
      baton.takeBaton();
    }
    if (watchdog != null) {
      watchdog.start(me);
    }
    try {
      runTurns();
    } finally {
      stopping = false;
      running = false;
      this.deadlockCheck = DEADLOCK_NONE;
      if (interruptedWhileWaiting) {
        interruptedWhileWaiting = false;
        me.interrupt();
      }
      RUNNING.remove();
      if (watchdog != null) {
        watchdog.stop();
      }
    }
  }

  /** asyncio's _check_closed and _check_running, with their messages. */
  private void checkCanRun() {
    checkNotClosed();
    if (running) {
      throw new IllegalStateException("This event loop is already running: " + name);
    }
    if (runningLoopOrNull() != null) {
      throw new IllegalStateException(
          "Cannot run the event loop while another loop is running in this thread");
    }
  }

  private void runTurns() {
    boolean first = true;
    while (true) {
      if (turnRemaining == 0) {
        if (!first && stopping) {
          return;
        }
        if (stopWhenIdle && isIdleNow()) {
          return;
        }
        first = false;
        beginTurn();
        continue;
      }
      turnRemaining--;
      Object entry = ready.pollFirst();
      if (entry instanceof Handle h) {
        runHandle(h);
      } else if (entry != null) {
        runTaskEntry(entry);
      }
    }
  }

  /**
   * Runs the loop until {@code future} is done, and returns its result.
   *
   * <p>When nothing registered with the loop can wake any task (nothing is ready, no timer is set,
   * no I/O is registered, no executor job, wrapped external future or Flow subscription waiting for
   * another thread is pending): a loop on virtual time, or built with {@link
   * Builder#strictDeadlockDetection(boolean) strictDeadlockDetection(true)}, throws a {@link
   * DeadlockException} at once; any other loop keeps waiting, as asyncio does, since a thread it
   * cannot see may still call {@link #callSoonThreadsafe}, and after {@link
   * Builder#deadlockQuietPeriod(Duration) the quiet period} (1 s by default) passes the same report
   * to the exception handler, once per quiet episode. {@link Builder#deadlockDetection(boolean)
   * deadlockDetection(false)} turns both off.
   *
   * <p>asyncio: {@code loop.run_until_complete} (which never reports: it waits silently)
   *
   * @param future what to wait for
   * @param <T> its result type
   * @return its result
   * @throws DeadlockException if nothing can ever complete it, on a loop on virtual time or with
   *     strict deadlock detection (see above)
   * @throws IllegalStateException if the loop stopped first: {@link #stop()} was called, or the
   *     loop's thread was interrupted while the loop waited for events (its interrupt status is
   *     then kept set)
   * @throws RuntimeException its exception (a checked one wrapped in a CompletionException)
   */
  public <T extends @Nullable Object> T runUntilComplete(Future<T> future) {
    return runUntilComplete(future, DEADLOCK_REPORT);
  }

  private <T extends @Nullable Object> T runUntilComplete(Future<T> future, int deadlockCheck) {
    Objects.requireNonNull(future, "future");
    checkNotClosed();
    if (future.loop == null) {
      future.loop = this;
    } else if (future.loop != this) {
      throw new IllegalArgumentException("Future " + future + " belongs to a different loop");
    }
    // A done callback, scheduled with callSoon as in asyncio (_run_until_complete_cb), not a
    // listener run at completion: the entries queued before it (a task created by the finishing
    // coroutine) get their step in the next turn, before the loop stops.
    Consumer<Future<T>> stopper = f -> stop();
    future.addDoneCallback(stopper);
    deadlockTarget = future;
    try {
      run(deadlockCheck);
    } finally {
      deadlockTarget = null;
      future.removeDoneCallback(stopper);
    }
    if (!future.isDone()) {
      throw new IllegalStateException(
          "Event loop stopped before Future completed: "
              + future
              + (Thread.currentThread().isInterrupted()
                  ? " (the loop's thread was interrupted; its interrupt status is kept)"
                  : ""));
    }
    return future.result();
  }

  /**
   * Wraps {@code coroutine} in a task, runs the loop until it is done and returns its result. On a
   * loop that is already running it refuses before it creates the task, so the body never runs.
   *
   * <p>asyncio: {@code loop.run_until_complete(coro)}
   *
   * @param coroutine the body
   * @param <T> its result type
   * @return the result
   * @throws IllegalStateException ("This event loop is already running") on a running loop, or if
   *     the loop is closed or another loop runs in this thread
   */
  public <T extends @Nullable Object> T runUntilComplete(Coroutine<T> coroutine) {
    Objects.requireNonNull(coroutine, "coroutine");
    checkCanRun(); // before the task exists: on a running loop its body must never run
    Task<T> task = createTask(coroutine, null, false);
    return runUntilComplete(task);
  }

  /**
   * Like {@link #runUntilComplete(Coroutine)} for a body without a result.
   *
   * @param coroutine the body
   */
  public void runUntilComplete(VoidCoroutine coroutine) {
    Objects.requireNonNull(coroutine, "coroutine");
    runUntilComplete(coroutine.asCoroutine());
  }

  /**
   * Stops the loop after the current turn. From another thread, it wakes the loop first.
   *
   * <p>asyncio: {@code loop.stop}
   */
  @SuppressWarnings("ReferenceEquality") // identity: the same Thread object
  public void stop() {
    if (scheduler.holdsLoop() || Thread.currentThread() == ownerThread) {
      stopping = true;
    } else {
      enqueueFromOtherThread(new Handle(() -> stopping = true, null));
    }
  }

  /**
   * Returns whether the loop is running.
   *
   * <p>asyncio: {@code loop.is_running}
   *
   * @return true while in runForever or runUntilComplete
   */
  public boolean isRunning() {
    return running;
  }

  /**
   * Returns whether the loop was closed.
   *
   * <p>asyncio: {@code loop.is_closed}
   *
   * @return true after close()
   */
  public boolean isClosed() {
    return closed;
  }

  // ---------------------------------------------------------------- readiness I/O

  /**
   * Calls {@code callback} on the loop whenever {@code channel} is ready to read (or, for a {@link
   * java.nio.channels.ServerSocketChannel}, to accept), until {@link #removeReader}; replaces a
   * reader already set for the channel. The channel must be in non-blocking mode. The callback runs
   * in a copy of the context current now, like any handle, and a failure of it goes to the
   * exception handler. Readiness is level-triggered: a callback that does not read what is there is
   * called again on the next turn.
   *
   * <pre>{@code
   * Pipe pipe = Pipe.open();
   * pipe.source().configureBlocking(false);
   * loop.addReader(pipe.source(), () -> System.out.println("readable"));
   * }</pre>
   *
   * <p>asyncio: {@code loop.add_reader} (a channel instead of a file descriptor)
   *
   * @param channel a channel in non-blocking mode
   * @param callback what to run when it is ready
   * @throws IllegalArgumentException if the channel is in blocking mode or closed
   * @throws IllegalStateException if the loop is closed
   */
  public void addReader(java.nio.channels.SelectableChannel channel, Runnable callback) {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(callback, "callback");
    checkThread("addReader");
    checkNotClosed();
    io.addReader(channel, callback, name);
  }

  /**
   * Stops calling the reader of {@code channel}; a call already due in this turn is skipped.
   *
   * <p>asyncio: {@code loop.remove_reader}
   *
   * @param channel the channel
   * @return whether a reader was set
   */
  public boolean removeReader(java.nio.channels.SelectableChannel channel) {
    checkThread("removeReader");
    return !closed && io.removeReader(channel);
  }

  /**
   * Calls {@code callback} on the loop whenever {@code channel} is ready to write (or, for a {@link
   * java.nio.channels.SocketChannel} whose connect is pending, to finish connecting), until {@link
   * #removeWriter}; replaces a writer already set. Otherwise as {@link #addReader}.
   *
   * <p>asyncio: {@code loop.add_writer}
   *
   * @param channel a channel in non-blocking mode
   * @param callback what to run when it is ready
   * @throws IllegalArgumentException if the channel is in blocking mode or closed
   * @throws IllegalStateException if the loop is closed
   */
  public void addWriter(java.nio.channels.SelectableChannel channel, Runnable callback) {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(callback, "callback");
    checkThread("addWriter");
    checkNotClosed();
    io.addWriter(channel, callback, name);
  }

  /**
   * Stops calling the writer of {@code channel}; a call already due in this turn is skipped.
   *
   * <p>asyncio: {@code loop.remove_writer}
   *
   * @param channel the channel
   * @return whether a writer was set
   */
  public boolean removeWriter(java.nio.channels.SelectableChannel channel) {
    checkThread("removeWriter");
    return !closed && io.removeWriter(channel);
  }

  // ---------------------------------------------------------------- connections and servers

  /**
   * Opens a TCP connection to {@code host:port} and returns its transport and protocol, once the
   * protocol's {@code connectionMade} has run. The name is resolved off the loop (in the default
   * executor), and each address it resolves to is tried in turn until one connects. Suspends the
   * calling task.
   *
   * <pre>{@code
   * Endpoint<Transport, Protocol> endpoint =
   *     loop.createConnection(() -> new Protocol() {}, "127.0.0.1", 8888);
   * endpoint.transport().write("hello".getBytes(StandardCharsets.US_ASCII));
   * }</pre>
   *
   * <p>asyncio: {@code await loop.create_connection(protocol_factory, host, port)}
   *
   * @param protocolFactory makes the connection's protocol
   * @param host a name or a literal address
   * @param port the port
   * @param <P> the protocol's type
   * @return the transport and the protocol
   * @throws org.asyncio4j.net.ConnectionRefusedException if nothing listens there
   * @throws java.io.UncheckedIOException if the name does not resolve or another I/O error occurs
   * @throws IllegalStateException if not called from a task of this loop
   */
  public <P extends org.asyncio4j.net.BaseProtocol<org.asyncio4j.net.Transport>>
      org.asyncio4j.net.Endpoint<org.asyncio4j.net.Transport, P> createConnection(
          java.util.function.Supplier<P> protocolFactory, String host, int port) {
    return createConnection(
        protocolFactory, host, port, org.asyncio4j.net.ConnectOptions.defaults());
  }

  /**
   * {@link #createConnection(java.util.function.Supplier, String, int)} with options: a local
   * address, Happy Eyeballs, a bound on the whole connect.
   *
   * <p>asyncio: {@code await loop.create_connection(...)} with keyword arguments
   *
   * @param protocolFactory makes the connection's protocol
   * @param host a name or a literal address
   * @param port the port
   * @param options how to connect
   * @param <P> the protocol's type
   * @return the transport and the protocol
   * @throws AsyncTimeoutException if the options' timeout passes first
   */
  public <P extends org.asyncio4j.net.BaseProtocol<org.asyncio4j.net.Transport>>
      org.asyncio4j.net.Endpoint<org.asyncio4j.net.Transport, P> createConnection(
          java.util.function.Supplier<P> protocolFactory,
          String host,
          int port,
          org.asyncio4j.net.ConnectOptions options) {
    requireOwnTask("createConnection()");
    return org.asyncio4j.internal.net.Connector.createConnection(
        this, protocolFactory, host, port, options);
  }

  /**
   * Makes a transport over a channel that is already connected (put in non-blocking mode here).
   *
   * <p>asyncio: {@code await loop.create_connection(protocol_factory, sock=sock)}
   *
   * @param protocolFactory makes the connection's protocol
   * @param channel a connected channel
   * @param <P> the protocol's type
   * @return the transport and the protocol
   */
  public <P extends org.asyncio4j.net.BaseProtocol<org.asyncio4j.net.Transport>>
      org.asyncio4j.net.Endpoint<org.asyncio4j.net.Transport, P> createConnection(
          java.util.function.Supplier<P> protocolFactory, java.nio.channels.SocketChannel channel) {
    requireOwnTask("createConnection()");
    return org.asyncio4j.internal.net.Connector.wrapConnected(this, protocolFactory, channel);
  }

  /**
   * Opens a connection to the Unix-domain socket at {@code path}.
   *
   * <p>asyncio: {@code await loop.create_unix_connection(protocol_factory, path)}
   *
   * @param protocolFactory makes the connection's protocol
   * @param path the socket file
   * @param <P> the protocol's type
   * @return the transport and the protocol
   */
  public <P extends org.asyncio4j.net.BaseProtocol<org.asyncio4j.net.Transport>>
      org.asyncio4j.net.Endpoint<org.asyncio4j.net.Transport, P> createUnixConnection(
          java.util.function.Supplier<P> protocolFactory, java.nio.file.Path path) {
    requireOwnTask("createUnixConnection()");
    return org.asyncio4j.internal.net.Connector.createUnixConnection(this, protocolFactory, path);
  }

  /**
   * Listens on {@code host:port} (every interface when {@code host} is null or empty; port 0 picks
   * a free port, see {@link org.asyncio4j.net.Server#sockets()}) and makes one protocol per
   * accepted connection. Suspends the calling task (the name is resolved off the loop).
   *
   * <pre>{@code
   * Server server = loop.createServer(() -> new Protocol() {}, "127.0.0.1", 0);
   * }</pre>
   *
   * <p>asyncio: {@code await loop.create_server(protocol_factory, host, port)}
   *
   * @param protocolFactory makes each connection's protocol
   * @param host a name, a literal address, or null for every interface
   * @param port the port
   * @return the server, accepting
   * @throws java.io.UncheckedIOException if the address is in use or does not resolve
   */
  public org.asyncio4j.net.Server createServer(
      java.util.function.Supplier<
              ? extends org.asyncio4j.net.BaseProtocol<org.asyncio4j.net.Transport>>
          protocolFactory,
      @Nullable String host,
      int port) {
    return createServer(
        protocolFactory,
        host == null ? List.of() : List.of(host),
        port,
        org.asyncio4j.net.ServerOptions.defaults());
  }

  /**
   * {@link #createServer(java.util.function.Supplier, String, int)} on several hosts, with options
   * (backlog, reuse address and port, start serving or not).
   *
   * <p>asyncio: {@code await loop.create_server(protocol_factory, [host, ...], port, ...)}
   *
   * @param protocolFactory makes each connection's protocol
   * @param hosts names or literal addresses; empty for every interface
   * @param port the port
   * @param options how to listen
   * @return the server
   */
  public org.asyncio4j.net.Server createServer(
      java.util.function.Supplier<
              ? extends org.asyncio4j.net.BaseProtocol<org.asyncio4j.net.Transport>>
          protocolFactory,
      List<String> hosts,
      int port,
      org.asyncio4j.net.ServerOptions options) {
    requireOwnTask("createServer()");
    return org.asyncio4j.internal.net.Listeners.createServer(
        this, protocolFactory, hosts, port, options);
  }

  /**
   * Listens on the Unix-domain socket {@code path}; the file is removed when the server closes.
   *
   * <p>asyncio: {@code await loop.create_unix_server(protocol_factory, path)}
   *
   * @param protocolFactory makes each connection's protocol
   * @param path the socket file
   * @param options how to listen
   * @return the server
   */
  public org.asyncio4j.net.Server createUnixServer(
      java.util.function.Supplier<
              ? extends org.asyncio4j.net.BaseProtocol<org.asyncio4j.net.Transport>>
          protocolFactory,
      java.nio.file.Path path,
      org.asyncio4j.net.ServerOptions options) {
    requireOwnTask("createUnixServer()");
    return org.asyncio4j.internal.net.Listeners.createUnixServer(
        this, protocolFactory, path, options);
  }

  /**
   * Opens a UDP endpoint bound to {@code localAddress} (or an ephemeral port of every interface
   * when null) and, when {@code remoteAddress} is given, connected to it; an unresolved address is
   * resolved off the loop. Suspends the calling task until the protocol's {@code connectionMade}
   * has run.
   *
   * <pre>{@code
   * Endpoint<DatagramTransport, DatagramProtocol> udp =
   *     loop.createDatagramEndpoint(
   *         () -> new DatagramProtocol() {}, new InetSocketAddress("127.0.0.1", 0), null);
   * }</pre>
   *
   * <p>asyncio: {@code await loop.create_datagram_endpoint(protocol_factory, local_addr,
   * remote_addr)}
   *
   * @param protocolFactory makes the endpoint's protocol
   * @param localAddress where to bind, or null
   * @param remoteAddress where to connect, or null
   * @param <P> the protocol's type
   * @return the transport and the protocol
   */
  public <P extends org.asyncio4j.net.DatagramProtocol>
      org.asyncio4j.net.Endpoint<org.asyncio4j.net.DatagramTransport, P> createDatagramEndpoint(
          java.util.function.Supplier<P> protocolFactory,
          java.net.@Nullable InetSocketAddress localAddress,
          java.net.@Nullable InetSocketAddress remoteAddress) {
    return createDatagramEndpoint(
        protocolFactory, localAddress, remoteAddress, org.asyncio4j.net.DatagramOptions.defaults());
  }

  /**
   * {@link #createDatagramEndpoint(java.util.function.Supplier, java.net.InetSocketAddress,
   * java.net.InetSocketAddress)} with socket options (reuse address and port, broadcast).
   *
   * <p>asyncio: {@code await loop.create_datagram_endpoint(...)} with keyword arguments
   *
   * @param protocolFactory makes the endpoint's protocol
   * @param localAddress where to bind, or null
   * @param remoteAddress where to connect, or null
   * @param options socket options
   * @param <P> the protocol's type
   * @return the transport and the protocol
   */
  public <P extends org.asyncio4j.net.DatagramProtocol>
      org.asyncio4j.net.Endpoint<org.asyncio4j.net.DatagramTransport, P> createDatagramEndpoint(
          java.util.function.Supplier<P> protocolFactory,
          java.net.@Nullable InetSocketAddress localAddress,
          java.net.@Nullable InetSocketAddress remoteAddress,
          org.asyncio4j.net.DatagramOptions options) {
    requireOwnTask("createDatagramEndpoint()");
    return org.asyncio4j.internal.net.Datagrams.create(
        this, protocolFactory, localAddress, remoteAddress, options);
  }

  /**
   * Reads up to {@code nbytes} from {@code channel}, suspending until some arrive; an empty array
   * at the end of the stream. The channel must be non-blocking (asyncio checks this only in debug
   * mode; here a blocking channel would stop the loop, so it is always refused).
   *
   * <pre>{@code
   * byte[] data = loop.sockRecv(channel, 1024);
   * }</pre>
   *
   * <p>asyncio: {@code await loop.sock_recv(sock, nbytes)}
   *
   * @param channel a connected, non-blocking channel
   * @param nbytes the most to read
   * @return what was read
   */
  public byte[] sockRecv(java.nio.channels.SocketChannel channel, int nbytes) {
    requireOwnTask("sockRecv()");
    return org.asyncio4j.internal.net.SocketOps.recv(this, channel, nbytes);
  }

  /**
   * Reads into {@code buffer} (from its position), suspending until some bytes arrive.
   *
   * <p>asyncio: {@code await loop.sock_recv_into(sock, buf)}
   *
   * @param channel a connected, non-blocking channel
   * @param buffer where to read to
   * @return how many bytes were read; 0 at the end of the stream
   */
  public int sockRecvInto(java.nio.channels.SocketChannel channel, java.nio.ByteBuffer buffer) {
    requireOwnTask("sockRecvInto()");
    return org.asyncio4j.internal.net.SocketOps.recvInto(this, channel, buffer);
  }

  /**
   * Sends all of {@code data}, suspending while the socket's buffer is full.
   *
   * <p>asyncio: {@code await loop.sock_sendall(sock, data)}
   *
   * @param channel a connected, non-blocking channel
   * @param data the bytes
   */
  public void sockSendall(java.nio.channels.SocketChannel channel, byte[] data) {
    requireOwnTask("sockSendall()");
    org.asyncio4j.internal.net.SocketOps.sendall(this, channel, java.nio.ByteBuffer.wrap(data));
  }

  /**
   * Connects {@code channel} to {@code address} (an unresolved address is resolved off the loop).
   *
   * <p>asyncio: {@code await loop.sock_connect(sock, address)}
   *
   * @param channel a non-blocking channel
   * @param address where to
   * @throws org.asyncio4j.net.ConnectionRefusedException if nothing listens there
   */
  public void sockConnect(java.nio.channels.SocketChannel channel, java.net.SocketAddress address) {
    requireOwnTask("sockConnect()");
    org.asyncio4j.internal.net.SocketOps.connect(this, channel, address);
  }

  /**
   * Accepts one connection, suspending until one comes; the connection is non-blocking (its peer is
   * {@code getRemoteAddress()}).
   *
   * <p>asyncio: {@code await loop.sock_accept(sock)}
   *
   * @param listener a bound, non-blocking listening channel
   * @return the accepted connection
   */
  public java.nio.channels.SocketChannel sockAccept(
      java.nio.channels.ServerSocketChannel listener) {
    requireOwnTask("sockAccept()");
    return org.asyncio4j.internal.net.SocketOps.accept(this, listener);
  }

  /**
   * Sends the whole of {@code file} through {@code transport}: {@link #sendfile(
   * org.asyncio4j.net.Transport, java.nio.channels.FileChannel, long, Long, boolean)} from offset
   * 0, to the end of the file, with the fallback allowed.
   *
   * <pre>{@code
   * try (FileChannel file = FileChannel.open(Path.of("index.html"))) {
   *   long sent = loop.sendfile(transport, file);
   * }
   * }</pre>
   *
   * <p>asyncio: {@code await loop.sendfile(transport, file)}
   *
   * @param transport a TCP, Unix-socket or TLS transport
   * @param file a file open for reading
   * @return the bytes sent
   */
  public long sendfile(org.asyncio4j.net.Transport transport, java.nio.channels.FileChannel file) {
    return sendfile(transport, file, 0, null, true);
  }

  /**
   * Sends {@code count} bytes of {@code file} from {@code offset} (to the end of the file when
   * {@code count} is null) through {@code transport}, and returns how many went. On a TCP or
   * Unix-socket transport the bytes go straight from the file to the socket ({@link
   * java.nio.channels.FileChannel#transferTo}, the kernel's sendfile on Linux), once what the
   * transport had buffered is sent; reading is paused and {@code write} refused meanwhile. On a TLS
   * transport, or if the zero-copy path fails before a byte went, the file is read off the loop and
   * written through the transport with its flow control (the fallback), unless {@code fallback} is
   * false. Either way the file's position ends just past the last byte sent, also on failure or
   * cancellation, so {@code file.position()} tells how far it got. Suspends the calling task.
   *
   * <p>A {@code close()} of the transport while the file goes waits for it, as for buffered bytes;
   * an {@code abort()} ends the send with {@link org.asyncio4j.net.ConnectionAbortedException}.
   *
   * <p>asyncio: {@code await loop.sendfile(transport, file, offset, count, fallback=...)}
   *
   * @param transport a TCP, Unix-socket or TLS transport
   * @param file a file open for reading
   * @param offset where in the file to start
   * @param count how many bytes at most; null for up to the end of the file
   * @param fallback whether the read-and-write path may be used
   * @return the bytes sent
   * @throws IllegalStateException if the transport is closing, or a sendfile is already running on
   *     it
   * @throws UnsupportedOperationException if the transport cannot take a file (not one of this
   *     library's stream transports)
   * @throws org.asyncio4j.net.SendfileNotAvailableException if only the fallback could send the
   *     file and {@code fallback} is false
   * @throws IllegalArgumentException if {@code offset} is negative or {@code count} not positive
   */
  public long sendfile(
      org.asyncio4j.net.Transport transport,
      java.nio.channels.FileChannel file,
      long offset,
      @Nullable Long count,
      boolean fallback) {
    requireOwnTask("sendfile()");
    return org.asyncio4j.internal.net.Sendfile.sendfile(
        this, transport, file, offset, count, fallback);
  }

  /**
   * Sends {@code count} bytes of {@code file} from {@code offset} (to the end of the file when
   * null) on a connected, non-blocking channel: zero-copy where it can ({@link
   * java.nio.channels.FileChannel#transferTo}), else, when {@code fallback} allows, by reading the
   * file off the loop and sending what it read. The file's position ends just past the last byte
   * sent.
   *
   * <p>asyncio: {@code await loop.sock_sendfile(sock, file, offset, count, fallback=...)}
   *
   * @param channel a connected, non-blocking channel
   * @param file a file open for reading
   * @param offset where in the file to start
   * @param count how many bytes at most; null for up to the end of the file
   * @param fallback whether the read-and-send path may be used
   * @return the bytes sent
   * @throws org.asyncio4j.net.SendfileNotAvailableException if the zero-copy path failed before a
   *     byte went and {@code fallback} is false
   */
  public long sockSendfile(
      java.nio.channels.SocketChannel channel,
      java.nio.channels.FileChannel file,
      long offset,
      @Nullable Long count,
      boolean fallback) {
    requireOwnTask("sockSendfile()");
    return org.asyncio4j.internal.net.Sendfile.sockSendfile(
        this, channel, file, offset, count, fallback);
  }

  /**
   * Resolves {@code host} off the loop, in the default executor.
   *
   * <pre>{@code
   * List<InetSocketAddress> addresses = loop.getaddrinfo("localhost", 80);
   * }</pre>
   *
   * <p>asyncio: {@code await loop.getaddrinfo(host, port)} (socket addresses instead of tuples)
   *
   * @param host a name or a literal address
   * @param port the port of every address returned
   * @return the addresses, in the resolver's order
   * @throws java.io.UncheckedIOException if the name does not resolve
   */
  public List<java.net.InetSocketAddress> getaddrinfo(String host, int port) {
    requireOwnTask("getaddrinfo()");
    return org.asyncio4j.internal.net.SocketOps.getaddrinfo(this, host, port);
  }

  /**
   * Runs {@code callback} on this loop whenever the process receives {@code signal} ("SIGTERM" or
   * "TERM"), until {@link #removeSignalHandler} or the loop's close; replaces an earlier handler of
   * the signal (a signal has one handler per process, so another loop's is replaced too). The
   * callback runs in the context current now. Any thread.
   *
   * <pre>{@code
   * loop.addSignalHandler("SIGTERM", loop::stop);
   * }</pre>
   *
   * <p>asyncio: {@code loop.add_signal_handler(sig, callback)} (names instead of numbers: the JDK
   * knows signals by name)
   *
   * @param signal the signal's name, with or without "SIG"
   * @param callback what to run on the loop
   * @throws IllegalArgumentException for SIGKILL and SIGSTOP (no process can catch them), for a
   *     signal the JVM keeps for itself (SIGQUIT, and all of them under {@code -Xrs}), or an
   *     unknown name; the message says which
   * @throws UnsupportedOperationException if the runtime cannot handle signals at all
   * @throws IllegalStateException if the loop is closed
   */
  public void addSignalHandler(String signal, Runnable callback) {
    Objects.requireNonNull(signal, "signal");
    Objects.requireNonNull(callback, "callback");
    checkNotClosed();
    SignalHandlers.add(this, signal, callback);
  }

  /**
   * Removes this loop's handler of {@code signal} and puts back the handler it replaced (the JVM's
   * own, for SIGINT, SIGTERM and SIGHUP: they end the process).
   *
   * <p>asyncio: {@code loop.remove_signal_handler(sig)}
   *
   * @param signal the signal's name, with or without "SIG"
   * @return whether this loop had a handler for it
   */
  public boolean removeSignalHandler(String signal) {
    Objects.requireNonNull(signal, "signal");
    return SignalHandlers.remove(this, signal);
  }

  /**
   * Upgrades an open connection to TLS and returns the TLS transport, once the handshake is done.
   * From then on {@code protocol} talks through the returned transport (its {@code connectionMade}
   * is not called again), and {@code transport} must not be used any more: it carries the
   * ciphertext. Suspends the calling task. On failure or cancellation {@code transport} is closed.
   *
   * <pre>{@code
   * // a client that says STARTTLS in plain text, then upgrades
   * transport.write("STARTTLS\r\n".getBytes(StandardCharsets.US_ASCII));
   * // ... once the server agreed:
   * Transport tls = loop.startTls(transport, protocol, SSLContext.getDefault(), false, "mail.example.com");
   * tls.write(secret);
   * }</pre>
   *
   * <p>asyncio: {@code await loop.start_tls(transport, protocol, sslcontext, server_side=...,
   * server_hostname=...)}
   *
   * @param transport the plain transport (a TCP, Unix-socket or even a TLS one)
   * @param protocol the protocol of the TLS transport
   * @param sslContext the TLS context: trust (client) or key and certificate (server)
   * @param serverSide whether this end is the TLS server
   * @param serverHostname on the client side, the name the server's certificate must carry (and
   *     SNI); null or empty turns hostname verification off, as asyncio's {@code
   *     server_hostname=None} with {@code check_hostname} off
   * @return the TLS transport
   * @throws org.asyncio4j.net.SslException if the handshake fails
   * @throws org.asyncio4j.net.ConnectionAbortedException if it takes longer than 60 s
   * @throws IllegalStateException if {@code transport} is closing, or not called from a task of
   *     this loop
   */
  public org.asyncio4j.net.Transport startTls(
      org.asyncio4j.net.Transport transport,
      org.asyncio4j.net.BaseProtocol<org.asyncio4j.net.Transport> protocol,
      javax.net.ssl.SSLContext sslContext,
      boolean serverSide,
      @Nullable String serverHostname) {
    return startTls(transport, protocol, sslContext, serverSide, serverHostname, null, null);
  }

  /**
   * {@link #startTls(org.asyncio4j.net.Transport, org.asyncio4j.net.BaseProtocol,
   * javax.net.ssl.SSLContext, boolean, String)} with bounds on the handshake and on the wait for
   * the peer's close_notify.
   *
   * <p>asyncio: {@code await loop.start_tls(..., ssl_handshake_timeout=...,
   * ssl_shutdown_timeout=...)}
   *
   * @param transport the plain transport
   * @param protocol the protocol of the TLS transport
   * @param sslContext the TLS context
   * @param serverSide whether this end is the TLS server
   * @param serverHostname the name to verify on the client side, or null
   * @param sslHandshakeTimeout a positive bound, or null for 60 s
   * @param sslShutdownTimeout a positive bound, or null for 30 s
   * @return the TLS transport
   * @throws IllegalArgumentException if a timeout is not positive
   */
  public org.asyncio4j.net.Transport startTls(
      org.asyncio4j.net.Transport transport,
      org.asyncio4j.net.BaseProtocol<org.asyncio4j.net.Transport> protocol,
      javax.net.ssl.SSLContext sslContext,
      boolean serverSide,
      @Nullable String serverHostname,
      @Nullable Duration sslHandshakeTimeout,
      @Nullable Duration sslShutdownTimeout) {
    Objects.requireNonNull(sslContext, "sslContext");
    org.asyncio4j.internal.tls.TlsConfig.checkPositive("sslHandshakeTimeout", sslHandshakeTimeout);
    org.asyncio4j.internal.tls.TlsConfig.checkPositive("sslShutdownTimeout", sslShutdownTimeout);
    requireOwnTask("startTls()");
    Object peer = transport.getExtraInfo(org.asyncio4j.net.BaseTransport.PEERNAME);
    int port = peer instanceof java.net.InetSocketAddress a ? a.getPort() : -1;
    String name = serverHostname == null || serverHostname.isEmpty() ? null : serverHostname;
    return org.asyncio4j.internal.tls.StartTls.startTls(
        this,
        transport,
        protocol,
        org.asyncio4j.internal.tls.TlsConfig.of(
            sslContext,
            serverSide,
            name,
            port,
            sslHandshakeTimeout,
            sslShutdownTimeout,
            List.of(),
            false));
  }

  private void requireOwnTask(String what) {
    Task<?> t = Task.currentOrNull();
    if (t == null || t.owner != this) {
      throw new IllegalStateException(
          what
              + " suspends, so it must be called from a task of "
              + name
              + ": call it inside loop.runUntilComplete(() -> ...), Asyncio.run(...) or a task"
              + " created on this loop");
    }
  }

  // ---------------------------------------------------------------- one turn

  /**
   * Starts a turn on the loop's own thread, blocking in the selector when nothing is ready:
   * CPython's {@code _run_once} up to "ntodo = len(self._ready)".
   */
  private void beginTurn() {
    long timeout; // nanoseconds; -1: no deadline
    if (!ready.isEmpty() || stopping || !inbox.isEmpty()) {
      timeout = 0;
    } else {
      TimerHandle first = firstLiveTimer();
      timeout = first == null ? -1 : Math.max(0, first.when() - timeNanos());
    }
    if (timeout != 0 && !hasOutsideActivity()) {
      if (virtualTime && timeout > 0) {
        TimerHandle first = firstLiveTimer();
        if (first != null) {
          virtualNow = first.when(); // every task waits on timers only: jump
        }
        timeout = 0;
      } else if (timeout < 0 && deadlockCheck != DEADLOCK_NONE) {
        waitForOutsideWork();
        timeout = 0; // it has waited; what came is drained below
      }
    }
    poll(timeout);
    drainInbox();
    moveDueTimers();
    turnRemaining = ready.size();
  }

  /**
   * Starts a turn from a task that holds the baton, only if it needs no blocking wait.
   *
   * @return false when the loop's own thread must take over (to block, stop or check)
   */
  private boolean beginTurnWithoutBlocking() {
    boolean work = !ready.isEmpty() || !inbox.isEmpty();
    if (!work) {
      TimerHandle first = firstLiveTimer();
      work = first != null && first.when() - timeNanos() <= 0;
    }
    if (!work) {
      return false;
    }
    if (io.hasActiveRegistrations()) {
      poll(0);
    }
    drainInbox();
    moveDueTimers();
    turnRemaining = ready.size();
    return true;
  }

  /** For the baton holder: the next entry of the turn, or null if the loop's thread must act. */
  @Nullable Object nextEntryForBaton() {
    if (turnRemaining == 0) {
      if (stopping || !beginTurnWithoutBlocking() || turnRemaining == 0) {
        return null;
      }
    }
    turnRemaining--;
    return ready.pollFirst();
  }

  /**
   * Whether something outside the ready queue and the timers can still wake a task. False means
   * nothing registered with the loop can: the premise of the virtual clock's jump and of the
   * deadlock check. Registered I/O counts: a channel with a reader or writer callback is a source
   * of wake-ups, so a loop with one is never reported.
   */
  private boolean hasOutsideActivity() {
    return externalPending.get() > 0
        || !inbox.isEmpty()
        || liveTasks > awaitingTasks // the rest are parked in blocking JDK calls (hook mode)
        || io.hasActiveRegistrations();
  }

  /**
   * runUntilComplete waits, and nothing registered with the loop can wake a task: nothing is ready,
   * no timer is set, there is no outside activity. Where the loop can be sure that nothing will
   * come (virtual time, or strict detection, and no Flow subscription waiting for another thread),
   * that is a deadlock. Elsewhere another thread may still call callSoonThreadsafe: wait for it,
   * and once a quiet period has passed, report once (close()'s cleanup raises instead of hanging).
   * Returns when something may have come, or the loop stops. Only reached when the loop would block
   * without a deadline, so it costs the turns that do work nothing.
   */
  @SuppressWarnings("NonAtomicVolatileUpdate") // one writer, the loop's thread; tests read it
  private void waitForOutsideWork() {
    if (foreignWaits == 0 && (virtualTime || strictDeadlockDetection)) {
      throw deadlock(0, true);
    }
    quietEpisodes++;
    long started = System.nanoTime();
    boolean reported = false;
    while (nothingCanWakeATask()) {
      long waited = System.nanoTime() - started;
      if (!reported && waited >= deadlockQuietNanos) {
        if (deadlockCheck == DEADLOCK_CLEANUP) {
          throw deadlock(waited, true);
        }
        reported = true;
        reportDeadlock(waited); // the handler may schedule work: the loop condition sees it
        continue;
      }
      poll(reported ? -1 : deadlockQuietNanos - waited);
    }
  }

  private boolean nothingCanWakeATask() {
    return !stopping && ready.isEmpty() && firstLiveTimer() == null && !hasOutsideActivity();
  }

  private void reportDeadlock(long waited) {
    Future<?> target = deadlockTarget;
    callExceptionHandler(
        new ExceptionContext(
            "possible deadlock in event loop "
                + name
                + ": runUntilComplete waits, and no task can make progress; the loop keeps"
                + " waiting for another thread",
            deadlock(waited, false),
            target,
            target instanceof Task<?> t ? t : null,
            null,
            Map.of()));
  }

  /** Quiet episodes begun so far: lets a test see that the loop has gone idle. Any thread. */
  int quietEpisodes() {
    return quietEpisodes;
  }

  private @Nullable TimerHandle firstLiveTimer() {
    TimerHandle t;
    while ((t = timers.peek()) != null && t.isCancelled()) {
      timers.poll();
      t.scheduled = false;
      cancelledTimers--;
    }
    return t;
  }

  private void poll(long timeoutNanos) {
    try {
      if (timeoutNanos == 0) {
        if (io.hasActiveRegistrations()) {
          selector.selectNow(io.dispatcher);
        }
        return;
      }
      selecting = true;
      try {
        if (!inbox.isEmpty()) {
          return;
        }
        long started = System.nanoTime();
        if (timeoutNanos < 0) {
          selector.select(io.dispatcher);
        } else {
          long millis = Math.max(1, (timeoutNanos + 999_999) / 1_000_000);
          selector.select(io.dispatcher, millis);
        }
        if (virtualTime) {
          virtualNow += System.nanoTime() - started; // outside work runs on real time
        }
        if (Thread.interrupted()) {
          // An interrupted thread's select() returns at once, every time: left set, the loop
          // would spin. Java's rule for an interrupted blocking call: return early, keep the
          // status. So the loop stops after this turn, and run() sets the status again.
          interruptedWhileWaiting = true;
          stopping = true;
        }
      } finally {
        selecting = false;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("selector failed in " + name, e);
    }
  }

  private void drainInbox() {
    Object e;
    while ((e = inbox.poll()) != null) {
      ready.addLast(e);
    }
  }

  private void moveDueTimers() {
    if (timers.isEmpty()) {
      return;
    }
    if (cancelledTimers > MIN_CANCELLED_TIMERS_TO_COMPACT && cancelledTimers * 2 > timers.size()) {
      compactTimers();
    }
    long now = timeNanos();
    TimerHandle t;
    while ((t = timers.peek()) != null) {
      if (t.isCancelled()) {
        timers.poll();
        t.scheduled = false;
        cancelledTimers--;
        continue;
      }
      if (t.when() - now > 0) {
        break;
      }
      timers.poll();
      t.scheduled = false;
      ready.addLast(t);
    }
  }

  private void compactTimers() {
    List<TimerHandle> live = new ArrayList<>(timers.size() - cancelledTimers);
    for (TimerHandle t : timers) {
      if (t.isCancelled()) {
        t.scheduled = false;
      } else {
        live.add(t);
      }
    }
    timers.clear();
    timers.addAll(live);
    cancelledTimers = 0;
  }

  /** The only place where callbacks are actually called (CPython's invariant, kept here). */
  void runHandle(Handle h) {
    boolean wasInCallback = inCallback;
    inCallback = true;
    long started = debug ? markEntryStart() : 0;
    try {
      h.run();
    } catch (Throwable t) {
      Throwable createdAt = h.sourceTraceback();
      callExceptionHandler(
          new ExceptionContext(
              "Exception in callback " + h,
              t,
              null,
              null,
              h,
              createdAt == null ? Map.of() : Map.of("source_traceback", createdAt)));
    } finally {
      inCallback = wasInCallback;
      if (debug) {
        reportIfSlow(started, h.toString());
      }
    }
  }

  private void runTaskEntry(Object entry) {
    long started = debug ? markEntryStart() : 0;
    lastResumed = null;
    scheduler.runEntry(entry);
    if (debug && scheduler instanceof HookScheduler) { // public-API mode: see taskStepEnded
      Task<?> t = lastResumed;
      reportIfSlow(started, t == null ? "a task step" : t.toString(), t);
    }
  }

  private long markEntryStart() {
    long now = System.nanoTime();
    entryStartedNanos = now;
    return now;
  }

  private void reportIfSlow(long started, String what) {
    reportIfSlow(started, what, null);
  }

  private void reportIfSlow(long started, String what, @Nullable Task<?> task) {
    long took = System.nanoTime() - started;
    entryStartedNanos = 0;
    if (took > slowCallbackDuration.toNanos()) {
      LoopDiagnostics.logSlowStep(what, took, task);
    }
  }

  private String stallReport() {
    return LoopDiagnostics.stallReport(name, ownerThread, liveHead);
  }

  private DeadlockException deadlock(long waited, boolean thrown) {
    List<Task<?>> tasks = new ArrayList<>(liveTasks);
    for (Task<?> t = liveHead; t != null; t = t.nextLive) {
      tasks.add(t);
    }
    Collections.reverse(tasks); // the list is newest first; the report reads oldest first
    return LoopDiagnostics.deadlock(name, deadlockTarget, tasks, waited, thrown);
  }

  // ---------------------------------------------------------------- closing

  /**
   * Closes the loop: tasks still pending are reported (as asyncio reports them when they are
   * collected), cancelled and run to their end so that none leaks a parked thread; exceptions that
   * no one retrieved are reported; the default executor is shut down without waiting; the selector
   * is closed. Idempotent.
   *
   * <p>asyncio: {@code loop.close}
   *
   * @throws IllegalStateException if the loop is running
   */
  @Override
  public void close() {
    if (running) {
      throw new IllegalStateException("Cannot close a running event loop: " + name);
    }
    if (closed) {
      return;
    }
    closing = true;
    if (liveTasks > 0) {
      for (Task<?> t = liveHead; t != null; t = t.nextLive) {
        if (!t.asyncgenBody) {
          callExceptionHandler(
              new ExceptionContext(
                  "Task was destroyed but it is pending!", null, t, t, null, Map.of()));
        }
      }
      cancelRemainingTasks();
      shutdownAsyncgensBlocking();
    }
    closed = true;
    SignalHandlers.removeAll(this);
    runCloseHooks();
    unretrieved.reportUnretrieved();
    ready.clear();
    timers.clear();
    inbox.clear();
    executors.shutdownOwnedWithoutWaiting();
    scheduler.onClose();
    try {
      selector.close();
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "closing the selector failed", e);
    }
  }

  /**
   * Work posted to the inbox whose poster must hear if close() discards it (a Flow subscription
   * whose start never ran must still signal its subscriber). Any thread adds and removes; close()
   * runs what is left, once, after the loop is marked closed.
   */
  private final Set<Runnable> closeHooks = ConcurrentHashMap.newKeySet();

  void addCloseHook(Runnable hook) {
    closeHooks.add(hook);
  }

  void removeCloseHook(Runnable hook) {
    closeHooks.remove(hook);
  }

  private void runCloseHooks() {
    for (Runnable hook : List.copyOf(closeHooks)) {
      closeHooks.remove(hook);
      try {
        hook.run();
      } catch (RuntimeException e) {
        callExceptionHandler(
            new ExceptionContext(
                "a close hook of " + name + " failed", e, null, null, null, Map.of()));
      }
    }
  }

  /**
   * Closes the async generators of this loop that are still open, concurrently, and waits for their
   * bodies to end; a failure of one is passed to the exception handler. Generators started
   * afterwards are not tracked (a warning says so). Suspends the calling task.
   *
   * <p>asyncio: {@code await loop.shutdown_asyncgens()}
   *
   * @throws IllegalStateException when not called from a task of this loop
   */
  public void shutdownAsyncgens() {
    Task<?> caller = Task.currentOrNull();
    if (caller == null || caller.owner != this) {
      throw new IllegalStateException(
          "shutdownAsyncgens() must be called from a task of "
              + name
              + ": it waits for the"
              + " generators' bodies to end");
    }
    asyncgens.shutdown();
  }

  /** Runner.close() and close(): shutdownAsyncgens() run to its end on the stopped loop. */
  void shutdownAsyncgensBlocking() {
    if (asyncgens.isEmpty()) {
      asyncgens.shutdown();
      return;
    }
    try {
      runUntilComplete(createTask(this::shutdownAsyncgens, "shutdownAsyncgens"), DEADLOCK_CLEANUP);
    } catch (DeadlockException e) {
      LOG.log(System.Logger.Level.WARNING, "async generators ignored their closing: " + e);
    }
  }

  /** close(): the tasks still pending are cancelled, and any that fail is reported as such. */
  void cancelRemainingTasks() {
    cancelRemainingTasks("unhandled exception during EventLoop.close()");
  }

  /**
   * Cancels every live task and runs the loop until all have ended (asyncio.run's cleanup, {@code
   * _cancel_all_tasks}); a task that fails instead of ending cancelled goes to the exception
   * handler with {@code failureMessage}.
   */
  void cancelRemainingTasks(String failureMessage) {
    if (liveTasks == 0) {
      return;
    }
    List<Task<?>> toCancel = new ArrayList<>(allTasks());
    for (Task<?> t : toCancel) {
      t.cancel();
    }
    Future<List<@Nullable Object>> all = Asyncio.gatherOn(this, toCancel, true);
    try {
      runUntilComplete(all, DEADLOCK_CLEANUP);
    } catch (DeadlockException e) {
      LOG.log(System.Logger.Level.WARNING, "tasks ignored their cancellation at close: " + e);
    }
    for (Task<?> t : toCancel) {
      if (t.isDone() && !t.isCancelled() && t.peekException() != null) {
        callExceptionHandler(
            new ExceptionContext(failureMessage, t.exception(), t, t, null, Map.of()));
      }
    }
  }

  // ---------------------------------------------------------------- failures nobody retrieved

  void trackUnretrieved(Future<?> future, Future.FailureReport report) {
    unretrieved.track(future, report);
  }

  // ---------------------------------------------------------------- executors

  /**
   * Runs {@code job} in {@code executor} (the default executor when null) and returns a future of
   * this loop for its result. The job runs in a copy of the current {@link Context}. While it runs,
   * the loop counts it as outside work, so the deadlock check waits for it. Cancelling the future
   * does not stop a job that has started.
   *
   * <p>asyncio: {@code loop.run_in_executor}
   *
   * @param executor where to run it, or null for the default executor
   * @param job the blocking work
   * @param <T> its result type
   * @return a future of this loop
   */
  public <T extends @Nullable Object> Future<T> runInExecutor(
      @Nullable Executor executor, Callable<T> job) {
    Objects.requireNonNull(job, "job");
    checkThread("runInExecutor");
    checkNotClosed();
    return executors.runInExecutor(executor, job);
  }

  /**
   * Replaces the default executor used by {@link #runInExecutor} and {@link Asyncio#toThread}.
   *
   * <p>asyncio: {@code loop.set_default_executor}
   *
   * @param executor the new default
   */
  public void setDefaultExecutor(Executor executor) {
    executors.setDefaultExecutor(executor);
  }

  /**
   * Shuts the default executor down and waits (in the calling task, without blocking the loop)
   * until its jobs have finished.
   *
   * <p>asyncio: {@code loop.shutdown_default_executor()}
   */
  public void shutdownDefaultExecutor() {
    executors.shutdownDefaultExecutor();
  }

  /** Runner.close(): shut the default executor down and wait for its threads, off the loop. */
  void shutdownDefaultExecutorBlocking(Duration timeout) {
    executors.shutdownDefaultExecutorBlocking(timeout);
  }

  // ---------------------------------------------------------------- cross-thread

  /**
   * Submits {@code coroutine} from any thread: it runs as a task of this loop, and the returned
   * {@link CompletableFuture} completes with its outcome. Cancelling the CompletableFuture cancels
   * the task. A failure the CompletableFuture carries counts as retrieved: it is not also reported
   * as "never retrieved".
   *
   * <p>Unlike asyncio, which leaves the future of a submission pending forever when the loop is
   * closed before it runs the coroutine, the CompletableFuture then fails with an {@link
   * IllegalStateException} saying so: a Java caller blocked in {@code get()} would otherwise hang.
   * A closed loop refuses new submissions the same way.
   *
   * <p>asyncio: {@code asyncio.run_coroutine_threadsafe(coro, loop)}
   *
   * @param coroutine the body
   * @param <T> its result type
   * @return a CompletableFuture of the result
   */
  public <T extends @Nullable Object> CompletableFuture<T> submit(Coroutine<T> coroutine) {
    Objects.requireNonNull(coroutine, "coroutine");
    return futureBridge.submit(coroutine);
  }

  /**
   * Marks the start of a wait that another thread may end, or may not (a Flow subscriber's next
   * request): until {@link #endForeignWait}, the deadlock check never throws, even on virtual time
   * or with strict detection: it waits, and reports after the quiet period, as a loop on real time
   * does. The virtual clock still jumps to the next timer, since nothing says the other thread will
   * act first.
   */
  void beginForeignWait() {
    foreignWaits++;
  }

  void endForeignWait() {
    foreignWaits--;
  }

  /** Waits begun with beginForeignWait and not ended. Loop-confined. */
  private int foreignWaits;

  <T extends @Nullable Object> Future<T> wrapStage(CompletionStage<T> stage) {
    return futureBridge.wrapStage(stage);
  }

  // ---------------------------------------------------------------- exception handling

  /**
   * Sets the handler for exceptions that no task or future can carry (a failing callback, a task
   * exception nobody retrieved); null restores the default handler.
   *
   * <p>asyncio: {@code loop.set_exception_handler}
   *
   * @param handler the handler or null
   */
  public void setExceptionHandler(@Nullable ExceptionHandler handler) {
    this.exceptionHandler = handler;
  }

  /**
   * Returns the handler set by {@link #setExceptionHandler}, or null for the default.
   *
   * <p>asyncio: {@code loop.get_exception_handler}
   *
   * @return the handler or null
   */
  public @Nullable ExceptionHandler getExceptionHandler() {
    return exceptionHandler;
  }

  /**
   * Calls the current handler, or the default one; a handler that throws is logged by the default
   * handler, never propagated.
   *
   * <p>asyncio: {@code loop.call_exception_handler}
   *
   * @param context what happened
   */
  public void callExceptionHandler(ExceptionContext context) {
    ExceptionHandler h = exceptionHandler;
    if (h == null) {
      defaultExceptionHandler(context);
      return;
    }
    try {
      h.handle(this, context);
    } catch (Throwable t) {
      defaultExceptionHandler(
          new ExceptionContext(
              "Unhandled error in exception handler",
              t,
              null,
              null,
              null,
              Map.of("context", context)));
    }
  }

  /**
   * Logs {@code context} through {@link System.Logger} (logger {@code org.asyncio4j}, level ERROR),
   * with its exception's stack trace.
   *
   * <p>asyncio: {@code loop.default_exception_handler}
   *
   * @param context what happened
   */
  public void defaultExceptionHandler(ExceptionContext context) {
    LOG.log(System.Logger.Level.ERROR, context.describe(), context.exception());
  }

  // ---------------------------------------------------------------- debug and checks

  /**
   * Returns whether debug mode is on.
   *
   * <p>asyncio: {@code loop.get_debug}
   *
   * @return true in debug mode
   */
  public boolean isDebug() {
    return debug;
  }

  /**
   * Turns debug mode on or off: slow steps are reported, loop-confined methods called from a
   * foreign thread throw, tasks remember where they were created.
   *
   * <p>asyncio: {@code loop.set_debug}
   *
   * @param enabled true for debug mode
   */
  public void setDebug(boolean enabled) {
    this.debug = enabled;
  }

  /**
   * Returns how long a callback or task step may run before debug mode reports it.
   *
   * <p>asyncio: {@code loop.slow_callback_duration}
   *
   * @return the threshold
   */
  public Duration getSlowCallbackDuration() {
    return slowCallbackDuration;
  }

  /**
   * Sets how long a callback or task step may run before debug mode reports it.
   *
   * @param threshold the threshold
   */
  public void setSlowCallbackDuration(Duration threshold) {
    this.slowCallbackDuration = threshold;
  }

  void checkThread(String what) {
    if (debug && running && !scheduler.holdsLoop()) {
      throw new IllegalStateException(
          what
              + " is loop-confined and was called from thread "
              + Thread.currentThread()
              + ", not from "
              + name
              + "; use callSoonThreadsafe or submit from other threads");
    }
  }

  boolean isLoopThread() {
    return running ? scheduler.holdsLoop() : false;
  }

  private void checkNotClosed() {
    if (closed) {
      throw new IllegalStateException("Event loop is closed: " + name);
    }
  }

  /** The loop's name, {@code asyncio4j-loop-<n>}. */
  String name() {
    return name;
  }

  @Override
  public String toString() {
    return "<EventLoop "
        + name
        + " running="
        + running
        + " closed="
        + closed
        + " debug="
        + debug
        + " mode="
        + scheduler.modeName()
        + ">";
  }

  // ---------------------------------------------------------------- builder

  /** Which scheduler runs the tasks; see {@link Builder#schedulerMode}. */
  public enum SchedulerMode {
    /** The fast hook when java.lang is open, else the public-API mode (with one warning). */
    AUTO,
    /** The fast hook; building fails with a message naming the flag when it is unavailable. */
    HOOK,
    /** The public-API mode, even when the hook is available. */
    PUBLIC
  }

  /**
   * Settings for a new {@link EventLoop}.
   *
   * <pre>{@code
   * EventLoop loop = EventLoop.builder().virtualTime(true).debug(true).build();
   * }</pre>
   */
  public static final class Builder {
    private boolean virtualTime;
    private boolean deadlockDetection = true;
    private boolean strictDeadlockDetection;
    private Duration deadlockQuietPeriod = DEFAULT_DEADLOCK_QUIET_PERIOD;
    private boolean debug = debugFromEnvironment();
    private Duration slowCallbackDuration = DEFAULT_SLOW_CALLBACK_DURATION;
    private boolean eagerTaskStart;
    private @Nullable ExceptionHandler exceptionHandler;
    private SchedulerMode mode = SchedulerMode.AUTO;

    private Builder() {}

    /**
     * Runs the loop on a virtual clock that starts at 0 and jumps to the next timer whenever every
     * task waits on timers only; while outside work is pending (executor jobs, I/O, blocking calls)
     * it follows real time.
     *
     * @param enabled true for virtual time
     * @return this builder
     */
    public Builder virtualTime(boolean enabled) {
      this.virtualTime = enabled;
      return this;
    }

    /**
     * Turns the deadlock report of {@link EventLoop#runUntilComplete} on (the default) or off. On,
     * a loop on real time passes the report to the exception handler after {@link
     * #deadlockQuietPeriod the quiet period} and keeps waiting; a loop on virtual time, or with
     * {@link #strictDeadlockDetection strict detection}, throws {@link DeadlockException} at once.
     * Off, the loop just waits, as asyncio does.
     *
     * @param enabled false for no report at all
     * @return this builder
     */
    public Builder deadlockDetection(boolean enabled) {
      this.deadlockDetection = enabled;
      return this;
    }

    /**
     * Makes a loop on real time throw {@link DeadlockException} from {@link
     * EventLoop#runUntilComplete} at once when nothing registered with the loop can wake any task,
     * as a loop on virtual time does (default: off; it then only reports, after the quiet period).
     * For programs in which no thread outside the loop completes its futures through {@link
     * EventLoop#callSoonThreadsafe}: there the state cannot change, and failing fast beats hanging.
     * A Flow subscription that waits for a subscriber on another thread still only waits and
     * reports.
     *
     * @param enabled true to throw instead of reporting
     * @return this builder
     */
    public Builder strictDeadlockDetection(boolean enabled) {
      this.strictDeadlockDetection = enabled;
      return this;
    }

    /**
     * Sets how long a loop on real time waits, with nothing registered with it that could wake a
     * task, before it passes the deadlock report to the exception handler (default 1 s). A program
     * whose other threads often take longer to call back ({@link EventLoop#callSoonThreadsafe})
     * sets it longer, so that a correct wait is not reported.
     *
     * @param quietPeriod a positive duration
     * @return this builder
     * @throws IllegalArgumentException if it is zero or negative
     */
    public Builder deadlockQuietPeriod(Duration quietPeriod) {
      if (quietPeriod.isNegative() || quietPeriod.isZero()) {
        throw new IllegalArgumentException(
            "deadlockQuietPeriod must be positive, got "
                + quietPeriod
                + "; to throw at once use strictDeadlockDetection(true), to turn the report off"
                + " deadlockDetection(false)");
      }
      this.deadlockQuietPeriod = quietPeriod;
      return this;
    }

    /**
     * Turns debug mode on or off (default: {@code asyncio4j.debug=true} or {@code
     * ASYNCIO4J_DEBUG=1}).
     *
     * @param enabled true for debug mode
     * @return this builder
     */
    public Builder debug(boolean enabled) {
      this.debug = enabled;
      return this;
    }

    /**
     * Sets the slow-step threshold of debug mode (default 100 ms).
     *
     * @param threshold the threshold
     * @return this builder
     */
    public Builder slowCallbackDuration(Duration threshold) {
      this.slowCallbackDuration = threshold;
      return this;
    }

    /**
     * Starts tasks eagerly (asyncio's {@code eager_task_factory}).
     *
     * @param enabled true for eager start
     * @return this builder
     */
    public Builder eagerTaskStart(boolean enabled) {
      this.eagerTaskStart = enabled;
      return this;
    }

    /**
     * Sets the exception handler.
     *
     * @param handler the handler
     * @return this builder
     */
    public Builder exceptionHandler(ExceptionHandler handler) {
      this.exceptionHandler = handler;
      return this;
    }

    /**
     * Chooses the scheduler (default {@link SchedulerMode#AUTO}).
     *
     * @param mode the mode
     * @return this builder
     */
    public Builder schedulerMode(SchedulerMode mode) {
      this.mode = mode;
      return this;
    }

    /**
     * Builds the loop. Its owner is the calling thread until a thread runs it.
     *
     * @return the new loop
     */
    public EventLoop build() {
      return new EventLoop(this);
    }

    private static boolean debugFromEnvironment() {
      if (Boolean.getBoolean("asyncio4j.debug")) {
        return true;
      }
      String env = System.getenv("ASYNCIO4J_DEBUG");
      return env != null && !env.isEmpty() && !env.equals("0");
    }
  }
}

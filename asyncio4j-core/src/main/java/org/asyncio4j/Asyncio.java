package org.asyncio4j;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The asyncio functions: run a program, create tasks, sleep, gather, wait, time out, shield,
 * offload blocking work.
 *
 * <p>Every function that suspends must be called from a task; one that needs a running loop throws
 * an {@link IllegalStateException} saying so when called outside one.
 *
 * <pre>{@code
 * import static org.asyncio4j.Asyncio.*;
 *
 * public static void main(String[] args) {
 *   run(() -> {
 *     var a = createTask(() -> { sleep(Duration.ofSeconds(1)); return "a"; });
 *     var b = createTask(() -> { sleep(Duration.ofSeconds(1)); return "b"; });
 *     System.out.println(gather(a, b).await());   // [a, b] after one second
 *   });
 * }
 * }</pre>
 *
 * <p>asyncio: the module-level functions of {@code asyncio}
 */
public final class Asyncio {
  private Asyncio() {}

  // ---------------------------------------------------------------- running

  /**
   * Runs {@code main} as a task on a new event loop and returns its result. At the end it cancels
   * the tasks left, waits for them, shuts the default executor down and closes the loop. On the
   * main thread, the first Ctrl-C (SIGINT) cancels {@code main}.
   *
   * <p>asyncio: {@code asyncio.run(main())}
   *
   * @param main the program
   * @param <T> its result type
   * @return its result
   * @throws IllegalStateException when called inside a running loop
   * @throws RuntimeException what {@code main} threw (a checked exception wrapped in a {@link
   *     java.util.concurrent.CompletionException})
   */
  public static <T extends @Nullable Object> T run(Coroutine<T> main) {
    try (Runner runner = new Runner()) {
      return runner.run(main);
    }
  }

  /**
   * Like {@link #run(Coroutine)} for a program without a result.
   *
   * @param main the program
   */
  public static void run(VoidCoroutine main) {
    run(main.asCoroutine());
  }

  /**
   * Like {@link #run(Coroutine)}, on a loop built from {@code settings} (debug mode, virtual time,
   * eager tasks...).
   *
   * @param main the program
   * @param settings the loop's settings
   * @param <T> its result type
   * @return its result
   */
  public static <T extends @Nullable Object> T run(Coroutine<T> main, EventLoop.Builder settings) {
    try (Runner runner = new Runner(settings)) {
      return runner.run(main);
    }
  }

  /**
   * Like {@link #run(Coroutine, EventLoop.Builder)} for a program without a result.
   *
   * <p>asyncio: {@code asyncio.run(main(), debug=...)}
   *
   * @param main the program
   * @param settings the loop's settings
   */
  public static void run(VoidCoroutine main, EventLoop.Builder settings) {
    run(main.asCoroutine(), settings);
  }

  /**
   * Returns the loop running in the calling thread.
   *
   * <p>asyncio: {@code asyncio.get_running_loop()}
   *
   * @return the running loop
   * @throws IllegalStateException when no loop runs here
   */
  public static EventLoop getRunningLoop() {
    return EventLoop.requireRunningLoop("getRunningLoop()");
  }

  // ---------------------------------------------------------------- tasks

  /**
   * Creates a task of the running loop.
   *
   * <p>asyncio: {@code asyncio.create_task}
   *
   * @param coroutine the body
   * @param <T> its result type
   * @return the task
   */
  public static <T extends @Nullable Object> Task<T> createTask(Coroutine<T> coroutine) {
    return getRunningLoop().createTask(coroutine);
  }

  /**
   * Creates a named task of the running loop.
   *
   * @param coroutine the body
   * @param name the task's name
   * @param <T> its result type
   * @return the task
   */
  public static <T extends @Nullable Object> Task<T> createTask(
      Coroutine<T> coroutine, String name) {
    return getRunningLoop().createTask(coroutine, name);
  }

  /**
   * Creates a task of the running loop that runs in {@code context} itself, not in a copy of the
   * current context: tasks given the same context see each other's {@link ContextVar#set}.
   *
   * <p>asyncio: {@code asyncio.create_task(coro, name=name, context=context)}
   *
   * @param coroutine the body
   * @param name the task's name, or null for {@code Task-N}
   * @param context the context the task runs in
   * @param <T> its result type
   * @return the task
   */
  public static <T extends @Nullable Object> Task<T> createTask(
      Coroutine<T> coroutine, @Nullable String name, Context context) {
    return getRunningLoop().createTask(coroutine, name, context);
  }

  /**
   * Like {@link #createTask(Coroutine, String, Context)} for a body without a result.
   *
   * @param coroutine the body
   * @param name the task's name, or null for {@code Task-N}
   * @param context the context the task runs in
   * @return the task
   */
  public static Task<Void> createTask(
      VoidCoroutine coroutine, @Nullable String name, Context context) {
    return getRunningLoop().createTask(coroutine, name, context);
  }

  /**
   * Creates a task without a result.
   *
   * @param coroutine the body
   * @return the task
   */
  public static Task<Void> createTask(VoidCoroutine coroutine) {
    return getRunningLoop().createTask(coroutine);
  }

  /**
   * Creates a named task without a result.
   *
   * @param coroutine the body
   * @param name the task's name
   * @return the task
   */
  public static Task<Void> createTask(VoidCoroutine coroutine, String name) {
    return getRunningLoop().createTask(coroutine, name);
  }

  /**
   * Returns {@code future} itself: a future is already awaitable.
   *
   * <p>asyncio: {@code asyncio.ensure_future(future)}
   *
   * @param future the future
   * @param <T> its result type
   * @return the same future
   */
  public static <T extends @Nullable Object> Future<T> ensureFuture(Future<T> future) {
    return future;
  }

  /**
   * Wraps a coroutine in a task of the running loop.
   *
   * <p>asyncio: {@code asyncio.ensure_future(coro)}
   *
   * @param coroutine the body
   * @param <T> its result type
   * @return a new task
   */
  public static <T extends @Nullable Object> Future<T> ensureFuture(Coroutine<T> coroutine) {
    return createTask(coroutine);
  }

  /**
   * Returns the task running in the calling thread, or null in a callback of the running loop.
   *
   * <p>asyncio: {@code asyncio.current_task()}
   *
   * @return the current task, or null when a callback runs
   * @throws IllegalStateException ("no running event loop") when no loop runs in this thread
   */
  public static @Nullable Task<?> currentTask() {
    Task<?> t = Task.currentOrNull();
    if (t == null) {
      EventLoop.requireRunningLoop("currentTask()");
    }
    return t;
  }

  /**
   * Returns the task of {@code loop} that runs in the calling thread, or null: when the caller is a
   * callback, is not running on {@code loop}, or {@code loop} is not running. Unlike asyncio, whose
   * answer from another thread is the task the loop runs at that moment, another thread always gets
   * null: the loop does not publish its current task across threads, which would cost every task
   * switch a write for an answer that is stale as soon as it is given.
   *
   * <p>asyncio: {@code asyncio.current_task(loop)}
   *
   * @param loop the loop
   * @return its current task or null
   */
  public static @Nullable Task<?> currentTask(EventLoop loop) {
    java.util.Objects.requireNonNull(loop, "loop");
    return loop.currentTask();
  }

  /**
   * Returns the tasks of the running loop that are not done.
   *
   * <p>asyncio: {@code asyncio.all_tasks()}
   *
   * @return a snapshot
   */
  public static Set<Task<?>> allTasks() {
    return getRunningLoop().allTasks();
  }

  private static Task<?> requireTask(String what) {
    Task<?> t = Task.currentOrNull();
    if (t == null) {
      EventLoop.requireRunningLoop(what); // outside any loop: asyncio's "no running event loop"
      throw new IllegalStateException(
          what
              + " suspends the calling task and must be called from one: run the code with"
              + " Asyncio.run(...) or inside a task created with createTask(...)");
    }
    return t;
  }

  // ---------------------------------------------------------------- sleeping

  /**
   * Suspends the calling task for {@code delay}. {@code Duration.ZERO} (or a negative delay) yields
   * to the loop exactly once: every entry that was ready runs before the task resumes.
   *
   * <p>asyncio: {@code asyncio.sleep}
   *
   * @param delay how long
   * @throws CancelledException if the task is cancelled while it sleeps
   */
  public static void sleep(Duration delay) {
    Task<?> task = requireTask("sleep()");
    if (delay.isZero() || delay.isNegative()) {
      task.yieldNow();
      return;
    }
    EventLoop loop = task.owner;
    Future<@Nullable Void> done = new Future<>(loop);
    TimerHandle timer =
        loop.callAt(
            loop.timeNanos() + EventLoop.saturatedNanos(delay),
            () -> {
              if (!done.isDone()) {
                done.setResult(null);
              }
            });
    try {
      done.await();
    } finally {
      timer.cancel();
    }
  }

  /**
   * Sleeps, then returns {@code result}.
   *
   * <p>asyncio: {@code asyncio.sleep(delay, result)}
   *
   * @param delay how long
   * @param result what to return
   * @param <T> its type
   * @return {@code result}
   */
  public static <T extends @Nullable Object> T sleep(Duration delay, T result) {
    sleep(delay);
    return result;
  }

  // ---------------------------------------------------------------- gather

  /**
   * Returns a future of the results of all {@code futures}, in their order. The first failure (or
   * cancellation) of a child completes it with that exception while the other children run on;
   * cancelling it cancels every child that is not done.
   *
   * <p>asyncio: {@code asyncio.gather(*aws)}
   *
   * @param futures the futures or tasks
   * @param <T> their common result type
   * @return the gathering future
   */
  @SafeVarargs
  @SuppressWarnings("varargs") // only read, through Arrays.asList (itself @SafeVarargs)
  public static <T extends @Nullable Object> Future<List<T>> gather(
      Future<? extends T>... futures) {
    return gather(Arrays.asList(futures));
  }

  /**
   * Gathers nothing: returns a future already done with an empty list. It exists so that {@code
   * gather()} compiles (the varargs forms would be ambiguous without it).
   *
   * <p>asyncio: {@code asyncio.gather()}
   *
   * @param <T> the element type
   * @return a done future of an empty list
   */
  public static <T extends @Nullable Object> Future<List<T>> gather() {
    return gather(List.<Future<T>>of());
  }

  /**
   * Wraps each coroutine of {@code coroutines} in a task, in iteration order, and gathers them: the
   * form of asyncio's {@code gather(*[fetch(u) for u in urls])}.
   *
   * <pre>{@code
   * List<Coroutine<String>> fetches = new ArrayList<>();
   * for (String url : urls) {
   *   fetches.add(() -> fetch(url));
   * }
   * List<String> pages = Asyncio.gather(fetches).await();
   * }</pre>
   *
   * <p>A list of lambdas built in the call itself, {@code gather(List.of(() -> 1, () -> 2))}, is
   * ambiguous with {@link #gather(List)} of futures (Java cannot type the lambdas first): write
   * {@code gather(() -> 1, () -> 2)}, or give the list its type ({@code
   * List.<Coroutine<Integer>>of(...)}).
   *
   * <p>asyncio: {@code asyncio.gather(*coros)}
   *
   * @param coroutines the bodies
   * @param <T> their common result type
   * @return the gathering future
   */
  public static <T extends @Nullable Object> Future<List<T>> gather(
      Collection<? extends Coroutine<? extends T>> coroutines) {
    return gather(Asyncio.<T>startAll(coroutines));
  }

  /** Wraps each coroutine in a task of the running loop, in order. */
  private static <T extends @Nullable Object> List<Future<? extends T>> startAll(
      Collection<? extends Coroutine<? extends T>> coroutines) {
    EventLoop loop = getRunningLoop();
    List<Future<? extends T>> tasks = new ArrayList<>(coroutines.size());
    for (Coroutine<? extends T> c : coroutines) {
      tasks.add(loop.createTask(c));
    }
    return tasks;
  }

  /**
   * Like {@link #gather(Future[])} for a list.
   *
   * @param futures the futures or tasks
   * @param <T> their common result type
   * @return the gathering future
   */
  @SuppressWarnings("unchecked")
  public static <T extends @Nullable Object> Future<List<T>> gather(
      List<? extends Future<? extends T>> futures) {
    return (Future<List<T>>) (Future<?>) gatherOn(loopOf(futures), futures, false);
  }

  /**
   * Wraps each coroutine in a task and gathers them.
   *
   * <p>asyncio: {@code asyncio.gather(coro1(), coro2())}
   *
   * @param coroutines the bodies
   * @param <T> their common result type
   * @return the gathering future
   */
  @SafeVarargs
  @SuppressWarnings("varargs") // only read, through Arrays.asList (itself @SafeVarargs)
  public static <T extends @Nullable Object> Future<List<T>> gather(
      Coroutine<? extends T>... coroutines) {
    return gather(Asyncio.<T>startAll(Arrays.asList(coroutines)));
  }

  /**
   * Wraps each coroutine without a result in a task and gathers them; the list holds a null for
   * each. It lets {@code gather(() -> { work(); }, () -> { work(); })} compile, as asyncio's {@code
   * gather(worker(), worker())} of coroutines returning {@code None} does.
   *
   * <p>asyncio: {@code asyncio.gather(coro1(), coro2())}
   *
   * @param coroutines the bodies
   * @return the gathering future
   */
  public static Future<List<@Nullable Void>> gather(VoidCoroutine... coroutines) {
    List<Coroutine<@Nullable Void>> bodies = new ArrayList<>(coroutines.length);
    for (VoidCoroutine c : coroutines) {
      bodies.add(c.asCoroutine());
    }
    return gather(bodies);
  }

  /**
   * Like {@link #gather(Future[])}, but failures and cancellations become results: the list holds
   * each child's result, or the exception it failed with (a {@link CancelledException} for a
   * cancelled child). Cancelling the gathering future itself ({@code cancel(msg)}) cancels every
   * child with {@code msg}; once they are done it fails with a {@link CancelledException} carrying
   * {@code msg}, as plain {@link #gather(Future[])} does.
   *
   * <p>asyncio: {@code asyncio.gather(*aws, return_exceptions=True)}
   *
   * @param futures the futures or tasks
   * @return the gathering future; its elements are results or Throwables
   */
  public static Future<List<@Nullable Object>> gatherReturnExceptions(Future<?>... futures) {
    return gatherReturnExceptions(Arrays.asList(futures));
  }

  /**
   * Like {@link #gatherReturnExceptions(Future[])} for a list.
   *
   * @param futures the futures or tasks
   * @return the gathering future
   */
  public static Future<List<@Nullable Object>> gatherReturnExceptions(
      List<? extends Future<?>> futures) {
    return gatherOn(loopOf(futures), futures, true);
  }

  /**
   * Wraps each coroutine in a task and gathers them, returning exceptions as results.
   *
   * @param coroutines the bodies
   * @return the gathering future
   */
  public static Future<List<@Nullable Object>> gatherReturnExceptions(Coroutine<?>... coroutines) {
    return gatherReturnExceptions(Arrays.asList(coroutines));
  }

  /**
   * Wraps each coroutine of {@code coroutines} in a task, in iteration order, and gathers them,
   * returning exceptions as results.
   *
   * <p>asyncio: {@code asyncio.gather(*coros, return_exceptions=True)}
   *
   * @param coroutines the bodies
   * @return the gathering future
   */
  public static Future<List<@Nullable Object>> gatherReturnExceptions(
      Collection<? extends Coroutine<?>> coroutines) {
    return gatherReturnExceptions(startAll(coroutines));
  }

  /**
   * Gathers nothing, returning exceptions as results: a future already done with an empty list.
   *
   * <p>asyncio: {@code asyncio.gather(return_exceptions=True)}
   *
   * @return a done future of an empty list
   */
  public static Future<List<@Nullable Object>> gatherReturnExceptions() {
    return gatherReturnExceptions(List.<Future<?>>of());
  }

  private static EventLoop loopOf(Collection<? extends Future<?>> futures) {
    for (Future<?> f : futures) {
      if (f.loop != null) {
        return f.loop;
      }
    }
    return getRunningLoop();
  }

  static Future<List<@Nullable Object>> gatherOn(
      EventLoop loop, List<? extends Future<?>> futures, boolean returnExceptions) {
    return new GatheringFuture(loop, futures, returnExceptions);
  }

  /** asyncio's _GatheringFuture: cancelling it cancels the children. */
  private static final class GatheringFuture extends Future<List<@Nullable Object>> {
    private final List<Future<?>> children;
    private final boolean returnExceptions;
    private final int distinct;
    private int finished;
    private boolean cancelRequested;

    GatheringFuture(EventLoop loop, List<? extends Future<?>> futures, boolean returnExceptions) {
      super(loop);
      this.children = new ArrayList<>(futures);
      this.returnExceptions = returnExceptions;
      if (children.isEmpty()) {
        distinct = 0;
        setResult(new ArrayList<>());
        return;
      }
      // asyncio's gather waits once for a future given twice. A pending child seen before has
      // this gather's callback as its last one (nothing else runs while the loop below adds
      // them); only done children need a set. An IdentityHashMap of every child took 30% of W1.
      Consumer<Future<?>> onChildDone = this::childDone;
      IdentityHashMap<Future<?>, Boolean> seenDone = null;
      int n = 0;
      for (Future<?> f : children) {
        if (f.loop == null) {
          f.loop = loop;
        } else if (f.loop != loop) {
          throw new IllegalArgumentException(
              "gather() got futures of different loops: " + f + " is not of " + loop);
        }
        boolean seen;
        if (f.isDone()) {
          if (seenDone == null) {
            seenDone = new IdentityHashMap<>();
          }
          seen = seenDone.put(f, Boolean.TRUE) != null;
        } else {
          seen = f.lastDoneCallbackIs(onChildDone);
        }
        if (!seen) {
          n++;
          f.addDoneCallback(onChildDone);
        }
      }
      distinct = n;
    }

    private void childDone(Future<?> child) {
      finished++;
      if (isDone()) {
        if (!child.isCancelled()) {
          child.exception(); // mark retrieved: the gather already reported its outcome
        }
        return;
      }
      if (!returnExceptions) {
        if (child.isCancelled()) {
          setException(child.cancelledException());
          return;
        }
        Throwable e = child.exception();
        if (e != null) {
          setException(e);
          return;
        }
      }
      if (finished == distinct) {
        List<@Nullable Object> results = new ArrayList<>(children.size());
        for (Future<?> f : children) {
          if (f.isCancelled()) {
            results.add(new CancelledException(f.cancelMessage()));
          } else {
            Throwable e = f.exception();
            results.add(e != null ? e : f.peekResult());
          }
        }
        if (cancelRequested) {
          // As asyncio's _GatheringFuture: the cancellation of the child that finished last, so
          // that cancel(msg) reaches an awaiter with its message (a child that swallowed the
          // cancellation and returned leaves a cancellation without one, as in CPython).
          setException(child.isCancelled() ? child.cancelledException() : new CancelledException());
        } else {
          setResult(results);
        }
      }
    }

    @Override
    public boolean cancel(@Nullable String message) {
      if (isDone()) {
        return false;
      }
      boolean any = false;
      for (Future<?> child : children) {
        if (child.cancel(message)) {
          any = true;
        }
      }
      if (any) {
        cancelRequested = true; // the result reports the cancellation once children are done
      }
      return any;
    }

    @Override
    public boolean cancel() {
      return cancel((String) null);
    }

    @Override
    public String toString() {
      return "<_GatheringFuture " + stateName() + describeOutcome() + ">";
    }

    @Override
    List<? extends Future<?>> waitsOn() {
      return isDone() ? List.of() : children;
    }
  }

  // ---------------------------------------------------------------- wait

  /**
   * Waits until every one of {@code futures} is done, and returns them as done: asyncio's defaults,
   * no timeout and {@link ReturnWhen#ALL_COMPLETED}.
   *
   * <p>asyncio: {@code asyncio.wait(aws)}
   *
   * @param futures the futures or tasks, at least one
   * @param <F> their type
   * @return the done (all) and the pending (none) futures
   * @throws IllegalArgumentException if {@code futures} is empty
   */
  public static <F extends Future<?>> DoneAndPending<F> wait(Collection<F> futures) {
    return wait(futures, null, ReturnWhen.ALL_COMPLETED);
  }

  /**
   * Like {@link #wait(Collection, Duration, ReturnWhen)} without a timeout.
   *
   * <p>asyncio: {@code asyncio.wait(aws, return_when=...)}
   *
   * @param futures the futures or tasks, at least one
   * @param returnWhen when to return
   * @param <F> their type
   * @return the done and the pending futures
   */
  public static <F extends Future<?>> DoneAndPending<F> wait(
      Collection<F> futures, ReturnWhen returnWhen) {
    return wait(futures, null, returnWhen);
  }

  /**
   * Like {@link #wait(Collection, Duration, ReturnWhen)} with {@link ReturnWhen#ALL_COMPLETED}.
   *
   * <p>asyncio: {@code asyncio.wait(aws, timeout=...)}
   *
   * @param futures the futures or tasks, at least one
   * @param timeout the longest wait
   * @param <F> their type
   * @return the done and the pending futures
   */
  public static <F extends Future<?>> DoneAndPending<F> wait(
      Collection<F> futures, Duration timeout) {
    return wait(futures, Objects.requireNonNull(timeout, "timeout"), ReturnWhen.ALL_COMPLETED);
  }

  /**
   * Waits until {@code futures} meet {@code returnWhen}, or {@code timeout} passes, and returns
   * which are done; it never raises for a timeout and never cancels anything.
   *
   * <p>asyncio: {@code asyncio.wait(aws, timeout=, return_when=)}
   *
   * @param futures the futures or tasks, at least one
   * @param timeout the longest wait, or null for none
   * @param returnWhen when to return
   * @param <F> their type
   * @return the done and the pending futures
   * @throws IllegalArgumentException if {@code futures} is empty
   * @throws NullPointerException if {@code returnWhen} is null
   */
  public static <F extends Future<?>> DoneAndPending<F> wait(
      Collection<F> futures, @Nullable Duration timeout, ReturnWhen returnWhen) {
    Objects.requireNonNull(returnWhen, "returnWhen");
    if (futures.isEmpty()) {
      throw new IllegalArgumentException("Set of Tasks/Futures is empty.");
    }
    Task<?> task = requireTask("wait()");
    EventLoop loop = task.owner;
    Set<F> fs = new LinkedHashSet<>(futures);
    Future<@Nullable Void> waiter = loop.createFuture();
    TimerHandle[] timeoutHandle = new TimerHandle[1];
    if (timeout != null) {
      timeoutHandle[0] =
          loop.callLater(
              timeout,
              () -> {
                if (!waiter.isDone()) {
                  waiter.setResult(null);
                }
              });
    }
    int[] counter = {fs.size()};
    Consumer<Future<?>> onCompletion =
        f -> {
          counter[0]--;
          if (counter[0] <= 0
              || returnWhen == ReturnWhen.FIRST_COMPLETED
              || (returnWhen == ReturnWhen.FIRST_EXCEPTION
                  && !f.isCancelled()
                  && f.peekException() != null)) {
            if (timeoutHandle[0] != null) {
              timeoutHandle[0].cancel();
            }
            if (!waiter.isDone()) {
              waiter.setResult(null);
            }
          }
        };
    List<Runnable> removals = new ArrayList<>(fs.size());
    for (F f : fs) {
      removals.add(addCallback(f, onCompletion));
    }
    try {
      waiter.await();
    } finally {
      if (timeoutHandle[0] != null) {
        timeoutHandle[0].cancel();
      }
      removals.forEach(Runnable::run);
    }
    Set<F> done = new LinkedHashSet<>();
    Set<F> pending = new LinkedHashSet<>();
    for (F f : fs) {
      (f.isDone() ? done : pending).add(f);
    }
    return new DoneAndPending<>(done, pending);
  }

  private static Runnable addCallback(Future<?> f, Consumer<Future<?>> callback) {
    return addCallbackCaptured(f, callback);
  }

  private static <X extends @Nullable Object> Runnable addCallbackCaptured(
      Future<X> f, Consumer<Future<?>> callback) {
    Consumer<Future<X>> cb = callback::accept;
    f.addDoneCallback(cb);
    return () -> f.removeDoneCallback(cb);
  }

  /**
   * Waits for {@code future} for at most {@code timeout}. On timeout it cancels the future, waits
   * until it has finished, then raises {@link AsyncTimeoutException}; if the future swallows the
   * cancellation and returns a value, that value is returned (as in asyncio 3.12). Its exceptions
   * pass through.
   *
   * <p>asyncio: {@code asyncio.wait_for}
   *
   * @param future what to wait for
   * @param timeout the longest wait, or null for none
   * @param <T> its result type
   * @return its result
   * @throws AsyncTimeoutException on timeout
   */
  public static <T extends @Nullable Object> T waitFor(
      Future<T> future, @Nullable Duration timeout) {
    Task<?> task = requireTask("waitFor()");
    if (timeout != null && !timeout.isPositive()) {
      if (future.isDone()) {
        return future.result();
      }
      cancelAndWait(future);
      try {
        return future.result();
      } catch (CancelledException e) {
        AsyncTimeoutException te = new AsyncTimeoutException("timed out after 0 s");
        te.initCause(e);
        throw te;
      }
    }
    return Timeout.runExact(task, deadline(task, timeout), t -> future.await());
  }

  /**
   * Runs {@code coroutine} in the calling task for at most {@code timeout}.
   *
   * <p>asyncio: {@code asyncio.wait_for(coro(), timeout)} (3.12+, which is {@code async with
   * timeout(...)} around it)
   *
   * @param coroutine the body
   * @param timeout the longest wait, or null for none
   * @param <T> its result type
   * @return its result
   * @throws AsyncTimeoutException on timeout, chained to the cancellation it replaces
   */
  public static <T extends @Nullable Object> T waitFor(
      Coroutine<T> coroutine, @Nullable Duration timeout) {
    Task<?> task = requireTask("waitFor()");
    if (timeout != null && !timeout.isPositive()) {
      return waitFor(task.owner.createTask(coroutine), timeout);
    }
    return Timeout.runExact(task, deadline(task, timeout), t -> coroutine.call());
  }

  private static @Nullable Long deadline(Task<?> task, @Nullable Duration delay) {
    return delay == null ? null : task.owner.timeNanos() + EventLoop.saturatedNanos(delay);
  }

  /** Cancels {@code f} and waits until it is done (asyncio's _cancel_and_wait). */
  private static <X extends @Nullable Object> void cancelAndWait(Future<X> f) {
    Future<@Nullable Void> waiter = f.requireLoop("waitFor").createFuture();
    Consumer<Future<X>> release =
        done -> {
          if (!waiter.isDone()) {
            waiter.setResult(null);
          }
        };
    f.addDoneCallback(release);
    try {
      f.cancel();
      waiter.await();
    } finally {
      f.removeDoneCallback(release);
    }
  }

  // ---------------------------------------------------------------- timeouts

  /**
   * Returns an entered {@link Timeout} that cancels the calling task after {@code delay} and turns
   * that cancellation into an {@link AsyncTimeoutException} when the block ends.
   *
   * <pre>{@code
   * try (Timeout t = Asyncio.timeout(Duration.ofSeconds(10))) {
   *   longRunning();
   * }
   * }</pre>
   *
   * <p>asyncio: {@code asyncio.timeout(delay)}
   *
   * @param delay the delay, or null for no deadline (it can be set later with {@link
   *     Timeout#reschedule})
   * @return the entered timeout, to close with try-with-resources
   */
  public static Timeout timeout(@Nullable Duration delay) {
    Task<?> task = requireTask("timeout()");
    return new Timeout(task, deadline(task, delay), false);
  }

  /**
   * Like {@link #timeout(Duration)} with a deadline on the loop's clock.
   *
   * <p>asyncio: {@code asyncio.timeout_at(when)}
   *
   * @param whenNanos the deadline in {@link EventLoop#timeNanos()} units, or null for none
   * @return the entered timeout
   */
  public static Timeout timeoutAt(@Nullable Long whenNanos) {
    return new Timeout(requireTask("timeoutAt()"), whenNanos, false);
  }

  /**
   * Runs {@code body} in the calling task for at most {@code delay}: asyncio's {@code async with
   * timeout(delay)} exactly. The body sees a plain {@link CancelledException} when the deadline
   * passes; it becomes an {@link AsyncTimeoutException} (caused by that cancellation) where the
   * block is left, and only if no other cancellation is pending then (see {@link Timeout}). The
   * form to prefer over the try-with-resources one.
   *
   * <pre>{@code
   * String page = Asyncio.timeout(Duration.ofSeconds(5), () -> fetch(url));
   * }</pre>
   *
   * <p>asyncio: {@code async with asyncio.timeout(delay): ...}
   *
   * @param delay the limit, or null for none
   * @param body the code
   * @param <T> its result type
   * @return its result
   * @throws AsyncTimeoutException on timeout
   */
  public static <T extends @Nullable Object> T timeout(
      @Nullable Duration delay, Coroutine<T> body) {
    Task<?> task = requireTask("timeout()");
    return Timeout.runExact(task, deadline(task, delay), t -> body.call());
  }

  /**
   * Like {@link #timeout(Duration, Coroutine)}, handing the body its {@link Timeout} so that it can
   * ask {@link Timeout#expired()} or move the deadline with {@link Timeout#reschedule}.
   *
   * <pre>{@code
   * String page = Asyncio.timeout(null, t -> {
   *   t.reschedule(Asyncio.getRunningLoop().timeNanos() + Duration.ofSeconds(5).toNanos());
   *   return fetch(url);
   * });
   * }</pre>
   *
   * <p>asyncio: {@code async with asyncio.timeout(delay) as t: ...}
   *
   * @param delay the limit, or null for none yet
   * @param body the code, given the entered timeout
   * @param <T> its result type
   * @return its result
   * @throws AsyncTimeoutException on timeout
   */
  public static <T extends @Nullable Object> T timeout(
      @Nullable Duration delay, Timeout.Body<T> body) {
    Task<?> task = requireTask("timeout()");
    return Timeout.runExact(task, deadline(task, delay), body);
  }

  /**
   * Like {@link #timeout(Duration, Coroutine)} with a deadline on the loop's clock.
   *
   * <p>asyncio: {@code async with asyncio.timeout_at(when): ...}
   *
   * @param whenNanos the deadline in {@link EventLoop#timeNanos()} units, or null for none
   * @param body the code
   * @param <T> its result type
   * @return its result
   * @throws AsyncTimeoutException on timeout
   */
  public static <T extends @Nullable Object> T timeoutAt(
      @Nullable Long whenNanos, Coroutine<T> body) {
    return Timeout.runExact(requireTask("timeoutAt()"), whenNanos, t -> body.call());
  }

  /**
   * Like {@link #timeoutAt(Long, Coroutine)}, handing the body its {@link Timeout}.
   *
   * <p>asyncio: {@code async with asyncio.timeout_at(when) as t: ...}
   *
   * @param whenNanos the deadline in {@link EventLoop#timeNanos()} units, or null for none yet
   * @param body the code, given the entered timeout
   * @param <T> its result type
   * @return its result
   * @throws AsyncTimeoutException on timeout
   */
  public static <T extends @Nullable Object> T timeoutAt(
      @Nullable Long whenNanos, Timeout.Body<T> body) {
    return Timeout.runExact(requireTask("timeoutAt()"), whenNanos, body);
  }

  // ---------------------------------------------------------------- as completed

  /**
   * Like {@link #asCompleted(Collection, Duration)} without a timeout.
   *
   * <p>asyncio: {@code async for f in asyncio.as_completed(aws)}
   *
   * @param futures the futures or tasks
   * @param <F> their type
   * @return the futures in completion order; see {@link #asCompleted(Collection, Duration)}
   */
  public static <F extends Future<?>> Iterable<F> asCompleted(Collection<F> futures) {
    return asCompleted(futures, null);
  }

  /**
   * Returns the {@code futures} in the order they complete: each {@code next()} of the iterator
   * suspends the calling task until one more is done and returns it (the original object). When
   * {@code timeout} passes first, each further {@code next()} raises {@link AsyncTimeoutException}
   * once for every future still pending, and the iteration then ends. A future given twice is
   * returned once.
   *
   * <p>The iterable is its own iterator, as asyncio's is: a second {@code for} loop over it resumes
   * where the first stopped (after a {@code break}, say) and ends when every future was returned;
   * it never starts over, and never waits for a future already returned.
   *
   * <p>asyncio: {@code async for f in asyncio.as_completed(aws, timeout=)} (the 3.13 form that
   * yields the original tasks); for the plain-iterator form see {@link #asCompletedFutures}
   *
   * @param futures the futures or tasks
   * @param timeout the limit for all of them, or null
   * @param <F> their type
   * @return the futures in completion order, to iterate from a task
   */
  public static <F extends Future<?>> Iterable<F> asCompleted(
      Collection<F> futures, @Nullable Duration timeout) {
    AsCompleted.Originals<F> it = new AsCompleted.Originals<>(getRunningLoop(), futures, timeout);
    it.start();
    return it;
  }

  /**
   * Like {@link #asCompletedFutures(Collection, Duration)} without a timeout.
   *
   * <p>asyncio: {@code for f in asyncio.as_completed(aws): await f}
   *
   * @param futures the futures or tasks
   * @param <T> their common result type
   * @return one future per distinct future given; see {@link #asCompletedFutures(Collection,
   *     Duration)}
   */
  public static <T extends @Nullable Object> Iterable<Future<T>> asCompletedFutures(
      Collection<? extends Future<? extends T>> futures) {
    return asCompletedFutures(futures, null);
  }

  /**
   * asyncio's plain-iterator form of {@code as_completed}: each {@code next()} returns at once,
   * without suspending and before anything needs to be done, a new future that resolves to the next
   * outcome in completion order. The first future handed out completes as the first of {@code
   * futures} to complete did (same result, same exception, or cancelled with the same message), the
   * second as the second one, and so on. When {@code timeout} passes first, the futures handed out
   * for the outcomes still pending fail with {@link AsyncTimeoutException}.
   *
   * <pre>{@code
   * for (Future<String> next : Asyncio.asCompletedFutures(tasks)) {
   *   System.out.println(next.await());   // the earliest result first
   * }
   * }</pre>
   *
   * <p>Unlike {@link #asCompleted(Collection, Duration)}, it hands out new futures, not the ones
   * given: use it where the result matters and not which task produced it. A future handed out that
   * its holder cancels gives its turn to the next one handed out. The iterable is its own iterator,
   * so a second loop over it continues the first; it hands out one future per distinct future
   * given.
   *
   * <p>asyncio: {@code for f in asyncio.as_completed(aws, timeout=): await f}. asyncio hands out
   * coroutines, each of which takes the next outcome when it is awaited; these futures take them in
   * the order they were handed out, which is the same in the loop above.
   *
   * @param futures the futures or tasks
   * @param timeout the limit for all of them, or null
   * @param <T> their common result type
   * @return the futures of the outcomes, in completion order
   */
  public static <T extends @Nullable Object> Iterable<Future<T>> asCompletedFutures(
      Collection<? extends Future<? extends T>> futures, @Nullable Duration timeout) {
    AsCompleted.Outcomes<T> it = new AsCompleted.Outcomes<>(getRunningLoop(), futures, timeout);
    it.start();
    return it;
  }

  // ---------------------------------------------------------------- shield

  /**
   * Returns a future that completes as {@code inner} does but whose cancellation does not cancel
   * {@code inner}: a task awaiting the shield can be cancelled while {@code inner} runs on. When
   * the outer future was cancelled and {@code inner} then fails, nobody awaits that failure: it
   * stays unretrieved and the loop's exception handler reports it ("exception was never retrieved")
   * when {@code inner} is collected or the loop closes, as asyncio 3.14 does.
   *
   * <p>asyncio: {@code asyncio.shield}
   *
   * @param inner the future or task to protect
   * @param <T> its result type
   * @return {@code inner} itself when done, else a new outer future
   */
  public static <T extends @Nullable Object> Future<T> shield(Future<T> inner) {
    java.util.Objects.requireNonNull(inner, "inner");
    if (inner.isDone()) {
      return inner;
    }
    EventLoop loop = inner.requireLoop("shield");
    Future<T> outer = new ShieldFuture<>(loop, inner);
    Consumer<Future<T>> innerDone =
        in -> {
          if (outer.isCancelled()) {
            // asyncio 3.14: inner's exception is left unretrieved, so that the loop reports it
            // when inner is collected (or the loop closes) instead of losing it.
            return;
          }
          if (in.isCancelled()) {
            outer.cancel();
          } else {
            Throwable e = in.exception();
            if (e != null) {
              outer.setException(e);
            } else {
              outer.setResult(in.result()); // neither cancelled nor failed, and already retrieved
            }
          }
        };
    inner.addDoneCallback(innerDone);
    outer.addDoneCallback(o -> {
      if (!inner.isDone()) {
        inner.removeDoneCallback(innerDone);
      }
    });
    return outer;
  }

  /**
   * Shields a coroutine: runs it as a task and returns the shield of that task.
   *
   * @param coroutine the body
   * @param <T> its result type
   * @return the outer future
   */
  public static <T extends @Nullable Object> Future<T> shield(Coroutine<T> coroutine) {
    return shield(createTask(coroutine));
  }

  // ---------------------------------------------------------------- threads

  /**
   * Runs blocking {@code job} in the loop's default executor (platform threads, so the work really
   * leaves the loop), in a copy of the current {@link Context}, and suspends the calling task until
   * it is done.
   *
   * <p>asyncio: {@code asyncio.to_thread}
   *
   * @param job the blocking work
   * @param <T> its result type
   * @return its result
   */
  public static <T extends @Nullable Object> T toThread(Callable<T> job) {
    Task<?> task = requireTask("toThread()");
    return task.owner.runInExecutor(null, job).await();
  }

  /**
   * Like {@link #toThread(Callable)} for work without a result.
   *
   * @param job the blocking work
   */
  public static void toThread(ThrowingRunnable job) {
    toThread(() -> {
      job.run();
      return null;
    });
  }

  static <T extends @Nullable Object> Future<T> toThreadOn(
      EventLoop loop, Executor executor, Callable<T> job) {
    return loop.runInExecutor(executor, job);
  }

  /** A blocking job without a result, for {@link #toThread(ThrowingRunnable)}. */
  @FunctionalInterface
  public interface ThrowingRunnable {
    /**
     * Runs the job.
     *
     * @throws Exception whatever it throws
     */
    void run() throws Exception;
  }

  // ---------------------------------------------------------------- subprocesses

  /**
   * Starts {@code args} as a child process: {@link org.asyncio4j.process.Subprocesses#exec}.
   *
   * <pre>{@code
   * Subprocess p = Asyncio.createSubprocessExec(List.of("ls"), SubprocessOptions.defaults());
   * p.waitFor();
   * }</pre>
   *
   * <p>asyncio: {@code asyncio.create_subprocess_exec}
   *
   * @param args the program and its arguments
   * @param options redirects, directory, environment, reader limit
   * @return the child
   */
  public static org.asyncio4j.process.Subprocess createSubprocessExec(
      List<String> args, org.asyncio4j.process.SubprocessOptions options) {
    return org.asyncio4j.process.Subprocesses.exec(args, options);
  }

  /**
   * Runs {@code command} through {@code /bin/sh -c}: {@link
   * org.asyncio4j.process.Subprocesses#shell}.
   *
   * <p>asyncio: {@code asyncio.create_subprocess_shell}
   *
   * @param command the shell command line
   * @param options redirects, directory, environment, reader limit
   * @return the child
   */
  public static org.asyncio4j.process.Subprocess createSubprocessShell(
      String command, org.asyncio4j.process.SubprocessOptions options) {
    return org.asyncio4j.process.Subprocesses.shell(command, options);
  }
}

package org.asyncio4j;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
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
  public static <T extends @Nullable Object> Future<List<T>> gather(
      Future<? extends T>... futures) {
    return gather(Arrays.asList(futures));
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
  public static <T extends @Nullable Object> Future<List<T>> gather(
      Coroutine<? extends T>... coroutines) {
    EventLoop loop = getRunningLoop();
    List<Future<? extends T>> tasks = new ArrayList<>(coroutines.length);
    for (Coroutine<? extends T> c : coroutines) {
      tasks.add(loop.createTask(c));
    }
    return gather(tasks);
  }

  /**
   * Like {@link #gather(Future[])}, but failures and cancellations become results: the list holds
   * each child's result, or the exception it failed with (a {@link CancelledException} for a
   * cancelled child).
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
    EventLoop loop = getRunningLoop();
    List<Future<?>> tasks = new ArrayList<>(coroutines.length);
    for (Coroutine<?> c : coroutines) {
      tasks.add(loop.createTask(c));
    }
    return gatherReturnExceptions(tasks);
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
      Map<Future<?>, Boolean> seen = new IdentityHashMap<>();
      int n = 0;
      for (Future<?> f : children) {
        if (f.loop == null) {
          f.loop = loop;
        } else if (f.loop != loop) {
          throw new IllegalArgumentException(
              "gather() got futures of different loops: " + f + " is not of " + loop);
        }
        if (seen.put(f, Boolean.TRUE) == null) {
          n++;
          addChildCallback(f);
        }
      }
      distinct = n;
    }

    @SuppressWarnings("unchecked")
    private <X extends @Nullable Object> void addChildCallback(Future<X> f) {
      f.addDoneCallback(this::childDone);
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
          setException(new CancelledException());
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
  }

  // ---------------------------------------------------------------- wait

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
   */
  public static <F extends Future<?>> DoneAndPending<F> wait(
      Collection<F> futures, @Nullable Duration timeout, ReturnWhen returnWhen) {
    java.util.Objects.requireNonNull(returnWhen, "returnWhen");
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
    requireTask("waitFor()");
    if (timeout != null && !timeout.isPositive()) {
      if (future.isDone()) {
        return future.result();
      }
      cancelAndWait(future);
      try {
        return future.result();
      } catch (CancelledException e) {
        AsyncTimeoutException te = new AsyncTimeoutException("timed out: timeout was " + timeout);
        te.initCause(e);
        throw te;
      }
    }
    try (Timeout t = timeout(timeout)) {
      return future.await();
    }
  }

  /**
   * Runs {@code coroutine} in the calling task for at most {@code timeout}.
   *
   * <p>asyncio: {@code asyncio.wait_for(coro(), timeout)}
   *
   * @param coroutine the body
   * @param timeout the longest wait, or null for none
   * @param <T> its result type
   * @return its result
   * @throws AsyncTimeoutException on timeout
   */
  public static <T extends @Nullable Object> T waitFor(
      Coroutine<T> coroutine, @Nullable Duration timeout) {
    Task<?> task = requireTask("waitFor()");
    if (timeout != null && !timeout.isPositive()) {
      return waitFor(task.owner.createTask(coroutine), timeout);
    }
    try (Timeout t = timeout(timeout)) {
      return coroutine.call();
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Exception e) {
      throw Future.propagate(e);
    }
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
    EventLoop loop = task.owner;
    Long when = delay == null ? null : loop.timeNanos() + EventLoop.saturatedNanos(delay);
    return new Timeout(task, when);
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
    return new Timeout(requireTask("timeoutAt()"), whenNanos);
  }

  /**
   * Runs {@code body} in the calling task for at most {@code delay}. Unlike the try-with-resources
   * form, this one converts at its exit exactly as asyncio's {@code async with timeout()}: also
   * when another timeout expired in the same turn (see {@link Timeout}).
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
    Timeout t = timeout(delay);
    try (t) {
      return body.call();
    } catch (CancelledException e) {
      if (!(e instanceof AsyncTimeoutException) && t.convertsAtExit()) {
        // Another timeout expired in the same turn, so the cancellation raised in the body was
        // not recognisably ours; asyncio's __aexit__ converts it here, and so do we.
        AsyncTimeoutException timedOut = t.newTimeoutException();
        timedOut.initCause(e);
        throw timedOut;
      }
      throw e;
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Exception e) {
      throw Future.propagate(e);
    }
  }

  // ---------------------------------------------------------------- as completed

  /**
   * Returns the {@code futures} in the order they complete: each {@code next()} of the iterator
   * suspends the calling task until one more is done and returns it (the original object). When
   * {@code timeout} passes first, {@code next()} raises {@link AsyncTimeoutException}.
   *
   * <p>asyncio: {@code asyncio.as_completed(aws, timeout=)} (the 3.13 form that yields the original
   * tasks)
   *
   * @param futures the futures or tasks
   * @param timeout the limit for all of them, or null
   * @param <F> their type
   * @return an iterable, to be iterated once, from a task
   */
  public static <F extends Future<?>> Iterable<F> asCompleted(
      Collection<F> futures, @Nullable Duration timeout) {
    EventLoop loop = getRunningLoop();
    Set<F> todo = new LinkedHashSet<>(futures);
    ArrayDeque<F> completed = new ArrayDeque<>();
    @SuppressWarnings("unchecked")
    @Nullable Future<@Nullable Void>[] waiter = new Future[1];
    boolean[] timedOut = {false};
    TimerHandle timer =
        timeout == null
            ? null
            : loop.callLater(
                timeout,
                () -> {
                  timedOut[0] = true;
                  wake(waiter[0]);
                });
    int[] remaining = {todo.size()};
    for (F f : todo) {
      addCallback(
          f,
          done -> {
            @SuppressWarnings("unchecked")
            F typed = (F) done;
            if (remaining[0] > 0 && todo.remove(typed)) {
              completed.add(typed);
              remaining[0]--;
              if (remaining[0] == 0 && timer != null) {
                timer.cancel();
              }
              wake(waiter[0]);
            }
          });
    }
    int total = todo.size();
    return () ->
        new Iterator<F>() {
          private int yielded;

          @Override
          public boolean hasNext() {
            return yielded < total;
          }

          @Override
          public F next() {
            if (yielded >= total) {
              throw new NoSuchElementException("asCompleted: every future was returned");
            }
            while (completed.isEmpty()) {
              if (timedOut[0]) {
                throw new AsyncTimeoutException("asCompleted timed out after " + timeout);
              }
              Future<@Nullable Void> w = loop.createFuture();
              waiter[0] = w;
              w.await();
              waiter[0] = null;
            }
            yielded++;
            return completed.poll();
          }
        };
  }

  /** Wakes the task of {@link #asCompleted} that waits on {@code waiter}, if one waits. */
  private static void wake(@Nullable Future<@Nullable Void> waiter) {
    if (waiter != null && !waiter.isDone()) {
      waiter.setResult(null);
    }
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
    Future<T> outer = loop.createFuture();
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
}

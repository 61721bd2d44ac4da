package org.asyncio4j;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The executors of one loop: its default executor (created on first use, replaced, shut down) and
 * the bridge that runs a blocking job in an executor and brings its outcome back into a future of
 * the loop (asyncio's {@code run_in_executor} machinery in {@code base_events}). Separate from
 * {@link EventLoop} because none of it is on the loop's hot path: it only posts to the loop's inbox
 * and counts its jobs as outside work. Loop-confined but for the jobs, which run in the executor
 * and reach the loop only through its inbox.
 */
final class LoopExecutors {
  private static final System.Logger LOG = System.getLogger("org.asyncio4j");

  private final EventLoop loop;
  private final String name;
  private @Nullable Executor defaultExecutor;
  private @Nullable ExecutorService ownedDefaultExecutor;
  private boolean executorShutdownCalled;

  LoopExecutors(EventLoop loop, String name) {
    this.loop = loop;
    this.name = name;
  }

  /** {@link EventLoop#runInExecutor}, after its thread and closed checks. */
  <T extends @Nullable Object> Future<T> runInExecutor(
      @Nullable Executor executor, Callable<T> job) {
    Executor ex = executor != null ? executor : defaultExecutor();
    Future<T> f = loop.createFuture();
    Context ctx = Context.copyCurrent();
    loop.externalPending.incrementAndGet();
    try {
      ex.execute(() -> {
        // The outcome as an action, so that a result travels typed T and apart from a failure.
        Runnable complete;
        try {
          T value = ctx.call(() -> callUnchecked(job));
          complete = () -> f.setResult(value);
        } catch (Throwable t) {
          Throwable cause = t instanceof JobFailure jf ? jf.getCause() : null;
          Throwable failure = cause != null ? cause : t;
          complete = () -> f.setException(failure);
        }
        Runnable outcome = complete;
        Runnable deliver =
            () -> {
              loop.externalPending.decrementAndGet();
              if (f.isDone()) {
                return;
              }
              outcome.run();
            };
        if (!loop.enqueueFromOtherThread(new Handle(deliver, null))) {
          loop.externalPending.decrementAndGet();
        }
      });
    } catch (RejectedExecutionException e) {
      loop.externalPending.decrementAndGet();
      throw e;
    }
    return f;
  }

  private static <T extends @Nullable Object> T callUnchecked(Callable<T> job) {
    try {
      return job.call();
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Exception e) {
      throw new JobFailure(e);
    }
  }

  /** Carries a checked exception out of a Supplier, unwrapped again at once. */
  private static final class JobFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    JobFailure(Exception cause) {
      super(cause);
    }
  }

  private Executor defaultExecutor() {
    if (executorShutdownCalled) {
      throw new IllegalStateException(
          "the default executor of " + name + " was shut down; pass an executor explicitly");
    }
    Executor ex = defaultExecutor;
    if (ex == null) {
      // CPython's default: min(32, cpus + 4) threads. Platform threads, so that offloaded work
      // really leaves the loop (a virtual thread started from a task would inherit the loop as
      // its scheduler, RUNTIME.md part 2).
      int threads = Math.min(32, Runtime.getRuntime().availableProcessors() + 4);
      AtomicLong n = new AtomicLong();
      ThreadPoolExecutor pool =
          new ThreadPoolExecutor(
              threads,
              threads,
              60,
              TimeUnit.SECONDS,
              new LinkedBlockingQueue<>(),
              r -> {
                Thread t = new Thread(r, name + "-executor-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
              });
      pool.allowCoreThreadTimeOut(true);
      ownedDefaultExecutor = pool;
      defaultExecutor = pool;
      ex = pool;
    }
    return ex;
  }

  /** {@link EventLoop#setDefaultExecutor}. */
  void setDefaultExecutor(Executor executor) {
    this.defaultExecutor = executor;
  }

  /** {@link EventLoop#shutdownDefaultExecutor}. */
  void shutdownDefaultExecutor() {
    executorShutdownCalled = true;
    ExecutorService owned = ownedDefaultExecutor;
    if (owned == null) {
      return;
    }
    owned.shutdown();
    if (Task.currentOrNull() != null) {
      Asyncio.toThreadOn(
              loop,
              job -> Thread.ofPlatform().daemon().name(name + "-executor-shutdown").start(job),
              () -> {
                owned.awaitTermination(Long.MAX_VALUE, TimeUnit.DAYS);
                return null;
              })
          .await();
    }
  }

  /** Runner.close(): shut the default executor down and wait for its threads, off the loop. */
  void shutdownDefaultExecutorBlocking(Duration timeout) {
    executorShutdownCalled = true;
    ExecutorService owned = ownedDefaultExecutor;
    if (owned == null) {
      return;
    }
    owned.shutdown();
    try {
      if (!owned.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.log(
            System.Logger.Level.WARNING,
            "The default executor of "
                + name
                + " did not finish joining its threads within "
                + timeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** EventLoop.close(): the default executor this loop created is shut down without waiting. */
  void shutdownOwnedWithoutWaiting() {
    ExecutorService owned = ownedDefaultExecutor;
    if (owned != null) {
      owned.shutdown();
    }
  }
}

package org.asyncio4j;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * The bridges between one loop and the JDK's futures: {@link EventLoop#submit} (a coroutine
 * submitted from any thread, its outcome in a {@link CompletableFuture}) and {@link
 * EventLoop#wrapStage} (a {@link CompletionStage} completed anywhere, seen as a {@link Future} of
 * the loop). Separate from {@link EventLoop} because neither is on the loop's hot path: both reach
 * the loop only through its thread-safe inbox, and a wrapped stage counts as outside work while it
 * is pending. Any thread for submit; wrapStage is loop-confined, its completion comes through the
 * inbox.
 */
final class JdkFutureBridge {
  private final EventLoop loop;
  private final String name;

  JdkFutureBridge(EventLoop loop, String name) {
    this.loop = loop;
    this.name = name;
  }

  /**
   * {@link EventLoop#submit}. Until the loop runs the submission, a close hook stands by: if the
   * loop closes first, it fails the CompletableFuture, where asyncio would leave it pending (a Java
   * caller blocked in {@code get()} would wait forever).
   */
  <T extends @Nullable Object> CompletableFuture<T> submit(Coroutine<T> coroutine) {
    CompletableFuture<T> cf = new CompletableFuture<>();
    Runnable closedFirst =
        () ->
            cf.completeExceptionally(
                new IllegalStateException(
                    "Event loop "
                        + name
                        + " was closed before it ran the submitted coroutine "
                        + coroutine
                        + ": keep the loop running until the submissions it accepted are done"));
    loop.addCloseHook(closedFirst);
    Handle h =
        new Handle(
            () -> {
              loop.removeCloseHook(closedFirst);
              if (loop.closing) {
                closedFirst.run();
              }
              if (cf.isDone()) {
                return;
              }
              Task<T> task = loop.createTask(coroutine, null, false);
              task.addListener(f -> {
                if (task.isCancelled()) {
                  cf.completeExceptionally(task.cancelledException());
                } else if (task.peekException() != null) {
                  task.markRetrieved();
                  cf.completeExceptionally(task.peekException());
                } else {
                  cf.complete(task.peekResult());
                }
              });
              var _ = // the dependent stage is not needed, only the callback
                  cf.whenComplete((v, e) -> {
                    if (cf.isCancelled() && !task.isDone()) {
                      loop.enqueueFromOtherThread(new Handle(task::cancel, null));
                    }
                  });
            },
            EventLoop.captureContext());
    if (!loop.enqueueFromOtherThread(h)) {
      loop.removeCloseHook(closedFirst);
      cf.completeExceptionally(new IllegalStateException("Event loop " + name + " is closed"));
    }
    return cf;
  }

  /** {@link EventLoop#wrapStage}. */
  <T extends @Nullable Object> Future<T> wrapStage(CompletionStage<T> stage) {
    Future<T> f = loop.createFuture();
    loop.externalPending.incrementAndGet();
    stage.whenComplete((v, e) -> {
      Handle h =
          new Handle(
              () -> {
                loop.externalPending.decrementAndGet();
                if (f.isDone()) {
                  return;
                }
                if (e == null) {
                  f.setResult(v);
                } else {
                  Throwable cause =
                      e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                          ? e.getCause()
                          : e;
                  if (cause instanceof java.util.concurrent.CancellationException) {
                    f.cancel();
                  } else {
                    f.setException(cause);
                  }
                }
              },
              null);
      if (!loop.enqueueFromOtherThread(h)) {
        loop.externalPending.decrementAndGet();
      }
    });
    if (stage instanceof CompletableFuture<T> cf) {
      f.addListener(done -> {
        if (done.isCancelled()) {
          cf.cancel(false);
        }
      });
    }
    return f;
  }
}

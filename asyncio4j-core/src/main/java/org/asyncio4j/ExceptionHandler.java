package org.asyncio4j;

/**
 * Receives the exceptions that no task or future can carry: a callback that threw, a task whose
 * exception nobody retrieved, a task still pending when its loop closed.
 *
 * <pre>{@code
 * loop.setExceptionHandler((l, ctx) -> metrics.count(ctx.message()));
 * }</pre>
 *
 * <p>asyncio: the handler of {@code loop.set_exception_handler}
 */
@FunctionalInterface
public interface ExceptionHandler {
  /**
   * Handles one report. Runs on the loop's thread (or, for reports made after close, on the thread
   * that found them).
   *
   * @param loop the loop that reports
   * @param context what happened
   */
  void handle(EventLoop loop, ExceptionContext context);
}

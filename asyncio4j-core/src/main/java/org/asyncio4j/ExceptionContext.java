package org.asyncio4j;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What an {@link ExceptionHandler} is told: a message, and whichever of the exception, future, task
 * and handle apply; {@code extra} holds the rest (asyncio's other context keys, such as {@code
 * source_traceback}).
 *
 * <pre>{@code
 * loop.callExceptionHandler(new ExceptionContext("lost connection", e, null, null, null, Map.of()));
 * }</pre>
 *
 * <p>asyncio: the {@code context} dict of {@code loop.call_exception_handler}
 *
 * @param message what happened
 * @param exception the exception, if any
 * @param future the future concerned, if any
 * @param task the task concerned, if any
 * @param handle the callback handle concerned, if any
 * @param extra other keys
 */
public record ExceptionContext(
    String message,
    @Nullable Throwable exception,
    @Nullable Future<?> future,
    @Nullable Task<?> task,
    @Nullable Handle handle,
    Map<String, Object> extra) {

  /**
   * Renders the context for a log line: the message, then each present key.
   *
   * @return the text
   */
  public String describe() {
    StringBuilder sb = new StringBuilder(message);
    if (future != null && future != task) {
      sb.append("\nfuture: ").append(future);
    }
    if (task != null) {
      sb.append("\ntask: ").append(task);
    }
    if (handle != null) {
      sb.append("\nhandle: ").append(handle);
    }
    for (Map.Entry<String, Object> e : extra.entrySet()) {
      Object v = e.getValue();
      if (v instanceof Throwable t) {
        sb.append('\n').append(e.getKey()).append(':');
        for (StackTraceElement el : t.getStackTrace()) {
          sb.append("\n\tat ").append(el);
        }
      } else {
        sb.append('\n').append(e.getKey()).append(": ").append(v);
      }
    }
    return sb.toString();
  }
}

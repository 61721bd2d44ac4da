package org.asyncio4j;

import java.lang.ref.Cleaner;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The failed tasks of one loop whose exception no one has retrieved yet, and the reports of those
 * that stay unretrieved: when the task is collected (a {@link Cleaner} action, asyncio's {@code
 * Task.__del__}) or when the loop closes, whichever comes first, "Task exception was never
 * retrieved" goes to the loop's exception handler, once. Separate from {@link EventLoop} because it
 * is bookkeeping for diagnostics, off the loop's hot path. Any thread: the Cleaner's thread reports
 * through the loop's inbox.
 */
final class UnretrievedFailures {
  private static final Cleaner CLEANER = Cleaner.create();

  private final EventLoop loop;
  private final Set<Task.FailureReport> unretrieved = ConcurrentHashMap.newKeySet();

  UnretrievedFailures(EventLoop loop) {
    this.loop = loop;
  }

  /** {@link EventLoop#trackUnretrieved}: {@code task} failed with what {@code report} holds. */
  void track(Task<?> task, Task.FailureReport report) {
    unretrieved.add(report);
    CLEANER.register(task, () -> reportFailure(report));
  }

  private void reportFailure(Task.FailureReport report) {
    if (!unretrieved.remove(report) || report.retrieved || report.reported) {
      return;
    }
    report.reported = true;
    Runnable r =
        () ->
            loop.callExceptionHandler(
                new ExceptionContext(
                    "Task exception was never retrieved",
                    report.exception,
                    null,
                    null,
                    null,
                    report.creationStack == null
                        ? Map.of("task", report.task)
                        : Map.of("task", report.task, "source_traceback", report.creationStack)));
    if (loop.isClosed() || !loop.enqueueFromOtherThread(new Handle(r, null))) {
      r.run();
    }
  }

  /** EventLoop.close(): every failure still unretrieved is reported now. */
  void reportUnretrieved() {
    for (Task.FailureReport r : List.copyOf(unretrieved)) {
      if (!r.retrieved) {
        reportFailure(r);
      }
    }
    unretrieved.clear();
  }
}

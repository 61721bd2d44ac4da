package org.asyncio4j;

import java.lang.ref.Cleaner;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The failed futures and tasks of one loop whose exception no one has retrieved yet, and the
 * reports of those that stay unretrieved: when the future is collected (a {@link Cleaner} action,
 * asyncio's {@code Future.__del__}) or when the loop closes, whichever comes first, "Task exception
 * was never retrieved" (or "Future exception was never retrieved") goes to the loop's exception
 * handler, once. Separate from {@link EventLoop} because it is bookkeeping for diagnostics, off the
 * loop's hot path: only a future that fails pays for it. Any thread: the Cleaner's thread hands its
 * reports to the loop through a queue of its own and the loop's inbox; {@link #reportUnretrieved}
 * at close delivers what that queue still holds, so that a report the inbox held when the loop
 * closed is not lost with the inbox.
 */
final class UnretrievedFailures {
  private static final Cleaner CLEANER = Cleaner.create();

  private final EventLoop loop;
  private final Set<Future.FailureReport> unretrieved = ConcurrentHashMap.newKeySet();

  /** Reports of collected futures not yet delivered to the exception handler. */
  private final ConcurrentLinkedQueue<Future.FailureReport> collected =
      new ConcurrentLinkedQueue<>();

  UnretrievedFailures(EventLoop loop) {
    this.loop = loop;
  }

  /** {@link EventLoop#trackUnretrieved}: {@code future} failed with what {@code report} holds. */
  void track(Future<?> future, Future.FailureReport report) {
    unretrieved.add(report);
    CLEANER.register(future, () -> onCollected(report));
  }

  /** The Cleaner's thread: the future is gone; the loop reports it on its own thread if it can. */
  private void onCollected(Future.FailureReport report) {
    if (!unretrieved.remove(report) || report.retrieved) {
      return;
    }
    collected.add(report);
    // The report is queued before the loop's closed flag is read (in enqueueFromOtherThread):
    // either the handle reaches the inbox of a loop that has not closed yet, whose close() then
    // finds the report in the queue, or this thread sees the loop closed and delivers it itself.
    if (!loop.enqueueFromOtherThread(new Handle(this::deliverCollected, null))) {
      deliverCollected();
    }
  }

  /** How many reports of collected futures wait for the loop to deliver them; for tests. */
  int queuedReports() {
    return collected.size();
  }

  private void deliverCollected() {
    Future.FailureReport r;
    while ((r = collected.poll()) != null) {
      deliver(r);
    }
  }

  private void deliver(Future.FailureReport report) {
    if (report.retrieved || report.reported) {
      return;
    }
    report.reported = true;
    String kind = Objects.requireNonNullElse(report.kind, "Future");
    String description = Objects.requireNonNullElse(report.description, kind);
    // asyncio's context has the future itself under "future"; it is gone (or about to be) when
    // the report is made, so the key holds the repr it had when it failed.
    String key = kind.equals("Task") ? "task" : "future";
    Map<String, Object> extra =
        report.creationStack == null
            ? Map.of(key, description)
            : Map.of(key, description, "source_traceback", report.creationStack);
    loop.callExceptionHandler(
        new ExceptionContext(
            kind + " exception was never retrieved", report.exception, null, null, null, extra));
  }

  /**
   * EventLoop.close(): the reports of collected futures still queued, then every failure still
   * unretrieved, are delivered now.
   */
  void reportUnretrieved() {
    deliverCollected();
    for (Future.FailureReport r : List.copyOf(unretrieved)) {
      if (unretrieved.remove(r) && !r.retrieved) {
        deliver(r);
      }
    }
  }
}

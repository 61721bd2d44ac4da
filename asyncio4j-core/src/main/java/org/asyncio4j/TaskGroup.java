package org.asyncio4j;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Structured concurrency: tasks created in the group are awaited when the group's block ends; the
 * first failure cancels the other tasks and the block, and every failure comes back in one {@link
 * ExceptionGroup}.
 *
 * <p>Two forms. The lambda form follows asyncio exactly, because it sees the block's exception:
 *
 * <pre>{@code
 * TaskGroup.run(group -> {
 *   group.createTask(() -> fetch("a"));
 *   group.createTask(() -> fetch("b"));
 * });   // both done here
 * }</pre>
 *
 * <p>The try-with-resources form reads like {@code async with}, with two differences that Java
 * forces, because {@code close()} cannot see or replace the exception leaving the block: an
 * exception thrown by the block itself (not a cancellation) does not cancel the tasks, which then
 * run to their end before it propagates; and the exception raised in the block when a task fails is
 * the group's {@link ExceptionGroup} itself, filled in when the group ends (close() then adds a
 * copy of it as suppressed). After {@link #cancel()}, the block ends with a {@link
 * CancelledException} in this form, while the lambda form absorbs it as asyncio does.
 *
 * <pre>{@code
 * try (var group = new TaskGroup()) {
 *   group.createTask(() -> fetch("a"));
 * } catch (ExceptionGroup e) {
 *   ...
 * }
 * }</pre>
 *
 * <p>Loop-confined: create it in a task (its parent); create tasks in it from that task or from its
 * own tasks.
 *
 * <p>asyncio: {@code asyncio.TaskGroup} (Python 3.13 semantics, and {@code cancel()} from 3.15)
 */
public final class TaskGroup implements AutoCloseable {
  private final EventLoop loop;
  private final Task<?> parent;
  private final int cancellingAtEnter;
  private boolean exiting;
  private boolean aborting;
  private boolean parentCancelRequested;
  private boolean closed;
  private final Set<Task<?>> tasks = new LinkedHashSet<>();
  private final List<Throwable> errors = new ArrayList<>();
  private @Nullable Future<Boolean> onCompleted;
  private @Nullable ExceptionGroup delivered;
  private boolean deliveredInBody;
  private boolean inExit;

  /** run(body) sees the block's exception, so the block can see a plain cancellation. */
  private boolean lambdaForm;

  /**
   * Creates and enters a group whose parent is the calling task.
   *
   * <p>asyncio: {@code TaskGroup()} plus {@code __aenter__}
   *
   * @throws IllegalStateException when called outside a task
   */
  public TaskGroup() {
    Task<?> current = Task.currentOrNull();
    if (current == null) {
      throw new IllegalStateException(
          "TaskGroup must be created inside a task (its parent); run the code with Asyncio.run");
    }
    this.parent = current;
    this.loop = current.owner;
    this.cancellingAtEnter = current.cancelling();
  }

  /**
   * Runs {@code body} with a new group and waits for all its tasks: asyncio's {@code async with
   * TaskGroup() as group} exactly, including the cancellation rules.
   *
   * @param body the block
   * @throws ExceptionGroup with every failure, if any task or the block failed
   */
  public static void run(Body body) {
    TaskGroup group = new TaskGroup();
    group.lambdaForm = true;
    Throwable bodyFailure = null;
    try {
      body.run(group);
    } catch (Throwable t) {
      bodyFailure = t;
    }
    group.exit(bodyFailure, bodyFailure);
    if (bodyFailure != null
        && !(bodyFailure instanceof CancelledException)
        && bodyFailure != group.delivered) {
      throw Future.propagate(bodyFailure); // not reached: exit() raised the group
    }
  }

  /** The block of {@link #run(Body)}. */
  @FunctionalInterface
  public interface Body {
    /**
     * Runs the block.
     *
     * @param group the group, to create tasks in
     * @throws Exception whatever the block throws
     */
    void run(TaskGroup group) throws Exception;
  }

  /**
   * Creates a task in the group.
   *
   * <p>asyncio: {@code TaskGroup.create_task}
   *
   * @param coroutine the body
   * @param <T> its result type
   * @return the task
   * @throws IllegalStateException if the group has finished or is shutting down
   */
  public <T extends @Nullable Object> Task<T> createTask(Coroutine<T> coroutine) {
    return createTask(coroutine, null);
  }

  /**
   * Creates a named task in the group.
   *
   * @param coroutine the body
   * @param name the task's name, or null
   * @param <T> its result type
   * @return the task
   */
  public <T extends @Nullable Object> Task<T> createTask(
      Coroutine<T> coroutine, @Nullable String name) {
    if (exiting && tasks.isEmpty()) {
      throw new IllegalStateException("TaskGroup " + this + " is finished");
    }
    if (aborting) {
      throw new IllegalStateException("TaskGroup " + this + " is shutting down");
    }
    Task<T> task = loop.createTask(coroutine, name);
    // gh-128550: add the done callback even if the task already finished eagerly; otherwise an
    // exception from it would be missed.
    tasks.add(task);
    task.addDoneCallback(this::onTaskDone);
    // gh-155418: an eager task can abort the group before it joined the set.
    if (aborting && !task.isDone()) {
      task.cancel();
    }
    return task;
  }

  /**
   * Like {@link #createTask(Coroutine, String)}, in {@code context} itself rather than a copy of
   * the current context (see {@link EventLoop#createTask(Coroutine, String, Context)}).
   *
   * <p>asyncio: {@code TaskGroup.create_task(coro, name=name, context=context)}
   *
   * @param coroutine the body
   * @param name the task's name, or null
   * @param context the context the task runs in
   * @param <T> its result type
   * @return the task
   */
  public <T extends @Nullable Object> Task<T> createTask(
      Coroutine<T> coroutine, @Nullable String name, Context context) {
    return loop.callWithNextTaskContext(context, () -> createTask(coroutine, name));
  }

  /**
   * Creates a task without a result in the group.
   *
   * @param coroutine the body
   * @return the task
   */
  public Task<Void> createTask(VoidCoroutine coroutine) {
    return Task.ofVoid(createTask(coroutine.asCoroutine(), null));
  }

  /**
   * Creates a named task without a result in the group.
   *
   * @param coroutine the body
   * @param name the task's name
   * @return the task
   */
  public Task<Void> createTask(VoidCoroutine coroutine, @Nullable String name) {
    return Task.ofVoid(createTask(coroutine.asCoroutine(), name));
  }

  /**
   * Ends the group early, without an error: cancels its tasks that are not done and the block.
   * Idempotent; does nothing after the group has finished.
   *
   * <p>asyncio: {@code TaskGroup.cancel()} (Python 3.15)
   */
  public void cancel() {
    if (exiting && tasks.isEmpty()) {
      return;
    }
    if (!aborting) {
      abort();
      if (!parentCancelRequested) {
        parentCancelRequested = true;
        parent.requestCancel(null, this);
      }
    }
  }

  private void abort() {
    aborting = true;
    for (Task<?> t : new ArrayList<>(tasks)) {
      if (!t.isDone()) {
        t.cancel();
      }
    }
  }

  private void onTaskDone(Future<?> f) {
    Task<?> task = (Task<?>) f;
    tasks.remove(task);
    Future<Boolean> done = onCompleted;
    if (done != null && tasks.isEmpty() && !done.isDone()) {
      done.setResult(true);
    }
    if (task.isCancelled()) {
      return;
    }
    Throwable e = task.exception();
    if (e == null) {
      return;
    }
    errors.add(e);
    if (parent.isDone()) {
      loop.callExceptionHandler(
          new ExceptionContext(
              "Task "
                  + task
                  + " has errored out but its parent task "
                  + parent
                  + " is already completed",
              e,
              task,
              task,
              null,
              java.util.Map.of()));
      return;
    }
    if (!aborting && !parentCancelRequested) {
      // Abort whatever the block is doing now; the cancellation is withdrawn when it ends.
      abort();
      parentCancelRequested = true;
      parent.requestCancel(null, this);
    }
  }

  /** Whether the cancellation being raised in {@code t} was requested by this group. */
  boolean isOwnCancellation(Task<?> t) {
    return t == parent && parentCancelRequested && t.cancelling() == cancellingAtEnter + 1;
  }

  /** What the block sees at its suspension point when the group cancels it. */
  RuntimeException abortException() {
    if (errors.isEmpty() || lambdaForm) {
      return new CancelledException("TaskGroup " + this + " was cancelled");
    }
    ExceptionGroup g = delivered;
    if (g == null) {
      g = new ExceptionGroup("unhandled errors in a TaskGroup");
      delivered = g;
    }
    if (!inExit) {
      deliveredInBody = true;
    }
    return g;
  }

  /**
   * Ends the block (try-with-resources form): waits for every task of the group. Java does not tell
   * {@code close()} which exception leaves the block; a pending cancellation of the parent is taken
   * to mean that one does, as it nearly always does.
   *
   * <p>asyncio: {@code TaskGroup.__aexit__}
   *
   * @throws ExceptionGroup with every failure, if any task failed
   */
  @Override
  public void close() {
    boolean cancellationPropagating = parent.cancelling() > cancellingAtEnter || deliveredInBody;
    exit(cancellationPropagating ? UNKNOWN_CANCELLATION : null, null);
  }

  /** Stands for "a cancellation leaves the block, we do not have the instance" in close(). */
  private static final CancelledException UNKNOWN_CANCELLATION =
      new CancelledException("(propagating)");

  /**
   * asyncio's {@code _aexit}. Returns normally when the block's exception is to be suppressed (or
   * there was none); throws what must propagate.
   *
   * @param bodyExc the exception that left the block, UNKNOWN_CANCELLATION, or null
   * @param bodyInstance the same exception when the caller holds it (lambda form), else null
   */
  private void exit(@Nullable Throwable bodyExc, @Nullable Throwable bodyInstance) {
    if (closed) {
      throw new IllegalStateException("TaskGroup " + this + " was already closed");
    }
    closed = true;
    exiting = true;
    boolean bodyCancelled =
        bodyExc instanceof CancelledException || (bodyExc != null && bodyExc == delivered);
    Throwable propagateCancellation = bodyCancelled ? bodyExc : null;
    if (bodyExc != null && !aborting) {
      abort();
    }
    Throwable pendingCancellation = null;
    inExit = true;
    try {
      while (!tasks.isEmpty()) {
        if (onCompleted == null) {
          onCompleted = loop.createFuture();
        }
        try {
          onCompleted.await();
        } catch (CancelledException | ExceptionGroup ex) {
          if (ex instanceof ExceptionGroup && ex != delivered) {
            throw ex;
          }
          pendingCancellation = ex;
          if (!aborting) {
            propagateCancellation = ex;
            abort();
          }
        }
        onCompleted = null;
      }
    } finally {
      inExit = false;
    }
    if (parentCancelRequested) {
      if (parent.uncancel() == 0) {
        propagateCancellation = null; // no cancellation left: ours is absorbed
      } else if (propagateCancellation == null) {
        propagateCancellation = pendingCancellation; // gh-155433: not ours, keep it
      }
    }
    if (propagateCancellation != null && errors.isEmpty()) {
      if (propagateCancellation == UNKNOWN_CANCELLATION || propagateCancellation == bodyInstance) {
        if (bodyInstance != null) {
          throw Future.propagate(bodyInstance);
        }
        return; // try-with-resources: it is already on its way out of the block
      }
      if (propagateCancellation == delivered) {
        throw new CancelledException("TaskGroup cancelled");
      }
      throw Future.propagate(propagateCancellation);
    }
    if (bodyExc != null && !bodyCancelled && bodyExc != UNKNOWN_CANCELLATION) {
      errors.add(bodyExc);
    }
    if (!errors.isEmpty()) {
      if (parent.cancelling() > 0) {
        // Cancelled from outside the group too: un-cancel and re-cancel, keeping the count.
        parent.uncancel();
        parent.cancel();
      }
      ExceptionGroup g = delivered;
      if (g == null) {
        g = new ExceptionGroup("unhandled errors in a TaskGroup");
        delivered = g;
      }
      for (Throwable e : errors) {
        g.add(e);
      }
      g.seal();
      if (deliveredInBody && bodyInstance == null) {
        // try-with-resources: the same instance is already leaving the block; throwing it here
        // too would be self-suppression. A copy keeps the failures if the block swallowed it.
        throw new ExceptionGroup("unhandled errors in a TaskGroup", errors);
      }
      throw g;
    }
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("<TaskGroup");
    if (!tasks.isEmpty()) {
      sb.append(" tasks=").append(tasks.size());
    }
    if (!errors.isEmpty()) {
      sb.append(" errors=").append(errors.size());
    }
    if (aborting) {
      sb.append(" cancelling");
    } else if (!closed) {
      sb.append(" entered");
    }
    return sb.append('>').toString();
  }
}

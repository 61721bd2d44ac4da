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
 * <p>What the try form still guarantees: no child outlives the block (close() cancels and awaits
 * them whatever reaches the parent meanwhile); a cancellation that arrives while close() waits is
 * thrown, and re-armed for the next suspension point in case an exception of the block hides it;
 * and when the group's {@link ExceptionGroup} ends up suppressed by the exception that then ends
 * the task, the task fails with the group's failures after all (see {@link #close()}). Prefer the
 * lambda form where a block may throw or time out.
 *
 * <p>{@link VirtualMachineError}s (out of memory, stack overflow) are not failures among others:
 * the first one, of a task or of the block, cancels the other tasks like any failure, and leaves
 * the group unwrapped once they are done, as asyncio lets {@code SystemExit} and {@code
 * KeyboardInterrupt} through. Every other {@link Error} is collected in the {@link ExceptionGroup}
 * with the exceptions.
 *
 * <pre>{@code
 * try (var group = new TaskGroup()) {
 *   group.createTask(() -> fetch("a"));
 * } catch (ExceptionGroup e) {
 *   e.exceptions().forEach(failure -> System.out.println("failed: " + failure));
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
  private final CancelScope node;
  private final int cancellingAtEnter;
  private boolean exiting;
  private boolean aborting;
  private boolean parentCancelRequested;

  /** Set once exit() has withdrawn the parent cancellation this group requested. */
  private boolean parentCancelWithdrawn;

  private boolean closed;
  private final Set<Task<?>> tasks = new LinkedHashSet<>();
  private final List<Throwable> errors = new ArrayList<>();

  /** The first VirtualMachineError of a task or of the block: raised unwrapped at the exit. */
  private @Nullable Throwable fatalError;

  private @Nullable Future<Boolean> onCompleted;
  private @Nullable ExceptionGroup delivered;
  private boolean deliveredInBody;
  private boolean inExit;

  /** run(body) sees the block's exception, so the block can see a plain cancellation. */
  private final boolean exact;

  /**
   * Creates and enters a group whose parent is the calling task.
   *
   * <p>asyncio: {@code TaskGroup()} plus {@code __aenter__}
   *
   * @throws IllegalStateException when called outside a task
   */
  public TaskGroup() {
    this(false);
  }

  private TaskGroup(boolean exact) {
    Task<?> current = Task.currentOrNull();
    if (current == null) {
      throw new IllegalStateException(
          "TaskGroup must be created inside a task (its parent); run the code with Asyncio.run");
    }
    this.parent = current;
    this.loop = current.owner;
    this.exact = exact;
    this.cancellingAtEnter = current.cancelling();
    this.node =
        new CancelScope(current.scope, exact) {
          @Override
          @Nullable RuntimeException preConverted(int[] count, @Nullable String message) {
            return TaskGroup.this.preConverted(count);
          }
        };
    current.enterScope(node);
  }

  /**
   * Runs {@code body} with a new group and waits for all its tasks: asyncio's {@code async with
   * TaskGroup() as group} exactly, including the cancellation rules.
   *
   * @param body the block
   * @throws ExceptionGroup with every failure, if any task or the block failed
   */
  public static void run(Body body) {
    TaskGroup group = new TaskGroup(true);
    Throwable bodyFailure = null;
    try {
      body.run(group);
    } catch (Throwable t) {
      bodyFailure = t;
    }
    group.exit(bodyFailure);
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
   * Idempotent; does nothing after the group has finished. In the try-with-resources form the block
   * then ends with a {@link CancelledException} (its {@code close()} cannot absorb it); the lambda
   * form absorbs it as asyncio does.
   *
   * <p>asyncio: {@code TaskGroup.cancel()} (Python 3.15)
   */
  public void cancel() {
    if (exiting && tasks.isEmpty()) {
      return;
    }
    if (!aborting) {
      abort();
      requestParentCancel();
    }
  }

  private void requestParentCancel() {
    if (!parentCancelRequested) {
      parentCancelRequested = true;
      parent.requestCancel(null);
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
    if (e instanceof VirtualMachineError && fatalError == null) {
      fatalError = e;
    }
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
      requestParentCancel();
    }
  }

  private @Nullable RuntimeException preConverted(int[] count) {
    if (!parentCancelRequested || parentCancelWithdrawn) {
      return null;
    }
    count[0]--;
    if (count[0] != 0) {
      return null; // cancelled from outside too: the cancellation passes through (asyncio)
    }
    if (errors.isEmpty()) {
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
   * Ends the block (try-with-resources form): waits for every task of the group.
   *
   * <p>Java does not tell {@code close()} which exception leaves the block. A cancellation of the
   * parent that was raised and not withdrawn is taken to be leaving it (it nearly always is): the
   * tasks are then cancelled before they are awaited. An exception the block throws itself does not
   * cancel the tasks: they run to their end before it propagates, and their failures then arrive as
   * an {@link ExceptionGroup} suppressed by it. A cancellation that reaches the parent while
   * close() waits is never lost: it is thrown from close(), and re-armed in case an exception of
   * the block hides it, so the task is cancelled at its next suspension point or when it returns.
   * Use {@link #run(Body)} where these differences matter.
   *
   * <p>asyncio: {@code TaskGroup.__aexit__}
   *
   * @throws ExceptionGroup with every failure, if any task failed
   */
  @Override
  public void close() {
    boolean cancellationLeaving =
        deliveredInBody
            || (parent.cancelling() > cancellingAtEnter && !parent.cancellationNotYetRaised());
    exit(cancellationLeaving ? UNKNOWN_CANCELLATION : null);
  }

  /** Stands for "a cancellation leaves the block, we do not have the instance" in close(). */
  @SuppressWarnings("StaticAssignmentOfThrowable") // a sentinel compared by identity, never thrown
  private static final CancelledException UNKNOWN_CANCELLATION =
      new CancelledException("(propagating)");

  /** Whether {@code e}, leaving the block, is a cancellation rather than a failure of it. */
  @SuppressWarnings("ReferenceEquality") // identity: the group's own ExceptionGroup instance
  private boolean isCancellation(@Nullable Throwable e) {
    return (e instanceof CancelledException && !(e instanceof AsyncTimeoutException))
        || (e != null && e == delivered);
  }

  /**
   * asyncio's {@code _aexit}. Returns normally when the block's exception is to be suppressed (or
   * there was none, or it is already leaving a try block); throws what must propagate.
   *
   * @param bodyExc the exception that left the block (lambda form), UNKNOWN_CANCELLATION, or null
   */
  @SuppressWarnings("ReferenceEquality") // identity: sentinels and the instances that left
  private void exit(@Nullable Throwable bodyExc) {
    if (closed) {
      throw new IllegalStateException("TaskGroup " + this + " was already closed");
    }
    closed = true;
    exiting = true;
    if (bodyExc instanceof VirtualMachineError && fatalError == null) {
      fatalError = bodyExc;
    }
    boolean bodyCancelled = isCancellation(bodyExc);
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
        } catch (Throwable ex) {
          // onCompleted only ever gets a result: whatever ends this wait early is a cancellation
          // of the parent (plain, or converted for a try-form scope outside). The children are
          // cancelled and still awaited: no block is left with a child running.
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
      parent.leaveScope(node);
    }
    if (parentCancelRequested) {
      parentCancelWithdrawn = true;
      if (parent.uncancel() == 0) {
        propagateCancellation = null; // no cancellation left: ours is absorbed
      } else if (propagateCancellation == null) {
        propagateCancellation = pendingCancellation; // gh-155433: not ours, keep it
      }
    }
    Throwable fatal = fatalError;
    if (fatal != null) {
      // A VirtualMachineError (out of memory, stack overflow) is not one failure among others: it
      // leaves unwrapped once the tasks are done, as asyncio lets SystemExit and
      // KeyboardInterrupt through.
      throw Future.propagate(fatal);
    }
    if (propagateCancellation != null && errors.isEmpty()) {
      if (propagateCancellation == UNKNOWN_CANCELLATION) {
        return; // try-with-resources: it is already on its way out of the block
      }
      if (propagateCancellation != bodyExc && !exact) {
        // Caught while close() waited: an exception of the block may be leaving and would hide
        // it as suppressed, so it is also raised again at the task's next suspension point.
        parent.repeatCancellation();
      }
      throw parent.cancellationLeaving(propagateCancellation);
    }
    if (bodyExc != null && !bodyCancelled && bodyExc != UNKNOWN_CANCELLATION) {
      errors.add(bodyExc);
    }
    if (!errors.isEmpty()) {
      if (parent.cancelling() > 0) {
        // Cancelled from outside the group too: un-cancel and re-cancel, keeping the count, so
        // that the cancellation is raised at the next suspension point (asyncio).
        parent.uncancel();
        parent.cancel();
      }
      ExceptionGroup g = delivered;
      if (exact || g == null) {
        g = new ExceptionGroup("unhandled errors in a TaskGroup", errors);
      } else {
        for (Throwable e : errors) {
          g.add(e);
        }
        g.seal();
        if (deliveredInBody) {
          // try-with-resources: the same instance is already leaving the block; throwing it here
          // too would be self-suppression. A copy keeps the failures if the block swallowed it.
          throw new ExceptionGroup("unhandled errors in a TaskGroup", errors);
        }
        parent.hiddenGroupFailure = g;
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

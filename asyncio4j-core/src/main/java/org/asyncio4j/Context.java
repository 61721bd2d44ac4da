package org.asyncio4j;

import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A mapping of {@link ContextVar}s to their values: the context a task or callback runs in.
 *
 * <p>Every task starts with a copy of the context of the code that created it, so values it sets
 * are invisible to its creator, unless it is given a context to run in ({@link
 * EventLoop#createTask(Coroutine, String, Context)}, {@link Runner#run(Coroutine, Context)}): then
 * it runs in that context itself, and tasks given the same context see each other's values. A
 * context is entered while a task runs in it, until the task ends: {@link #run} on it is refused
 * meanwhile (a copy can be run); a task's own copy (the {@link Task#getContext()} of a task created
 * without a context) stays entered after the task ended. asyncio enters it only during each step of
 * the task, so there a callback may run it between two steps; here a task's steps are not separate
 * entries. Every callback runs in a copy of the context captured when it was scheduled; {@link
 * Asyncio#toThread} carries the context to the worker thread. Copying is O(1): a context holds an
 * immutable map and {@link ContextVar#set} replaces it.
 *
 * <p>Thread-confined: use a context from one thread, or from the tasks of one loop (which take
 * turns, so a context they share is entered by one of them at a time).
 *
 * <pre>{@code
 * ContextVar<String> user = new ContextVar<>("user");
 * Context ctx = Context.copyCurrent();
 * ctx.run(() -> user.set("alice"));
 * System.out.println(ctx.get(user));       // alice
 * System.out.println(user.get(null));      // null: the current context is unchanged
 * }</pre>
 *
 * <p>asyncio: {@code contextvars.Context}, {@code contextvars.copy_context()}
 */
public final class Context {
  private static final ThreadLocal<Context> CURRENT = ThreadLocal.withInitial(Context::new);

  private Map<ContextVar<?>, Object> values;
  private boolean entered;

  /**
   * How many live tasks run in this context. A task's context counts as entered for the task's
   * whole life (its steps are not separate entries as in CPython); several tasks may share one
   * context (given to {@code createTask}), each taking turns in it as asyncio's tasks do.
   */
  private int tasksRunning;

  /** Creates an empty context. asyncio: {@code contextvars.Context()} */
  public Context() {
    this(Map.of());
  }

  private Context(Map<ContextVar<?>, Object> values) {
    this.values = values;
  }

  /**
   * Returns the context the calling thread runs in.
   *
   * @return the current context, never null
   */
  public static Context current() {
    Task<?> task = Task.currentRaw();
    return task != null ? task.activeContext : CURRENT.get();
  }

  /**
   * Returns a copy of the current context.
   *
   * <p>asyncio: {@code contextvars.copy_context()}
   *
   * @return a new context with the same values
   */
  public static Context copyCurrent() {
    return current().copy();
  }

  /**
   * Returns a copy of this context: same values, independent from now on.
   *
   * @return the copy
   */
  public Context copy() {
    return new Context(values);
  }

  /**
   * Returns the value of {@code variable} in this context.
   *
   * @param variable the variable
   * @param <T> its type
   * @return its value here, or null if it has none
   */
  @SuppressWarnings("unchecked")
  public <T extends @Nullable Object> @Nullable T get(ContextVar<T> variable) {
    return (T) values.get(variable);
  }

  /**
   * Returns whether {@code variable} has a value in this context.
   *
   * @param variable the variable
   * @return true if set here
   */
  public boolean contains(ContextVar<?> variable) {
    return values.containsKey(variable);
  }

  /**
   * Runs {@code action} with this context as the current one, then restores the previous one.
   * Changes that {@code action} makes to context variables are kept in this context.
   *
   * <p>asyncio: {@code Context.run}
   *
   * @param action what to run
   * @throws IllegalStateException if this context is already entered, as in Python
   */
  public void run(Runnable action) {
    Context previous = enter();
    try {
      action.run();
    } finally {
      exit(previous);
    }
  }

  /**
   * Calls {@code action} with this context as the current one and returns its result.
   *
   * @param action what to call
   * @param <T> its result type
   * @return what it returned
   */
  public <T extends @Nullable Object> T call(Supplier<T> action) {
    Context previous = enter();
    try {
      return action.get();
    } finally {
      exit(previous);
    }
  }

  Context enter() {
    if (entered || tasksRunning > 0) {
      throw new IllegalStateException(
          "Context " + this + " is already entered; run a copy() of it instead");
    }
    entered = true;
    Task<?> task = Task.currentRaw();
    if (task != null) {
      Context previous = task.activeContext;
      task.activeContext = this;
      return previous;
    }
    Context previous = CURRENT.get();
    CURRENT.set(this);
    return previous;
  }

  void exit(Context previous) {
    entered = false;
    Task<?> task = Task.currentRaw();
    if (task != null) {
      task.activeContext = previous;
    } else {
      CURRENT.set(previous);
    }
  }

  /** A task's own copy of a context is entered for the task's whole life, and after it. */
  void markEnteredBy() {
    entered = true;
  }

  /** A task starts running in this given context: it is entered until the task ends. */
  void taskStarted() {
    tasksRunning++;
  }

  /** A task that ran in this context ended. */
  void taskEnded() {
    tasksRunning--;
  }

  boolean isEmpty() {
    return values.isEmpty();
  }

  Map<ContextVar<?>, Object> values() {
    return values;
  }

  void replaceValues(Map<ContextVar<?>, Object> newValues) {
    values = newValues;
  }

  @Override
  public String toString() {
    return "<Context " + values.size() + " var" + (values.size() == 1 ? "" : "s") + ">";
  }
}

package org.asyncio4j;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Every failure of the tasks of a {@link TaskGroup}, raised together.
 *
 * <p>The first failure is this exception's {@linkplain #getCause() cause}; all of them, in the
 * order they happened, are in {@link #exceptions()} and are added as suppressed exceptions, so a
 * stack trace shows every one.
 *
 * <pre>{@code
 * try (var group = new TaskGroup()) {
 *   group.createTask(() -> { throw new IllegalStateException("a"); });
 *   group.createTask(() -> { throw new IllegalArgumentException("b"); });
 * } catch (ExceptionGroup e) {
 *   e.exceptions().forEach(System.out::println);
 * }
 * }</pre>
 *
 * <p>asyncio: {@code ExceptionGroup} / {@code BaseExceptionGroup}
 */
public class ExceptionGroup extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The failures, in the order they were added; serialized with the group. */
  @SuppressWarnings("serial") // Throwables are serializable; the list is an ArrayList.
  private final List<Throwable> exceptions = new ArrayList<>();

  /** Whether the list is final: at once for a public constructor, when its TaskGroup is done. */
  private boolean sealed;

  /**
   * Creates a group of the given exceptions.
   *
   * @param message what failed
   * @param exceptions the failures, at least one
   */
  // add() calls Throwable's getCause() and initCause(), which no subclass overrides to read state
  @SuppressWarnings("this-escape")
  public ExceptionGroup(String message, List<? extends Throwable> exceptions) {
    super(message, exceptions.isEmpty() ? null : exceptions.get(0));
    if (exceptions.isEmpty()) {
      throw new IllegalArgumentException("an ExceptionGroup needs at least one exception");
    }
    for (Throwable t : exceptions) {
      add(t);
    }
    sealed = true;
  }

  /** A group that its {@link TaskGroup} fills while it waits for its tasks to end. */
  ExceptionGroup(String message) {
    super(message);
  }

  // final: the constructor calls it, so a subclass must not see it before it is initialised
  final void add(Throwable t) {
    if (sealed) {
      throw new IllegalStateException("ExceptionGroup " + getMessage() + " is sealed");
    }
    if (exceptions.isEmpty() && getCause() == null) {
      initCause(t);
    }
    exceptions.add(t);
    if (!t.equals(this)) { // Throwable.equals is identity
      addSuppressed(t);
    }
  }

  void seal() {
    sealed = true;
  }

  /**
   * Returns every failure, in the order they happened.
   *
   * @return an unmodifiable list, never empty once raised
   */
  public List<Throwable> exceptions() {
    return Collections.unmodifiableList(exceptions);
  }

  @Override
  public String getMessage() {
    String base = super.getMessage();
    int n = exceptions.size();
    return base + " (" + n + " sub-exception" + (n == 1 ? "" : "s") + ")";
  }
}

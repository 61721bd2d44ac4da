package org.asyncio4j.sync;

import java.util.concurrent.CompletionException;
import org.asyncio4j.Coroutine;
import org.asyncio4j.VoidCoroutine;
import org.jspecify.annotations.Nullable;

/**
 * A lock or permit held by the calling task, returned by {@link Lock#acquire()}, {@link
 * Condition#acquire()} and {@link Semaphore#acquire()}. Closing it releases what it holds, once: a
 * second {@link #close()} does nothing, so that try-with-resources and an explicit close can be
 * combined safely.
 *
 * <p>Loop-confined: close it from a task or callback of the lock's loop; as a lock has no owner
 * (asyncio's rule), that need not be the task that acquired it.
 *
 * <pre>{@code
 * try (Held held = lock.acquire()) {
 *   balance += amount;   // only one task at a time runs this
 * }
 * }</pre>
 *
 * <p>asyncio: the {@code async with lock:} block
 */
public final class Held implements AutoCloseable {
  private final Object source;
  private final Runnable release;
  private boolean released;

  Held(Object source, Runnable release) {
    this.source = source;
    this.release = release;
  }

  /**
   * Returns whether this hold has been released by {@link #close()}.
   *
   * @return true after a successful close
   */
  public boolean isReleased() {
    return released;
  }

  /**
   * Releases the lock or permit, unless this hold was already released. Does not suspend.
   *
   * <p>asyncio: leaving {@code async with lock:}
   *
   * @throws IllegalStateException if what it holds was already released some other way (a {@link
   *     Lock#release()} that did not go through this hold, say, or a {@link BoundedSemaphore} that
   *     has all its permits): the release is refused and this hold stays unreleased
   */
  @Override
  public void close() {
    if (released) {
      return;
    }
    release.run();
    released = true;
  }

  @Override
  public String toString() {
    return "<Held " + (released ? "released" : "holding") + " " + source + ">";
  }

  /** Runs {@code body} while {@code held} is held, then releases it, whatever the outcome. */
  static <T extends @Nullable Object> T callHolding(Held held, Coroutine<T> body) {
    try (held) {
      return body.call();
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Exception e) {
      // As Future.result() does: Java cannot rethrow a checked exception undeclared.
      throw new CompletionException(e);
    }
  }

  /** Like {@link #callHolding(Held, Coroutine)} for a body without a result. */
  static void runHolding(Held held, VoidCoroutine body) {
    callHolding(held, body.asCoroutine());
  }
}

package org.asyncio4j;

import org.jspecify.annotations.Nullable;

/**
 * The body of a task that returns nothing, so that a lambda needs no {@code return null}.
 *
 * <pre>{@code
 * Asyncio.run(() -> {
 *   System.out.println("Hello world!");
 *   Asyncio.sleep(Duration.ofSeconds(1));
 *   System.out.println("Hello again!");
 * });
 * }</pre>
 *
 * <p>asyncio: a coroutine function that returns {@code None}.
 */
@FunctionalInterface
public interface VoidCoroutine {
  /**
   * Runs the body in the calling task.
   *
   * @throws Exception whatever the body throws
   */
  void run() throws Exception;

  /**
   * Adapts this body to a {@link Coroutine} whose result is null.
   *
   * @return a coroutine that runs this body and returns null
   */
  default Coroutine<@Nullable Void> asCoroutine() {
    return () -> {
      run();
      return null;
    };
  }
}

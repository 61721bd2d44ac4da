package org.asyncio4j;

import org.jspecify.annotations.Nullable;

/**
 * The body of a task that returns a value: a lambda that may suspend (by awaiting futures,
 * sleeping, acquiring locks) and may throw checked exceptions.
 *
 * <pre>{@code
 * Coroutine<Integer> mult = () -> { Asyncio.sleep(Duration.ofSeconds(1)); return 10 * 20; };
 * Task<Integer> task = Asyncio.createTask(mult);
 * }</pre>
 *
 * <p>asyncio: a coroutine function ({@code async def}); calling {@link #call()} directly is {@code
 * await coro()}: it runs in the calling task.
 *
 * @param <T> the result type; nullable ({@code Coroutine<@Nullable String>}) if the body may return
 *     null
 */
@FunctionalInterface
public interface Coroutine<T extends @Nullable Object> {
  /**
   * Runs the body in the calling task.
   *
   * @return the result
   * @throws Exception whatever the body throws
   */
  T call() throws Exception;
}

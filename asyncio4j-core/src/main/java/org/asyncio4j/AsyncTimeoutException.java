package org.asyncio4j;

/**
 * Raised when a deadline set by {@link Asyncio#timeout}, {@link Asyncio#timeoutAt}, {@link
 * Asyncio#waitFor} or {@link Asyncio#wait} passes.
 *
 * <p>It is named so that it does not collide with {@link java.util.concurrent.TimeoutException},
 * which is checked and is thrown by {@code Future.get(long, TimeUnit)}.
 *
 * <p>Difference from asyncio, forced by Java: in asyncio the body of {@code async with
 * timeout(...)} sees a {@code CancelledError}, and the context manager turns it into {@code
 * TimeoutError} on exit. A Java {@code try}-with-resources block cannot replace the exception that
 * leaves its body, so the exception raised at the suspension point when <em>only</em> the timeout
 * cancelled the task is already this one. It extends {@link CancelledException}, so inside the body
 * it behaves as the cancellation it is ({@code catch (CancelledException e)} cleans up and
 * rethrows); outside, callers catch {@code AsyncTimeoutException}. A task that ends with it counts
 * as failed, not cancelled, as a task that ends with {@code TimeoutError} does in asyncio.
 *
 * <pre>{@code
 * try (Timeout t = Asyncio.timeout(Duration.ofSeconds(1))) {
 *   Asyncio.sleep(Duration.ofSeconds(10));
 * } catch (AsyncTimeoutException e) {
 *   System.out.println("Timed out!");
 * }
 * }</pre>
 *
 * <p>asyncio: {@code asyncio.TimeoutError} (the builtin {@code TimeoutError} since 3.11)
 */
public class AsyncTimeoutException extends CancelledException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates one.
   *
   * @param message which deadline passed
   */
  public AsyncTimeoutException(String message) {
    super(message);
  }
}

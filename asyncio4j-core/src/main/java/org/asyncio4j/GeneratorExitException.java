package org.asyncio4j;

/**
 * Raised inside an {@link AsyncGenerator}'s body, at the {@code yield} where it is suspended, when
 * the generator is closed: the body's {@code finally} blocks run (and may still await), then the
 * exception leaves the body and the generator is done.
 *
 * <p>A body must let it propagate: catching it and yielding again makes {@link
 * AsyncGenerator#close()} fail with an {@link IllegalStateException}, as asyncio raises {@code
 * RuntimeError: async generator ignored GeneratorExit}. It is a {@link RuntimeException} (Python's
 * {@code GeneratorExit} is a {@code BaseException}), so a body's {@code catch (Exception e)} would
 * catch it too: rethrow it there.
 *
 * <pre>{@code
 * AsyncGenerator<String> lines = AsyncGenerator.of(out -> {
 *   var conn = open();
 *   try {
 *     while (true) out.yield(conn.readLine());
 *   } finally {
 *     conn.close();          // runs when the consumer closes the generator early
 *   }
 * });
 * }</pre>
 *
 * <p>asyncio: {@code GeneratorExit} thrown into an async generator by {@code aclose()}
 */
public final class GeneratorExitException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  GeneratorExitException(String generator) {
    super(generator + " is being closed", null, false, false);
  }
}

package org.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Review of the async generators against asyncio: each test is the Java twin of a CPython program
 * (quoted above it; 3.11, 3.12 and 3.13 print the same) whose behaviour the generators must match.
 */
@org.junit.jupiter.api.Timeout(30)
class AsyncGeneratorReviewTest {

  /*
   * def handler(loop, ctx): log.append(ctx["message"] + " / " + repr(ctx.get("exception")))
   * async def gen():
   *     try: await asyncio.sleep(5); yield 1; yield 2
   *     finally: log.append("finally")
   * ag = gen(); c = asyncio.create_task(anext(ag)); await asyncio.sleep(1)
   * await loop.shutdown_asyncgens(); log.append("shutdown returned")
   * log.append(f"c={await c}")
   * -> handler: an error occurred during closing of asynchronous generator <...> /
   *    RuntimeError('aclose(): asynchronous generator is already running'),
   *    shutdown returned, c=1
   */
  @Test
  void shutdownAsyncgensReportsAGeneratorThatIsRunningAStepInsteadOfForgettingIt() {
    List<ExceptionContext> reports = new ArrayList<>();
    List<String> log = new ArrayList<>();
    try (EventLoop loop = TestLoops.virtual()) {
      loop.setExceptionHandler((l, ctx) -> reports.add(ctx));
      loop.runUntilComplete(() -> {
        AsyncGenerator<Integer> gen =
            AsyncGenerator.of(out -> {
              try {
                Asyncio.sleep(Duration.ofSeconds(5));
                out.yield(1);
                out.yield(2);
              } finally {
                log.add("finally");
              }
            });
        Task<Integer> c = Asyncio.createTask(gen::next);
        Asyncio.sleep(Duration.ofSeconds(1));
        loop.shutdownAsyncgens();
        log.add("shutdown returned");
        log.add("c=" + c.await());
        gen.close(); // asyncio's finalizer would close it; do it here, deterministically
      });
    }
    assertThat(log).containsExactly("shutdown returned", "c=1", "finally");
    assertThat(reports).hasSize(1);
    assertThat(reports.get(0).message())
        .startsWith("an error occurred during closing of asynchronous generator");
    assertThat(reports.get(0).exception())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already running");
  }

  /*
   * x = loop.create_future()
   * async def gen():
   *     try: log.append("g:await x"); v = await x; log.append(f"g:got {v}"); yield v
   *     except asyncio.CancelledError: log.append("g:cancelled"); raise
   *     finally: log.append("g:finally")
   * async def consumer():
   *     try: log.append(f"c:{await anext(gen())}")
   *     except asyncio.CancelledError: log.append("c:cancelled"); raise
   * c = asyncio.create_task(consumer()); await asyncio.sleep(0)
   * x.set_result(7); c.cancel()
   * try: await c
   * except asyncio.CancelledError: log.append("main:c cancelled")
   * -> g:await x, g:cancelled, g:finally, c:cancelled, main:c cancelled
   */
  @Test
  void aConsumerCancelledInTheTurnTheBodysAwaitEndsRaisesTheCancellationInTheBodyThere() {
    List<String> log = new ArrayList<>();
    TestLoops.run(() -> {
      Future<Integer> x = Asyncio.getRunningLoop().createFuture();
      AsyncGenerator<Integer> gen =
          AsyncGenerator.of(out -> {
            try {
              log.add("g:await x");
              int v = x.await();
              log.add("g:got " + v);
              out.yield(v);
            } catch (CancelledException e) {
              log.add("g:cancelled");
              throw e;
            } finally {
              log.add("g:finally");
            }
          });
      Task<Void> c =
          Asyncio.createTask(() -> {
            try {
              log.add("c:" + gen.next());
            } catch (CancelledException e) {
              log.add("c:cancelled");
              throw e;
            }
          });
      Asyncio.sleep(Duration.ZERO);
      x.setResult(7);
      c.cancel();
      try {
        c.await();
      } catch (CancelledException e) {
        log.add("main:c cancelled");
      }
    });
    assertThat(log)
        .containsExactly(
            "g:await x", "g:cancelled", "g:finally", "c:cancelled", "main:c cancelled");
  }
}

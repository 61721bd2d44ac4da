package org.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Ctrl-C and {@link Runner}: on the thread named "main", the first SIGINT cancels the main task and
 * the runner raises a {@link CancelledException} saying so (Python 3.11's runner raises
 * KeyboardInterrupt), and the previous handler is back afterwards. Both scheduler modes.
 *
 * <p>Safety: before anything else the test installs its own SIGINT handler, which only counts, so a
 * signal never reaches the JVM's default handler (that would end the test JVM); and it raises the
 * signal inside the run only after checking that the runner's handler, not the test's, is the
 * current one.
 */
@Timeout(60)
class RunnerSigintTest {
  // SIGINT's handlers are opaque objects here: Signals reaches sun.misc.Signal through handles
  private static final String INT = "INT";

  private final CountDownLatch testHandlerCalled = new CountDownLatch(1);
  private final Object testHandler = Signals.handler(testHandlerCalled::countDown);
  private @Nullable Object original;

  @BeforeEach
  void installTheTestsOwnHandler() {
    try {
      original = Signals.handle(INT, testHandler);
    } catch (IllegalArgumentException e) {
      assumeTrue(false, "this JVM does not let a program handle SIGINT (-Xrs?): " + e);
    }
    // A JVM started with SIGINT ignored (in the background by a shell without job control, as
    // `cmd &` inside a script) keeps it ignored whatever a program installs, as CPython's runner
    // then leaves it alone too: nothing here can be observed.
    assumeTrue(
        currentHandler().equals(testHandler),
        "SIGINT is ignored in this JVM (started in the background by a shell without job control):"
            + " no handler can be installed");
  }

  @AfterEach
  void restoreTheOriginalHandler() {
    Object o = original;
    if (o != null) {
      Signals.handle(INT, o);
    }
  }

  /** The current SIGINT handler (swapped out and straight back in). */
  private static Object currentHandler() {
    Object probe = Signals.handler(() -> {});
    Object current = Signals.handle(INT, probe);
    Signals.handle(INT, current);
    return current;
  }

  /** Runs {@code body} on a new platform thread named {@code name}, and waits for it. */
  private static void runOnThreadNamed(String name, Runnable body) throws InterruptedException {
    Thread t = Thread.ofPlatform().name(name).start(body);
    assertThat(t.join(Duration.ofSeconds(30))).as("thread %s ended", name).isTrue();
  }

  @Test
  void onTheMainThreadSigintCancelsTheMainTaskAndTheRunnerSaysSo() throws Exception {
    AtomicReference<@Nullable Object> duringRun = new AtomicReference<>();
    AtomicReference<@Nullable Throwable> thrown = new AtomicReference<>();
    AtomicReference<String> mainTaskSaw = new AtomicReference<>("nothing");
    // Runner installs its handler only on the thread named "main" (the JVM's main thread in a
    // real program); a platform thread of that name stands in for it here.
    runOnThreadNamed(
        "main",
        () -> {
          try (Runner runner = new Runner()) {
            runner.run(() -> {
              Object current = currentHandler();
              duringRun.set(current);
              @SuppressWarnings("ReferenceEquality") // identity: the very handler object
              boolean stillTheTestsHandler = current == testHandler;
              if (stillTheTestsHandler) {
                return; // not installed: raising here would only reach the test's handler
              }
              Signals.raise(INT);
              try {
                Asyncio.sleep(Duration.ofHours(1)); // real time: only the signal can end it
                mainTaskSaw.set("the sleep ended");
              } catch (CancelledException e) {
                mainTaskSaw.set("cancelled");
                throw e;
              }
            });
          } catch (Throwable t) {
            thrown.set(t);
          }
        });
    assertThat(duringRun.get()).as("the runner's handler during run()").isNotSameAs(testHandler);
    assertThat(mainTaskSaw.get()).isEqualTo("cancelled");
    assertThat(thrown.get())
        .isInstanceOf(CancelledException.class)
        .hasMessage("interrupted by SIGINT (Ctrl-C)")
        .cause()
        .isInstanceOf(CancelledException.class);
    assertThat(currentHandler()).as("the previous handler is restored").isSameAs(testHandler);
    assertThat(testHandlerCalled.getCount()).as("the runner's handler took the signal").isOne();
    Signals.raise(INT); // safe: the test's own handler is installed (checked just above)
    assertThat(testHandlerCalled.await(30, TimeUnit.SECONDS))
        .as("a later SIGINT reaches the restored handler")
        .isTrue();
  }

  @Test
  void onAnotherThreadTheRunnerLeavesSigintAlone() throws Exception {
    AtomicReference<@Nullable Object> duringRun = new AtomicReference<>();
    AtomicReference<@Nullable String> result = new AtomicReference<>();
    runOnThreadNamed(
        "not-main",
        () -> {
          try (Runner runner = new Runner(EventLoop.builder().virtualTime(true))) {
            result.set(
                runner.run(() -> {
                  duringRun.set(currentHandler());
                  return "done";
                }));
          }
        });
    assertThat(result.get()).isEqualTo("done");
    assertThat(duringRun.get()).isSameAs(testHandler);
    assertThat(currentHandler()).isSameAs(testHandler);
  }
}

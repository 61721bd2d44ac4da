package org.asyncio4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.Flow;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowPublisherVerification;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;

/**
 * The Reactive Streams TCK (publisher rules) for {@link FlowAdapters#toPublisher}. TestNG-based,
 * run on the JUnit Platform by the TestNG engine. The TCK calls from its own threads while a real
 * (not virtual-time) loop runs forever on a thread of its own; every publisher is bound to it.
 *
 * <p>No test is overridden or skipped here. The seven reported as skipped are the TCK's own {@code
 * untested_*} rules (1.6, 1.7, 1.8, 1.9 "should not throw", 1.10, 3.4, 3.5), which it always skips
 * because no black-box test can check them.
 */
@SuppressWarnings("exports") // public for TestNG; the TCK's types are not part of any API
public class GeneratorPublisherTckTest extends FlowPublisherVerification<Long> {
  /** Generous for a 2-core machine shared with other builds, and for the public-API mode. */
  private static final long TIMEOUT_MILLIS = 1_000;

  private static final long NO_SIGNALS_TIMEOUT_MILLIS = 200;
  private static final long GC_TIMEOUT_MILLIS = 2_000;

  private @Nullable LoopThread loopThread;

  public GeneratorPublisherTckTest() {
    super(new TestEnvironment(TIMEOUT_MILLIS, NO_SIGNALS_TIMEOUT_MILLIS), GC_TIMEOUT_MILLIS);
  }

  @BeforeClass
  public void startLoop() {
    loopThread = new LoopThread("publisher-tck-loop");
  }

  @AfterClass
  public void stopLoop() throws Exception {
    LoopThread t = loopThread;
    if (t != null) {
      t.close();
    }
  }

  private EventLoop loop() {
    LoopThread t = loopThread;
    if (t == null) {
      throw new IllegalStateException("the TCK asked for a publisher before @BeforeClass ran");
    }
    return t.loop;
  }

  @Override
  public Flow.Publisher<Long> createFlowPublisher(long elements) {
    return FlowAdapters.toPublisher(
        loop(),
        out -> {
          for (long i = 0; i < elements; i++) {
            out.yield(i);
          }
        });
  }

  /**
   * A publisher whose generator cannot be made. A body that fails is not a failed publisher: a body
   * runs only on demand (that is the back-pressure), so its failure reaches a subscriber after its
   * first request, while the TCK expects onError with no request at all.
   */
  @Override
  public Flow.Publisher<Long> createFailedFlowPublisher() {
    return FlowAdapters.toPublisher(
        loop(),
        () -> {
          throw new UncheckedIOException(new IOException("the TCK's failed publisher"));
        });
  }
}

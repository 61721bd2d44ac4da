package org.asyncio4j;

import java.util.concurrent.Flow;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowSubscriberBlackboxVerification;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;

/**
 * The Reactive Streams TCK (subscriber rules, black box) for the subscriber behind {@link
 * FlowAdapters#toAsyncGenerator}: each subscriber is drained by a task of a loop that runs on a
 * thread of its own, iterating the generator as a user would, while the TCK's publisher signals
 * from the TCK's threads.
 *
 * <p>Nothing is overridden: the subscriber asks for its first batch in onSubscribe, so the TCK
 * needs no trigger. The fifteen tests reported as skipped are the TCK's own {@code untested_*}
 * rules (2.2, 2.4, 2.6, 2.7, 2.8, 2.11, 2.12, 2.13 "failing signal", 3.1, 3.8, 3.10, 3.11, 3.14,
 * 3.15, 3.16), which it always skips because no black-box test can check them.
 */
@SuppressWarnings("exports") // public for TestNG; the TCK's types are not part of any API
public class FlowSubscriberBridgeTckTest extends FlowSubscriberBlackboxVerification<Integer> {
  private static final long TIMEOUT_MILLIS = 1_000;
  private static final long NO_SIGNALS_TIMEOUT_MILLIS = 200;

  private @Nullable LoopThread loopThread;

  public FlowSubscriberBridgeTckTest() {
    super(new TestEnvironment(TIMEOUT_MILLIS, NO_SIGNALS_TIMEOUT_MILLIS));
  }

  @BeforeClass
  public void startLoop() {
    loopThread = new LoopThread("subscriber-tck-loop");
  }

  @AfterClass
  public void stopLoop() throws Exception {
    LoopThread t = loopThread;
    if (t != null) {
      t.close();
    }
  }

  @Override
  @SuppressWarnings("FutureReturnValueIgnored") // the consumer task reports its own failures
  public Flow.Subscriber<Integer> createFlowSubscriber() {
    LoopThread t = loopThread;
    if (t == null) {
      throw new IllegalStateException("the TCK asked for a subscriber before @BeforeClass ran");
    }
    EventLoop loop = t.loop;
    FlowSubscriberBridge<Integer> bridge =
        new FlowSubscriberBridge<>(loop, FlowAdapters.DEFAULT_PREFETCH, "tck-subscriber", false);
    AsyncGenerator<Integer> values = AsyncGenerator.of(bridge::produce);
    loop.callSoonThreadsafe(() ->
        loop.createTask(() -> {
          try (values) {
            for (int _ : values) {
              // drained as a consumer would; the TCK checks the signals the subscriber sends
            }
          } catch (RuntimeException publisherError) {
            // the TCK's publisher failed on purpose (rule 2.x error tests)
          }
        }));
    return bridge;
  }

  @Override
  public Integer createElement(int element) {
    return element;
  }
}

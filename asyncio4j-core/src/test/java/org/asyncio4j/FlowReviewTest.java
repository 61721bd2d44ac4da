package org.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Review of the Flow adapters: signals a subscriber must get whatever the loop does. */
@org.junit.jupiter.api.Timeout(30)
class FlowReviewTest {

  /**
   * A subscriber of a loop that closes before it runs again must still hear of it (Reactive Streams
   * rule 1.9: onSubscribe, then a terminal signal). subscribe() posts the driver's start to the
   * loop's inbox, and close() clears the inbox without running it when no task is live, so the
   * subscriber got nothing at all and waited forever; the subscription now registers a close hook
   * that refuses it if close() discards its start.
   */
  @Test
  void aSubscriberOfALoopClosedBeforeItRunsAgainGetsOnSubscribeAndOnError() {
    List<String> log = new ArrayList<>();
    RecordingSubscriber<Integer> sub = new RecordingSubscriber<>(log);
    try (EventLoop loop = TestLoops.virtual()) {
      FlowAdapters.<Integer>toPublisher(loop, out -> out.yield(1)).subscribe(sub);
    }
    assertThat(log).hasSize(2).first().isEqualTo("subscribe");
    assertThat(log.get(1)).startsWith("error").contains("closed");
  }
}

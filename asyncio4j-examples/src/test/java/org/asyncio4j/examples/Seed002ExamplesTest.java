package org.asyncio4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.asyncio4j.EventLoop;
import org.junit.jupiter.api.Test;

/** The programs of seed 002 (Aryaman), on virtual time. */
class Seed002ExamplesTest {
  private final Output output = new Output();

  private static EventLoop.Builder virtualTime() {
    return EventLoop.builder().virtualTime(true);
  }

  @Test
  void blockingFooHoldsTheProgram() throws InterruptedException {
    Duration took = BlockingFoo.run(output.out, new FakeSyncClock(), BlockingFoo.BLOCK);
    assertThat(output.lines()).containsExactly("in foo", "end foo", "Termination of the program");
    assertThat(took).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void helloWorldMain() {
    Duration took = HelloWorldMain.run(output.out, virtualTime());
    assertThat(output.lines()).containsExactly("hello world");
    assertThat(took).isZero();
  }

  @Test
  void awaitFooIsSequential() {
    Duration took = AwaitFoo.run(output.out, virtualTime());
    assertThat(output.lines())
        .containsExactly("awaiting foo...", "inside foo", "finished awaiting foo");
    assertThat(took).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void taskNeverAwaitedStartsButNeverEnds() {
    // as in Python: the task gets its first step in the turn after main returns, then
    // asyncio.run cancels it in its sleep
    Duration took = TaskNeverAwaited.run(output.out, virtualTime());
    assertThat(output.lines())
        .containsExactly("awaiting foo...", "finished awaiting foo", "inside foo");
    assertThat(took).isZero();
  }

  @Test
  void taskAwaitedEnds() {
    Duration took = TaskAwaited.run(output.out, virtualTime());
    assertThat(output.lines())
        .containsExactly("awaiting foo...", "finished awaiting foo", "inside foo", "Ending foo");
    assertThat(took).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void fetchDataInterleavesWithNumbers() {
    // At exactly 2 s both tasks wake in one turn, so 8 comes before the value (main wakes after
    // print_numbers' step). On real time, as in Python, print_numbers' timers drift a little
    // later and the value comes first; see FetchData.
    Duration took = FetchData.run(output.out, virtualTime());
    assertThat(output.lines())
        .containsExactly(
            "Start fetching",
            "0",
            "1",
            "2",
            "3",
            "4",
            "5",
            "6",
            "7",
            "Done fetching",
            "8",
            "{data=1}",
            "9");
    assertThat(took).isEqualTo(Duration.ofMillis(2500));
    assertThat(FetchData.synchronousTime()).isEqualTo(Duration.ofMillis(4500));
  }
}

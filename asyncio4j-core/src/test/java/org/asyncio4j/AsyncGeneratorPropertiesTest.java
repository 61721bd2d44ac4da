package org.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random interleavings of an async generator, its consumers and cancellations, driven by a seed (on
 * the virtual clock a seed replays the same interleaving): no value the body hands out is lost or
 * delivered twice, values arrive in order, and the body's finally block runs exactly once.
 */
class AsyncGeneratorPropertiesTest {
  private static final int EXAMPLES = 80;
  private static final long FIXED_SEED = 0xA5_6E17L;
  private static final int VALUES = 20;

  @Test
  void noValueIsLostOrDuplicatedWhateverConsumersAreCancelled() {
    qt().withFixedSeed(FIXED_SEED)
        .withExamples(EXAMPLES)
        .forAll(longs().all(), booleans().all())
        .checkAssert(AsyncGeneratorPropertiesTest::check);
  }

  /**
   * A body hands out 0..VALUES-1 with random pauses; when {@code bodyCatchesOnce} it survives the
   * first cancellation raised in it. Consumers iterate it one after the other, each cancelled at
   * random by a chaos task; a new consumer takes over until the generator is done.
   */
  private static void check(long seed, boolean bodyCatchesOnce) {
    Random schedule = new Random(seed);
    Random bodyRandom = new Random(schedule.nextLong());
    Random consumerRandom = new Random(schedule.nextLong());
    Random chaosRandom = new Random(schedule.nextLong());
    List<Integer> handed = new ArrayList<>();
    List<Integer> received = new ArrayList<>();
    int[] finallies = {0};
    TestLoops.run(() -> {
      AsyncGenerator<Integer> gen =
          AsyncGenerator.of(out -> {
            boolean caught = false;
            try {
              for (int i = 0; i < VALUES; i++) {
                try {
                  pause(bodyRandom.nextInt(3));
                } catch (CancelledException e) {
                  if (!bodyCatchesOnce || caught) {
                    throw e;
                  }
                  caught = true;
                }
                handed.add(i);
                out.yield(i);
              }
            } finally {
              finallies[0]++;
            }
          });
      @SuppressWarnings({"unchecked", "rawtypes"}) // a generic array
      Task<Void>[] current = new Task[1];
      boolean[] finished = {false};
      Task<Void> chaos =
          Asyncio.createTask(() -> {
            while (!finished[0]) {
              pause(chaosRandom.nextInt(6));
              Task<Void> c = current[0];
              if (c != null && chaosRandom.nextInt(3) == 0) {
                c.cancel();
              }
            }
          });
      int consumers = 0;
      while (!gen.isDone() && consumers < 100) {
        consumers++;
        Task<Void> c =
            Asyncio.createTask(() -> {
              while (gen.hasNext()) {
                received.add(gen.next());
                pause(consumerRandom.nextInt(3));
              }
            });
        current[0] = c;
        try {
          c.await();
        } catch (CancelledException cancelled) {
          // the next consumer takes over
        }
      }
      finished[0] = true;
      chaos.await();
      gen.close();
      assertThat(gen.isDone()).as("seed %d", seed).isTrue();
    });
    assertThat(received).as("seed %d: every value handed out arrives once", seed).isEqualTo(handed);
    for (int i = 0; i < received.size(); i++) {
      assertThat(received.get(i)).as("seed %d: in order", seed).isEqualTo(i);
    }
    assertThat(finallies[0]).as("seed %d: finally runs once", seed).isEqualTo(1);
  }

  private static void pause(int turns) {
    for (int i = 0; i < turns; i++) {
      Asyncio.sleep(Duration.ZERO);
    }
  }
}

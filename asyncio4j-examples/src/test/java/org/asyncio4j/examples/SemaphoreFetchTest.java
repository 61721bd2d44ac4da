package org.asyncio4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.asyncio4j.Asyncio;
import org.asyncio4j.EventLoop;
import org.asyncio4j.sync.Semaphore;
import org.junit.jupiter.api.Test;

/** The Semaphore(2) rate limit of seed 000 (Tankala), on virtual time. */
class SemaphoreFetchTest {
  private final Output output = new Output();

  private static EventLoop.Builder virtualTime() {
    return EventLoop.builder().virtualTime(true);
  }

  private static final String[] DATA = {
    "Data from https://backend.piptrends.com//is-package-exists/boto3:"
        + " {\"package\": \"boto3\", \"exists\": true}",
    "Data from https://backend.piptrends.com//is-package-exists/botocore:"
        + " {\"package\": \"botocore\", \"exists\": true}",
    "Data from https://backend.piptrends.com//is-package-exists/urllib3:"
        + " {\"package\": \"urllib3\", \"exists\": true}",
    "Data from https://backend.piptrends.com//is-package-exists/requests:"
        + " {\"package\": \"requests\", \"exists\": true}",
    "Data from https://backend.piptrends.com//is-package-exists/setuptools:"
        + " {\"package\": \"setuptools\", \"exists\": true}",
  };

  @Test
  void fiveFetchesTwoAtATimeTakeThreeRounds() {
    Duration took = SemaphoreFetch.run(output.out, virtualTime());
    assertThat(output.lines()).startsWith(DATA).hasSize(DATA.length + 1);
    assertThat(output.lines().getLast()).isEqualTo("Total time taken: 3.0 seconds");
    assertThat(took).isEqualTo(Duration.ofSeconds(3));
    assertThat(SemaphoreFetch.synchronousTime()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void neverMoreThanTwoCallsRunAtOnce() {
    int[] inFlight = {0, 0}; // now, most; only the loop's tasks touch it, one at a time
    Map<String, Duration> startedAt = new LinkedHashMap<>();
    Duration took =
        SemaphoreFetch.run(
            output.out,
            virtualTime(),
            SemaphoreFetch.LIMIT,
            url -> {
              startedAt.put(url, Duration.ofNanos(Asyncio.getRunningLoop().timeNanos()));
              inFlight[0]++;
              inFlight[1] = Math.max(inFlight[1], inFlight[0]);
              try {
                return SemaphoreFetch.simulatedGet(url);
              } finally {
                inFlight[0]--;
              }
            });
    assertThat(inFlight[1]).isEqualTo(2);
    assertThat(inFlight[0]).isZero();
    // the permits go in the order the tasks asked for them: two at 0 s, two at 1 s, one at 2 s
    assertThat(startedAt.keySet()).containsExactlyElementsOf(SemaphoreFetch.URL_LIST);
    assertThat(startedAt.values())
        .containsExactly(seconds(0), seconds(0), seconds(1), seconds(1), seconds(2));
    assertThat(took).isEqualTo(seconds(3));
    assertThat(output.lines()).startsWith(DATA);
  }

  @Test
  void theLimitIsWhatMakesTheRounds() {
    Duration one = SemaphoreFetch.run(output.out, virtualTime(), 1, SemaphoreFetch::simulatedGet);
    Duration five = SemaphoreFetch.run(output.out, virtualTime(), 5, SemaphoreFetch::simulatedGet);
    assertThat(one).isEqualTo(seconds(5));
    assertThat(five).isEqualTo(seconds(1));
    assertThat(output.lines())
        .containsSubsequence("Total time taken: 5.0 seconds", "Total time taken: 1.0 seconds");
  }

  @Test
  void aServerServingOneAtATimeSlowsTheClientToFiveRounds() {
    // The server's own limit, taken with withPermit() inside the client's permit: the client still
    // has two calls out at a time, but the server answers them one after the other.
    Semaphore server = new Semaphore(1);
    Duration took =
        SemaphoreFetch.run(
            output.out,
            virtualTime(),
            SemaphoreFetch.LIMIT,
            url -> server.withPermit(() -> SemaphoreFetch.simulatedGet(url)));
    assertThat(took).isEqualTo(seconds(5));
    assertThat(output.lines()).startsWith(DATA).endsWith("Total time taken: 5.0 seconds");
  }

  @Test
  void printsPythonsFloatOfTheElapsedTime() {
    Duration took =
        SemaphoreFetch.run(
            output.out,
            virtualTime(),
            SemaphoreFetch.LIMIT,
            url -> Asyncio.sleep(Duration.ofMillis(1250), List.of(url).toString()));
    assertThat(took).isEqualTo(Duration.ofMillis(3750));
    assertThat(output.lines().getLast()).isEqualTo("Total time taken: 3.75 seconds");
  }

  private static Duration seconds(long s) {
    return Duration.ofSeconds(s);
  }
}

package org.asyncio4j.http.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClientTimeoutTest {
  @Test
  void theDefaultIsAiohttps() {
    assertThat(ClientTimeout.DEFAULT)
        .isEqualTo(new ClientTimeout(Duration.ofMinutes(5), null, null, null, null));
    assertThat(ClientTimeout.NONE.total()).isNull();
    assertThat(ClientTimeout.ofTotal(Duration.ofSeconds(10)).total())
        .isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void withersChangeOneLimit() {
    ClientTimeout t =
        ClientTimeout.DEFAULT
            .withConnect(Duration.ofSeconds(1))
            .withSockConnect(Duration.ofSeconds(2))
            .withSockRead(Duration.ofSeconds(3))
            .withPoolAcquire(Duration.ofSeconds(4));
    assertThat(t)
        .isEqualTo(
            new ClientTimeout(
                Duration.ofSeconds(300),
                Duration.ofSeconds(1),
                Duration.ofSeconds(2),
                Duration.ofSeconds(3),
                Duration.ofSeconds(4)));
    assertThat(t.withTotal(null).total()).isNull();
    assertThat(t.withSockRead(null).sockRead()).isNull();
    assertThat(t.withConnect(null).connect()).isNull();
    assertThat(t.withSockConnect(null).sockConnect()).isNull();
    assertThat(t.withPoolAcquire(null).poolAcquire()).isNull();
  }

  @Test
  void aTotalShorterThanAnotherLimitIsRaisedToIt() {
    // as aiohttp's ClientTimeout.__post_init__: otherwise the longer limit could never fire
    assertThat(
            ClientTimeout.ofTotal(Duration.ofSeconds(1))
                .withSockRead(Duration.ofSeconds(30))
                .total())
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(
            new ClientTimeout(Duration.ofSeconds(1), null, null, null, Duration.ofMinutes(2))
                .total())
        .isEqualTo(Duration.ofMinutes(2));
    assertThat(ClientTimeout.NONE.withSockRead(Duration.ofSeconds(30)).total()).isNull();
  }

  @Test
  void zeroAndNegativeLimitsAreRefused() {
    assertThatThrownBy(() -> ClientTimeout.ofTotal(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "The total timeout must be positive, not PT0S: pass null for no limit (aiohttp's 0 no"
                + " longer means none either)");
    assertThatThrownBy(() -> ClientTimeout.DEFAULT.withSockRead(Duration.ofSeconds(-1)))
        .hasMessageStartingWith("The sockRead timeout must be positive");
  }
}

package org.asyncio4j.http;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.asyncio4j.EventLoop;
import org.junit.jupiter.api.Test;

/**
 * In this module's test JVMs too, the default scheduler mode warns once when it must fall back to
 * the public-API mode (naming the flag), and not at all in the fast mode. {@link
 * ModeWarningLoggerFinder} keeps the warning, whichever test's loop logged it first.
 */
class ModeWarningTest {
  @Test
  void theFallbackToThePublicApiModeIsLoggedOnceAndTheFastModeLogsNothing() {
    String mode;
    try (EventLoop first = EventLoop.create();
        EventLoop second = EventLoop.create()) {
      mode = first.schedulerMode();
      assertThat(second.schedulerMode()).isEqualTo(mode);
    }
    assertThat(mode).isEqualTo(System.getProperty("asyncio4j.test.expectedMode"));
    if (mode.equals("hook")) {
      assertThat(ModeWarningLoggerFinder.FALLBACK_WARNINGS).isEmpty();
    } else {
      assertThat(ModeWarningLoggerFinder.FALLBACK_WARNINGS)
          .singleElement(as(InstanceOfAssertFactories.STRING))
          .contains("--add-opens java.base/java.lang=ALL-UNNAMED");
    }
  }
}

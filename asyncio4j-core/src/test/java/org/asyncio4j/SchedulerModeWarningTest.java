package org.asyncio4j;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

/**
 * The default scheduler mode warns once per JVM when it must fall back to the public-API mode, and
 * names the flag that turns the fast mode on; it says nothing when the fast mode is available. The
 * test JVM's {@link CapturingLoggerFinder} keeps that warning (whichever test's loop logged it
 * first) instead of printing it.
 */
class SchedulerModeWarningTest {
  @Test
  void theFallbackToThePublicApiModeIsLoggedOnceNamingTheFlagAndTheFastModeLogsNothing() {
    boolean hook;
    try (EventLoop first = EventLoop.create();
        EventLoop second = EventLoop.create()) {
      hook = TestLoops.hookMode(first);
      assertThat(second.schedulerMode()).isEqualTo(first.schedulerMode());
    }
    if (hook) {
      assertThat(CapturingLoggerFinder.FALLBACK_WARNINGS).isEmpty();
    } else {
      assertThat(CapturingLoggerFinder.FALLBACK_WARNINGS)
          .singleElement(as(InstanceOfAssertFactories.STRING))
          .contains("--add-opens java.base/java.lang=ALL-UNNAMED")
          .contains("Add-Opens: java.base/java.lang");
    }
  }
}

package org.asyncio4j.examples;

import java.time.Duration;

/** A SyncClock whose sleep only moves its time on: synchronous programs run instantly. */
final class FakeSyncClock implements SyncClock {
  private long now = 1_000_000_000L;

  @Override
  public long nanoTime() {
    return now;
  }

  @Override
  public void sleep(Duration duration) {
    now += duration.toNanos();
  }
}

package org.asyncio4j.http.internal.pool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.asyncio4j.Asyncio;
import org.jspecify.annotations.Nullable;

/** Opens {@link FakeConnection}s after a delay on the loop's clock; can be told to fail. */
final class FakeFactory implements ConnectionFactory<FakeConnection> {
  Duration connectDelay = Duration.ofMillis(10);
  Predicate<ConnectionKey> fails = k -> false;
  final List<FakeConnection> opened = new ArrayList<>();
  int attempts;
  @Nullable Runnable onConnect;

  @Override
  public FakeConnection open(ConnectionKey key) {
    attempts++;
    Runnable check = onConnect;
    if (check != null) {
      check.run();
    }
    if (!connectDelay.isZero()) {
      Asyncio.sleep(connectDelay);
    }
    if (fails.test(key)) {
      throw new java.io.UncheckedIOException(
          new java.net.ConnectException("refused by the test: " + key));
    }
    FakeConnection c = new FakeConnection(opened.size() + 1, key);
    opened.add(c);
    return c;
  }
}

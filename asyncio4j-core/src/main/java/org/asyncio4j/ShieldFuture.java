package org.asyncio4j;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The outer future of {@link Asyncio#shield}: a plain future (its repr is a {@code Future}'s, as in
 * asyncio) that remembers its inner one, so that the deadlock report's cycle finder can follow a
 * task that awaits a shield to the task behind it.
 */
final class ShieldFuture<T extends @Nullable Object> extends Future<T> {
  private final Future<T> inner;

  ShieldFuture(EventLoop loop, Future<T> inner) {
    super(loop);
    this.inner = inner;
  }

  @Override
  List<? extends Future<?>> waitsOn() {
    return isDone() ? List.of() : List.of(inner);
  }
}

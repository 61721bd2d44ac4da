package org.asyncio4j;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A subscriber for the Flow tests: writes every signal into a shared log ({@code "next 3"}, {@code
 * "complete"}, {@code "error IOException: boom"}) and keeps the subscription for the test to drive.
 */
final class RecordingSubscriber<T> implements Flow.Subscriber<T> {
  final List<String> log;
  final List<T> values = new ArrayList<>();
  @Nullable Throwable error;

  /** Completed by onSubscribe, for a test thread that must wait for it. */
  final CompletableFuture<Flow.Subscription> subscribed = new CompletableFuture<>();

  /** Completed by onComplete or onError. */
  final CompletableFuture<Void> terminated = new CompletableFuture<>();

  private Flow.@Nullable Subscription subscription;
  private final Consumer<T> onNextAction;

  RecordingSubscriber(List<String> log) {
    this(log, v -> {});
  }

  RecordingSubscriber(List<String> log, Consumer<T> onNextAction) {
    this.log = log;
    this.onNextAction = onNextAction;
  }

  Flow.Subscription subscription() {
    Flow.Subscription s = subscription;
    if (s == null) {
      throw new AssertionError("onSubscribe was not called");
    }
    return s;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    log.add("subscribe");
    subscription = s;
    subscribed.complete(s);
  }

  @Override
  public void onNext(T item) {
    log.add("next " + item);
    values.add(item);
    onNextAction.accept(item);
  }

  @Override
  public void onError(Throwable t) {
    log.add("error " + t.getClass().getSimpleName() + ": " + t.getMessage());
    error = t;
    terminated.complete(null);
  }

  @Override
  public void onComplete() {
    log.add("complete");
    terminated.complete(null);
  }
}

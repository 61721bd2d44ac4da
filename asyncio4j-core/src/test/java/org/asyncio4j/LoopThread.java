package org.asyncio4j;

import java.util.concurrent.ExecutionException;

/**
 * A real-time loop running forever on a platform thread of its own, for tests (the Reactive Streams
 * TCK) that call in from their own threads. {@link #close()} cancels the tasks still running, stops
 * the loop, waits for its thread and closes it.
 */
final class LoopThread implements AutoCloseable {
  final EventLoop loop = EventLoop.create();
  private final Thread thread;

  LoopThread(String name) {
    thread = Thread.ofPlatform().name(name).start(loop::runForever);
  }

  // Not "throws InterruptedException": an AutoCloseable's close() should not throw it (javac lint)
  @Override
  public void close() throws ExecutionException {
    // Tests may leave subscriptions open: end their tasks so that closing has nothing to report.
    try {
      loop.submit(
              () -> {
                Task<?> me = Asyncio.currentTask();
                for (Task<?> t : Asyncio.allTasks()) {
                  if (t != me) {
                    t.cancel();
                  }
                }
                return null;
              })
          .get();
      loop.stop();
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping the loop's thread", e);
    }
    loop.close();
  }
}

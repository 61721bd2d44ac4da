package org.asyncio4j;

import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The async generators of one loop that have started and not ended (asyncio's {@code
 * loop._asyncgens}), so that {@link EventLoop#shutdownAsyncgens()} can close them; and the
 * finalizer that closes a suspended generator whose public object became unreachable. Loop-confined
 * but for the finalizer, which only posts to the loop's inbox.
 */
final class AsyncGenerators {
  private static final System.Logger LOG = System.getLogger("org.asyncio4j");
  private static final Cleaner CLEANER = Cleaner.create();

  private final EventLoop loop;
  private final Set<AsyncGeneratorCore<?>> open = new LinkedHashSet<>();
  private boolean shutdownCalled;

  AsyncGenerators(EventLoop loop) {
    this.loop = loop;
  }

  /** Called when {@code core} first runs (asyncio's firstiter hook). */
  void register(AsyncGeneratorCore<?> core, AsyncGenerator<?> facade) {
    if (shutdownCalled) {
      LOG.log(
          System.Logger.Level.WARNING,
          core + " was started after shutdownAsyncgens() on " + loop + "; it will not be closed");
    } else {
      open.add(core);
    }
    CLEANER.register(facade, new Finalizer(loop, core));
  }

  void unregister(AsyncGeneratorCore<?> core) {
    open.remove(core);
  }

  boolean isEmpty() {
    return open.isEmpty();
  }

  /** Closes every open generator concurrently and waits; failures go to the exception handler. */
  void shutdown() {
    shutdownCalled = true;
    if (open.isEmpty()) {
      return;
    }
    List<AsyncGeneratorCore<?>> closing = new ArrayList<>(open);
    open.clear();
    List<AsyncGeneratorCore<?>> closed = new ArrayList<>();
    List<Task<Void>> closers = new ArrayList<>();
    for (AsyncGeneratorCore<?> core : closing) {
      Task<Void> closer = core.closeInNewTask();
      if (closer != null) {
        closed.add(core);
        closers.add(closer);
      }
    }
    List<@Nullable Object> results = Asyncio.gatherOn(loop, closers, true).await();
    for (int i = 0; i < results.size(); i++) {
      if (results.get(i) instanceof Throwable t && !(t instanceof CancelledException)) {
        loop.callExceptionHandler(
            new ExceptionContext(
                "an error occurred during closing of asynchronous generator " + closed.get(i),
                t,
                null,
                null,
                null,
                Map.of("asyncgen", closed.get(i).toString())));
      }
    }
  }

  /**
   * Runs on the Cleaner's thread when a started generator's public object is collected: a body
   * still suspended at a yield is closed by a new task of its loop, so its finally blocks run.
   */
  private record Finalizer(EventLoop loop, AsyncGeneratorCore<?> core) implements Runnable {
    @Override
    public void run() {
      // false when the loop is closed: its close() has closed the generator already
      var _ =
          loop.enqueueFromOtherThread(
              new Handle(
                  () -> {
                    if (core.isSuspended()) {
                      var _ = core.closeInNewTask(); // the task closes it; nobody awaits it
                    }
                  },
                  null));
    }
  }
}

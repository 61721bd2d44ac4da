package org.asyncio4j;

import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The machinery behind one {@link AsyncGenerator}, kept apart from the public object so that the
 * loop can hold it (to close it at shutdown) while the public object stays collectable (to close it
 * when it becomes unreachable, as asyncio's finalizer hook does).
 *
 * <p>The body runs in a task of its own. A step is a hand-off: the consumer completes {@link
 * #resume} (or starts the body) and awaits {@link #step}; the body runs to its next yield or end,
 * completes {@link #step} and awaits a new {@link #resume}. Both hand-offs wake the other side at
 * the front of the ready queue, so consumer and body together take the ready-queue slots one
 * asyncio task would: nothing else runs between them. Loop-confined once started.
 */
final class AsyncGeneratorCore<T extends @Nullable Object> {
  private static final AtomicLong COUNTER = new AtomicLong();

  private enum State {
    NEW,
    SUSPENDED,
    RUNNING,
    DONE
  }

  private enum Signal {
    CONTINUE,
    CLOSE
  }

  /** What a step of the body gives the consumer. */
  private sealed interface Outcome {}

  private record Item<V extends @Nullable Object>(V value) implements Outcome {}

  private record End() implements Outcome {}

  private record Failed(Throwable error) implements Outcome {}

  private static final End END = new End();

  private final AsyncGenerator.Body<T> body;
  private final String name;
  private State state = State.NEW;
  private @Nullable EventLoop loop;
  private @Nullable Task<@Nullable Void> producer;

  /** Completed by the body at its next yield or end; replaced when a consumer's wait is cut. */
  private @Nullable Future<Outcome> step;

  /** What the body, suspended at a yield, waits for. */
  private @Nullable Future<Signal> resume;

  private boolean closing;

  /**
   * The value hasNext() fetched and next() has not yet returned; boxed, as the value may be null.
   */
  private @Nullable Item<T> lookahead;

  /** A failure of a body that ended while no consumer waited (it was cancelled directly). */
  private @Nullable Throwable unreported;

  AsyncGeneratorCore(AsyncGenerator.Body<T> body) {
    this.body = body;
    this.name = "AsyncGenerator-" + COUNTER.incrementAndGet();
  }

  boolean isDone() {
    return state == State.DONE && lookahead == null;
  }

  boolean isSuspended() {
    return state == State.SUSPENDED;
  }

  // ---------------------------------------------------------------- consumer side

  boolean hasNext(AsyncGenerator<T> facade) {
    return peek(facade) != null;
  }

  T next(AsyncGenerator<T> facade) {
    Item<T> item = peek(facade);
    if (item == null) {
      throw new NoSuchElementException(
          name + " is exhausted: its body has ended (asyncio: StopAsyncIteration)");
    }
    lookahead = null;
    return item.value();
  }

  /** The next value, fetched into the lookahead if needed; null when the body has ended. */
  private @Nullable Item<T> peek(AsyncGenerator<T> facade) {
    Item<T> ahead = lookahead;
    if (ahead != null) {
      return ahead;
    }
    Outcome o = advance("hasNext()", facade);
    if (o instanceof Item<?> item) {
      @SuppressWarnings("unchecked") // only yieldValue(T) makes the items of this generator
      Item<T> fetched = (Item<T>) item;
      lookahead = fetched;
      return fetched;
    }
    if (o instanceof Failed f) {
      throw Future.propagate(f.error());
    }
    return null;
  }

  private Outcome advance(String operation, AsyncGenerator<T> facade) {
    return switch (state) {
      case DONE -> {
        Throwable failure = unreported;
        if (failure != null) {
          unreported = null;
          yield new Failed(failure);
        }
        yield END;
      }
      case RUNNING -> throw alreadyRunning(operation);
      case NEW -> {
        Task<?> consumer = requireTask(operation);
        EventLoop l = consumer.owner;
        loop = l;
        l.asyncgens.register(this, facade);
        step = newStep(l);
        state = State.RUNNING;
        Task<@Nullable Void> p = l.createAsyncgenTask(this::runBody, name);
        producer = p;
        p.addListener(f -> bodyTaskEnded());
        yield awaitStep();
      }
      case SUSPENDED -> {
        var _ = requireTask(operation); // only the check: a task must call it
        yield resumeBody(Signal.CONTINUE);
      }
    };
  }

  void close() {
    switch (state) {
      case NEW -> {
        state = State.DONE; // never started: the body never runs (asyncio's aclose() does the same)
        return;
      }
      case DONE -> {
        lookahead = null;
        return;
      }
      case RUNNING -> throw alreadyRunning("close()");
      case SUSPENDED -> {
        var _ = requireTask("close()"); // only the check: a task must call it
        lookahead = null;
        closing = true;
        Outcome o = resumeBody(Signal.CLOSE);
        if (o instanceof Failed f) {
          throw Future.propagate(f.error());
        }
      }
    }
  }

  /**
   * Closes a started generator from a new task of its loop (shutdown, or the finalizer). One
   * running a step gets a task too: its close() fails with "already running", which shutdown
   * reports, as asyncio's shutdown_asyncgens() does, instead of forgetting the generator.
   */
  @Nullable Task<Void> closeInNewTask() {
    EventLoop l = loop;
    if ((state != State.SUSPENDED && state != State.RUNNING) || l == null) {
      return null;
    }
    return l.createTask(this::close, "close " + name);
  }

  private Outcome resumeBody(Signal signal) {
    EventLoop l = checkLoop();
    Future<Signal> r = resume;
    resume = null;
    step = newStep(l);
    state = State.RUNNING;
    l.completeAtFront(() -> requireNonNull(r).setResult(signal));
    return awaitStep();
  }

  /**
   * Waits for the body's step. If the consumer is cancelled meanwhile, the step future is
   * cancelled, which cancels the body (see newStep); the consumer then waits on for the body to
   * deal with it, and returns what it did, as in asyncio where the cancellation is raised in the
   * body itself.
   */
  @SuppressWarnings("ReferenceEquality") // identity: which step future is the current one
  private Outcome awaitStep() {
    CancelledException cancelled = null;
    while (true) {
      Future<Outcome> s = requireNonNull(step);
      try {
        Outcome o = s.await();
        if (cancelled != null && o instanceof Failed f && f.error() instanceof CancelledException) {
          throw cancelled; // the body let our cancellation out: raise the consumer's own
        }
        return o;
      } catch (CancelledException e) {
        if (!s.isCancelled() || step == s) {
          throw e;
        }
        if (cancelled == null) {
          cancelled = e;
        }
      }
    }
  }

  @SuppressWarnings("ReferenceEquality") // identity: which step future is the current one
  private Future<Outcome> newStep(EventLoop l) {
    Future<Outcome> s = new Future<>(l);
    s.addListener(f -> {
      if (f.isCancelled() && state == State.RUNNING && step == f) {
        // The consumer was cancelled while the body runs its step: cancel the body.
        step = new Future<>(l);
        requireNonNull(producer).cancel(f.cancelMessage());
      }
    });
    return s;
  }

  // ---------------------------------------------------------------- body side

  private @Nullable Void runBody() {
    Outcome end;
    try {
      body.run(this::yieldValue);
      end = END;
    } catch (GeneratorExitException e) {
      end = closing ? END : new Failed(e);
    } catch (Throwable t) {
      end = new Failed(t);
    }
    finish(end);
    return null;
  }

  private void yieldValue(T value) {
    Task<?> me = Task.currentOrNull();
    if (me == null || me != producer) {
      throw new IllegalStateException(
          "yield() called outside the body of "
              + name
              + ": only the body itself may yield, from its own task (not from a task it created"
              + " or a callback)");
    }
    if (closing) {
      throw new IllegalStateException(
          name
              + " yielded while it was being closed: its body caught GeneratorExitException (or"
              + " yields in a finally block); let the exception propagate (asyncio: async"
              + " generator ignored GeneratorExit)");
    }
    EventLoop l = checkLoop();
    Future<Signal> r = new Future<>(l);
    resume = r;
    state = State.SUSPENDED;
    Future<Outcome> s = requireNonNull(step);
    l.completeAtFront(() -> s.setResult(new Item<>(value)));
    Signal signal;
    try {
      signal = r.await();
    } catch (CancelledException e) {
      if (!r.isDone() || r.isCancelled()) {
        throw e; // the body's own task was cancelled while suspended here
      }
      // A consumer asked for the next value and was cancelled before the body got the loop:
      // the body goes on, and the cancellation is raised at its next suspension, as in asyncio.
      me.repeatCancellation();
      signal = r.result();
    }
    if (signal == Signal.CLOSE) {
      throw new GeneratorExitException(name);
    }
  }

  private void finish(Outcome end) {
    state = State.DONE;
    resume = null;
    EventLoop l = checkLoop();
    l.asyncgens.unregister(this);
    Future<Outcome> s = step; // kept: a cancelled consumer may still have to read it
    if (s != null && !s.isDone()) {
      l.completeAtFront(() -> s.setResult(end));
    } else if (end instanceof Failed f && !(f.error() instanceof CancelledException)) {
      unreported = f.error();
    }
  }

  /** The body's task ended: if its body never ran (cancelled before its first step), finish. */
  private void bodyTaskEnded() {
    if (state != State.DONE) {
      finish(new Failed(new CancelledException(name + " was cancelled before its body started")));
    }
  }

  // ---------------------------------------------------------------- helpers

  private Task<?> requireTask(String operation) {
    Task<?> t = Task.currentOrNull();
    if (t == null) {
      throw new IllegalStateException(
          "AsyncGenerator."
              + operation
              + " must be called from a task of an event loop: it suspends while the body runs;"
              + " run the consuming code with Asyncio.run or in a task");
    }
    EventLoop l = loop;
    if (l != null && l != t.owner) {
      throw new IllegalStateException(
          name + " belongs to loop " + l + "; " + operation + " was called from a task of another");
    }
    return t;
  }

  private IllegalStateException alreadyRunning(String operation) {
    return new IllegalStateException(
        "AsyncGenerator."
            + operation
            + ": "
            + name
            + " is already running a step for another task (asyncio: asynchronous generator is"
            + " already running); let one task iterate it, or hand its values out through a"
            + " Queue");
  }

  private EventLoop checkLoop() {
    EventLoop l = loop;
    if (l == null) {
      throw new IllegalStateException(name + " has not started");
    }
    return l;
  }

  private static <X extends @Nullable Object> X requireNonNull(@Nullable X x) {
    if (x == null) {
      throw new IllegalStateException("AsyncGenerator protocol broken: a hand-off is missing");
    }
    return x;
  }

  @Override
  public String toString() {
    return "<" + name + " " + state.name().toLowerCase(java.util.Locale.ROOT) + ">";
  }
}

package org.asyncio4j.sync;

import java.util.ArrayDeque;
import java.util.Objects;
import org.asyncio4j.Future;
import org.jspecify.annotations.Nullable;

/**
 * A first-in, first-out queue for passing items between the tasks of one event loop. {@link #put}
 * suspends the calling task while the queue holds {@code maxsize} items; {@link #get} suspends it
 * while the queue is empty. {@link #taskDone()} and {@link #join()} let a producer wait until every
 * item it put has been handled. {@link #shutdown(boolean)} ends the queue's use.
 *
 * <p>Loop-confined: use it only from tasks and callbacks of one loop (see the package notes); from
 * another thread, go through {@code loop.callSoonThreadsafe(() -> queue.putNowait(item))}. Items
 * may not be null.
 *
 * <p>Cancellation: a {@code get} cancelled while it waits never takes an item (items stay in the
 * queue until a getter actually runs), and passes its wake-up on to the next getter; a {@code put}
 * cancelled while it waits never adds its item. So a cancellation neither loses nor duplicates an
 * item.
 *
 * <pre>{@code
 * Queue<String> queue = new Queue<>(10);
 * Asyncio.createTask(() -> {
 *   while (true) {
 *     String job = queue.get();
 *     handle(job);
 *     queue.taskDone();
 *   }
 * });
 * for (String job : jobs) {
 *   queue.put(job);   // suspends while 10 jobs wait
 * }
 * queue.join();       // until every job was handled
 * }</pre>
 *
 * <p>asyncio: {@code asyncio.Queue}; its subclasses here are {@link PriorityQueue} and {@link
 * LifoQueue}. asyncio's {@code ValueError} from {@code task_done()} is an {@link
 * IllegalStateException}.
 *
 * @param <T> the item type
 */
public sealed class Queue<T> permits PriorityQueue, LifoQueue {
  private final int maxsize;
  private final ItemStore<T> items;
  private final ArrayDeque<Future<@Nullable Void>> getters = new ArrayDeque<>();
  private final ArrayDeque<Future<@Nullable Void>> putters = new ArrayDeque<>();
  private final LoopBinding binding = new LoopBinding();
  private final Event finished = new Event();
  private int unfinishedTasks;
  private boolean shutDown;

  /**
   * Creates an unbounded queue.
   *
   * <p>asyncio: {@code asyncio.Queue()}
   */
  public Queue() {
    this(0);
  }

  /**
   * Creates a queue that holds at most {@code maxsize} items.
   *
   * <p>asyncio: {@code asyncio.Queue(maxsize)}
   *
   * @param maxsize the capacity; 0 or less for unbounded, as in asyncio
   */
  public Queue(int maxsize) {
    this(maxsize, ItemStore.fifo());
  }

  Queue(int maxsize, ItemStore<T> items) {
    this.maxsize = maxsize;
    this.items = items;
    finished.set();
  }

  /**
   * Returns the capacity given at construction, as given: 0 or less means unbounded (asyncio
   * reports a negative maxsize unchanged too).
   *
   * <p>asyncio: {@code Queue.maxsize}
   *
   * @return the capacity
   */
  public int maxsize() {
    return maxsize;
  }

  /**
   * Returns the number of items in the queue.
   *
   * <p>asyncio: {@code Queue.qsize()}
   *
   * @return the size
   */
  public int qsize() {
    return items.size();
  }

  /**
   * Returns whether the queue holds no item.
   *
   * <p>asyncio: {@code Queue.empty()}
   *
   * @return true when empty
   */
  public boolean isEmpty() {
    return items.size() == 0;
  }

  /**
   * Returns whether the queue holds {@code maxsize} items (never, when unbounded).
   *
   * <p>asyncio: {@code Queue.full()}
   *
   * @return true when full
   */
  public boolean isFull() {
    return maxsize > 0 && items.size() >= maxsize;
  }

  /**
   * Adds {@code item}, suspending the calling task while the queue is full.
   *
   * <p>asyncio: {@code await queue.put(item)}
   *
   * @param item the item
   * @throws QueueShutDownException if the queue is shut down, before or while the task waits
   * @throws org.asyncio4j.CancelledException if the task is cancelled while it waits; the item is
   *     then not added
   */
  public void put(T item) {
    Objects.requireNonNull(item, "Queue items may not be null");
    while (isFull()) {
      if (shutDown) {
        throw shutDownException();
      }
      Future<@Nullable Void> putter = binding.newWaiter(this);
      putters.addLast(putter);
      try {
        putter.await();
      } catch (Throwable e) {
        putter.cancel(); // in case it is not done yet (an exception other than cancellation)
        putters.remove(putter); // absent when getNowait() or shutdown() popped it
        // Woken by a getNowait() (a free slot) but leaving: hand the slot to the next putter.
        if (!isFull() && !putter.isCancelled()) {
          wakeUpNext(putters);
        }
        throw e;
      }
    }
    putNowait(item);
  }

  /**
   * Adds {@code item} if there is room, without suspending.
   *
   * <p>asyncio: {@code Queue.put_nowait(item)}
   *
   * @param item the item
   * @throws QueueFullException if the queue is full
   * @throws QueueShutDownException if the queue is shut down
   */
  public void putNowait(T item) {
    Objects.requireNonNull(item, "Queue items may not be null");
    if (shutDown) {
      throw shutDownException();
    }
    if (isFull()) {
      throw new QueueFullException(
          "Queue " + this + " is full; use put() to wait for room, or make it larger");
    }
    items.add(item);
    unfinishedTasks++;
    finished.clear();
    wakeUpNext(getters);
  }

  /**
   * Removes and returns the next item, suspending the calling task while the queue is empty.
   *
   * <p>asyncio: {@code await queue.get()}
   *
   * @return the item
   * @throws QueueShutDownException if the queue is shut down and empty (after {@code
   *     shutdown(true)}, at once)
   * @throws org.asyncio4j.CancelledException if the task is cancelled while it waits; no item is
   *     taken then
   */
  public T get() {
    while (isEmpty()) {
      if (shutDown) {
        throw shutDownException();
      }
      Future<@Nullable Void> getter = binding.newWaiter(this);
      getters.addLast(getter);
      try {
        getter.await();
      } catch (Throwable e) {
        getter.cancel(); // in case it is not done yet (an exception other than cancellation)
        getters.remove(getter); // absent when putNowait() or shutdown() popped it
        // Woken by a putNowait() but leaving without the item: the item stays in the queue, and
        // the next getter must be woken for it, or it would wait with an item available.
        if (!isEmpty() && !getter.isCancelled()) {
          wakeUpNext(getters);
        }
        throw e;
      }
    }
    return getNowait();
  }

  /**
   * Removes and returns the next item if there is one, without suspending.
   *
   * <p>asyncio: {@code Queue.get_nowait()}
   *
   * @return the item
   * @throws QueueEmptyException if the queue is empty
   * @throws QueueShutDownException if the queue is empty and shut down
   */
  public T getNowait() {
    if (isEmpty()) {
      if (shutDown) {
        throw shutDownException();
      }
      throw new QueueEmptyException("Queue " + this + " is empty; use get() to wait for an item");
    }
    T item = items.remove();
    wakeUpNext(putters);
    return item;
  }

  /**
   * Records that an item taken with {@code get} has been handled. When every item put has been
   * handled, tasks waiting in {@link #join()} continue.
   *
   * <p>asyncio: {@code Queue.task_done()}
   *
   * @throws IllegalStateException if called more times than items were put
   */
  public void taskDone() {
    if (unfinishedTasks <= 0) {
      throw new IllegalStateException(
          "taskDone() called too many times on " + this + ": call it once per item taken");
    }
    unfinishedTasks--;
    if (unfinishedTasks == 0) {
      finished.set();
    }
  }

  /**
   * Suspends the calling task until every item put has been handled: {@link #taskDone()} was called
   * once for each. Returns at once when nothing is unfinished.
   *
   * <p>asyncio: {@code await queue.join()}
   *
   * @throws org.asyncio4j.CancelledException if the task is cancelled while it waits
   */
  public void join() {
    if (unfinishedTasks > 0) {
      finished.await();
    }
  }

  /**
   * Shuts the queue down: later {@code put} and {@code putNowait} calls, and tasks waiting in
   * {@code put}, fail with {@link QueueShutDownException}. {@code get} keeps returning the items
   * left and then fails the same way. With {@code immediate}, the items left are dropped (each
   * counts as done for {@link #join()}), and every waiting getter fails at once.
   *
   * <p>asyncio: {@code Queue.shutdown(immediate)} (Python 3.13)
   *
   * @param immediate whether to drop the items left
   */
  public void shutdown(boolean immediate) {
    shutDown = true;
    if (immediate) {
      while (!isEmpty()) {
        items.remove();
        if (unfinishedTasks > 0) {
          unfinishedTasks--;
        }
      }
      if (unfinishedTasks == 0) {
        finished.set();
      }
    }
    // Every waiter re-checks the queue and raises QueueShutDownException where it must.
    wakeAll(getters);
    wakeAll(putters);
  }

  /**
   * Shuts the queue down without dropping its items; same as {@code shutdown(false)}.
   *
   * <p>asyncio: {@code Queue.shutdown()}
   */
  public void shutdown() {
    shutdown(false);
  }

  /**
   * Returns whether {@link #shutdown(boolean)} was called.
   *
   * @return true once shut down
   */
  public boolean isShutDown() {
    return shutDown;
  }

  private static void wakeUpNext(ArrayDeque<Future<@Nullable Void>> waiters) {
    while (!waiters.isEmpty()) {
      Future<@Nullable Void> w = waiters.removeFirst();
      if (!w.isDone()) {
        w.setResult(null);
        break;
      }
    }
  }

  private static void wakeAll(ArrayDeque<Future<@Nullable Void>> waiters) {
    while (!waiters.isEmpty()) {
      Future<@Nullable Void> w = waiters.removeFirst();
      if (!w.isDone()) {
        w.setResult(null);
      }
    }
  }

  private QueueShutDownException shutDownException() {
    return new QueueShutDownException("Queue " + this + " is shut down");
  }

  String typeName() {
    return "Queue";
  }

  @Override
  public String toString() {
    StringBuilder sb =
        new StringBuilder("<").append(typeName()).append(" maxsize=").append(maxsize);
    if (!isEmpty()) {
      sb.append(" _queue=").append(items.snapshot());
    }
    if (!getters.isEmpty()) {
      sb.append(" _getters[").append(getters.size()).append(']');
    }
    if (!putters.isEmpty()) {
      sb.append(" _putters[").append(putters.size()).append(']');
    }
    if (unfinishedTasks > 0) {
      sb.append(" tasks=").append(unfinishedTasks);
    }
    if (shutDown) {
      sb.append(" shutdown");
    }
    return sb.append('>').toString();
  }
}

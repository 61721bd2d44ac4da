package org.asyncio4j.sync;

/**
 * A {@link Queue} that returns the most recently added item first (a stack).
 *
 * <p>Loop-confined and cancellation-safe exactly as {@link Queue}.
 *
 * <pre>{@code
 * LifoQueue<Integer> stack = new LifoQueue<>();
 * stack.putNowait(1);
 * stack.putNowait(2);
 * stack.getNowait();   // 2
 * }</pre>
 *
 * <p>asyncio: {@code asyncio.LifoQueue}
 *
 * @param <T> the item type
 */
public final class LifoQueue<T> extends Queue<T> {
  /**
   * Creates an unbounded LIFO queue.
   *
   * <p>asyncio: {@code asyncio.LifoQueue()}
   */
  public LifoQueue() {
    this(0);
  }

  /**
   * Creates a LIFO queue that holds at most {@code maxsize} items.
   *
   * <p>asyncio: {@code asyncio.LifoQueue(maxsize)}
   *
   * @param maxsize the capacity; 0 or less for unbounded, as in asyncio
   */
  public LifoQueue(int maxsize) {
    super(maxsize, ItemStore.lifo());
  }

  @Override
  String typeName() {
    return "LifoQueue";
  }
}

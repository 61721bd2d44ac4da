package org.asyncio4j.sync;

import java.util.Comparator;
import java.util.Objects;

/**
 * A {@link Queue} that returns the smallest item first, by a {@link Comparator} or the items'
 * natural order. Items that compare equal come out in the order they were put.
 *
 * <p>Loop-confined and cancellation-safe exactly as {@link Queue}. Shares its name with {@code
 * java.util.PriorityQueue}: don't import both in one file.
 *
 * <pre>{@code
 * PriorityQueue<Job> jobs = new PriorityQueue<>(Comparator.comparingInt(Job::priority));
 * jobs.put(new Job(5, "later"));
 * jobs.put(new Job(1, "first"));
 * jobs.get();   // Job[priority=1, name=first]
 * }</pre>
 *
 * <p>asyncio: {@code asyncio.PriorityQueue} (which compares items, typically {@code (priority,
 * data)} tuples, with {@code <}; a Java comparator says the same without the tuple)
 *
 * @param <T> the item type
 */
public final class PriorityQueue<T> extends Queue<T> {
  /**
   * Creates an unbounded queue ordered by the items' natural order; items must be {@link
   * Comparable} (a put of another item throws {@link ClassCastException}).
   *
   * <p>asyncio: {@code asyncio.PriorityQueue()}
   */
  public PriorityQueue() {
    this(0);
  }

  /**
   * Creates a queue of at most {@code maxsize} items, ordered by their natural order.
   *
   * <p>asyncio: {@code asyncio.PriorityQueue(maxsize)}
   *
   * @param maxsize the capacity; 0 or less for unbounded, as in asyncio
   */
  public PriorityQueue(int maxsize) {
    super(maxsize, ItemStore.priority(naturalOrder(), true));
  }

  /**
   * Creates an unbounded queue ordered by {@code order}.
   *
   * @param order smallest first
   */
  public PriorityQueue(Comparator<? super T> order) {
    this(0, order);
  }

  /**
   * Creates a queue of at most {@code maxsize} items, ordered by {@code order}.
   *
   * @param maxsize the capacity; 0 or less for unbounded, as in asyncio
   * @param order smallest first
   */
  public PriorityQueue(int maxsize, Comparator<? super T> order) {
    super(maxsize, ItemStore.priority(Objects.requireNonNull(order, "order"), false));
  }

  @SuppressWarnings({"unchecked", "rawtypes"}) // checked per item by ItemStore: Comparable only
  private static <T> Comparator<T> naturalOrder() {
    return (a, b) -> ((Comparable) a).compareTo(b);
  }

  @Override
  String typeName() {
    return "PriorityQueue";
  }
}

package org.asyncio4j.sync;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where a {@link Queue} keeps its items, and so in what order {@code get} returns them: the three
 * orders of asyncio's {@code Queue}, {@code LifoQueue} and {@code PriorityQueue} (its {@code
 * _init}, {@code _put} and {@code _get}). {@link #remove()} is only called when {@link #size()} is
 * positive.
 */
abstract class ItemStore<T> {
  abstract void add(T item);

  abstract T remove();

  abstract int size();

  /** The items in the order {@code remove()} would return them; for {@code toString()}. */
  abstract List<T> snapshot();

  static <T> ItemStore<T> fifo() {
    return new DequeStore<>(false);
  }

  static <T> ItemStore<T> lifo() {
    return new DequeStore<>(true);
  }

  static <T> ItemStore<T> priority(Comparator<? super T> order, boolean natural) {
    return new HeapStore<>(order, natural);
  }

  private static final class DequeStore<T> extends ItemStore<T> {
    private final ArrayDeque<T> items = new ArrayDeque<>();
    private final boolean lifo;

    DequeStore(boolean lifo) {
      this.lifo = lifo;
    }

    @Override
    void add(T item) {
      items.addLast(item);
    }

    @Override
    T remove() {
      return lifo ? items.removeLast() : items.removeFirst();
    }

    @Override
    int size() {
      return items.size();
    }

    @Override
    List<T> snapshot() {
      List<T> list = new ArrayList<>(items);
      if (lifo) {
        java.util.Collections.reverse(list);
      }
      return list;
    }
  }

  /**
   * A binary heap. Items that compare equal come out in the order they went in (a sequence number
   * breaks ties), which asyncio's heapq does not promise but makes runs reproducible.
   */
  private static final class HeapStore<T> extends ItemStore<T> {
    private record Entry<T>(T item, long seq) {}

    private final java.util.PriorityQueue<Entry<T>> heap;
    private final boolean natural;
    private long nextSeq;

    HeapStore(Comparator<? super T> order, boolean natural) {
      Comparator<Entry<T>> byItem = (a, b) -> order.compare(a.item(), b.item());
      this.heap = new java.util.PriorityQueue<>(byItem.thenComparingLong(Entry::seq));
      this.natural = natural;
    }

    @Override
    void add(T item) {
      if (natural && !(item instanceof Comparable)) {
        // Fail on the put, not later inside some unrelated get's comparison.
        throw new ClassCastException(
            "PriorityQueue without a Comparator needs Comparable items, got "
                + item.getClass().getName()
                + "; pass a Comparator to the constructor");
      }
      heap.add(new Entry<>(item, nextSeq++));
    }

    @Override
    T remove() {
      return heap.remove().item();
    }

    @Override
    int size() {
      return heap.size();
    }

    @Override
    List<T> snapshot() {
      List<Entry<T>> entries = new ArrayList<>(heap);
      entries.sort(heap.comparator());
      List<T> list = new ArrayList<>(entries.size());
      for (Entry<T> e : entries) {
        list.add(e.item());
      }
      return list;
    }
  }
}

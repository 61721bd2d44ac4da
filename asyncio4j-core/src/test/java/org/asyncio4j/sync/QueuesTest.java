package org.asyncio4j.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.asyncio4j.sync.SyncTesting.run;
import static org.asyncio4j.sync.SyncTesting.settle;
import static org.asyncio4j.sync.SyncTesting.yieldNow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.asyncio4j.AsyncTimeoutException;
import org.asyncio4j.Asyncio;
import org.asyncio4j.CancelledException;
import org.asyncio4j.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CPython's Lib/test/test_asyncio/test_queues.py, ported in spirit. */
class QueuesTest {

  // ported from test_queues.py::test_repr
  @Test
  void repr() {
    run(() -> {
      Queue<Integer> q = new Queue<>();
      assertThat(q.toString()).startsWith("<Queue");
      Task<Integer> getter = Asyncio.createTask(q::get);
      yieldNow();
      assertThat(q.toString()).contains("_getters[1]");
      q.putNowait(0);
      assertThat(getter.await()).isZero();

      Queue<Integer> bounded = new Queue<>(1);
      bounded.putNowait(1);
      Task<Void> putter = Asyncio.createTask(() -> bounded.put(2));
      yieldNow();
      assertThat(bounded.toString()).contains("_putters[1]").contains("_queue=[1]");
      bounded.getNowait();
      putter.await();
    });
  }

  // ported from test_queues.py::test_empty
  @Test
  void empty() {
    run(() -> {
      Queue<Integer> q = new Queue<>();
      assertThat(q.isEmpty()).isTrue();
      q.put(1);
      assertThat(q.isEmpty()).isFalse();
      assertThat(q.get()).isEqualTo(1);
      assertThat(q.isEmpty()).isTrue();
    });
  }

  // ported from test_queues.py::test_full
  @Test
  void full() {
    run(() -> {
      assertThat(new Queue<Integer>().isFull()).isFalse();
      Queue<Integer> q = new Queue<>(1);
      q.put(1);
      assertThat(q.isFull()).isTrue();
    });
  }

  // ported from test_queues.py::test_order, LifoQueueTests.test_order and
  // PriorityQueueTests.test_order
  @Test
  void order() {
    run(() -> {
      Queue<Integer> fifo = new Queue<>();
      LifoQueue<Integer> lifo = new LifoQueue<>();
      PriorityQueue<Integer> prio = new PriorityQueue<>();
      for (int i : new int[] {1, 3, 2}) {
        fifo.put(i);
        lifo.put(i);
        prio.put(i);
      }
      List<Integer> a = new ArrayList<>();
      List<Integer> b = new ArrayList<>();
      List<Integer> c = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        a.add(fifo.get());
        b.add(lifo.get());
        c.add(prio.get());
      }
      assertThat(a).containsExactly(1, 3, 2);
      assertThat(b).containsExactly(2, 3, 1);
      assertThat(c).containsExactly(1, 2, 3);
    });
  }

  @Test
  void priorityQueueWithComparatorKeepsInsertionOrderForTies() {
    run(() -> {
      PriorityQueue<String> q = new PriorityQueue<>(Comparator.comparingInt(String::length));
      for (String s : List.of("ccc", "a", "bb", "b", "aa")) {
        q.putNowait(s);
      }
      List<String> out = new ArrayList<>();
      while (!q.isEmpty()) {
        out.add(q.getNowait());
      }
      assertThat(out).containsExactly("a", "b", "bb", "aa", "ccc");
      PriorityQueue<Object> natural = new PriorityQueue<>();
      assertThatThrownBy(() -> natural.putNowait(new Object()))
          .isInstanceOf(ClassCastException.class)
          .hasMessageContaining("Comparator");
    });
  }

  // ported from test_queues.py::test_maxsize
  @Test
  void maxsize() {
    run(() -> {
      Queue<Integer> q = new Queue<>(2);
      assertThat(q.maxsize()).isEqualTo(2);
      List<Integer> haveBeenPut = new ArrayList<>();
      Task<Boolean> t =
          Asyncio.createTask(() -> {
            for (int i = 0; i < 3; i++) {
              q.put(i);
              haveBeenPut.add(i);
            }
            return true;
          });
      yieldNow();
      yieldNow();
      assertThat(haveBeenPut).containsExactly(0, 1); // blocked after two items
      assertThat(q.get()).isZero();
      yieldNow();
      assertThat(haveBeenPut).containsExactly(0, 1, 2);
      assertThat(q.get()).isEqualTo(1);
      assertThat(q.get()).isEqualTo(2);
      assertThat(t.await()).isTrue();
    });
  }

  // CPython: asyncio.Queue(-1) is unbounded: maxsize stays -1, full() is false, put() never waits
  // (checked on CPython 3.11 for Queue, LifoQueue and PriorityQueue)
  @ParameterizedTest
  @ValueSource(strings = {"fifo", "lifo", "priority"})
  void negativeMaxsizeIsUnbounded(String kind) {
    run(() -> {
      for (int maxsize : new int[] {-1, Integer.MIN_VALUE}) {
        Queue<Integer> q = newQueue(kind, maxsize).get();
        assertThat(q.maxsize()).isEqualTo(maxsize);
        for (int i = 0; i < 5; i++) {
          q.putNowait(i);
        }
        Task<Void> putter = Asyncio.createTask(() -> q.put(9));
        yieldNow();
        assertThat(putter.isDone()).as("put() on an unbounded queue does not wait").isTrue();
        putter.await();
        assertThat(q.qsize()).isEqualTo(6);
        assertThat(q.isFull()).isFalse();
        assertThat(q.toString()).contains("maxsize=" + maxsize);
      }
    });
  }

  // ported from test_queues.py::test_blocking_get_wait
  @Test
  void blockingGetWait() {
    run(() -> {
      Queue<Integer> q = new Queue<>();
      Task<Integer> getter = Asyncio.createTask(q::get);
      yieldNow();
      assertThat(getter.isDone()).isFalse();
      Asyncio.getRunningLoop().callLater(Duration.ofMillis(10), () -> q.putNowait(1));
      assertThat(getter.await()).isEqualTo(1);
    });
  }

  // ported from test_queues.py::test_nonblocking_get_exception and
  // test_nonblocking_put_exception
  @Test
  void nonblockingExceptions() {
    run(() -> {
      Queue<Integer> q = new Queue<>(1);
      assertThatThrownBy(q::getNowait).isInstanceOf(QueueEmptyException.class);
      q.putNowait(1);
      assertThatThrownBy(() -> q.putNowait(2)).isInstanceOf(QueueFullException.class);
      assertThat(q.getNowait()).isEqualTo(1);
    });
  }

  // ported from test_queues.py::test_get_cancelled_race
  @Test
  void getCancelledRace() {
    run(() -> {
      Queue<String> q = new Queue<>();
      Task<String> t1 = Asyncio.createTask(q::get);
      Task<String> t2 = Asyncio.createTask(q::get);
      yieldNow();
      t1.cancel();
      yieldNow();
      assertThat(t1.isDone()).isTrue();
      q.put("a");
      yieldNow();
      assertThat(t2.await()).isEqualTo("a");
    });
  }

  // ported from test_queues.py::test_get_with_waiting_putters
  @Test
  void getWithWaitingPutters() {
    run(() -> {
      Queue<String> q = new Queue<>(1);
      var _ = Asyncio.createTask(() -> q.put("a"));
      var _ = Asyncio.createTask(() -> q.put("b"));
      assertThat(q.get()).isEqualTo("a");
      assertThat(q.get()).isEqualTo("b");
    });
  }

  // ported from test_queues.py::test_why_are_getters_waiting
  @Test
  void whyAreGettersWaiting() {
    run(() -> {
      Queue<Integer> q = new Queue<>(1);
      Task<Void> producer =
          Asyncio.createTask(() -> {
            for (int i = 0; i < 5; i++) {
              q.put(i);
            }
          });
      Task<Void> consumer =
          Asyncio.createTask(() -> {
            for (int i = 0; i < 5; i++) {
              q.get();
            }
          });
      Asyncio.gather(producer, consumer).await();
    });
  }

  // ported from test_queues.py::test_cancelled_getters_not_being_held_in_self_getters
  @Test
  void cancelledGettersNotBeingHeldInSelfGetters() {
    run(() -> {
      Queue<Integer> q = new Queue<>(5);
      assertThatThrownBy(() -> Asyncio.waitFor(q::get, Duration.ofMillis(100)))
          .isInstanceOf(AsyncTimeoutException.class);
      assertThat(q.toString()).doesNotContain("_getters");
    });
  }

  // ported from test_queues.py::test_get_cancel_drop_one_pending_reader
  @Test
  void getCancelDropOnePendingReader() {
    run(() -> {
      Queue<Integer> q = new Queue<>();
      Task<Integer> reader = Asyncio.createTask(q::get);
      yieldNow();
      q.putNowait(1);
      q.putNowait(2);
      reader.cancel();
      int result;
      try {
        result = reader.await();
      } catch (CancelledException e) {
        result = Asyncio.createTask(q::get).await(); // try again
      }
      assertThat(result).isEqualTo(1); // 2 would mean 1 got dropped
    });
  }

  // ported from test_queues.py::test_get_cancel_drop_many_pending_readers
  @Test
  void getCancelDropManyPendingReaders() {
    run(() -> {
      Queue<Integer> q = new Queue<>();
      Task<Integer> reader1 = Asyncio.createTask(q::get);
      Task<Integer> reader2 = Asyncio.createTask(q::get);
      Task<Integer> reader3 = Asyncio.createTask(q::get);
      yieldNow();
      q.putNowait(1);
      q.putNowait(2);
      reader1.cancel();
      assertThatThrownBy(reader1::await).isInstanceOf(CancelledException.class);
      reader3.await();
      assertThat(Set.of(reader2.await(), reader3.await())).containsExactlyInAnyOrder(1, 2);
    });
  }

  // ported from test_queues.py::test_put_cancel_drop
  @Test
  void putCancelDrop() {
    run(() -> {
      Queue<Integer> q = new Queue<>(1);
      q.putNowait(1);
      Task<Void> writer = Asyncio.createTask(() -> q.put(2));
      yieldNow();
      assertThat(q.getNowait()).isEqualTo(1);
      writer.cancel();
      try {
        writer.await();
      } catch (CancelledException e) {
        Asyncio.createTask(() -> q.put(2)).await(); // try again
      }
      assertThat(q.getNowait()).isEqualTo(2);
      assertThat(q.qsize()).isZero(); // put exactly once, never twice
    });
  }

  // ported from test_queues.py::test_put_cancelled_race
  @Test
  void putCancelledRace() {
    run(() -> {
      Queue<String> q = new Queue<>(1);
      Task<Void> putA = Asyncio.createTask(() -> q.put("a"));
      Task<Void> putB = Asyncio.createTask(() -> q.put("b"));
      Task<Void> putC = Asyncio.createTask(() -> q.put("X"));
      yieldNow();
      assertThat(putA.isDone()).isTrue();
      assertThat(putB.isDone()).isFalse();
      putC.cancel();
      yieldNow();
      assertThat(putC.isDone()).isTrue();
      assertThat(q.getNowait()).isEqualTo("a");
      yieldNow();
      assertThat(q.getNowait()).isEqualTo("b");
      putB.await();
    });
  }

  // ported from test_queues.py::test_put_with_waiting_getters
  @Test
  void putWithWaitingGetters() {
    run(() -> {
      Queue<String> q = new Queue<>();
      Task<String> t = Asyncio.createTask(q::get);
      yieldNow();
      q.put("a");
      assertThat(t.await()).isEqualTo("a");
    });
  }

  // ported from test_queues.py::test_why_are_putters_waiting
  @Test
  void whyArePuttersWaiting() {
    run(() -> {
      Queue<Integer> q = new Queue<>(2);
      List<Task<?>> tasks = new ArrayList<>();
      tasks.add(
          Asyncio.createTask(() -> {
            yieldNow();
            int n = q.qsize();
            for (int i = 0; i < n; i++) {
              q.getNowait();
            }
          }));
      for (int i = 0; i < 4; i++) {
        int item = i;
        tasks.add(Asyncio.createTask(() -> q.put(item)));
      }
      Asyncio.gather(tasks).await();
    });
  }

  // ported from test_queues.py::test_cancelled_puts_not_being_held_in_self_putters and
  // test_cancelled_put_silence_value_error_exception
  @Test
  void cancelledPutsNotBeingHeldInSelfPutters() {
    run(() -> {
      Queue<Integer> q = new Queue<>(1);
      q.putNowait(1);
      Task<Void> putTask = Asyncio.createTask(() -> q.put(1));
      yieldNow();
      assertThat(q.toString()).contains("_putters[1]");
      putTask.cancel();
      assertThatThrownBy(putTask::await).isInstanceOf(CancelledException.class);
      assertThat(q.toString()).doesNotContain("_putters");

      // getNowait() already popped the putter's future when the cancellation arrives.
      Task<Void> second = Asyncio.createTask(() -> q.put(2));
      yieldNow();
      q.getNowait();
      second.cancel();
      assertThatThrownBy(second::await).isInstanceOf(CancelledException.class);
      assertThat(q.qsize()).isZero();
    });
  }

  // ported from test_queues.py::test_task_done_underflow
  @Test
  void taskDoneUnderflow() {
    Queue<Integer> q = new Queue<>();
    assertThatThrownBy(q::taskDone)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("taskDone() called too many times");
  }

  // ported from test_queues.py::test_task_done (QueueJoinTests, LifoQueueJoinTests,
  // PriorityQueueJoinTests)
  @ParameterizedTest
  @ValueSource(strings = {"fifo", "lifo", "priority"})
  void taskDone(String kind) {
    run(() -> {
      Queue<Integer> q = newQueue(kind).get();
      for (int i = 0; i < 100; i++) {
        q.putNowait(i);
      }
      int[] accumulator = {0};
      boolean[] running = {true};
      List<Task<Void>> workers = new ArrayList<>();
      for (int w = 0; w < 2; w++) {
        workers.add(
            Asyncio.createTask(() -> {
              while (running[0]) {
                int item = q.get();
                accumulator[0] += item;
                q.taskDone();
              }
            }));
      }
      q.join();
      assertThat(accumulator[0]).isEqualTo(99 * 100 / 2);
      running[0] = false;
      for (int w = 0; w < workers.size(); w++) {
        q.putNowait(0);
      }
      Asyncio.gather(workers).await();
    });
  }

  // ported from test_queues.py::test_join_empty_queue
  @Test
  void joinEmptyQueue() {
    run(() -> {
      Queue<Integer> q = new Queue<>();
      q.join();
      q.join();
    });
  }

  // ported from test_queues.py::test_format (both mixins)
  @Test
  void format() {
    Queue<Integer> q = new Queue<>();
    assertThat(q.toString()).isEqualTo("<Queue maxsize=0>");
    q.shutdown();
    assertThat(q.toString()).isEqualTo("<Queue maxsize=0 shutdown>");
  }

  // ported from test_queues.py::test_shutdown_empty
  @ParameterizedTest
  @ValueSource(strings = {"fifo", "lifo", "priority"})
  void shutdownEmpty(String kind) {
    run(() -> {
      Queue<Integer> q = newQueue(kind).get();
      Task<Integer> getTask = Asyncio.createTask(q::get);
      yieldNow();
      q.shutdown(false);
      assertThat(q.qsize()).isZero();
      q.join();
      yieldNow();
      assertThat(getTask.isDone()).isTrue();
      assertThatThrownBy(getTask::await).isInstanceOf(QueueShutDownException.class);
      assertRaisesShutdown(q);
    });
  }

  // ported from test_queues.py::test_shutdown_nonempty
  @ParameterizedTest
  @ValueSource(strings = {"fifo", "lifo", "priority"})
  void shutdownNonempty(String kind) {
    run(() -> {
      Queue<Integer> q = newQueue(kind, 1).get();
      q.putNowait(7);
      Task<Void> joinTask = Asyncio.createTask(q::join);
      Task<Void> putTask = Asyncio.createTask(() -> q.put(8));
      yieldNow();
      assertThat(putTask.isDone()).isFalse();
      q.shutdown(false);
      assertThat(q.qsize()).isEqualTo(1);
      yieldNow();
      assertThat(putTask.isDone()).isTrue();
      assertThatThrownBy(putTask::await).isInstanceOf(QueueShutDownException.class);
      assertThat(q.get()).isEqualTo(7); // items left are still handed out
      yieldNow();
      assertThat(joinTask.isDone()).isFalse();
      assertRaisesShutdown(q);
      q.taskDone();
      yieldNow();
      assertThat(joinTask.isDone()).isTrue();
      assertThatThrownBy(q::taskDone).isInstanceOf(IllegalStateException.class);
    });
  }

  // ported from test_queues.py::test_shutdown_immediate
  @ParameterizedTest
  @ValueSource(strings = {"fifo", "lifo", "priority"})
  void shutdownImmediate(String kind) {
    run(() -> {
      Queue<Integer> q = newQueue(kind).get();
      q.putNowait(7);
      Task<Void> joinTask = Asyncio.createTask(q::join);
      q.shutdown(true);
      assertThat(q.qsize()).isZero();
      yieldNow();
      assertThat(joinTask.isDone()).isTrue();
      joinTask.await();
      assertRaisesShutdown(q);
      assertThatThrownBy(q::taskDone).isInstanceOf(IllegalStateException.class);
    });
  }

  // ported from test_queues.py::test_shutdown_immediate_with_unfinished
  @ParameterizedTest
  @ValueSource(strings = {"fifo", "lifo", "priority"})
  void shutdownImmediateWithUnfinished(String kind) {
    run(() -> {
      Queue<Integer> q = newQueue(kind).get();
      q.putNowait(7);
      q.putNowait(7);
      Task<Void> joinTask = Asyncio.createTask(q::join);
      assertThat(q.get()).isEqualTo(7);
      q.shutdown(true);
      assertThat(q.qsize()).isZero();
      yieldNow();
      assertThat(joinTask.isDone()).isFalse();
      assertRaisesShutdown(q);
      q.taskDone();
      assertThatThrownBy(q::taskDone).isInstanceOf(IllegalStateException.class);
      yieldNow();
      assertThat(joinTask.isDone()).isTrue();
    });
  }

  @Test
  void shutdownImmediateWakesEveryWaitingGetter() {
    run(() -> {
      Queue<Integer> q = new Queue<>();
      List<Task<Integer>> getters = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        getters.add(Asyncio.createTask(q::get));
      }
      settle();
      q.shutdown(true);
      for (Object r : Asyncio.gatherReturnExceptions(getters).await()) {
        assertThat(r).isInstanceOf(QueueShutDownException.class);
      }
    });
  }

  private static void assertRaisesShutdown(Queue<Integer> q) {
    assertThatThrownBy(() -> q.put(1)).isInstanceOf(QueueShutDownException.class);
    assertThatThrownBy(() -> q.putNowait(1)).isInstanceOf(QueueShutDownException.class);
    assertThatThrownBy(q::get).isInstanceOf(QueueShutDownException.class);
    assertThatThrownBy(q::getNowait).isInstanceOf(QueueShutDownException.class);
  }

  private static Supplier<Queue<Integer>> newQueue(String kind) {
    return newQueue(kind, 0);
  }

  private static Supplier<Queue<Integer>> newQueue(String kind, int maxsize) {
    return switch (kind) {
      case "fifo" -> () -> new Queue<>(maxsize);
      case "lifo" -> () -> new LifoQueue<>(maxsize);
      default -> () -> new PriorityQueue<>(maxsize);
    };
  }
}

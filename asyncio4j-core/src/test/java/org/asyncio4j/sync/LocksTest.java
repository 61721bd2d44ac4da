package org.asyncio4j.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.asyncio4j.sync.SyncTesting.run;
import static org.asyncio4j.sync.SyncTesting.settle;
import static org.asyncio4j.sync.SyncTesting.yieldNow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.asyncio4j.AsyncTimeoutException;
import org.asyncio4j.Asyncio;
import org.asyncio4j.CancelledException;
import org.asyncio4j.Future;
import org.asyncio4j.Task;
import org.asyncio4j.Timeout;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** CPython's Lib/test/test_asyncio/test_locks.py, ported in spirit. */
class LocksTest {

  @Nested
  class LockTests {
    // ported from test_locks.py::test_repr
    @Test
    void repr() {
      run(() -> {
        Lock lock = new Lock();
        assertThat(lock.toString()).endsWith("[unlocked]>");
        lock.acquire();
        assertThat(lock.toString()).contains("[locked");
      });
    }

    // ported from test_locks.py::test_context_manager
    @Test
    void contextManager() {
      run(() -> {
        Lock lock = new Lock();
        Held outer;
        try (Held held = lock.acquire()) {
          assertThat(lock.isLocked()).isTrue();
          outer = held;
        }
        assertThat(lock.isLocked()).isFalse();
        assertThat(outer.isReleased()).isTrue();
        outer.close(); // releases exactly once: a second close does nothing
        assertThat(lock.isLocked()).isFalse();
        assertThat(lock.withLock(() -> lock.isLocked())).isTrue();
        assertThat(lock.isLocked()).isFalse();
      });
    }

    // ported from test_locks.py::test_acquire
    @Test
    void acquire() {
      run(() -> {
        Lock lock = new Lock();
        List<Integer> result = new ArrayList<>();
        Event[] go = {new Event(), new Event(), new Event(), new Event()};
        Held mine = lock.acquire();
        List<Task<Void>> tasks = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
          int n = i;
          tasks.add(
              Asyncio.createTask(() -> {
                try (Held _ = lock.acquire()) {
                  result.add(n);
                  go[n].await();
                }
              }));
        }
        yieldNow();
        assertThat(result).isEmpty();
        mine.close();
        yieldNow();
        assertThat(result).containsExactly(1);
        yieldNow();
        assertThat(result).containsExactly(1);
        tasks.add(
            Asyncio.createTask(() -> {
              try (Held _ = lock.acquire()) {
                result.add(3);
                go[3].await();
              }
            }));
        go[1].set();
        settle();
        assertThat(result).containsExactly(1, 2);
        go[2].set();
        settle();
        assertThat(result).containsExactly(1, 2, 3);
        go[3].set();
        Asyncio.gather(tasks).await();
        assertThat(lock.isLocked()).isFalse();
      });
    }

    // ported from test_locks.py::test_acquire_cancel
    @Test
    void acquireCancel() {
      run(() -> {
        Lock lock = new Lock();
        lock.acquire();
        Task<Held> task = Asyncio.createTask(lock::acquire);
        Asyncio.getRunningLoop().callSoon(() -> task.cancel());
        assertThatThrownBy(task::await).isInstanceOf(CancelledException.class);
        assertThat(lock.toString()).doesNotContain("waiters");
      });
    }

    // ported from test_locks.py::test_cancel_race
    @Test
    void cancelRace() {
      run(() -> {
        // A holds the lock, B and C wait; B is cancelled just as A releases: C must get it.
        Lock lock = new Lock();
        Future<@Nullable Void> fa = Asyncio.getRunningLoop().createFuture();
        Task<@Nullable Void> ta = Asyncio.createTask(() -> lock.withLock(() -> fa.await()));
        yieldNow();
        assertThat(lock.isLocked()).isTrue();
        Task<Void> tb = Asyncio.createTask(() -> lock.withLock(() -> {}));
        yieldNow();
        assertThat(lock.toString()).contains("waiters:1");
        Task<Void> tc = Asyncio.createTask(() -> lock.withLock(() -> {}));
        yieldNow();
        assertThat(lock.toString()).contains("waiters:2");
        fa.setResult(null);
        tb.cancel();
        settle();
        assertThat(lock.isLocked()).isFalse();
        assertThat(ta.isDone()).isTrue();
        assertThat(tb.isCancelled()).isTrue();
        assertThat(tc.isDone()).isTrue();
        tc.await();
      });
    }

    // ported from test_locks.py::test_cancel_release_race
    @Test
    void cancelReleaseRace() {
      run(() -> {
        // bpo-32734: with four tasks on the lock, cancelling the second while releasing the first
        // must not let two tasks take it at once.
        Lock lock = new Lock();
        AtomicInteger lockCount = new AtomicInteger();
        AtomicInteger callCount = new AtomicInteger();
        Held mine = lock.acquire();
        List<Task<Void>> ts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          ts.add(
              Asyncio.createTask(() -> {
                callCount.incrementAndGet();
                lock.acquire();
                lockCount.incrementAndGet();
              }));
        }
        yieldNow();
        ts.get(0).cancel();
        mine.close();
        assertThatThrownBy(ts.get(0)::await).isInstanceOf(CancelledException.class);
        settle();
        assertThat(lockCount.get()).isEqualTo(1);
        assertThat(callCount.get()).isEqualTo(3);
        assertThat(ts.get(1).isDone()).isTrue();
        ts.get(2).cancel();
        yieldNow();
        assertThat(ts.get(2).isCancelled()).isTrue();
      });
    }

    // ported from test_locks.py::test_finished_waiter_cancelled
    @Test
    void finishedWaiterCancelled() {
      run(() -> {
        Lock lock = new Lock();
        Held mine = lock.acquire();
        Task<Held> tb = Asyncio.createTask(lock::acquire);
        yieldNow();
        assertThat(lock.toString()).contains("waiters:1");
        // A second waiter; wake the first, then cancel it: the second must still be woken.
        Task<Held> tc = Asyncio.createTask(lock::acquire);
        tb.cancel();
        mine.close();
        settle();
        assertThat(lock.isLocked()).isTrue();
        assertThat(tb.isCancelled()).isTrue();
        assertThat(tc.isDone()).isTrue();
      });
    }

    // ported from test_locks.py::test_release_not_acquired
    @Test
    void releaseNotAcquired() {
      run(() -> {
        Lock lock = new Lock();
        assertThatThrownBy(lock::release)
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("not acquired");
      });
    }

    // ported from test_locks.py::test_release_no_waiters
    @Test
    void releaseNoWaiters() {
      run(() -> {
        Lock lock = new Lock();
        lock.acquire();
        assertThat(lock.isLocked()).isTrue();
        lock.release();
        assertThat(lock.isLocked()).isFalse();
      });
    }

    // CPython 3.11: a Lock has no owner: a task other than the acquirer, or a callback, releases it
    @Test
    void anyTaskOrCallbackMayRelease() {
      run(() -> {
        Lock lock = new Lock();
        Task<Held> holder = Asyncio.createTask(lock::acquire, "holder");
        Held held = holder.await();
        assertThat(lock.isLocked()).isTrue();
        lock.release(); // by the main task
        assertThat(lock.isLocked()).isFalse();
        // the hold's own release now finds the lock free, as asyncio's `async with` exit would
        assertThatThrownBy(held::close)
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("not acquired");
        assertThat(held.isReleased()).isFalse();

        lock.acquire();
        Future<@Nullable Void> released = Asyncio.getRunningLoop().createFuture();
        Asyncio.getRunningLoop()
            .callSoon(() -> {
              lock.release(); // by a callback
              released.setResult(null);
            });
        released.await();
        assertThat(lock.isLocked()).isFalse();

        Held mine = lock.acquire();
        Task<Void> closer = Asyncio.createTask(mine::close); // a Held may be closed elsewhere too
        closer.await();
        assertThat(mine.isReleased()).isTrue();
        assertThat(lock.isLocked()).isFalse();
      });
    }

    // CPython: release() has no owner to check, so it works from any code, even outside a loop
    @Test
    void releaseOutsideALoop() {
      Lock lock = new Lock();
      run(() -> {
        lock.acquire();
      });
      assertThat(lock.isLocked()).isTrue();
      lock.release();
      assertThat(lock.isLocked()).isFalse();
    }

    // CPython 3.11: a second acquire() by the holder waits (the lock is not reentrant);
    // wait_for(lock.acquire(), 0.05) times out, the lock stays locked and keeps no waiter
    @Test
    void aSecondAcquireByTheHolderWaitsAndWaitForTimesItOut() {
      run(() -> {
        Lock lock = new Lock();
        try (Held _ = lock.acquire()) {
          assertThatThrownBy(() -> Asyncio.waitFor(() -> lock.acquire(), Duration.ofMillis(50)))
              .isInstanceOf(AsyncTimeoutException.class);
          assertThat(lock.isLocked()).isTrue();
          assertThat(lock.toString()).endsWith("[locked]>");
        }
        assertThat(lock.isLocked()).isFalse();
        // and a release by someone else lets the holder's second acquire through
        lock.acquire();
        Task<Held> again = Asyncio.createTask(lock::acquire);
        yieldNow();
        assertThat(again.isDone()).isFalse();
        lock.release();
        settle();
        assertThat(again.isDone()).isTrue();
        assertThat(lock.isLocked()).isTrue();
      });
    }

    // CPython 3.11: a callback that releases the lock and cancels the first waiter (in either
    // order) hands the lock on exactly once: to the second waiter, and the third keeps waiting
    @Test
    void aCallbackReleasingAndCancellingTheFirstWaiterHandsTheLockOnOnce() {
      for (boolean cancelFirst : new boolean[] {false, true}) {
        run(() -> {
          Lock lock = new Lock();
          lock.acquire();
          List<Integer> got = new ArrayList<>();
          List<Task<Void>> waiters = new ArrayList<>();
          for (int i = 0; i < 3; i++) {
            int n = i;
            waiters.add(
                Asyncio.createTask(() -> {
                  lock.acquire();
                  got.add(n);
                }));
          }
          yieldNow();
          assertThat(lock.toString()).contains("waiters:3");
          Asyncio.getRunningLoop()
              .callSoon(() -> {
                if (cancelFirst) {
                  waiters.get(0).cancel();
                  lock.release();
                } else {
                  lock.release();
                  waiters.get(0).cancel();
                }
              });
          settle();
          assertThat(got).as("cancel first: %s", cancelFirst).containsExactly(1);
          assertThat(waiters.get(0).isCancelled()).isTrue();
          assertThat(lock.isLocked()).isTrue();
          assertThat(lock.toString()).contains("waiters:1");
          lock.release();
          settle();
          assertThat(got).containsExactly(1, 2);
          lock.release();
          assertThat(lock.isLocked()).isFalse();
          assertThat(lock.toString()).endsWith("[unlocked]>");
        });
      }
    }

    @Test
    void timeoutWhileWaitingLeavesNoTrace() {
      run(() -> {
        Lock lock = new Lock();
        Held mine = lock.acquire();
        Task<Void> late =
            Asyncio.createTask(() -> {
              try (Timeout _ = Asyncio.timeout(Duration.ofSeconds(1))) {
                lock.acquire();
              }
            });
        Asyncio.sleep(Duration.ofSeconds(2));
        assertThatThrownBy(late::await).isInstanceOf(AsyncTimeoutException.class);
        assertThat(lock.toString()).doesNotContain("waiters");
        mine.close();
        assertThat(lock.isLocked()).isFalse();
      });
    }
  }

  @Nested
  class EventTests {
    // ported from test_locks.py::test_repr (EventTests)
    @Test
    void repr() {
      run(() -> {
        Event ev = new Event();
        assertThat(ev.toString()).endsWith("[unset]>");
        ev.set();
        assertThat(ev.toString()).endsWith("[set]>");
      });
    }

    // ported from test_locks.py::test_wait (EventTests)
    @Test
    void await() {
      run(() -> {
        Event ev = new Event();
        assertThat(ev.isSet()).isFalse();
        List<Integer> result = new ArrayList<>();
        Task<Void> t1 =
            Asyncio.createTask(() -> {
              ev.await();
              result.add(1);
            });
        Task<Void> t2 =
            Asyncio.createTask(() -> {
              ev.await();
              result.add(2);
            });
        yieldNow();
        assertThat(result).isEmpty();
        Task<Void> t3 =
            Asyncio.createTask(() -> {
              ev.await();
              result.add(3);
            });
        ev.set();
        yieldNow();
        assertThat(result).containsExactly(3, 1, 2);
        assertThat(t1.isDone() && t2.isDone() && t3.isDone()).isTrue();
      });
    }

    // ported from test_locks.py::test_wait_on_set
    @Test
    void awaitOnSet() {
      run(() -> {
        Event ev = new Event();
        ev.set();
        ev.await();
        assertThat(ev.isSet()).isTrue();
      });
    }

    // ported from test_locks.py::test_wait_cancel (EventTests)
    @Test
    void awaitCancel() {
      run(() -> {
        Event ev = new Event();
        Task<Void> wait = Asyncio.createTask(ev::await);
        Asyncio.getRunningLoop().callSoon(() -> wait.cancel());
        assertThatThrownBy(wait::await).isInstanceOf(CancelledException.class);
        assertThat(ev.toString()).doesNotContain("waiters");
      });
    }

    // ported from test_locks.py::test_clear
    @Test
    void clear() {
      run(() -> {
        Event ev = new Event();
        ev.set();
        assertThat(ev.isSet()).isTrue();
        ev.clear();
        assertThat(ev.isSet()).isFalse();
      });
    }

    // ported from test_locks.py::test_clear_with_waiters
    @Test
    void clearWithWaiters() {
      run(() -> {
        Event ev = new Event();
        List<Integer> result = new ArrayList<>();
        Task<Void> t =
            Asyncio.createTask(() -> {
              ev.await();
              result.add(1);
            });
        yieldNow();
        assertThat(result).isEmpty();
        ev.set();
        ev.clear();
        assertThat(ev.isSet()).isFalse();
        ev.set();
        ev.set();
        assertThat(ev.toString()).contains("waiters:1");
        yieldNow();
        assertThat(result).containsExactly(1);
        assertThat(ev.toString()).doesNotContain("waiters");
        assertThat(t.isDone()).isTrue();
      });
    }
  }

  @Nested
  class ConditionTests {
    // ported from test_locks.py::test_wait (ConditionTests)
    @Test
    void await() {
      run(() -> {
        Condition cond = new Condition();
        List<Integer> result = new ArrayList<>();
        List<Task<Void>> tasks = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
          int n = i;
          tasks.add(
              Asyncio.createTask(() -> {
                try (Held _ = cond.acquire()) {
                  cond.await();
                  result.add(n);
                }
              }));
        }
        yieldNow();
        assertThat(result).isEmpty();
        assertThat(cond.isLocked()).isFalse();

        Held mine = cond.acquire();
        cond.signal();
        settle();
        assertThat(result).isEmpty(); // signalled, but the lock is still ours
        assertThat(cond.isLocked()).isTrue();
        mine.close();
        settle();
        assertThat(result).containsExactly(1);

        mine = cond.acquire();
        cond.signal(2);
        settle();
        assertThat(result).containsExactly(1);
        mine.close();
        settle();
        assertThat(result).containsExactly(1, 2, 3);
        Asyncio.gather(tasks).await();
        assertThat(cond.isLocked()).isFalse();
      });
    }

    // ported from test_locks.py::test_wait_cancel (ConditionTests)
    @Test
    void awaitCancel() {
      run(() -> {
        Condition cond = new Condition();
        AtomicBoolean heldAfterCancel = new AtomicBoolean();
        Task<Void> wait =
            Asyncio.createTask(() -> {
              try (Held _ = cond.acquire()) {
                try {
                  cond.await();
                } catch (CancelledException e) {
                  heldAfterCancel.set(cond.lock().isHeldByCaller());
                  throw e;
                }
              }
            });
        Asyncio.getRunningLoop().callSoon(() -> wait.cancel());
        assertThatThrownBy(wait::await).isInstanceOf(CancelledException.class);
        assertThat(heldAfterCancel).isTrue();
        assertThat(cond.toString()).doesNotContain("waiters");
        assertThat(cond.isLocked()).isFalse();
      });
    }

    // ported from test_locks.py::test_wait_cancel_contested
    @Test
    void awaitCancelContested() {
      run(() -> {
        Condition cond = new Condition();
        Task<Boolean> waitTask =
            Asyncio.createTask(() -> {
              try (Held _ = cond.acquire()) {
                try {
                  cond.await();
                } catch (CancelledException e) {
                  // a cancellation may arrive; the lock is held again either way
                }
                return cond.lock().isHeldByCaller();
              }
            });
        yieldNow();
        assertThat(cond.isLocked()).isFalse();
        Held mine = cond.acquire();
        cond.signal();
        waitTask.cancel();
        mine.close();
        assertThat(waitTask.await()).isTrue();
        assertThat(cond.isLocked()).isFalse();
      });
    }

    // ported from test_locks.py::test_wait_cancel_after_notify
    @Test
    void awaitCancelAfterNotify() {
      run(() -> {
        // bpo-32841: cancelled while taking the lock back after a signal.
        AtomicBoolean waited = new AtomicBoolean();
        Condition cond = new Condition();
        Task<Void> waiter =
            Asyncio.createTask(() ->
                cond.withLock(() -> {
                  waited.set(true);
                  cond.await();
                }));
        yieldNow();
        Held mine = cond.acquire();
        cond.signal();
        yieldNow(); // the waiter now waits for the lock
        waiter.cancel();
        yieldNow();
        mine.close();
        settle();
        assertThat(waiter.isCancelled()).isTrue();
        assertThat(waited).isTrue();
        assertThat(cond.isLocked()).isFalse();
      });
    }

    // ported from test_locks.py::test_wait_unacquired
    @Test
    void awaitUnacquired() {
      run(() -> {
        Condition cond = new Condition();
        assertThatThrownBy(cond::await)
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("it is not");
      });
    }

    // ported from test_locks.py::test_wait_for
    @Test
    void awaitFor() {
      run(() -> {
        Condition cond = new Condition();
        AtomicBoolean presult = new AtomicBoolean();
        List<Integer> result = new ArrayList<>();
        Task<Void> t =
            Asyncio.createTask(() ->
                cond.withLock(() -> {
                  cond.awaitFor(presult::get);
                  result.add(1);
                }));
        yieldNow();
        assertThat(result).isEmpty();
        cond.withLock(() -> cond.signal());
        settle();
        assertThat(result).isEmpty();
        presult.set(true);
        cond.withLock(() -> cond.signal());
        settle();
        assertThat(result).containsExactly(1);
        assertThat(t.isDone()).isTrue();
      });
    }

    // ported from test_locks.py::test_wait_for_unacquired
    @Test
    void awaitForUnacquired() {
      run(() -> {
        Condition cond = new Condition();
        cond.awaitFor(() -> true); // a true predicate needs no lock
        assertThatThrownBy(() -> cond.awaitFor(() -> false))
            .isInstanceOf(IllegalStateException.class);
      });
    }

    // ported from test_locks.py::test_notify
    @Test
    void signal() {
      run(() -> {
        Condition cond = new Condition();
        List<Integer> result = new ArrayList<>();
        List<Task<Void>> tasks = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
          int n = i;
          tasks.add(
              Asyncio.createTask(() ->
                  cond.withLock(() -> {
                    cond.await();
                    result.add(n);
                  })));
        }
        yieldNow();
        assertThat(result).isEmpty();
        cond.withLock(() -> cond.signal(1));
        settle();
        assertThat(result).containsExactly(1);
        cond.withLock(() -> {
          cond.signal(1);
          cond.signal(2048);
        });
        settle();
        assertThat(result).containsExactly(1, 2, 3);
        Asyncio.gather(tasks).await();
      });
    }

    // ported from test_locks.py::test_notify_all
    @Test
    void signalAll() {
      run(() -> {
        Condition cond = new Condition();
        List<Integer> result = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
          int n = i;
          var _ =
              Asyncio.createTask(() ->
                  cond.withLock(() -> {
                    cond.await();
                    result.add(n);
                  }));
        }
        yieldNow();
        cond.withLock(() -> cond.signalAll());
        settle();
        assertThat(result).containsExactly(1, 2);
      });
    }

    // ported from test_locks.py::test_notify_unacquired and test_notify_all_unacquired
    @Test
    void signalUnacquired() {
      run(() -> {
        Condition cond = new Condition();
        assertThatThrownBy(cond::signal).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(cond::signalAll).isInstanceOf(IllegalStateException.class);
      });
    }

    // CPython 3.11: notify()/notify_all() check only that the lock is locked, not by whom: the main
    // task signals while another task holds the lock, and the waiter wakes once that one releases
    @Test
    void signalChecksOnlyThatTheLockIsLocked() {
      run(() -> {
        Condition cond = new Condition();
        Task<String> waiter =
            Asyncio.createTask(() ->
                cond.withLock(() -> {
                  cond.await();
                  return "woken";
                }));
        yieldNow();
        Event holderGo = new Event();
        Task<Void> holder = Asyncio.createTask(() -> cond.withLock(() -> holderGo.await()));
        yieldNow();
        assertThat(cond.isLocked()).isTrue();
        cond.signal(); // the main task does not hold the lock: asyncio allows it
        cond.signalAll();
        holderGo.set();
        assertThat(waiter.await()).isEqualTo("woken");
        holder.await();
        assertThat(cond.isLocked()).isFalse();
        assertThatThrownBy(cond::signal)
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("is not");
      });
    }

    // CPython 3.11: wait() by a task while another task holds the lock releases that lock (it is
    // only checked to be locked), and the waiter takes it back when signalled
    @Test
    void awaitChecksOnlyThatTheLockIsLocked() {
      run(() -> {
        Condition cond = new Condition();
        cond.acquire(); // the main task takes the lock
        Task<String> other =
            Asyncio.createTask(() -> {
              cond.await();
              return "woken";
            });
        yieldNow();
        assertThat(cond.isLocked()).isFalse(); // other's await() released the main task's lock
        assertThat(other.isDone()).isFalse();
        cond.withLock(() -> cond.signal());
        assertThat(other.await()).isEqualTo("woken");
        assertThat(cond.isLocked()).isTrue(); // other took it back and returned holding it
        cond.release();
      });
    }

    // ported from test_locks.py::test_explicit_lock
    @Test
    void explicitLock() {
      run(() -> {
        Lock lock = new Lock();
        Condition cond = new Condition(lock);
        assertThat(cond.lock()).isSameAs(lock);
        try (Held _ = cond.acquire()) {
          assertThat(lock.isLocked()).isTrue();
        }
        assertThat(cond.isLocked()).isFalse();
        try (Held _ = lock.acquire()) {
          assertThat(cond.isLocked()).isTrue();
          cond.signal(); // holding the shared lock is holding the condition's
        }
        assertThat(cond.isLocked()).isFalse();
      });
    }

    // ported from test_locks.py::test_timeout_in_block
    @Test
    void timeoutInBlock() {
      run(() -> {
        Condition cond = new Condition();
        try (Held _ = cond.acquire()) {
          assertThatThrownBy(() ->
                  Asyncio.timeout(
                      Duration.ofMillis(500),
                      () -> {
                        cond.await();
                        return null;
                      }))
              .isInstanceOf(AsyncTimeoutException.class);
          assertThat(cond.lock().isHeldByCaller()).isTrue();
        }
      });
    }

    // ported from test_locks.py::test_cancelled_error_wakeup
    @Test
    void cancelledErrorWakeup() {
      run(() -> {
        Condition cond = new Condition();
        AtomicReference<CancelledException> raised = new AtomicReference<>();
        Task<Void> task =
            Asyncio.createTask(() ->
                cond.withLock(() -> {
                  try {
                    cond.awaitFor(() -> false);
                  } catch (CancelledException e) {
                    raised.set(e);
                    throw e;
                  }
                }));
        yieldNow();
        task.cancel("foo");
        assertThatThrownBy(task::await)
            .isInstanceOf(CancelledException.class)
            .hasMessage("foo")
            .isSameAs(raised.get());
      });
    }

    // ported from test_locks.py::test_cancelled_error_re_aquire
    @Test
    void cancelledErrorReAcquire() {
      run(() -> {
        Condition cond = new Condition();
        AtomicBoolean wake = new AtomicBoolean();
        AtomicReference<CancelledException> raised = new AtomicReference<>();
        Task<Void> task =
            Asyncio.createTask(() ->
                cond.withLock(() -> {
                  try {
                    cond.awaitFor(wake::get);
                  } catch (CancelledException e) {
                    raised.set(e);
                    throw e;
                  }
                }));
        yieldNow();
        Held mine = cond.acquire();
        wake.set(true);
        cond.signal();
        yieldNow(); // the task now waits to take the lock back: cancel it there
        task.cancel("foo");
        mine.close();
        assertThatThrownBy(task::await).hasMessage("foo").isSameAs(raised.get());
        assertThat(cond.isLocked()).isFalse();
      });
    }

    // ported from test_locks.py::test_cancelled_wakeup
    @Test
    void cancelledWakeup() {
      cancelledWakeup(false);
    }

    // ported from test_locks.py::test_cancelled_wakeup_relock
    @Test
    void cancelledWakeupRelock() {
      cancelledWakeup(true);
    }

    /** gh-112202: a signal racing with the cancellation of its target must not be lost. */
    private void cancelledWakeup(boolean letItRelock) {
      run(() -> {
        Condition cond = new Condition();
        int[] state = {0};
        List<Task<Void>> consumers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
          consumers.add(
              Asyncio.createTask(() ->
                  cond.withLock(() -> {
                    while (true) {
                      cond.awaitFor(() -> state[0] != 0);
                      if (state[0] < 0) {
                        return;
                      }
                      state[0]--;
                    }
                  })));
        }
        yieldNow();
        try (Held _ = cond.acquire()) {
          state[0]++;
          cond.signal(1);
          if (letItRelock) {
            yieldNow(); // the target now waits to take the lock back
          }
          consumers.get(0).cancel();
          try (Timeout _ = Asyncio.timeout(Duration.ofMillis(10))) {
            cond.awaitFor(() -> state[0] == 0);
          } catch (AsyncTimeoutException e) {
            // checked below
          }
          assertThat(state[0]).isZero();
          state[0] = -1;
          cond.signalAll();
        }
        consumers.get(1).await();
      });
    }
  }

  @Nested
  class SemaphoreTests {
    // ported from test_locks.py::test_initial_value_zero
    @Test
    void initialValueZero() {
      assertThat(new Semaphore(0).isLocked()).isTrue();
    }

    // ported from test_locks.py::test_repr (SemaphoreTests)
    @Test
    void repr() {
      run(() -> {
        Semaphore sem = new Semaphore();
        assertThat(sem.toString()).endsWith("[unlocked, value:1]>");
        sem.acquire();
        assertThat(sem.toString()).endsWith("[locked]>");
        var _ = Asyncio.createTask(sem::acquire);
        yieldNow();
        assertThat(sem.toString()).contains("waiters:1");
        sem.release();
        settle();
      });
    }

    // ported from test_locks.py::test_semaphore_value
    @Test
    void semaphoreValue() {
      assertThatThrownBy(() -> new Semaphore(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    // ported from test_locks.py::test_acquire (SemaphoreTests)
    @Test
    void acquire() {
      run(() -> {
        Semaphore sem = new Semaphore(3);
        List<Integer> result = new ArrayList<>();
        sem.acquire();
        sem.acquire();
        assertThat(sem.isLocked()).isFalse();
        List<Task<Void>> tasks = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
          int n = i;
          tasks.add(
              Asyncio.createTask(() -> {
                sem.acquire();
                result.add(n);
              }));
        }
        yieldNow();
        assertThat(result).containsExactly(1);
        assertThat(sem.isLocked()).isTrue();
        assertThat(sem.toString()).contains("waiters:2");
        assertThat(sem.availablePermits()).isZero();
        tasks.add(
            Asyncio.createTask(() -> {
              sem.acquire();
              result.add(4);
            }));
        sem.release();
        sem.release();
        assertThat(sem.availablePermits()).isZero(); // handed to the two waiters already
        settle();
        assertThat(result).containsExactly(1, 2, 3); // the newcomer queued behind them
        assertThat(sem.isLocked()).isTrue();
        sem.release();
        Asyncio.gather(tasks).await();
        assertThat(result).containsExactly(1, 2, 3, 4);
      });
    }

    // ported from test_locks.py::test_acquire_cancel (SemaphoreTests)
    @Test
    void acquireCancel() {
      run(() -> {
        Semaphore sem = new Semaphore();
        sem.acquire();
        Task<Held> acquire = Asyncio.createTask(sem::acquire);
        Asyncio.getRunningLoop().callSoon(() -> acquire.cancel());
        assertThatThrownBy(acquire::await).isInstanceOf(CancelledException.class);
        assertThat(sem.toString()).doesNotContain("waiters");
      });
    }

    // ported from test_locks.py::test_acquire_cancel_before_awoken
    @Test
    void acquireCancelBeforeAwoken() {
      run(() -> {
        Semaphore sem = new Semaphore(0);
        List<Task<Held>> ts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          ts.add(Asyncio.createTask(sem::acquire));
        }
        yieldNow();
        ts.get(0).cancel();
        ts.get(1).cancel();
        sem.release();
        settle();
        assertThat(ts.get(2).isDone()).isTrue();
        assertThat(ts.get(3).isDone()).isFalse();
        ts.get(3).cancel();
        settle();
      });
    }

    // ported from test_locks.py::test_acquire_hang
    @Test
    void acquireHang() {
      run(() -> {
        Semaphore sem = new Semaphore(0);
        Task<Held> t1 = Asyncio.createTask(sem::acquire);
        Task<Held> t2 = Asyncio.createTask(sem::acquire);
        yieldNow();
        t1.cancel();
        sem.release();
        settle();
        assertThat(sem.isLocked()).isTrue();
        assertThat(t2.isDone()).isTrue();
      });
    }

    // ported from test_locks.py::test_acquire_no_hang
    @Test
    void acquireNoHang() {
      run(() -> {
        Semaphore sem = new Semaphore(1);
        AtomicReference<Task<Void>> t2 = new AtomicReference<>();
        Task<Void> t1 =
            Asyncio.createTask(() ->
                sem.withPermit(() -> {
                  yieldNow();
                  t2.get().cancel();
                }));
        t2.set(
            Asyncio.createTask(() ->
                sem.withPermit(() -> {
                  throw new AssertionError("c2 must never get the permit");
                })));
        List<@Nullable Object> results = Asyncio.gatherReturnExceptions(t1, t2.get()).await();
        assertThat(results.get(0)).isNull();
        assertThat(results.get(1)).isInstanceOf(CancelledException.class);
        Asyncio.waitFor(() -> sem.acquire(), Duration.ofSeconds(1));
      });
    }

    // ported from test_locks.py::test_release_not_acquired
    @Test
    void releaseNotAcquired() {
      BoundedSemaphore sem = new BoundedSemaphore();
      assertThatThrownBy(sem::release)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("released too many times");
    }

    // ported from test_locks.py::test_release_no_waiters
    @Test
    void releaseNoWaiters() {
      run(() -> {
        Semaphore sem = new Semaphore();
        sem.acquire();
        assertThat(sem.isLocked()).isTrue();
        sem.release();
        assertThat(sem.isLocked()).isFalse();
      });
    }

    // ported from test_locks.py::test_acquire_fifo_order
    @Test
    void acquireFifoOrder() {
      run(() -> {
        Semaphore sem = new Semaphore(1);
        List<String> result = Collections.synchronizedList(new ArrayList<>());
        List<Task<Void>> tasks = new ArrayList<>();
        for (String tag : List.of("c1", "c2", "c3")) {
          tasks.add(
              Asyncio.createTask(() -> {
                sem.acquire();
                result.add(tag + "_1");
                Asyncio.sleep(Duration.ofMillis(10));
                sem.release();
                sem.acquire();
                result.add(tag + "_2");
                Asyncio.sleep(Duration.ofMillis(10));
                sem.release();
              }));
        }
        Asyncio.gather(tasks).await();
        assertThat(result).containsExactly("c1_1", "c2_1", "c3_1", "c1_2", "c2_2", "c3_2");
      });
    }

    // ported from test_locks.py::test_acquire_fifo_order_2
    @Test
    void acquireFifoOrder2() {
      run(() -> {
        Semaphore sem = new Semaphore(1);
        List<Integer> result = new ArrayList<>();
        Task<Void> t1 =
            Asyncio.createTask(() -> {
              sem.acquire();
              result.add(1);
            });
        Task<Void> t2 =
            Asyncio.createTask(() -> {
              sem.acquire();
              result.add(2);
              sem.release();
              sem.acquire(); // behind t3, who waited longer
              result.add(4);
            });
        Task<Void> t3 =
            Asyncio.createTask(() -> {
              sem.acquire();
              result.add(3);
            });
        yieldNow();
        sem.release();
        sem.release();
        Asyncio.gather(t1, t2, t3).await();
        assertThat(result).containsExactly(1, 2, 3, 4);
      });
    }

    // ported from test_locks.py::test_acquire_fifo_order_3
    @Test
    void acquireFifoOrder3() {
      run(() -> {
        Semaphore sem = new Semaphore(0);
        List<Integer> result = new ArrayList<>();
        List<Task<Void>> ts = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
          int n = i;
          ts.add(
              Asyncio.createTask(() -> {
                sem.acquire();
                result.add(n);
              }));
        }
        yieldNow();
        ts.get(0).cancel();
        yieldNow();
        sem.release();
        sem.release();
        Asyncio.gatherReturnExceptions(ts).await();
        assertThat(result).containsExactly(2, 3);
      });
    }

    // ported from test_locks.py::test_acquire_fifo_order_4
    @Test
    void acquireFifoOrder4() {
      run(() -> {
        // A successful acquire() wakes the tasks that queued behind it because of FIFO.
        Semaphore sem = new Semaphore(0);
        List<Integer> result = new ArrayList<>();
        AtomicReference<Task<Void>> t4 = new AtomicReference<>();
        Task<Void> t1 =
            Asyncio.createTask(() -> {
              assertThat(sem.availablePermits()).isZero();
              sem.acquire();
              assertThat(sem.availablePermits()).isZero(); // everyone who can go was woken
              t4.set(
                  Asyncio.createTask(() -> {
                    result.add(4);
                  }));
              result.add(1);
            });
        Task<Void> t2 =
            Asyncio.createTask(() -> {
              sem.release();
              sem.release();
              sem.release();
              assertThat(sem.availablePermits()).isEqualTo(2);
              assertThat(sem.isLocked()).isTrue(); // t1 was woken but has not run yet
              sem.acquire();
              result.add(2);
            });
        Task<Void> t3 =
            Asyncio.createTask(() -> {
              sem.acquire();
              assertThat(sem.isLocked()).isTrue();
              result.add(3);
            });
        Asyncio.gather(t1, t2, t3).await();
        t4.get().await();
        assertThat(result).containsExactly(1, 2, 3, 4);
      });
    }

    @Test
    void withPermitReleasesOnFailure() {
      run(() -> {
        BoundedSemaphore sem = new BoundedSemaphore(2);
        assertThatThrownBy(() ->
                sem.withPermit(() -> {
                  throw new IllegalArgumentException("boom");
                }))
            .hasMessage("boom");
        assertThat(sem.availablePermits()).isEqualTo(2);
        assertThat(sem.withPermit(() -> sem.availablePermits())).isEqualTo(1);
      });
    }
  }

  @Nested
  class BarrierTests {
    private static final int N = 5;

    private List<Task<Integer>> makeTasks(int n, org.asyncio4j.Coroutine<Integer> body) {
      List<Task<Integer>> tasks = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        tasks.add(Asyncio.createTask(body));
      }
      return tasks;
    }

    // ported from test_locks.py::test_barrier_parties
    @Test
    void barrierParties() {
      assertThatThrownBy(() -> new Barrier(0)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> new Barrier(-4)).isInstanceOf(IllegalArgumentException.class);
      assertThat(new Barrier(N).parties()).isEqualTo(N);
    }

    // ported from test_locks.py::test_repr (BarrierTests)
    @Test
    void repr() {
      run(() -> {
        Barrier barrier = new Barrier(N);
        assertThat(barrier.toString()).contains("filling");
        List<Task<Object>> waiters = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
          waiters.add(Asyncio.createTask(() -> (Object) barrier.await()));
        }
        yieldNow();
        assertThat(barrier.toString()).contains("waiters:2/" + N).contains("filling");
        for (int i = barrier.nWaiting(); i < N; i++) {
          waiters.add(Asyncio.createTask(() -> (Object) barrier.await()));
        }
        yieldNow();
        assertThat(barrier.toString()).contains("draining");
        for (int i = 0; i < 2; i++) {
          waiters.add(Asyncio.createTask(() -> (Object) barrier.await()));
        }
        yieldNow();
        barrier.reset();
        assertThat(barrier.toString()).contains("resetting");
        for (int i = 0; i < 2; i++) {
          waiters.add(Asyncio.createTask(() -> (Object) barrier.await()));
        }
        yieldNow();
        barrier.abort();
        assertThat(barrier.toString()).contains("broken");
        assertThat(barrier.isBroken()).isTrue();
        Asyncio.gatherReturnExceptions(waiters).await();
      });
    }

    // ported from test_locks.py::test_filling_one_task
    @Test
    void fillingOneTask() {
      run(() -> {
        Barrier barrier = new Barrier(1);
        assertThat(barrier.await()).isZero();
        assertThat(barrier.nWaiting()).isZero();
        assertThat(barrier.isBroken()).isFalse();
      });
    }

    // ported from test_locks.py::test_filling_one_task_twice
    @Test
    void fillingOneTaskTwice() {
      run(() -> {
        Barrier barrier = new Barrier(1);
        Task<Integer> t1 = Asyncio.createTask(barrier::await);
        yieldNow();
        assertThat(barrier.nWaiting()).isZero();
        Task<Integer> t2 = Asyncio.createTask(barrier::await);
        yieldNow();
        assertThat(t1.result()).isEqualTo(t2.result());
        assertThat(barrier.nWaiting()).isZero();
        assertThat(barrier.isBroken()).isFalse();
      });
    }

    // ported from test_locks.py::test_filling_task_by_task
    @Test
    void fillingTaskByTask() {
      run(() -> {
        Barrier barrier = new Barrier(3);
        Task<Integer> t1 = Asyncio.createTask(barrier::await);
        yieldNow();
        assertThat(barrier.nWaiting()).isEqualTo(1);
        Task<Integer> t2 = Asyncio.createTask(barrier::await);
        yieldNow();
        assertThat(barrier.nWaiting()).isEqualTo(2);
        Task<Integer> t3 = Asyncio.createTask(barrier::await);
        assertThat(Asyncio.gather(t1, t2, t3).await()).containsExactly(0, 1, 2);
        assertThat(barrier.nWaiting()).isZero();
        assertThat(barrier.isBroken()).isFalse();
      });
    }

    // ported from test_locks.py::test_filling_tasks_wait_twice
    // and test_locks.py::test_filling_tasks_check_return_value
    @Test
    void fillingTasksCheckReturnValue() {
      run(() -> {
        Barrier barrier = new Barrier(N);
        AtomicInteger first = new AtomicInteger();
        List<Task<Integer>> tasks =
            makeTasks(
                N,
                () -> {
                  barrier.await();
                  first.incrementAndGet();
                  return barrier.await();
                });
        List<Integer> res = new ArrayList<>(Asyncio.gather(tasks).await());
        Collections.sort(res);
        assertThat(first.get()).isEqualTo(N);
        assertThat(res).containsExactly(0, 1, 2, 3, 4);
        assertThat(barrier.nWaiting()).isZero();
        assertThat(barrier.isBroken()).isFalse();
      });
    }

    // ported from test_locks.py::test_draining_state
    @Test
    void drainingState() {
      run(() -> {
        Barrier barrier = new Barrier(N);
        List<Boolean> results = new ArrayList<>();
        List<Task<Integer>> tasks =
            makeTasks(
                N,
                () -> {
                  int i = barrier.await();
                  results.add(barrier.toString().contains("draining"));
                  return i;
                });
        Asyncio.gather(tasks).await();
        assertThat(results).hasSize(N);
        assertThat(results.subList(0, N - 1)).containsOnly(true);
        assertThat(results.get(N - 1)).isFalse(); // the last one out refills the barrier
      });
    }

    // ported from test_locks.py::test_blocking_tasks_while_draining
    @Test
    void blockingTasksWhileDraining() {
      run(() -> {
        int rewait = 2;
        Barrier barrier = new Barrier(N);
        Barrier barrierNoWaiting = new Barrier(N - rewait);
        int[] rewaitN = {rewait};
        List<Task<Integer>> tasks =
            makeTasks(
                N,
                () -> {
                  barrier.await();
                  if (rewaitN[0] > 0) {
                    rewaitN[0]--;
                    barrier.await(); // blocked until the first round has drained
                  } else {
                    barrierNoWaiting.await();
                    barrier.await();
                  }
                  return 0;
                });
        Asyncio.gather(tasks).await(); // completes only if the blocked ones were let in
        assertThat(barrier.nWaiting()).isZero();
      });
    }

    // ported from test_locks.py::test_filling_tasks_cancel_one
    @Test
    void fillingTasksCancelOne() {
      run(() -> {
        Barrier barrier = new Barrier(3);
        AtomicInteger passed = new AtomicInteger();
        org.asyncio4j.Coroutine<Integer> coro =
            () -> {
              barrier.await();
              return passed.incrementAndGet();
            };
        Task<Integer> t1 = Asyncio.createTask(coro);
        yieldNow();
        assertThat(barrier.nWaiting()).isEqualTo(1);
        Task<Integer> t2 = Asyncio.createTask(coro);
        yieldNow();
        assertThat(barrier.nWaiting()).isEqualTo(2);
        t1.cancel();
        yieldNow();
        assertThat(barrier.nWaiting()).isEqualTo(1);
        assertThat(t1.isCancelled()).isTrue();
        Task<Integer> t3 = Asyncio.createTask(coro);
        yieldNow();
        assertThat(barrier.nWaiting()).isEqualTo(2);
        Task<Integer> t4 = Asyncio.createTask(coro);
        Asyncio.gather(t2, t3, t4).await();
        assertThat(passed.get()).isEqualTo(3);
        assertThat(barrier.nWaiting()).isZero();
        assertThat(barrier.isBroken()).isFalse();
      });
    }

    // ported from test_locks.py::test_reset_barrier
    @Test
    void resetBarrier() {
      run(() -> {
        Barrier barrier = new Barrier(1);
        barrier.reset();
        assertThat(barrier.nWaiting()).isZero();
        assertThat(barrier.isBroken()).isFalse();
      });
    }

    // ported from test_locks.py::test_reset_barrier_while_tasks_waiting
    @Test
    void resetBarrierWhileTasksWaiting() {
      run(() -> {
        Barrier barrier = new Barrier(N);
        AtomicInteger broken = new AtomicInteger();
        List<Task<Integer>> tasks =
            makeTasks(
                N - 1,
                () -> {
                  try {
                    return barrier.await();
                  } catch (BrokenBarrierException e) {
                    return broken.incrementAndGet();
                  }
                });
        yieldNow();
        barrier.reset();
        Asyncio.gather(tasks).await();
        assertThat(broken.get()).isEqualTo(N - 1);
        assertThat(barrier.nWaiting()).isZero();
        assertThat(barrier.toString()).doesNotContain("resetting");
        assertThat(barrier.isBroken()).isFalse();
      });
    }

    // ported from test_locks.py::test_reset_barrier_while_tasks_waiting_and_waiting_again
    @Test
    void resetBarrierWhileTasksWaitingAndWaitingAgain() {
      run(() -> {
        Barrier barrier = new Barrier(N);
        AtomicInteger results1 = new AtomicInteger();
        AtomicInteger results2 = new AtomicInteger();
        List<Task<Integer>> tasks =
            makeTasks(
                N - 1,
                () -> {
                  try {
                    barrier.await();
                  } catch (BrokenBarrierException e) {
                    results1.incrementAndGet();
                  }
                  barrier.await();
                  return results2.incrementAndGet();
                });
        yieldNow();
        barrier.reset();
        yieldNow();
        Task<Integer> last =
            Asyncio.createTask(() -> {
              barrier.await();
              return results2.incrementAndGet();
            });
        Asyncio.gather(tasks).await();
        last.await();
        assertThat(barrier.isBroken()).isFalse();
        assertThat(results1.get()).isEqualTo(N - 1);
        assertThat(results2.get()).isEqualTo(N);
        assertThat(barrier.nWaiting()).isZero();
      });
    }

    // ported from test_locks.py::test_abort_barrier
    @Test
    void abortBarrier() {
      run(() -> {
        Barrier barrier = new Barrier(1);
        barrier.abort();
        assertThat(barrier.nWaiting()).isZero();
        assertThat(barrier.isBroken()).isTrue();
        assertThatThrownBy(barrier::await).isInstanceOf(BrokenBarrierException.class);
      });
    }

    // ported from test_locks.py::test_abort_barrier_when_tasks_half_draining_half_blocking
    @Test
    void abortBarrierWhenTasksHalfDrainingHalfBlocking() {
      run(() -> {
        Barrier barrier = new Barrier(N);
        int blockingTasks = N / 2;
        AtomicInteger results1 = new AtomicInteger();
        AtomicInteger results2 = new AtomicInteger();
        int[] count = {0};
        List<Task<Integer>> tasks =
            makeTasks(
                N,
                () -> {
                  try {
                    barrier.await();
                  } catch (BrokenBarrierException e) {
                    return results1.incrementAndGet(); // tasks still draining when aborted
                  }
                  count[0]++;
                  if (count[0] > blockingTasks) {
                    barrier.abort();
                  } else {
                    try {
                      barrier.await();
                    } catch (BrokenBarrierException e) {
                      results2.incrementAndGet(); // tasks already drained and waiting again
                    }
                  }
                  return 0;
                });
        Asyncio.gather(tasks).await();
        assertThat(barrier.isBroken()).isTrue();
        assertThat(results1.get()).isEqualTo(blockingTasks);
        assertThat(results2.get()).isEqualTo(N - blockingTasks - 1);
        assertThat(barrier.nWaiting()).isZero();
      });
    }

    // ported from test_locks.py::test_abort_barrier_when_exception_then_resetting
    @Test
    void abortBarrierWhenExceptionThenResetting() {
      run(() -> {
        Barrier barrier1 = new Barrier(N);
        Barrier barrier2 = new Barrier(N);
        AtomicInteger results1 = new AtomicInteger();
        AtomicInteger results2 = new AtomicInteger();
        AtomicInteger results3 = new AtomicInteger();
        List<Task<Integer>> tasks =
            makeTasks(
                N,
                () -> {
                  try {
                    int i = barrier1.await();
                    if (i == N / 2) {
                      barrier1.abort(); // this party fails: nobody may wait for it
                    } else {
                      barrier1.await();
                      results1.incrementAndGet();
                    }
                  } catch (BrokenBarrierException e) {
                    results2.incrementAndGet();
                  }
                  // Everyone leaves barrier1 before the reset, and nobody enters it before.
                  int i = barrier2.await();
                  if (i == N / 2) {
                    barrier1.reset();
                  }
                  barrier2.await();
                  barrier1.await();
                  return results3.incrementAndGet();
                });
        Asyncio.gather(tasks).await();
        assertThat(barrier1.isBroken()).isFalse();
        assertThat(results1.get()).isZero();
        assertThat(results2.get()).isEqualTo(N - 1);
        assertThat(results3.get()).isEqualTo(N);
        assertThat(barrier1.nWaiting()).isZero();
      });
    }
  }
}

package org.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Tasks that await each other: their reprs stay bounded, the deadlock report names the cycle, also
 * through gather and shield futures, and a cancellation ends the cycle.
 */
@Timeout(30)
class AwaitCycleTest {

  /** Two tasks, each awaiting what {@code link} makes of the other. */
  private record Pair(Task<Object> a, Task<Object> b) {}

  private interface Link {
    Future<?> of(Task<Object> other);
  }

  private static Pair cycle(EventLoop loop, Link aAwaits, Link bAwaits) {
    AtomicReference<Task<Object>> a = new AtomicReference<>();
    AtomicReference<Task<Object>> b = new AtomicReference<>();
    // both start on the next turn, when both references are set
    a.set(loop.createTask(() -> aAwaits.of(b.get()).await(), "task-a"));
    b.set(loop.createTask(() -> bAwaits.of(a.get()).await(), "task-b"));
    return new Pair(a.get(), b.get());
  }

  // CPython: the same two tasks' repr nests wait_for=<Task ...> and cuts the cycle with '...'
  // (reprlib.recursive_repr); asyncio4j names the awaited task one level deep.
  @Test
  void theReprOfTasksAwaitingEachOtherIsBounded() {
    DeadlockTest.Reports reports = new DeadlockTest.Reports();
    try (EventLoop loop = DeadlockTest.virtual(reports)) {
      Pair p = cycle(loop, t -> t, t -> t);
      loop.runUntilIdle();
      assertThat(p.a().toString())
          .startsWith("<Task pending name='task-a'")
          .contains("wait_for=<Task pending name='task-b'>")
          .doesNotContain("name='task-b' coro="); // task-b is named, not rendered
      assertThat(p.b().toString()).contains("wait_for=<Task pending name='task-a'>");
      cancelAndFinish(loop, p);
    }
    assertThat(reports.all()).isEmpty();
  }

  @Test
  void theDeadlockReportNamesTheCycle() {
    DeadlockTest.Reports reports = new DeadlockTest.Reports();
    try (EventLoop loop = DeadlockTest.virtual(reports)) {
      Pair p = cycle(loop, t -> t, t -> t);
      assertThatThrownBy(() -> loop.runUntilComplete(p.a()))
          .isInstanceOfSatisfying(
              DeadlockException.class,
              e -> assertThat(e.cycles()).containsExactly(List.of(p.a(), p.b())))
          .hasMessageContaining("2 tasks are waiting")
          .hasMessageContaining("await cycles")
          .hasMessageContaining("\n  task-a awaits task-b awaits task-a");
      cancelAndFinish(loop, p);
    }
    assertThat(reports.all()).isEmpty();
  }

  @Test
  void theCycleFinderFollowsAGather() {
    DeadlockTest.Reports reports = new DeadlockTest.Reports();
    try (EventLoop loop = DeadlockTest.virtual(reports)) {
      Pair p = cycle(loop, t -> Asyncio.gather(t), t -> t);
      assertThatThrownBy(() -> loop.runUntilComplete(p.a()))
          .isInstanceOfSatisfying(
              DeadlockException.class,
              e -> assertThat(e.cycles()).containsExactly(List.of(p.a(), p.b())))
          .hasMessageContaining("wait_for=<_GatheringFuture pending")
          .hasMessageContaining("task-a awaits a gather of task-b awaits task-a");
      cancelAndFinish(loop, p);
    }
    // Breaking the ring leaves the gather failed with the cancellation of its child after task-a
    // has already raised its own: asyncio reports such a gather as never retrieved, and so do we.
    assertThat(reports.all())
        .allSatisfy(c -> {
          assertThat(c.message()).isEqualTo("Future exception was never retrieved");
          assertThat(c.exception()).isInstanceOf(CancelledException.class);
        });
  }

  @Test
  void theCycleFinderFollowsAShield() {
    DeadlockTest.Reports reports = new DeadlockTest.Reports();
    try (EventLoop loop = DeadlockTest.virtual(reports)) {
      Pair p = cycle(loop, t -> t, t -> Asyncio.shield(t));
      assertThatThrownBy(() -> loop.runUntilComplete(p.a()))
          .hasMessageContaining("task-a awaits task-b awaits a shield of task-a");
      p.a().cancel(); // reaches task-b, whose shield (cancelled instead of task-a) ends the ring
      loop.runUntilIdle();
      assertThat(p.a().isCancelled()).isTrue();
      assertThat(p.b().isCancelled()).isTrue();
    }
    assertThat(reports.all()).isEmpty();
  }

  @Test
  void aTaskAwaitingACycleIsListedButIsNotPartOfIt() {
    DeadlockTest.Reports reports = new DeadlockTest.Reports();
    try (EventLoop loop = DeadlockTest.virtual(reports)) {
      Task<String> main = loop.createTask(() -> "never " + cycleFromInside(), "main");
      assertThatThrownBy(() -> loop.runUntilComplete(main))
          .isInstanceOfSatisfying(
              DeadlockException.class,
              e -> {
                assertThat(e.tasks())
                    .extracting(Task::getName)
                    .containsExactly("main", "task-a", "task-b");
                assertThat(e.cycles()).hasSize(1);
                assertThat(e.cycles().get(0))
                    .extracting(Task::getName)
                    .containsExactly("task-a", "task-b");
              })
          .hasMessageContaining("wait_for=<Task pending name='task-a'>")
          .hasMessageContaining("task-a awaits task-b awaits task-a")
          .hasMessageNotContaining("main awaits");
      main.cancel(); // passes on to task-a, then around the cycle
      loop.runUntilIdle();
      assertThat(main.isCancelled()).isTrue();
      assertThat(loop.allTasks()).isEmpty();
    }
    assertThat(reports.all()).isEmpty();
  }

  /** In a task: makes a cycle of two new tasks and awaits the first. */
  private static Object cycleFromInside() {
    Pair p = cycle(Asyncio.getRunningLoop(), t -> t, t -> t);
    return p.a().await();
  }

  /**
   * asyncio4j's choice: CPython's cancel() of a task in an await cycle recurses until
   * RecursionError (checked on 3.11); here the cancellation that comes back around the cycle wakes
   * the task, which breaks the cycle, and each task of it ends cancelled, cancelled once.
   */
  @Test
  void cancellingATaskOfACycleEndsTheWholeCycle() {
    DeadlockTest.Reports reports = new DeadlockTest.Reports();
    try (EventLoop loop = DeadlockTest.virtual(reports)) {
      Pair p = cycle(loop, t -> t, t -> Asyncio.gather(t));
      loop.runUntilIdle();
      assertThat(p.a().cancel("stop")).isTrue();
      assertThat(p.a().cancelling()).isEqualTo(1);
      assertThat(p.b().cancelling()).isEqualTo(1);
      loop.runUntilIdle();
      assertThat(p.a().isCancelled()).isTrue();
      assertThat(p.b().isCancelled()).isTrue();
    }
    assertThat(reports.all()).isEmpty();
  }

  @Test
  void closingALoopWithACycleCancelsIt() {
    DeadlockTest.Reports reports = new DeadlockTest.Reports();
    Pair p;
    try (EventLoop loop = DeadlockTest.virtual(reports)) {
      p = cycle(loop, t -> t, t -> t);
      loop.runUntilIdle();
    }
    assertThat(p.a().isCancelled()).isTrue();
    assertThat(p.b().isCancelled()).isTrue();
    assertThat(reports.all())
        .extracting(ExceptionContext::message)
        .containsExactly(
            "Task was destroyed but it is pending!", "Task was destroyed but it is pending!");
  }

  private static void cancelAndFinish(EventLoop loop, Pair p) {
    p.a().cancel();
    loop.runUntilIdle();
    assertThat(p.a().isCancelled()).isTrue();
    assertThat(p.b().isCancelled()).isTrue();
  }
}

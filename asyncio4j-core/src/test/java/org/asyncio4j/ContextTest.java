package org.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ContextTest {

  // ported from test_tasks.py::test_context_1
  @Test
  void aTaskGetsACopyOfItsCreatorsContext() {
    ContextVar<String> cvar = new ContextVar<>("cvar", "nope");
    TestLoops.run(() -> {
      assertThat(cvar.get()).isEqualTo("nope");
      Task<Void> sub =
          Asyncio.createTask(() -> {
            Asyncio.sleep(Duration.ofMillis(10));
            assertThat(cvar.get()).isEqualTo("nope"); // copied at creation, before "yes"
            cvar.set("something else");
          });
      cvar.set("yes");
      assertThat(cvar.get()).isEqualTo("yes");
      sub.await();
      assertThat(cvar.get()).isEqualTo("yes"); // the task's change is invisible here
    });
  }

  // ported from test_tasks.py::test_context_3 (many tasks, each with its own value)
  @Test
  void concurrentTasksEachKeepTheirOwnValue() {
    ContextVar<Integer> cvar = new ContextVar<>("cvar", -1);
    List<Integer> r =
        TestLoops.run(() -> {
          List<Task<Integer>> tasks = new ArrayList<>();
          for (int i = 0; i < 50; i++) {
            int j = i;
            tasks.add(
                Asyncio.createTask(() -> {
                  cvar.set(j);
                  Asyncio.sleep(Duration.ofMillis(50 - j));
                  return cvar.get();
                }));
          }
          List<Integer> out = Asyncio.gather(tasks).await();
          assertThat(cvar.get()).isEqualTo(-1);
          return out;
        });
    for (int i = 0; i < 50; i++) {
      assertThat(r.get(i)).isEqualTo(i);
    }
  }

  // ported from test_tasks.py::test_get_context
  @Test
  void getContextReturnsTheTasksContext() {
    ContextVar<String> cvar = new ContextVar<>("cvar");
    TestLoops.run(() -> {
      Task<Void> t =
          Asyncio.createTask(() -> {
            cvar.set("in task");
          });
      t.await();
      assertThat(t.getContext().get(cvar)).isEqualTo("in task");
      assertThat(cvar.get(null)).isNull();
      assertThatThrownBy(cvar::get).isInstanceOf(NoSuchElementException.class);
    });
  }

  // ported from test_events.py::test_call_soon (callbacks run in the context captured at schedule)
  @Test
  void callbacksRunInTheContextCapturedWhenScheduled() {
    ContextVar<String> cvar = new ContextVar<>("cvar", "default");
    List<String> seen = new ArrayList<>();
    TestLoops.run(() -> {
      EventLoop loop = Asyncio.getRunningLoop();
      cvar.set("at callSoon");
      loop.callSoon(() -> {
        seen.add("soon:" + cvar.get());
        cvar.set("changed by the callback");
      });
      cvar.set("at callLater");
      loop.callLater(Duration.ofSeconds(1), () -> seen.add("later:" + cvar.get()));
      Future<String> f = loop.createFuture();
      cvar.set("at addDoneCallback");
      f.addDoneCallback(d -> seen.add("done:" + cvar.get()));
      cvar.set("current");
      f.setResult("x");
      Asyncio.sleep(Duration.ofSeconds(2));
      assertThat(cvar.get()).isEqualTo("current");
    });
    assertThat(seen)
        .containsExactly("soon:at callSoon", "done:at addDoneCallback", "later:at callLater");
  }

  // ported from test_threads.py::test_to_thread_contextvars
  @Test
  void toThreadCarriesTheContext() {
    ContextVar<String> cvar = new ContextVar<>("cvar", "default");
    String r =
        TestLoops.run(() -> {
          cvar.set("parrot");
          String inThread =
              Asyncio.toThread(() -> {
                String v = cvar.get() + " on " + (Thread.currentThread().isVirtual() ? "v" : "p");
                cvar.set("changed in thread");
                return v;
              });
          assertThat(cvar.get()).isEqualTo("parrot");
          return inThread;
        });
    assertThat(r).isEqualTo("parrot on p");
  }

  // contextvars: a variable of a nullable type holds null as a value, which is not "unset"
  @Test
  void aNullableVariableHoldsNullAsAValueAndAsItsDefault() {
    ContextVar<@Nullable String> nullDefault = new ContextVar<>("nd", null);
    assertThat(nullDefault.get()).isNull(); // a null default is a default: no LookupError
    assertThat(nullDefault).hasToString("<ContextVar name='nd' default=null>");
    ContextVar<@Nullable String> noDefault = new ContextVar<>("n");
    assertThat(noDefault).hasToString("<ContextVar name='n'>");
    Context ctx = Context.copyCurrent();
    ctx.run(() -> {
      ContextVar.Token<@Nullable String> token = noDefault.set(null);
      assertThat(noDefault.get()).isNull(); // set to null: no LookupError either
      assertThat(noDefault.get("fallback")).isNull();
      assertThat(ctx.contains(noDefault)).isTrue();
      noDefault.reset(token);
      assertThatThrownBy(noDefault::get).isInstanceOf(NoSuchElementException.class);
      assertThat(noDefault.get("fallback")).isEqualTo("fallback");
    });
  }

  // contextvars: Token reset and Context.run isolation
  @Test
  void resetRestoresThePreviousValueAndContextRunIsolates() {
    ContextVar<String> cvar = new ContextVar<>("cvar");
    Context ctx = Context.copyCurrent();
    ctx.run(() -> {
      ContextVar.Token<String> token = cvar.set("a");
      assertThat(cvar.get()).isEqualTo("a");
      cvar.reset(token);
      assertThat(cvar.get(null)).isNull();
      assertThatThrownBy(() -> cvar.reset(token)).isInstanceOf(IllegalStateException.class);
      cvar.set("kept in ctx");
    });
    assertThat(ctx.get(cvar)).isEqualTo("kept in ctx");
    assertThat(cvar.get(null)).isNull();
    assertThatThrownBy(() -> ctx.run(() -> ctx.run(() -> {})))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already entered");
  }

  // CPython 3.11: create_task(coro, context=ctx) runs in ctx itself: two tasks given ctx see each
  // other's set ('b sees from a'), ctx keeps the value, the creator's context does not see it
  @Test
  void tasksGivenTheSameContextSeeEachOthersSet() {
    ContextVar<String> v = new ContextVar<>("v", "unset");
    TestLoops.run(() -> {
      Context ctx = Context.copyCurrent();
      org.asyncio4j.sync.Event set = new org.asyncio4j.sync.Event();
      Task<String> b =
          Asyncio.createTask(
              () -> {
                set.await();
                return v.get();
              },
              "b",
              ctx);
      Task<Void> a =
          Asyncio.createTask(
              () -> {
                v.set("from a");
                set.set();
              },
              null,
              ctx);
      assertThat(b.await()).isEqualTo("from a");
      a.await();
      assertThat(b.getContext()).isSameAs(ctx);
      assertThat(ctx.get(v)).isEqualTo("from a");
      assertThat(v.get()).isEqualTo("unset");

      Task<String> onLoop =
          Asyncio.getRunningLoop()
              .createTask(
                  () -> {
                    v.set("loop");
                    return v.get();
                  },
                  null,
                  ctx);
      assertThat(onLoop.await()).isEqualTo("loop");
      assertThat(ctx.get(v)).isEqualTo("loop");

      TaskGroup.run(group -> {
        var _ =
            group.createTask(
                () -> {
                  v.set("group");
                  return v.get();
                },
                "in-group",
                ctx);
      });
      assertThat(ctx.get(v)).isEqualTo("group");
      // the tasks ended: ctx can be run again (CPython: ctx.run after the task is done)
      assertThat(ctx.call(() -> v.get())).isEqualTo("group");
    });
  }

  // CPython 3.11: ctx.run() inside a task that runs in ctx: "cannot enter context: ... is already
  // entered"
  @Test
  void aContextATaskRunsInCannotBeRunInsideIt() {
    TestLoops.run(() -> {
      Context ctx = Context.copyCurrent();
      Task<Void> inner =
          Asyncio.createTask(
              () -> {
                assertThatThrownBy(() -> ctx.run(() -> {}))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already entered");
              },
              null,
              ctx);
      inner.await();
    });
  }

  // TaskGroup.createTask(..., context): only the task created gets ctx, also with eager start,
  // where the task's body (which creates a task of its own) runs inside createTask; the nested
  // task gets a copy, as asyncio's create_task without context= does
  @Test
  void aGroupTaskGivenAContextDoesNotPassItToTheTasksItCreates() {
    ContextVar<String> v = new ContextVar<>("v", "unset");
    try (EventLoop loop = EventLoop.builder().virtualTime(true).eagerTaskStart(true).build()) {
      loop.runUntilComplete(() -> {
        Context ctx = Context.copyCurrent();
        TaskGroup.run(group -> {
          var _ =
              group.createTask(
                  () -> {
                    Task<Void> nested =
                        Asyncio.createTask(() -> {
                          v.set("nested");
                        });
                    assertThat(nested.getContext()).isNotSameAs(ctx);
                    v.set("group task");
                    nested.await();
                    return v.get();
                  },
                  null,
                  ctx);
        });
        assertThat(ctx.get(v)).isEqualTo("group task");
        Task<String> plain = Asyncio.createTask(() -> v.get());
        assertThat(plain.getContext()).isNotSameAs(ctx);
        assertThat(plain.await()).isEqualTo("unset");
      });
    }
  }
}

package org.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * addSignalHandler/removeSignalHandler: CPython's test_unix_events.py signal cases, with SIGUSR2
 * (the JVM leaves it to programs) raised in this very process.
 */
@Timeout(60)
class SignalHandlersTest {
  // ported from test_unix_events.py::test_add_signal_handler (the callback runs on the loop)
  @Test
  void aHandledSignalRunsTheCallbackOnTheLoopInTheContextOfTheAdder() {
    ContextVar<String> who = new ContextVar<>("who");
    Object probe = Signals.handler(() -> {});
    Object jvmDefault = Signals.handle("USR2", probe);
    try (EventLoop loop = EventLoop.create()) {
      String seen =
          loop.runUntilComplete(() -> {
            who.set("adder");
            Future<String> got = loop.createFuture();
            loop.addSignalHandler(
                "SIGUSR2",
                () -> {
                  assertThat(Asyncio.getRunningLoop()).isSameAs(loop);
                  got.setResult(who.get());
                });
            Signals.raise("USR2");
            return got.await();
          });
      assertThat(seen).isEqualTo("adder");
      assertThat(loop.removeSignalHandler("USR2")).isTrue();
      assertThat(loop.removeSignalHandler("USR2")).isFalse();
      // the handler it replaced is back
      assertThat(Signals.handle("USR2", probe)).isSameAs(probe);
    } finally {
      Signals.handle("USR2", jvmDefault);
    }
  }

  // asyncio: loop.close() removes the loop's signal handlers
  @Test
  void closingTheLoopPutsBackTheHandlerItReplaced() {
    Object probe = Signals.handler(() -> {});
    Object jvmDefault = Signals.handle("USR2", probe);
    try {
      EventLoop loop = EventLoop.create();
      loop.addSignalHandler("USR2", () -> {});
      loop.close();
      assertThat(Signals.handle("USR2", probe)).isSameAs(probe);
      assertThatThrownBy(() -> loop.addSignalHandler("USR2", () -> {}))
          .isInstanceOf(IllegalStateException.class);
    } finally {
      Signals.handle("USR2", jvmDefault);
    }
  }

  @Test
  void aSecondLoopTakesTheSignalOverAndOnlyItsOwnerCanRemoveIt() {
    Object probe = Signals.handler(() -> {});
    Object jvmDefault = Signals.handle("USR2", probe);
    try (EventLoop first = EventLoop.create();
        EventLoop second = EventLoop.create()) {
      first.addSignalHandler("USR2", () -> {});
      second.addSignalHandler("USR2", () -> {});
      assertThat(first.removeSignalHandler("USR2")).isFalse();
      assertThat(second.removeSignalHandler("USR2")).isTrue();
      assertThat(Signals.handle("USR2", probe)).isSameAs(probe); // the first one's "previous"
    } finally {
      Signals.handle("USR2", jvmDefault);
    }
  }

  // ported from test_unix_events.py::test_add_signal_handler_install_error (a clear refusal)
  @Test
  void signalsNoProgramCanHandleAreRefusedWithTheReason() {
    try (EventLoop loop = EventLoop.create()) {
      assertThatThrownBy(() -> loop.addSignalHandler("SIGKILL", () -> {}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("SIGKILL cannot be caught");
      assertThatThrownBy(() -> loop.addSignalHandler("STOP", () -> {}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("SIGSTOP cannot be caught");
      assertThatThrownBy(() -> loop.addSignalHandler("QUIT", () -> {}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("SIGQUIT cannot be handled here")
          .hasMessageContaining("JVM keeps");
      assertThatThrownBy(() -> loop.addSignalHandler("NOSUCHSIGNAL", () -> {}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("NOSUCHSIGNAL");
      assertThat(loop.removeSignalHandler("USR1")).isFalse();
    }
  }
}

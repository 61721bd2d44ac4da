package org.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A hook-mode program starts none of the JDK's socket poller threads until it uses a socket (issue
 * 7). A JVM that exits waits up to 300 ms for its threads in native code, and the {@code
 * MasterPoller} that an eager {@code sun.nio.ch.Poller} set-up started waits in {@code epoll_wait}:
 * a hello world in the fast mode exited about 0.3 s later than in the public mode. The test looks
 * at the cause (which threads are alive when {@code main} ends, in a fresh JVM) rather than at a
 * wall-clock time, which a loaded machine would make flaky. Each child runs in the fast mode
 * whatever mode this JVM runs in.
 */
@Timeout(120)
class HookModeExitTest {

  @Test
  void aHelloWorldInTheFastModeStartsNoSocketPollerThreads() throws Exception {
    String out = runChild();
    assertThat(out).contains("hello", "mode=hook", "jdk.pollerMode=1", "pollers=[]");
  }

  @Test
  void aPollerModeTheUserChoseIsKeptAndItsPollersStillStartOutsideAnyLoop() throws Exception {
    // VTHREAD_POLLERS: the pollers are virtual threads, started while the hook is probed (from
    // the thread that probes it) so that no task's scheduler captures them.
    String out = runChild("-Djdk.pollerMode=2");
    assertThat(out).contains("hello", "mode=hook", "jdk.pollerMode=2", "pollers=[MasterPoller]");
  }

  private static String runChild(String... jvmOptions) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("--add-opens");
    cmd.add("java.base/java.lang=ALL-UNNAMED");
    cmd.addAll(List.of(jvmOptions));
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Child.class.getName());
    Path log = Files.createTempFile("hook-exit", ".log");
    try {
      Process p =
          new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      boolean ended = p.waitFor(90, TimeUnit.SECONDS);
      if (!ended) {
        p.destroyForcibly();
      }
      String output = Files.readString(log);
      assertThat(ended).as("the child JVM ended; its output:\n%s", output).isTrue();
      assertThat(p.exitValue()).as("exit code; output:\n%s", output).isZero();
      return output;
    } finally {
      Files.deleteIfExists(log);
    }
  }

  /** The child: a hello world, then its mode, the poller mode and the poller threads alive. */
  static final class Child {
    private Child() {}

    public static void main(String[] args) {
      String mode;
      try (EventLoop loop = EventLoop.create()) {
        loop.runUntilComplete(() -> System.out.println("hello"));
        mode = loop.schedulerMode();
      }
      TreeSet<String> pollers = new TreeSet<>();
      for (Thread t : Thread.getAllStackTraces().keySet()) {
        if (t.getName().contains("Poller")) {
          pollers.add(t.getName());
        }
      }
      System.out.println("mode=" + mode);
      System.out.println("jdk.pollerMode=" + System.getProperty("jdk.pollerMode"));
      System.out.println("pollers=" + pollers);
    }
  }
}

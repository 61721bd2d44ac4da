package org.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.asyncio4j.internal.loop.VirtualThreadHook;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The JDK's socket poller trap (RUNTIME.md part 2): the {@code sun.nio.ch.Poller} threads are
 * virtual threads created by the JVM's first blocking socket call, and inherit the scheduler of the
 * virtual thread that makes it. Had that call been made inside a task, the pollers would live on
 * the loop and every later blocking socket call of the JVM would hang once the loop closed.
 *
 * <p>In the shared test JVM another test may have created the pollers already; the first test still
 * checks that socket calls work after a loop that used them has closed. The second runs the same
 * steps in a fresh JVM, where the first blocking socket call really is the task's.
 */
@Timeout(120)
class PollerTrapTest {

  @Test
  void aBlockingSocketReadOutsideAnyLoopWorksAfterALoopThatDidOneClosed() throws Exception {
    assertThat(scenario()).isEqualTo("ok");
  }

  @Test
  void inAFreshJvmTheFirstBlockingSocketCallInsideATaskDoesNotCaptureThePollers() throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (VirtualThreadHook.isAvailable()) {
      cmd.add("--add-opens");
      cmd.add("java.base/java.lang=ALL-UNNAMED");
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(FreshJvm.class.getName());
    Path out = Files.createTempFile("poller-trap", ".log");
    try {
      Process p =
          new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
      boolean ended = p.waitFor(90, TimeUnit.SECONDS);
      if (!ended) {
        p.destroyForcibly();
      }
      String output = Files.readString(out);
      assertThat(ended).as("the fresh JVM ended; its output:\n%s", output).isTrue();
      assertThat(p.exitValue()).as("exit code; output:\n%s", output).isZero();
      assertThat(output).contains("scenario: ok");
    } finally {
      Files.deleteIfExists(out);
    }
  }

  /** The fresh JVM's entry point: prints "scenario: ok" and exits 0 when the steps work. */
  static final class FreshJvm {
    private FreshJvm() {}

    public static void main(String[] args) throws Exception {
      String result = scenario();
      System.out.println("scenario: " + result);
      System.exit(result.equals("ok") ? 0 : 1);
    }
  }

  /**
   * A blocking connect and read inside a task, the loop closed, then the same on a plain virtual
   * thread outside any loop.
   *
   * @return "ok", or what went wrong
   */
  static String scenario() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      int port = server.getLocalPort();
      AtomicReference<@Nullable Thread> reader = new AtomicReference<>();
      Thread serving =
          Thread.ofPlatform()
              .daemon()
              .name("poller-trap-server")
              .start(() -> serve(server, reader, 2));
      String inTask;
      try (EventLoop loop = EventLoop.create()) {
        inTask =
            loop.runUntilComplete(() -> {
              reader.set(Thread.currentThread());
              return readLine(port);
            });
      }
      if (!"hello".equals(inTask)) {
        return "the task read " + inTask;
      }
      AtomicReference<@Nullable String> outside = new AtomicReference<>();
      Thread plain =
          Thread.ofVirtual()
              .unstarted(() -> {
                try {
                  outside.set(readLine(port));
                } catch (IOException e) {
                  outside.set(e.toString());
                }
              });
      reader.set(plain);
      plain.start();
      if (!plain.join(Duration.ofSeconds(30))) {
        return "a blocking socket read on a plain virtual thread hung after the loop closed";
      }
      serving.join(Duration.ofSeconds(30));
      return "hello".equals(outside.get())
          ? "ok"
          : "the plain virtual thread read " + outside.get();
    }
  }

  private static String readLine(int port) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
        BufferedReader in =
            new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))) {
      return String.valueOf(in.readLine());
    }
  }

  /**
   * Answers {@code clients} connections with "hello", each once its reader is parked in the read
   * (so that the read goes through the JDK's poller rather than finding the data already there).
   */
  private static void serve(
      ServerSocket server, AtomicReference<@Nullable Thread> reader, int clients) {
    try {
      for (int i = 0; i < clients; i++) {
        try (Socket s = server.accept()) {
          long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
          while (System.nanoTime() - giveUp < 0) {
            Thread r = reader.get();
            if (r != null && r.getState() == Thread.State.WAITING) {
              break;
            }
            Thread.onSpinWait();
          }
          OutputStream out = s.getOutputStream();
          out.write("hello\n".getBytes(StandardCharsets.UTF_8));
          out.flush();
        }
      }
    } catch (IOException e) {
      // the test reports what the readers got
    }
  }
}

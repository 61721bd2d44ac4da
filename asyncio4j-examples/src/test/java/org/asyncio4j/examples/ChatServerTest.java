package org.asyncio4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Task;
import org.asyncio4j.net.ConnectionException;
import org.asyncio4j.net.Server;
import org.asyncio4j.net.StreamPair;
import org.asyncio4j.net.Streams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The line-based chat server: its demo, and clients that misbehave. */
@Timeout(60)
class ChatServerTest {
  private final Output output = new Output();

  @Test
  void theDemoPrintsTheConversationExactly() {
    // One stream for the server and the clients: each step waits for the line it causes, so the
    // server's log line always comes between the line a client says and the one another hears.
    ChatServer.run(output.out);
    assertThat(output.linesWithoutPorts())
        .containsExactly(
            "Serving on ('127.0.0.1', PORT)",
            "alice hears: Welcome! What is your name?",
            "alice says: alice",
            "alice joined",
            "alice hears: Hello alice; nobody else is here",
            "bob hears: Welcome! What is your name?",
            "bob says: bob",
            "bob joined",
            "bob hears: Hello bob; also here: alice",
            "alice hears: bob joined",
            "alice says: hi bob",
            "alice: hi bob",
            "bob hears: alice: hi bob",
            "bob says: hello alice",
            "bob: hello alice",
            "alice hears: bob: hello alice",
            "bob leaves",
            "bob left",
            "alice hears: bob left",
            "alice leaves",
            "alice left");
  }

  @Test
  void aLineOverTheLimitEndsThatClientOnlyAndTheOthersHearItLeft() {
    Output log = new Output();
    List<String> heard = new ArrayList<>();
    Asyncio.run(() -> {
      Server server = new ChatServer(log.out).start(0);
      int port = Programs.port(server);
      StreamPair carol = join("carol", port);
      StreamPair dave = join("dave", port);
      heard.add(readline(carol)); // dave joined
      dave.writer()
          .write(
              ("x".repeat(ChatServer.MAX_LINE_BYTES + 1) + "\n").getBytes(StandardCharsets.UTF_8));
      heard.add(readline(dave));
      heard.add(readline(dave)); // then the end of the stream: ""
      heard.add(readline(carol));
      say(carol, "still here");
      carol.writer().close();
      carol.writer().waitClosed();
      dave.writer().close();
      dave.writer().waitClosed();
      server.close();
      server.waitClosed();
    });
    assertThat(heard)
        .containsExactly(
            "dave joined",
            "Lines are limited to " + ChatServer.MAX_LINE_BYTES + " bytes; goodbye.",
            "",
            "dave left");
    assertThat(log.linesWithoutPorts())
        .containsExactly(
            "Serving on ('127.0.0.1', PORT)",
            "carol joined",
            "dave joined",
            "dave left",
            "carol: still here",
            "carol left");
  }

  @Test
  void aClientThatNeverReadsIsDroppedInsteadOfGrowingTheServersBacklog() {
    Output log = new Output();
    long[] sent = {0};
    List<String> heard = new ArrayList<>();
    Asyncio.run(() -> {
      Server server = new ChatServer(log.out).start(0);
      int port = Programs.port(server);
      StreamPair sleepy = join("sleepy", port); // reads nothing from here on
      StreamPair talker = join("talker", port);
      Task<String> next = Asyncio.createTask(() -> readline(talker));
      String line = "y".repeat(ChatServer.MAX_LINE_BYTES / 2);
      // The kernel's socket buffers take a few MiB before the server's own backlog grows.
      while (!next.isDone() && sent[0] < UNREAD_BOUND_BYTES) {
        say(talker, line);
        sent[0] += line.length() + 1;
        Asyncio.sleep(Duration.ZERO);
      }
      assertThat(next.isDone())
          .as("the server dropped the client that does not read, after %d bytes", sent[0])
          .isTrue();
      heard.add(next.await());
      say(talker, "anyone?");
      talker.writer().close();
      talker.writer().waitClosed();
      sleepy.writer().close();
      try {
        sleepy.writer().waitClosed();
      } catch (ConnectionException _) {
        // the server reset it: that is what the test is about
      }
      server.close();
      server.waitClosed();
    });
    assertThat(heard).containsExactly("sleepy left");
    assertThat(log.lines())
        .containsSubsequence("sleepy joined", "talker joined", "sleepy left", "talker: anyone?")
        .endsWith("talker left");
  }

  @Test
  void aClientThatLeavesBeforeSayingItsNameIsNeverAnnounced() {
    Output log = new Output();
    Asyncio.run(() -> {
      Server server = new ChatServer(log.out).start(0);
      StreamPair shy = Streams.openConnection(ChatServer.HOST, Programs.port(server));
      assertThat(readline(shy)).isEqualTo(ChatServer.PROMPT);
      shy.writer().close();
      shy.writer().waitClosed();
      server.close();
      server.waitClosed();
    });
    assertThat(log.linesWithoutPorts()).containsExactly("Serving on ('127.0.0.1', PORT)");
  }

  @Test
  void theServerModeNeedsAPortAndThereIsNoClientMode() {
    assertThatThrownBy(() -> ChatServer.run(output.out, "client", "1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nc 127.0.0.1 PORT");
    assertThatThrownBy(() -> ChatServer.run(output.out, "server"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("server 8888");
  }

  /** More than the kernel's buffers and the server's backlog limit can hold, by far. */
  private static final long UNREAD_BOUND_BYTES = 256L * 1024 * 1024;

  private static StreamPair join(String name, int port) {
    StreamPair conn = Streams.openConnection(ChatServer.HOST, port);
    assertThat(readline(conn)).isEqualTo(ChatServer.PROMPT);
    say(conn, name);
    assertThat(readline(conn)).startsWith("Hello " + name + ";");
    return conn;
  }

  private static void say(StreamPair conn, String line) {
    conn.writer().write((line + "\n").getBytes(StandardCharsets.UTF_8));
    conn.writer().drain();
  }

  private static String readline(StreamPair conn) {
    return new String(conn.reader().readline(), StandardCharsets.UTF_8).strip();
  }
}

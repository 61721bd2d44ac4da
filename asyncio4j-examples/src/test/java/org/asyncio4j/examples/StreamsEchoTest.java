package org.asyncio4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.asyncio4j.net.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The asyncio docs' TCP echo client and server using streams, and the originals against them. */
@Timeout(60)
class StreamsEchoTest {
  private static final String[] SERVER = {
    "Serving on ('127.0.0.1', PORT)",
    "Received 'Hello World!' from ('127.0.0.1', PORT)",
    "Send: 'Hello World!'",
    "Close the connection"
  };

  private static final String[] CLIENT = {
    "Send: 'Hello World!'", "Received: 'Hello World!'", "Close the connection"
  };

  /** The docs' client, with the port from the command line instead of 8888. */
  static final String PYTHON_CLIENT =
      """
      import asyncio, sys

      async def tcp_echo_client(message):
          reader, writer = await asyncio.open_connection(
              '127.0.0.1', int(sys.argv[1]))

          print(f'Send: {message!r}')
          writer.write(message.encode())
          await writer.drain()

          data = await reader.read(100)
          print(f'Received: {data.decode()!r}')

          print('Close the connection')
          writer.close()
          await writer.wait_closed()

      asyncio.run(tcp_echo_client('Hello World!'))
      """;

  private final Output server = new Output();
  private final Output client = new Output();

  @Test
  void bothSidesPrintTheDocsLines() {
    StreamsEcho.both(server.out, client.out);
    assertThat(server.linesWithoutPorts()).containsExactly(SERVER);
    assertThat(client.linesWithoutPorts()).containsExactly(CLIENT);
  }

  @Test
  void withoutArgumentsBothRunInOneProcessInTheOrderOfTheConversation() {
    // The server prints its three lines in one go (drain() does not wait below the watermark),
    // before the loop reads the echo for the client.
    StreamsEcho.run(server.out);
    assertThat(server.linesWithoutPorts())
        .containsExactly(
            SERVER[0], CLIENT[0], SERVER[1], SERVER[2], SERVER[3], CLIENT[1], CLIENT[2]);
  }

  @Test
  void theClientModeTalksToTheServerOfAnotherLoop() throws Exception {
    try (OwnLoop other = new OwnLoop()) {
      Server s = other.call(() -> StreamsEcho.startServer(server.out, 0));
      int port = other.call(() -> Programs.port(s));
      StreamsEcho.run(client.out, "client", Integer.toString(port));
      closeAndWait(other, s);
    }
    assertThat(server.linesWithoutPorts()).containsExactly(SERVER);
    assertThat(client.linesWithoutPorts()).containsExactly(CLIENT);
  }

  @Test
  void theDocsClientInCpythonPrintsWhatOursPrints() throws Exception {
    List<String> python;
    try (OwnLoop other = new OwnLoop()) {
      Server s = other.call(() -> StreamsEcho.startServer(server.out, 0));
      int port = other.call(() -> Programs.port(s));
      python = Cpython.run(PYTHON_CLIENT, Integer.toString(port));
      closeAndWait(other, s);
    }
    assertThat(python).containsExactly(CLIENT);
    assertThat(server.linesWithoutPorts()).containsExactly(SERVER);
  }

  static void closeAndWait(OwnLoop loop, Server s) throws Exception {
    loop.call(() -> {
      s.close();
      s.waitClosed();
      return true;
    });
  }
}

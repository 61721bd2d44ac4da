package org.asyncio4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.asyncio4j.net.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The asyncio docs' TCP echo server and client protocols, and the original client against ours. */
@Timeout(60)
class ProtocolEchoTest {
  private static final String[] SERVER = {
    "Connection from ('127.0.0.1', PORT)",
    "Data received: 'Hello World!'",
    "Send: 'Hello World!'",
    "Close the client socket"
  };

  private static final String[] CLIENT = {
    "Data sent: 'Hello World!'", "Data received: 'Hello World!'", "The server closed the connection"
  };

  /** The docs' client, with the port from the command line instead of 8888. */
  private static final String PYTHON_CLIENT =
      """
      import asyncio, sys


      class EchoClientProtocol(asyncio.Protocol):
          def __init__(self, message, on_con_lost):
              self.message = message
              self.on_con_lost = on_con_lost

          def connection_made(self, transport):
              transport.write(self.message.encode())
              print('Data sent: {!r}'.format(self.message))

          def data_received(self, data):
              print('Data received: {!r}'.format(data.decode()))

          def connection_lost(self, exc):
              print('The server closed the connection')
              self.on_con_lost.set_result(True)


      async def main():
          loop = asyncio.get_running_loop()

          on_con_lost = loop.create_future()
          message = 'Hello World!'

          transport, protocol = await loop.create_connection(
              lambda: EchoClientProtocol(message, on_con_lost),
              '127.0.0.1', int(sys.argv[1]))

          try:
              await on_con_lost
          finally:
              transport.close()


      asyncio.run(main())
      """;

  private final Output server = new Output();
  private final Output client = new Output();

  @Test
  void bothSidesPrintTheDocsLines() {
    ProtocolEcho.both(server.out, client.out);
    assertThat(server.linesWithoutPorts()).containsExactly(SERVER);
    assertThat(client.linesWithoutPorts()).containsExactly(CLIENT);
  }

  @Test
  void withoutArgumentsBothRunInOneProcessEachSideInItsOrder() {
    // Which of the two first lines comes first is the selector's choice (see the class comment).
    Output both = new Output();
    ProtocolEcho.run(both.out);
    List<String> lines = both.linesWithoutPorts();
    assertThat(lines).hasSize(SERVER.length + CLIENT.length);
    assertThat(lines).containsSubsequence(SERVER).containsSubsequence(CLIENT);
    assertThat(lines.subList(0, 2)).containsExactlyInAnyOrder(SERVER[0], CLIENT[0]);
    assertThat(lines.getLast()).isEqualTo(CLIENT[2]);
  }

  @Test
  void theClientModeTalksToTheServerOfAnotherLoop() throws Exception {
    try (OwnLoop other = new OwnLoop()) {
      Server s = other.call(() -> ProtocolEcho.startServer(server.out, 0));
      int port = other.call(() -> Programs.port(s));
      ProtocolEcho.run(client.out, "client", Integer.toString(port));
      StreamsEchoTest.closeAndWait(other, s);
    }
    assertThat(server.linesWithoutPorts()).containsExactly(SERVER);
    assertThat(client.linesWithoutPorts()).containsExactly(CLIENT);
  }

  @Test
  void theDocsClientInCpythonPrintsWhatOursPrints() throws Exception {
    List<String> python;
    try (OwnLoop other = new OwnLoop()) {
      Server s = other.call(() -> ProtocolEcho.startServer(server.out, 0));
      int port = other.call(() -> Programs.port(s));
      python = Cpython.run(PYTHON_CLIENT, Integer.toString(port));
      StreamsEchoTest.closeAndWait(other, s);
    }
    assertThat(python).containsExactly(CLIENT);
    assertThat(server.linesWithoutPorts()).containsExactly(SERVER);
  }
}

package org.asyncio4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import org.asyncio4j.net.BaseTransport;
import org.asyncio4j.net.DatagramTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The asyncio docs' UDP echo server and client, and the original client against our server. */
@Timeout(60)
class UdpEchoTest {
  private static final String[] SERVER = {
    "Starting UDP server",
    "Received 'Hello World!' from ('127.0.0.1', PORT)",
    "Send 'Hello World!' to ('127.0.0.1', PORT)"
  };

  private static final String[] CLIENT = {
    "Send: Hello World!", "Received: Hello World!", "Close the socket", "Connection closed"
  };

  /** The docs' client, with the port from the command line instead of 9999. */
  private static final String PYTHON_CLIENT =
      """
      import asyncio, sys


      class EchoClientProtocol:
          def __init__(self, message, on_con_lost):
              self.message = message
              self.on_con_lost = on_con_lost
              self.transport = None

          def connection_made(self, transport):
              self.transport = transport
              print('Send:', self.message)
              self.transport.sendto(self.message.encode())

          def datagram_received(self, data, addr):
              print("Received:", data.decode())

              print("Close the socket")
              self.transport.close()

          def error_received(self, exc):
              print('Error received:', exc)

          def connection_lost(self, exc):
              print("Connection closed")
              self.on_con_lost.set_result(True)


      async def main():
          loop = asyncio.get_running_loop()

          on_con_lost = loop.create_future()
          message = "Hello World!"

          transport, protocol = await loop.create_datagram_endpoint(
              lambda: EchoClientProtocol(message, on_con_lost),
              remote_addr=('127.0.0.1', int(sys.argv[1])))

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
    UdpEcho.both(server.out, client.out);
    assertThat(server.linesWithoutPorts()).containsExactly(SERVER);
    assertThat(client.linesWithoutPorts()).containsExactly(CLIENT);
  }

  @Test
  void withoutArgumentsBothRunInOneProcessInTheOrderOfTheExchange() {
    Output both = new Output();
    UdpEcho.run(both.out);
    assertThat(both.linesWithoutPorts())
        .containsExactly(
            SERVER[0], CLIENT[0], SERVER[1], SERVER[2], CLIENT[1], CLIENT[2], CLIENT[3]);
  }

  @Test
  void theClientModeTalksToTheServerOfAnotherLoop() throws Exception {
    try (OwnLoop other = new OwnLoop()) {
      DatagramTransport s = other.call(() -> UdpEcho.startServer(server.out, 0));
      UdpEcho.run(client.out, "client", Integer.toString(port(other, s)));
      other.call(() -> closed(s));
    }
    assertThat(server.linesWithoutPorts()).containsExactly(SERVER);
    assertThat(client.linesWithoutPorts()).containsExactly(CLIENT);
  }

  @Test
  void theDocsClientInCpythonPrintsWhatOursPrints() throws Exception {
    List<String> python;
    try (OwnLoop other = new OwnLoop()) {
      DatagramTransport s = other.call(() -> UdpEcho.startServer(server.out, 0));
      python = Cpython.run(PYTHON_CLIENT, Integer.toString(port(other, s)));
      other.call(() -> closed(s));
    }
    assertThat(python).containsExactly(CLIENT);
    assertThat(server.linesWithoutPorts()).containsExactly(SERVER);
  }

  private static int port(OwnLoop loop, DatagramTransport s) throws Exception {
    return loop.call(() ->
        ((InetSocketAddress) Objects.requireNonNull(s.getExtraInfo(BaseTransport.SOCKNAME)))
            .getPort());
  }

  private static boolean closed(DatagramTransport s) {
    s.close();
    return true;
  }
}

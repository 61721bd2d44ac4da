package org.asyncio4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command line of the network examples, and the Python formats they print. */
class EchoArgsTest {
  @Test
  void parsesTheThreeModes() {
    assertThat(EchoArgs.parse("P", 0)).isEqualTo(new EchoArgs(EchoArgs.Role.BOTH, 0, List.of()));
    assertThat(EchoArgs.parse("P", 0, "server", "8888"))
        .isEqualTo(new EchoArgs(EchoArgs.Role.SERVER, 8888, List.of()));
    assertThat(EchoArgs.parse("P", 1, "client", "9999", "cert.pem"))
        .isEqualTo(new EchoArgs(EchoArgs.Role.CLIENT, 9999, List.of("cert.pem")));
  }

  @Test
  void refusesABadCommandLineNamingTheProblem() {
    assertThatThrownBy(() -> EchoArgs.parse("StreamsEcho", 0, "serve", "1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "StreamsEcho: unknown mode 'serve'; usage: StreamsEcho [server PORT | client PORT]");
    assertThatThrownBy(() -> EchoArgs.parse("P", 0, "client"))
        .hasMessageContaining("client needs a port, as in client 8888");
    assertThatThrownBy(() -> EchoArgs.parse("P", 0, "server", "http"))
        .hasMessageContaining("got 'http'");
    assertThatThrownBy(() -> EchoArgs.parse("P", 0, "server", "65536"))
        .hasMessageContaining("from 0 to 65535, got 65536");
    assertThatThrownBy(() -> EchoArgs.parse("P", 0, "server", "1", "extra"))
        .hasMessageContaining("unexpected argument 'extra'");
  }

  @Test
  void printsStringsAndAddressesAsPythonsRepr() {
    assertThat(Programs.repr("Hello World!")).isEqualTo("'Hello World!'");
    assertThat(Programs.repr("it's")).isEqualTo("\"it's\"");
    assertThat(Programs.repr("'\"")).isEqualTo("'\\'\"'");
    assertThat(Programs.repr("a\nb\\\u0001")).isEqualTo("'a\\nb\\\\\\x01'");
    assertThat(Programs.sockaddr(address("127.0.0.1", 8888))).isEqualTo("('127.0.0.1', 8888)");
    assertThat(Programs.sockaddr(address("::1", 8888))).isEqualTo("('::1', 8888, 0, 0)");
    assertThat(Programs.sockaddr(address("fe80:0:0:1:0:0:0:2", 80)))
        .isEqualTo("('fe80:0:0:1::2', 80, 0, 0)");
    assertThat(Programs.sockaddr(address("1:0:0:2:0:0:3:4", 80)))
        .isEqualTo("('1::2:0:0:3:4', 80, 0, 0)");
  }

  /** A socket address of a literal IP address (no name lookup). */
  private static InetSocketAddress address(String literal, int port) {
    return new InetSocketAddress(InetAddress.ofLiteral(literal), port);
  }
}

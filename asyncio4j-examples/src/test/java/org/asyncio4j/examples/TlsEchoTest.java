package org.asyncio4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import org.asyncio4j.Asyncio;
import org.asyncio4j.net.Server;
import org.asyncio4j.net.SslException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The TLS echo pair, with certificates made by keytool in each test. */
@Timeout(120)
class TlsEchoTest {
  private static final String[] SERVER = {
    "Serving on ('127.0.0.1', PORT) with TLS",
    "Received 'Hello World!' from ('127.0.0.1', PORT) over TLSv1.3",
    "Send: 'Hello World!'",
    "Close the connection"
  };

  private static final String[] CLIENT = {
    "Connected with TLSv1.3 to CN=localhost",
    "Send: 'Hello World!'",
    "Received: 'Hello World!'",
    "Close the connection"
  };

  private final Output server = new Output();
  private final Output client = new Output();

  @Test
  void bothSidesTalkOverTlsWithTheCertificateMadeAtStartUp() {
    TlsEcho.both(server.out, client.out);
    assertThat(server.linesWithoutPorts()).containsExactly(SERVER);
    assertThat(client.linesWithoutPorts()).containsExactly(CLIENT);
  }

  @Test
  void withoutArgumentsBothRunInOneProcessInTheOrderOfTheConversation() {
    TlsEcho.run(server.out);
    assertThat(server.linesWithoutPorts())
        .containsExactly(
            SERVER[0], CLIENT[0], CLIENT[1], SERVER[1], SERVER[2], SERVER[3], CLIENT[2], CLIENT[3]);
  }

  @Test
  void theClientModeTrustsTheCertificateFileTheServerWrote() throws Exception {
    Path pem;
    try (SelfSignedCertificate cert = SelfSignedCertificate.create();
        OwnLoop other = new OwnLoop()) {
      pem = cert.writePem();
      assertThat(Files.readString(pem)).startsWith("-----BEGIN CERTIFICATE-----\n");
      SSLContext ctx = cert.serverContext();
      Server s = other.call(() -> TlsEcho.startServer(server.out, ctx, 0));
      int port = other.call(() -> Programs.port(s));
      TlsEcho.run(client.out, "client", Integer.toString(port), pem.toString());
      StreamsEchoTest.closeAndWait(other, s);
    }
    assertThat(pem).doesNotExist();
    assertThat(server.linesWithoutPorts()).containsExactly(SERVER);
    assertThat(client.linesWithoutPorts()).containsExactly(CLIENT);
  }

  @Test
  void aClientThatTrustsAnotherCertificateRefusesTheServer() {
    try (SelfSignedCertificate real = SelfSignedCertificate.create();
        SelfSignedCertificate other = SelfSignedCertificate.create()) {
      SSLContext serverCtx = real.serverContext();
      SSLContext wrongTrust = other.clientContext();
      Asyncio.run(() -> {
        Server s = TlsEcho.startServer(server.out, serverCtx, 0);
        try {
          assertThatThrownBy(
                  () -> TlsEcho.client(client.out, wrongTrust, "secret", Programs.port(s)))
              .isInstanceOf(SslException.class);
        } finally {
          s.close();
          s.waitClosed();
        }
      });
    }
    assertThat(client.lines()).isEmpty();
    assertThat(server.linesWithoutPorts()).containsExactly(SERVER[0]);
  }

  @Test
  void theCommandLineSaysWhatEachModeNeeds() {
    assertThatThrownBy(() -> TlsEcho.run(client.out, "client", "8888"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("certificate file the server printed");
    assertThatThrownBy(() -> TlsEcho.run(client.out, "server", "8888", "cert.pem"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("makes its own certificate");
  }
}

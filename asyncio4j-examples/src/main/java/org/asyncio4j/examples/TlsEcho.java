package org.asyncio4j.examples;

import static org.asyncio4j.examples.Programs.repr;
import static org.asyncio4j.examples.Programs.sockaddr;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import org.asyncio4j.Asyncio;
import org.asyncio4j.net.BaseTransport;
import org.asyncio4j.net.ConnectOptions;
import org.asyncio4j.net.Server;
import org.asyncio4j.net.ServerOptions;
import org.asyncio4j.net.StreamPair;
import org.asyncio4j.net.StreamReader;
import org.asyncio4j.net.StreamWriter;
import org.asyncio4j.net.Streams;

/**
 * {@link StreamsEcho} over TLS, with a self-signed certificate made at start-up (issue 8): the
 * asyncio docs' stream echo with {@code ssl=} contexts. {@code server PORT} runs the server and
 * writes its certificate to a file it prints, {@code client PORT CERTFILE} runs the client trusting
 * that file, and no argument runs both in one process on a free port.
 *
 * <pre>{@code
 * # openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
 * #     -keyout key.pem -out cert.pem -subj /CN=localhost -addext subjectAltName=DNS:localhost
 * server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
 * server_ctx.load_cert_chain("cert.pem", "key.pem")
 * server = await asyncio.start_server(handle_echo, '127.0.0.1', 8888, ssl=server_ctx)
 *
 * client_ctx = ssl.create_default_context(cafile="cert.pem")
 * reader, writer = await asyncio.open_connection(
 *     '127.0.0.1', 8888, ssl=client_ctx, server_hostname='localhost')
 * }</pre>
 *
 * <p>Mapping: {@code ssl=server_ctx} is {@link ServerOptions#withSsl}, {@code ssl=client_ctx} is
 * {@link ConnectOptions#withSsl}, {@code server_hostname=} is {@link
 * ConnectOptions#withServerHostname}: the client connects to 127.0.0.1 and checks that the
 * certificate names "localhost", as Python's default context does. The handshake runs before {@code
 * openConnection} returns and before the handler starts; from then on the reader and writer carry
 * plain text and the TLS record layer is out of sight. {@code writer.close()} sends TLS's
 * close_notify. The session is the writer's {@link BaseTransport#SSL_OBJECT} extra info, the
 * server's certificate chain its {@link BaseTransport#PEERCERT}.
 */
public final class TlsEcho {
  /** Where the server listens and the client connects. */
  public static final String HOST = "127.0.0.1";

  /** What the client sends. */
  public static final String MESSAGE = "Hello World!";

  private TlsEcho() {}

  /**
   * Runs the server ({@code server PORT}), the client ({@code client PORT CERTFILE}) or both.
   *
   * @param args {@code server PORT}, {@code client PORT CERTFILE}, or nothing
   */
  public static void main(String[] args) {
    try {
      run(System.out, args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
    }
  }

  /**
   * Runs what {@code args} name, printing to {@code out}; the server mode serves until the process
   * is stopped.
   *
   * @param out where both sides print
   * @param args {@code server PORT}, {@code client PORT CERTFILE}, or nothing for both on a free
   *     port
   * @throws IllegalArgumentException if the arguments are not one of those
   */
  public static void run(PrintStream out, String... args) {
    EchoArgs a = EchoArgs.parse("TlsEcho", 1, args);
    switch (a.role()) {
      case SERVER -> {
        if (!a.rest().isEmpty()) {
          throw new IllegalArgumentException(
              "TlsEcho: the server makes its own certificate; usage: TlsEcho server PORT");
        }
        try (SelfSignedCertificate cert = SelfSignedCertificate.create()) {
          out.println("Certificate: " + cert.writePem());
          SSLContext ctx = cert.serverContext();
          Asyncio.run(() -> {
            try (Server server = startServer(out, ctx, a.port())) {
              server.serveForever();
            }
          });
        }
      }
      case CLIENT -> {
        if (a.rest().isEmpty()) {
          throw new IllegalArgumentException(
              "TlsEcho: the client needs the certificate file the server printed; usage: TlsEcho"
                  + " client PORT CERTFILE");
        }
        SSLContext ctx = SelfSignedCertificate.trusting(Path.of(a.rest().getFirst()));
        Asyncio.run(() -> client(out, ctx, MESSAGE, a.port()));
      }
      case BOTH -> both(out, out);
    }
  }

  /**
   * Makes a certificate, runs the server on a free port and the client against it on one loop, then
   * closes the server.
   *
   * @param serverOut where the server prints
   * @param clientOut where the client prints
   */
  public static void both(PrintStream serverOut, PrintStream clientOut) {
    try (SelfSignedCertificate cert = SelfSignedCertificate.create()) {
      SSLContext serverCtx = cert.serverContext();
      SSLContext clientCtx = cert.clientContext();
      Asyncio.run(() -> {
        Server server = startServer(serverOut, serverCtx, 0);
        try {
          client(clientOut, clientCtx, MESSAGE, Programs.port(server));
        } finally {
          server.close();
          server.waitClosed();
        }
      });
    }
  }

  /** Listens with TLS and prints where. Runs in a task. */
  static Server startServer(PrintStream out, SSLContext ctx, int port) {
    Server server =
        Streams.startServer(
            (reader, writer) -> handleEcho(out, reader, writer),
            List.of(HOST),
            port,
            StreamReader.DEFAULT_LIMIT_BYTES,
            ServerOptions.defaults().withSsl(ctx));
    out.println("Serving on " + Programs.addrs(server) + " with TLS");
    return server;
  }

  private static void handleEcho(PrintStream out, StreamReader reader, StreamWriter writer) {
    byte[] data = reader.read(StreamsEcho.READ_MAX_BYTES);
    String message = new String(data, StandardCharsets.UTF_8);
    Object addr = writer.getExtraInfo(BaseTransport.PEERNAME);
    SSLSession session = (SSLSession) writer.getExtraInfo(BaseTransport.SSL_OBJECT);

    out.println(
        "Received "
            + repr(message)
            + " from "
            + sockaddr(addr)
            + " over "
            + Objects.requireNonNull(session, "no TLS session on a TLS server").getProtocol());

    out.println("Send: " + repr(message));
    writer.write(data);
    writer.drain();

    out.println("Close the connection");
    writer.close();
    writer.waitClosed();
  }

  /** The client: connects with TLS, checks the name, sends and reads back. Runs in a task. */
  static void client(PrintStream out, SSLContext ctx, String message, int port) {
    StreamPair conn =
        Streams.openConnection(
            HOST,
            port,
            StreamReader.DEFAULT_LIMIT_BYTES,
            ConnectOptions.defaults()
                .withSsl(ctx)
                .withServerHostname(SelfSignedCertificate.HOSTNAME));
    StreamReader reader = conn.reader();
    StreamWriter writer = conn.writer();
    SSLSession session = (SSLSession) writer.getExtraInfo(BaseTransport.SSL_OBJECT);
    Certificate[] chain = (Certificate[]) writer.getExtraInfo(BaseTransport.PEERCERT);
    X509Certificate server = (X509Certificate) Objects.requireNonNull(chain)[0];
    out.println(
        "Connected with "
            + Objects.requireNonNull(session).getProtocol()
            + " to "
            + server.getSubjectX500Principal().getName());

    out.println("Send: " + repr(message));
    writer.write(message.getBytes(StandardCharsets.UTF_8));
    writer.drain();

    byte[] data = reader.read(StreamsEcho.READ_MAX_BYTES);
    out.println("Received: " + repr(new String(data, StandardCharsets.UTF_8)));

    out.println("Close the connection");
    writer.close();
    writer.waitClosed();
  }
}

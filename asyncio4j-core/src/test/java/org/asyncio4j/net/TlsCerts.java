package org.asyncio4j.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;

/**
 * A self-signed certificate for "localhost" and 127.0.0.1, made once per JVM with the JDK's {@code
 * keytool} in a temporary directory, with contexts for a server and for a client that trusts it,
 * and PEM files of both for peers nobody here wrote (openssl, CPython).
 */
final class TlsCerts {
  static final char[] PASSWORD = "changeit".toCharArray();

  private static @Nullable TlsCerts instance;

  final Path dir;
  final KeyStore keyStore;
  final Path certPem;
  final Path keyPem;

  private TlsCerts(Path dir, KeyStore keyStore, Path certPem, Path keyPem) {
    this.dir = dir;
    this.keyStore = keyStore;
    this.certPem = certPem;
    this.keyPem = keyPem;
  }

  static synchronized TlsCerts get() {
    TlsCerts c = instance;
    if (c == null) {
      c = make();
      instance = c;
    }
    return c;
  }

  private static TlsCerts make() {
    try {
      Path dir = Files.createTempDirectory("asyncio4j-tls");
      dir.toFile().deleteOnExit();
      Path p12 = dir.resolve("server.p12");
      Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
      Process p =
          new ProcessBuilder(
                  List.of(
                      keytool.toString(),
                      "-genkeypair",
                      "-alias",
                      "server",
                      "-keyalg",
                      "EC",
                      "-groupname",
                      "secp256r1",
                      "-dname",
                      "CN=localhost",
                      "-ext",
                      "SAN=dns:localhost,ip:127.0.0.1",
                      "-validity",
                      "2",
                      "-storetype",
                      "PKCS12",
                      "-keystore",
                      p12.toString(),
                      "-storepass",
                      new String(PASSWORD)))
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("keytool failed: " + out);
      }
      KeyStore ks = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(p12)) {
        ks.load(in, PASSWORD);
      }
      Certificate cert = ks.getCertificate("server");
      PrivateKey key = (PrivateKey) ks.getKey("server", PASSWORD);
      Path certPem = dir.resolve("cert.pem");
      Path keyPem = dir.resolve("key.pem");
      Files.writeString(certPem, pem("CERTIFICATE", cert.getEncoded()));
      Files.writeString(keyPem, pem("PRIVATE KEY", key.getEncoded()));
      return new TlsCerts(dir, ks, certPem, keyPem);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  /** A server context with the key and certificate; {@code protocol} e.g. "TLS" or "TLSv1.2". */
  SSLContext serverContext(String protocol) {
    try {
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keyStore, PASSWORD);
      SSLContext ctx = SSLContext.getInstance(protocol);
      ctx.init(kmf.getKeyManagers(), trustManagers(), null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A client context that trusts the certificate (and nothing else). */
  SSLContext clientContext(String protocol) {
    try {
      SSLContext ctx = SSLContext.getInstance(protocol);
      ctx.init(null, trustManagers(), null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private javax.net.ssl.TrustManager[] trustManagers() throws GeneralSecurityException {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    try {
      trust.load(null, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    trust.setCertificateEntry("server", keyStore.getCertificate("server"));
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    return tmf.getTrustManagers();
  }
}

package org.asyncio4j.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for "localhost" and 127.0.0.1, made by the running JDK's {@code
 * keytool} in a temporary keystore, with a server context that presents it and client contexts that
 * trust it (and nothing else). Made before the loop starts: {@code keytool} is a process the caller
 * waits for, which a task must not do.
 *
 * <p>Python's docs make theirs with {@code openssl req -x509 ...} beforehand; making it at start-up
 * lets the example run anywhere a JDK does.
 */
final class SelfSignedCertificate implements AutoCloseable {
  /** The name the certificate carries (its CN and DNS subject alternative name). */
  static final String HOSTNAME = "localhost";

  /** How long the certificate is valid: an example's run, with a margin. */
  private static final int VALIDITY_DAYS = 2;

  /** How long keytool may take. */
  private static final long KEYTOOL_TIMEOUT_SECONDS = 60;

  private static final String ALIAS = "server";

  // The keystore lives only in a temporary directory for one run; its password protects nothing.
  private static final char[] PASSWORD = "changeit".toCharArray();

  private final Path dir;
  private final KeyStore keyStore;

  private SelfSignedCertificate(Path dir, KeyStore keyStore) {
    this.dir = dir;
    this.keyStore = keyStore;
  }

  /**
   * Makes a new key pair and certificate with {@code keytool}.
   *
   * @throws IllegalStateException if keytool is missing or fails; the message says which
   */
  static SelfSignedCertificate create() {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    if (!Files.isExecutable(keytool)) {
      throw new IllegalStateException(
          "no keytool at "
              + keytool
              + ": run the TLS example on a full JDK, whose bin directory has keytool");
    }
    try {
      Path dir = Files.createTempDirectory("asyncio4j-tls-example");
      Path p12 = dir.resolve("server.p12");
      Process p =
          new ProcessBuilder(
                  List.of(
                      keytool.toString(),
                      "-genkeypair",
                      "-alias",
                      ALIAS,
                      "-keyalg",
                      "EC",
                      "-groupname",
                      "secp256r1",
                      "-dname",
                      "CN=" + HOSTNAME,
                      "-ext",
                      "SAN=dns:" + HOSTNAME + ",ip:127.0.0.1",
                      "-validity",
                      Integer.toString(VALIDITY_DAYS),
                      "-storetype",
                      "PKCS12",
                      "-keystore",
                      p12.toString(),
                      "-storepass",
                      new String(PASSWORD)))
              .redirectErrorStream(true)
              .start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(
            "keytool did not finish in " + KEYTOOL_TIMEOUT_SECONDS + " s: " + output);
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException("keytool failed (exit " + p.exitValue() + "): " + output);
      }
      KeyStore ks = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(p12)) {
        ks.load(in, PASSWORD);
      }
      Files.delete(p12); // loaded: the private key need not stay on disk
      return new SelfSignedCertificate(dir, ks);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot load the keystore keytool made: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while keytool ran", e);
    }
  }

  /** The certificate. */
  Certificate certificate() {
    try {
      return keyStore.getCertificate(ALIAS);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A server context that presents the certificate. */
  SSLContext serverContext() {
    try {
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keyStore, PASSWORD);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), null, null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot make a server context: " + e, e);
    }
  }

  /** A client context that trusts this certificate and nothing else. */
  SSLContext clientContext() {
    return trusting(certificate());
  }

  /**
   * Writes the certificate (not the key) as PEM, for a client in another process ({@code openssl
   * s_client -CAfile}, or {@link #trusting(Path)}). The file is removed by {@link #close()}.
   */
  Path writePem() {
    try {
      Path pem = dir.resolve("cert.pem");
      String text =
          "-----BEGIN CERTIFICATE-----\n"
              + Base64.getMimeEncoder(64, new byte[] {'\n'})
                  .encodeToString(certificate().getEncoded())
              + "\n-----END CERTIFICATE-----\n";
      Files.writeString(pem, text, StandardCharsets.US_ASCII);
      pem.toFile().deleteOnExit(); // the server mode ends only with the process
      return pem;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A client context that trusts the certificate in {@code pem} (as {@link #writePem()} writes it).
   *
   * @throws IllegalArgumentException if the file holds no certificate
   */
  static SSLContext trusting(Path pem) {
    try (InputStream in = Files.newInputStream(pem)) {
      return trusting(CertificateFactory.getInstance("X.509").generateCertificate(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the certificate file " + pem, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          pem + " holds no certificate (" + e.getMessage() + "): pass the file the server printed",
          e);
    }
  }

  private static SSLContext trusting(Certificate cert) {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry(ALIAS, cert);
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot make a client context: " + e, e);
    }
  }

  /** Removes the temporary directory and what is left in it. */
  @Override
  public void close() {
    try {
      Files.deleteIfExists(dir.resolve("cert.pem"));
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return "<SelfSignedCertificate CN=" + HOSTNAME + " in " + dir + ">";
  }
}

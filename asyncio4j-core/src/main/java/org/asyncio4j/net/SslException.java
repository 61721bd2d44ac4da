package org.asyncio4j.net;

import javax.net.ssl.SSLException;

/**
 * A TLS connection failed: its handshake (an untrusted certificate, a host name the certificate
 * does not cover, no common protocol or cipher) or a record that does not decrypt. The cause is the
 * JDK's {@link SSLException} (often an {@link javax.net.ssl.SSLHandshakeException}); the message
 * says what failed and, for a certificate, for which host.
 *
 * <pre>{@code
 * try {
 *   loop.createConnection(() -> new Protocol() {}, "localhost", 8443,
 *       ConnectOptions.defaults().withSsl(SSLContext.getDefault()));
 * } catch (SslException e) {
 *   System.out.println(e.getMessage());  // SSL handshake failed on verifying the certificate...
 * }
 * }</pre>
 *
 * <p>asyncio: {@code ssl.SSLError}, and {@code ssl.SSLCertVerificationError} when {@link
 * #isCertificateVerifyFailure()}
 */
public class SslException extends ConnectionException {
  private static final long serialVersionUID = 1L;

  private final boolean certificateVerifyFailure;

  /**
   * An exception with a message and the JDK's exception that caused it.
   *
   * @param message what failed
   * @param cause the JDK's exception
   * @param certificateVerifyFailure whether the peer's certificate was refused
   */
  public SslException(String message, SSLException cause, boolean certificateVerifyFailure) {
    super(message, cause);
    this.certificateVerifyFailure = certificateVerifyFailure;
  }

  /**
   * Returns whether the failure is the peer's certificate: not trusted, expired, or not for the
   * host name asked for.
   *
   * @return true for a certificate verification failure
   */
  public boolean isCertificateVerifyFailure() {
    return certificateVerifyFailure;
  }
}

package org.asyncio4j.http.internal.codec;

/**
 * The deviations from RFC 9112 a parser may accept, each by name, as Jetty's {@code
 * HttpCompliance.Violation}. The request parser accepts none of them by default; the response
 * parser accepts {@link #RESPONSE_DEFAULTS}, where real servers are sloppy and a client can still
 * read the message unambiguously.
 */
public enum Leniency {
  /** A line ended by LF alone (RFC 9112 2.2: a recipient MAY accept it). */
  LF_LINE_TERMINATION,
  /** A header value continued on the next line (obs-fold): unfolded into one SP (RFC 9112 5.2). */
  OBS_FOLD,
  /** A status line without the SP after the status code ({@code HTTP/1.1 200}). */
  MISSING_REASON_SPACE,
  /** Whitespace between a field name and its colon, skipped (RFC 9112 5.1 says reject). */
  WHITESPACE_BEFORE_COLON,
  /**
   * {@code Content-Length} repeated, or as a list, with one same value throughout: collapsed to it
   * (RFC 9110 8.6 allows this).
   */
  DUPLICATE_CONTENT_LENGTH_SAME_VALUE,
  /**
   * {@code Content-Length} beside {@code Transfer-Encoding}: the transfer coding wins and the
   * connection is not reused (RFC 9112 6.3 item 3).
   */
  TRANSFER_ENCODING_WITH_CONTENT_LENGTH;

  /** What the response parser accepts unless told otherwise: all but whitespace before colon. */
  public static final java.util.Set<Leniency> RESPONSE_DEFAULTS =
      java.util.Collections.unmodifiableSet(
          java.util.EnumSet.of(
              LF_LINE_TERMINATION,
              OBS_FOLD,
              MISSING_REASON_SPACE,
              DUPLICATE_CONTENT_LENGTH_SAME_VALUE,
              TRANSFER_ENCODING_WITH_CONTENT_LENGTH));
}

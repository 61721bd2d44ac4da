package org.asyncio4j.http.internal.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.asyncio4j.http.Headers;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP/1.1 push parser's machinery, shared by {@link RequestParser} (strict) and {@link
 * ResponseParser} (lenient where named): feed it bytes as they arrive, split anywhere, and it calls
 * its {@link Http1Listener} as messages take shape.
 *
 * <p>The central invariant: a line (start line, field line, chunk-size line) is parsed from the fed
 * array itself when it arrives whole, and from {@code lineBuf} only when it straddles two feeds;
 * either way its length is checked against its limit as bytes arrive, so a line split into many
 * segments is bounded exactly as a whole one (aiohttp CVE-2026-54277). Body bytes are never copied:
 * {@link Http1Listener#onBody} gets slices of the fed array.
 *
 * <p>States: {@code START} (leading empty lines, then the start line), {@code HEADERS}, then per
 * the framing {@code BODY_LENGTH}, {@code CHUNK_SIZE}/{@code CHUNK_DATA}/{@code CHUNK_CR}/{@code
 * CHUNK_LF}/{@code TRAILERS}, or {@code UNTIL_CLOSE}; back to {@code START} for the next
 * (pipelined) message, or {@code STOPPED} after an upgrade or tunnel. A parse error leaves it
 * {@code FAILED}; {@link #feedEof} leaves it {@code CLOSED}. Feeding either is a bug of the caller
 * and throws {@link IllegalStateException}.
 *
 * <p>Not thread-safe: one connection's loop drives it.
 *
 * @param <H> the head type the listener receives
 */
public abstract class Http1Parser<H> {
  /** Where the parser is in a message. */
  protected enum State {
    START,
    HEADERS,
    BODY_LENGTH,
    CHUNK_SIZE,
    CHUNK_DATA,
    CHUNK_CR,
    CHUNK_LF,
    TRAILERS,
    UNTIL_CLOSE,
    STOPPED,
    FAILED,
    CLOSED
  }

  protected final Http1Listener<H> listener;
  protected final ParserLimits limits;
  private final Set<Leniency> leniencies;
  private final boolean lfLenient;

  private State state = State.START;
  private byte[] lineBuf = new byte[128];
  private int lineLen;
  private int emptyLines;
  private boolean yieldRequested;
  private boolean stopAfterMessage;
  private long remaining;

  /** Fields of the head or trailer section being parsed. */
  protected String[] names = new String[16];

  protected String[] values = new String[16];
  protected int fieldCount;
  private final Headers.Builder builder = Headers.builder();

  private byte @Nullable [] scratch;

  protected Http1Parser(Http1Listener<H> listener, ParserLimits limits, Set<Leniency> leniencies) {
    this.listener = Objects.requireNonNull(listener, "listener");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.leniencies =
        leniencies.isEmpty() ? EnumSet.noneOf(Leniency.class) : EnumSet.copyOf(leniencies);
    this.lfLenient = this.leniencies.contains(Leniency.LF_LINE_TERMINATION);
  }

  /** Whether {@code l} is accepted. */
  protected final boolean lenient(Leniency l) {
    return leniencies.contains(l);
  }

  /** The state, for tests and messages. */
  public final String state() {
    return state.name();
  }

  /** Whether the parser stopped after an upgrade or a tunnel's head: the rest is not HTTP. */
  public final boolean isStopped() {
    return state == State.STOPPED;
  }

  /** The bytes of a line held across feeds: never more than the line or field limit and a CRLF. */
  public final int bufferedLineBytes() {
    return lineLen;
  }

  /** Whether the parser is between messages, with no byte of the next one seen. */
  public final boolean isIdle() {
    return state == State.START && lineLen == 0 && emptyLines == 0;
  }

  /**
   * Parses bytes {@code b[off, off+len)}: returns how many it consumed. That is all of them unless
   * the listener paused after a message ({@link Http1Listener#onMessageComplete} returned false) or
   * the parser stopped after an upgrade; the rest belongs to the caller (fed again later, or handed
   * to the new protocol).
   *
   * @throws HttpParseException on bad input; the parser is then {@code FAILED}
   * @throws IllegalStateException when the parser failed, stopped or saw the end of input
   */
  public final int feed(byte[] b, int off, int len) {
    Objects.checkFromIndexSize(off, len, b.length);
    checkFeedable("feed");
    int p = off;
    final int end = off + len;
    try {
      while (p < end) {
        switch (state) {
          case START, HEADERS, CHUNK_SIZE, TRAILERS -> p = readLine(b, p, end);
          case BODY_LENGTH -> {
            int n = (int) Math.min(remaining, end - p);
            remaining -= n;
            int at = p;
            p += n;
            listener.onBody(b, at, n);
            if (remaining == 0) {
              completeMessage();
            }
          }
          case CHUNK_DATA -> {
            int n = (int) Math.min(remaining, end - p);
            remaining -= n;
            int at = p;
            p += n;
            listener.onBody(b, at, n);
            if (remaining == 0) {
              state = State.CHUNK_CR;
            }
          }
          case CHUNK_CR -> {
            byte c = b[p++];
            if (c == '\r') {
              state = State.CHUNK_LF;
            } else if (c == '\n' && lfLenient) {
              state = State.CHUNK_SIZE;
            } else {
              throw error(
                  400,
                  "chunk data is not followed by CRLF but by "
                      + HttpChars.describe(c & 0xff)
                      + ": the chunk is longer than its size says, or the size was wrong");
            }
          }
          case CHUNK_LF -> {
            byte c = b[p++];
            if (c != '\n') {
              throw error(
                  400,
                  "bare CR after chunk data (followed by "
                      + HttpChars.describe(c & 0xff)
                      + "): chunk data ends with CRLF");
            }
            state = State.CHUNK_SIZE;
          }
          case UNTIL_CLOSE -> {
            int at = p;
            p = end;
            listener.onBody(b, at, end - at);
          }
          case STOPPED, FAILED, CLOSED -> {
            return p - off;
          }
        }
        if (yieldRequested) {
          yieldRequested = false;
          return p - off;
        }
      }
    } catch (HttpParseException e) {
      state = State.FAILED;
      throw e;
    }
    return p - off;
  }

  /** {@link #feed(byte[], int, int)} of the whole array. */
  public final int feed(byte[] b) {
    return feed(b, 0, b.length);
  }

  /**
   * {@link #feed(byte[], int, int)} of the buffer's remaining bytes, advancing its position by what
   * was consumed. A heap buffer is parsed in place; a direct one is copied in 8 KiB steps.
   */
  public final int feed(ByteBuffer buf) {
    if (buf.hasArray()) {
      int n = feed(buf.array(), buf.arrayOffset() + buf.position(), buf.remaining());
      buf.position(buf.position() + n);
      return n;
    }
    byte[] s = scratch;
    if (s == null) {
      s = scratch = new byte[8192];
    }
    int total = 0;
    while (buf.hasRemaining()) {
      int chunk = Math.min(s.length, buf.remaining());
      int at = buf.position();
      buf.get(s, 0, chunk);
      int n = feed(s, 0, chunk);
      total += n;
      if (n < chunk) {
        buf.position(at + n);
        break;
      }
    }
    return total;
  }

  /**
   * The peer closed its side: completes a body read until close, and fails a message cut short. The
   * parser is {@code CLOSED} afterwards.
   *
   * @throws HttpParseException when the input ended inside a message
   */
  public final void feedEof() {
    checkFeedable("feedEof");
    State s = state;
    state = State.CLOSED;
    switch (s) {
      case START -> {
        if (lineLen > 0) {
          throw error(400, "the input ended inside the start line, after " + lineLen + " bytes");
        }
      }
      case UNTIL_CLOSE -> {
        stopAfterMessage = true;
        listener.onMessageComplete();
      }
      case BODY_LENGTH ->
          throw error(
              400, "the input ended " + remaining + " bytes before the end of the declared body");
      case CHUNK_DATA ->
          throw error(400, "the input ended " + remaining + " bytes before the end of a chunk");
      default -> throw error(400, "the input ended inside the message (in " + s + ")");
    }
  }

  /**
   * Continues parsing HTTP after a stop for an upgrade the server declined (or a CONNECT it
   * refused): the next bytes are the next request.
   */
  public final void resumeAfterStop() {
    if (state != State.STOPPED) {
      throw new IllegalStateException(
          "resumeAfterStop in state " + state + ": only a parser stopped after an upgrade resumes");
    }
    state = State.START;
  }

  private void checkFeedable(String what) {
    if (state == State.FAILED || state == State.CLOSED || state == State.STOPPED) {
      throw new IllegalStateException(
          what
              + " in state "
              + state
              + (state == State.STOPPED
                  ? ": the parser stopped after an upgrade; hand the bytes to the new protocol,"
                      + " or call resumeAfterStop() if the upgrade was declined"
                  : ": this connection's input is over; use a new parser for a new connection"));
    }
  }

  // ---- lines

  private int readLine(byte[] b, int p, int end) {
    int limit =
        state == State.HEADERS || state == State.TRAILERS
            ? limits.maxFieldSize()
            : limits.maxLineSize();
    // at most limit content bytes and a CR may come before the LF
    long windowEnd = (long) p + (limit + 1 - lineLen) + 1;
    int scanEnd = (int) Math.min(end, windowEnd);
    int lf = -1;
    for (int i = p; i < scanEnd; i++) {
      if (b[i] == '\n') {
        lf = i;
        break;
      }
    }
    if (lf < 0) {
      if (scanEnd < end) {
        throw lineTooLong(limit);
      }
      appendToLine(b, p, end - p);
      return end;
    }
    if (lineLen == 0) {
      line(b, p, lf, limit);
    } else {
      appendToLine(b, p, lf - p);
      int n = lineLen;
      lineLen = 0;
      line(lineBuf, 0, n, limit);
    }
    return lf + 1;
  }

  private void appendToLine(byte[] b, int off, int len) {
    if (lineLen + len > lineBuf.length) {
      lineBuf = Arrays.copyOf(lineBuf, Math.max(lineLen + len, lineBuf.length * 2));
    }
    System.arraycopy(b, off, lineBuf, lineLen, len);
    lineLen += len;
  }

  /** A line {@code b[s, lf)}, the LF excluded. */
  private void line(byte[] b, int s, int lf, int limit) {
    int e = lf;
    if (e > s && b[e - 1] == '\r') {
      e--;
    } else if (!lfLenient) {
      throw error(
          400,
          "a line ends with a bare LF (in "
              + where()
              + ", after "
              + (lf - s)
              + " bytes): lines end with CRLF (RFC 9112 2.2)");
    }
    if (e - s > limit) {
      throw lineTooLong(limit);
    }
    switch (state) {
      case START -> {
        if (e == s) {
          if (++emptyLines > limits.maxLeadingEmptyLines()) {
            throw error(
                400,
                "more than "
                    + limits.maxLeadingEmptyLines()
                    + " empty lines before the start line");
          }
          return;
        }
        listener.onMessageBegin();
        fieldCount = 0;
        startLine(b, s, e);
        state = State.HEADERS;
      }
      case HEADERS -> {
        if (e == s) {
          headComplete();
        } else {
          field(b, s, e, false);
        }
      }
      case CHUNK_SIZE -> chunkSizeLine(b, s, e);
      case TRAILERS -> {
        if (e == s) {
          trailersComplete();
        } else {
          field(b, s, e, true);
        }
      }
      default -> throw new IllegalStateException("a line in state " + state);
    }
  }

  private String where() {
    return switch (state) {
      case START -> "the start line";
      case HEADERS -> "header field " + (fieldCount + 1);
      case CHUNK_SIZE -> "a chunk-size line";
      case TRAILERS -> "trailer field " + (fieldCount + 1);
      default -> state.name();
    };
  }

  private HttpParseException lineTooLong(int limit) {
    return switch (state) {
      case START ->
          error(tooLongStartLineStatus(), "the start line is longer than " + limit + " bytes");
      case HEADERS, TRAILERS ->
          error(431, where() + " is longer than " + limit + " bytes (the field size limit)");
      default -> error(400, where() + " is longer than " + limit + " bytes (the line limit)");
    };
  }

  /** The status for a start line over the limit: 414 for a request. */
  protected abstract int tooLongStartLineStatus();

  /** Parses the start line {@code b[s, e)} (CRLF excluded, not empty). */
  protected abstract void startLine(byte[] b, int s, int e);

  /**
   * The header section is complete ({@code names}/{@code values}/{@code fieldCount}): build the
   * head, tell the listener, and call {@link #beginBody}.
   */
  protected abstract void headComplete();

  /**
   * Checks the trailer fields for the ones a trailer may not carry (framing, routing, control: RFC
   * 9110 6.5.1): the request side rejects them, the response side drops them.
   */
  protected abstract Headers checkTrailers(Headers trailers);

  /** The exception for bad input: the status is mapped by the side (502 for responses). */
  protected abstract HttpParseException error(int requestStatus, String message);

  // ---- fields

  private void field(byte[] b, int s, int e, boolean trailer) {
    byte first = b[s];
    if (first == ' ' || first == '\t') {
      if (!lenient(Leniency.OBS_FOLD) || fieldCount == 0) {
        throw error(
            400,
            fieldCount == 0
                ? "whitespace before the first "
                    + (trailer ? "trailer" : "header")
                    + " field (RFC 9112 2.2)"
                : "obs-fold: "
                    + where()
                    + " continues the previous field on a new line (RFC 9112 5.2)");
      }
      int vs = skipOws(b, s, e);
      int ve = trimOws(b, vs, e);
      checkValue(b, vs, ve, names[fieldCount - 1]);
      if (ve > vs) {
        String more = new String(b, vs, ve - vs, StandardCharsets.ISO_8859_1);
        String prev = values[fieldCount - 1];
        values[fieldCount - 1] = prev.isEmpty() ? more : prev + " " + more;
      }
      return;
    }
    int i = s;
    while (i < e && HttpChars.isTchar(b[i])) {
      i++;
    }
    if (i == e) {
      throw error(
          400,
          where()
              + " has no colon: "
              + HttpChars.snippet(b, s, e - s)
              + " (a field is name \":\" value)");
    }
    int colon = i;
    byte c = b[i];
    if (c != ':') {
      if ((c == ' ' || c == '\t') && i > s) {
        if (!lenient(Leniency.WHITESPACE_BEFORE_COLON)) {
          throw error(
              400,
              "whitespace between the field name "
                  + HttpChars.snippet(b, s, i - s)
                  + " and its colon (RFC 9112 5.1: a server MUST reject it)");
        }
        colon = skipOws(b, i, e);
      }
      if (colon >= e || b[colon] != ':') {
        throw error(
            400,
            "invalid character "
                + HttpChars.describe(b[i] & 0xff)
                + " in the name of "
                + where()
                + " at column "
                + (i - s)
                + ": a field name is a token (RFC 9110 5.6.2)");
      }
    }
    if (i == s) {
      throw error(400, where() + " has an empty name");
    }
    int vs = skipOws(b, colon + 1, e);
    int ve = trimOws(b, vs, e);
    String name = HeaderNames.intern(b, s, i - s);
    checkValue(b, vs, ve, name);
    if (fieldCount >= limits.maxHeaders()) {
      throw error(
          431,
          "more than "
              + limits.maxHeaders()
              + (trailer ? " trailer" : " header")
              + " fields (the limit on fields)");
    }
    if (fieldCount == names.length) {
      names = Arrays.copyOf(names, fieldCount * 2);
      values = Arrays.copyOf(values, fieldCount * 2);
    }
    names[fieldCount] = name;
    values[fieldCount] = ve == vs ? "" : new String(b, vs, ve - vs, StandardCharsets.ISO_8859_1);
    fieldCount++;
  }

  private void checkValue(byte[] b, int vs, int ve, String name) {
    for (int k = vs; k < ve; k++) {
      if (!HttpChars.isFieldValueOctet(b[k])) {
        throw error(
            400,
            "invalid character "
                + HttpChars.describe(b[k] & 0xff)
                + " in the value of field "
                + HttpChars.snippet(name)
                + " at column "
                + (k - vs)
                + ": CR, LF, NUL and other controls are not allowed (RFC 9110 5.5)");
      }
    }
  }

  protected static int skipOws(byte[] b, int i, int e) {
    while (i < e && (b[i] == ' ' || b[i] == '\t')) {
      i++;
    }
    return i;
  }

  protected static int trimOws(byte[] b, int s, int e) {
    while (e > s && (b[e - 1] == ' ' || b[e - 1] == '\t')) {
      e--;
    }
    return e;
  }

  /** The fields parsed so far as headers; resets the field storage for a trailer section. */
  protected final Headers buildFields() {
    builder.clear();
    for (int i = 0; i < fieldCount; i++) {
      builder.add(names[i], values[i]);
    }
    Arrays.fill(values, 0, fieldCount, null);
    fieldCount = 0;
    return builder.build();
  }

  // ---- bodies

  /**
   * Starts the body after the head was handed over. {@code stopAfter} stops the parser once the
   * message is complete (upgrade, tunnel).
   */
  protected final void beginBody(BodyFraming framing, long contentLength, boolean stopAfter) {
    stopAfterMessage = stopAfter;
    switch (framing) {
      case NONE, TUNNEL -> completeMessage();
      case LENGTH -> {
        if (contentLength == 0) {
          completeMessage();
        } else {
          remaining = contentLength;
          state = State.BODY_LENGTH;
        }
      }
      case CHUNKED -> state = State.CHUNK_SIZE;
      case UNTIL_CLOSE -> state = State.UNTIL_CLOSE;
    }
  }

  private void completeMessage() {
    emptyLines = 0;
    fieldCount = 0;
    state = stopAfterMessage ? State.STOPPED : State.START;
    stopAfterMessage = false;
    if (!listener.onMessageComplete() || state == State.STOPPED) {
      yieldRequested = true;
    }
  }

  private static int hexValue(byte c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    int l = c | 0x20;
    if (l >= 'a' && l <= 'f') {
      return l - 'a' + 10;
    }
    return -1;
  }

  private void chunkSizeLine(byte[] b, int s, int e) {
    int i = s;
    long size = 0;
    int digits = 0;
    int h;
    while (i < e && (h = hexValue(b[i])) >= 0) {
      if (++digits > 16) {
        throw error(400, "a chunk size has more than 16 hex digits");
      }
      size = (size << 4) | h;
      i++;
    }
    if (digits == 0) {
      throw error(
          400,
          "a chunk-size line does not start with a hex digit: "
              + HttpChars.snippet(b, s, e - s)
              + " (chunk = 1*HEXDIG [ext] CRLF, RFC 9112 7.1)");
    }
    if (size < 0) {
      throw error(400, "a chunk size overflows 63 bits");
    }
    chunkExtensions(b, i, e, s);
    if (size == 0) {
      state = State.TRAILERS;
      fieldCount = 0;
    } else {
      remaining = size;
      state = State.CHUNK_DATA;
    }
  }

  /** chunk-ext = *( BWS ";" BWS name [ BWS "=" BWS ( token / quoted-string ) ] ), checked. */
  private void chunkExtensions(byte[] b, int i, int e, int s) {
    while (i < e) {
      int ws = i;
      i = skipOws(b, i, e);
      if (i == e || b[i] != ';') {
        throw error(
            400,
            (i == e && i > ws ? "whitespace after a chunk size" : "invalid character ")
                + (i < e ? HttpChars.describe(b[i] & 0xff) : "")
                + " in a chunk-size line at column "
                + (i - s)
                + " (RFC 9112 7.1.1: extensions start with ';')");
      }
      i = skipOws(b, i + 1, e);
      int ns = i;
      while (i < e && HttpChars.isTchar(b[i])) {
        i++;
      }
      if (i == ns) {
        throw error(400, "a chunk extension without a name at column " + (i - s));
      }
      int afterName = skipOws(b, i, e);
      if (afterName < e && b[afterName] == '=') {
        i = skipOws(b, afterName + 1, e);
        if (i < e && b[i] == '"') {
          i = quotedString(b, i + 1, e, s);
        } else {
          int vs = i;
          while (i < e && HttpChars.isTchar(b[i])) {
            i++;
          }
          if (i == vs) {
            throw error(400, "a chunk extension without a value after '=' at column " + (i - s));
          }
        }
      }
    }
  }

  private int quotedString(byte[] b, int i, int e, int s) {
    while (i < e) {
      int c = b[i] & 0xff;
      if (c == '"') {
        return i + 1;
      }
      if (c == '\\') {
        i++;
        if (i >= e || !HttpChars.isFieldValueOctet(b[i])) {
          break;
        }
      } else if (!HttpChars.isFieldValueOctet(c)) {
        throw error(
            400,
            "invalid character "
                + HttpChars.describe(c)
                + " in a chunk extension's quoted value at column "
                + (i - s));
      }
      i++;
    }
    throw error(400, "an unterminated quoted string in a chunk extension");
  }

  private void trailersComplete() {
    if (fieldCount > 0) {
      Headers trailers = checkTrailers(buildFields());
      if (!trailers.isEmpty()) {
        listener.onTrailers(trailers);
      }
    }
    completeMessage();
  }
}

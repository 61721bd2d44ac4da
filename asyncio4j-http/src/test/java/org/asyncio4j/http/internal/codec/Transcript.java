package org.asyncio4j.http.internal.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.asyncio4j.http.Headers;

/**
 * What a parser made of some input, as one comparable line: each message as {@code METHOD target
 * HTTP/1.1 [Name: value, ...] body="..." trailers[...]} (flags {@code close}, {@code upgrade},
 * {@code expect100} when set), messages joined by {@code " ; "}, then {@code " !400"} for a parse
 * error, {@code " >>rest"} for bytes left after an upgrade stop.
 */
final class Transcript<H> implements Http1Listener<H> {
  private final Function<H, String> renderHead;
  private final List<String> messages = new ArrayList<>();
  private StringBuilder current = new StringBuilder();
  private final ByteArrayOutputStream body = new ByteArrayOutputStream();
  boolean pauseAfterEach;
  int completed;

  Transcript(Function<H, String> renderHead) {
    this.renderHead = renderHead;
  }

  static String request(RequestHead h) {
    return h.method()
        + " "
        + h.target()
        + " "
        + h.version()
        + " "
        + headers(h.headers())
        + (h.keepAlive() ? "" : " close")
        + (h.upgrade() ? " upgrade" : "")
        + (h.expectContinue() ? " expect100" : "");
  }

  static String response(ResponseHead h) {
    return h.version()
        + " "
        + h.status()
        + " \""
        + h.reason()
        + "\" "
        + headers(h.headers())
        + (h.keepAlive() ? "" : " close")
        + " "
        + h.framing();
  }

  static String headers(Headers h) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < h.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(h.name(i)).append(": ").append(escape(h.value(i)));
    }
    return sb.append(']').toString();
  }

  static String escape(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c < 0x7f && c != '\\') {
        sb.append(c);
      } else {
        sb.append(String.format("\\x%02x", (int) c));
      }
    }
    return sb.toString();
  }

  @Override
  public void onHead(H head) {
    current = new StringBuilder(renderHead.apply(head));
    body.reset();
  }

  @Override
  public void onBody(byte[] data, int offset, int length) {
    body.write(data, offset, length);
  }

  @Override
  public void onTrailers(Headers trailers) {
    flushBody();
    current.append(" trailers").append(headers(trailers));
  }

  private void flushBody() {
    if (body.size() > 0) {
      current
          .append(" body=\"")
          .append(escape(new String(body.toByteArray(), StandardCharsets.ISO_8859_1)))
          .append('"');
      body.reset();
    }
  }

  @Override
  public boolean onMessageComplete() {
    flushBody();
    messages.add(current.toString());
    current = new StringBuilder();
    completed++;
    return !pauseAfterEach;
  }

  /** Feeds the pieces (re-feeding what a pause left), then the end of input if asked. */
  static <H> String run(Http1Parser<H> parser, Transcript<H> t, List<byte[]> pieces, boolean eof) {
    StringBuilder rest = new StringBuilder();
    String error = "";
    try {
      for (byte[] piece : pieces) {
        int off = 0;
        while (off < piece.length) {
          if (parser.isStopped()) {
            rest.append(new String(piece, off, piece.length - off, StandardCharsets.ISO_8859_1));
            break;
          }
          off += parser.feed(piece, off, piece.length - off);
        }
      }
      if (eof && !parser.isStopped()) {
        parser.feedEof();
      }
    } catch (HttpParseException e) {
      error = " !" + e.status();
      if (!e.mustClose()) {
        error += "(keep)";
      }
    }
    String out = String.join(" ; ", t.messages) + error;
    if (!rest.isEmpty()) {
      out += " >>" + escape(rest.toString());
    }
    return out.strip();
  }
}

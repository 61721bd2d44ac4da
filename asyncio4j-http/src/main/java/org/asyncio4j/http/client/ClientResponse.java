package org.asyncio4j.http.client;

import java.lang.reflect.Type;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.asyncio4j.http.Headers;
import org.asyncio4j.http.HttpMethod;
import org.asyncio4j.http.HttpVersion;
import org.asyncio4j.http.internal.client.HttpConnection;
import org.asyncio4j.http.internal.client.JsonContentType;
import org.asyncio4j.http.internal.client.ServerDisconnectedException;
import org.asyncio4j.http.internal.codec.HttpParseException;
import org.asyncio4j.http.internal.codec.ResponseHead;
import org.asyncio4j.http.internal.pool.Lease;
import org.jspecify.annotations.Nullable;

/**
 * A response of a {@link ClientSession}: its head at once, its body when read. Close it (or read
 * the body whole, which releases the connection by itself): a connection whose body was read to its
 * end goes back to the pool when both sides allow keep-alive; one closed early is closed.
 *
 * <pre>{@code
 * try (ClientResponse response = session.get("http://127.0.0.1:8080/package/boto3")) {
 *   response.raiseForStatus();
 *   Object data = response.json(); // maps, lists, strings, numbers, booleans
 * }
 * }</pre>
 *
 * <p>aiohttp: {@code ClientResponse} ({@code status}, {@code reason}, {@code ok}, {@code headers},
 * {@code content_type}, {@code charset}, {@code url}, {@code read()}, {@code text()}, {@code
 * json()}, {@code raise_for_status()}, {@code content}, {@code release()}). The body is read once:
 * after {@code read()} (or {@code text()}, {@code json()}) every call gives the same body again;
 * after {@link #content()} was read from, {@code read()} gives what is left.
 *
 * <p>Loop-confined, as its session.
 */
public final class ClientResponse implements AutoCloseable {
  private static final byte[] EMPTY = new byte[0];

  private final ClientSession session;
  private final HttpMethod method;
  private final URI url;
  private final ResponseHead head;
  private final Lease<HttpConnection> lease;
  private final HttpConnection connection;
  private byte @Nullable [] body;
  private @Nullable ResponseContent content;
  private boolean released;

  ClientResponse(
      ClientSession session,
      HttpMethod method,
      URI url,
      ResponseHead head,
      Lease<HttpConnection> lease) {
    this.session = session;
    this.method = method;
    this.url = url;
    this.head = head;
    this.lease = lease;
    this.connection = lease.connection();
    if (connection.isComplete()) {
      // No body (HEAD, 204, 304, Content-Length: 0): the connection is free at once.
      body = EMPTY;
      release();
    }
  }

  /**
   * The status code.
   *
   * @return the code, such as 200
   */
  public int status() {
    return head.status();
  }

  /**
   * The reason phrase as the server sent it (may be empty).
   *
   * @return the reason
   */
  public String reason() {
    return head.reason();
  }

  /**
   * Whether the status is below 400 (aiohttp's {@code ok}).
   *
   * @return true for 1xx, 2xx and 3xx
   */
  public boolean ok() {
    return head.status() < 400;
  }

  /**
   * The response's header fields (case-insensitive names, in the order received).
   *
   * @return the headers
   */
  public Headers headers() {
    return head.headers();
  }

  /**
   * The HTTP version of the response.
   *
   * @return HTTP/1.0 or HTTP/1.1
   */
  public HttpVersion version() {
    return head.version();
  }

  /**
   * The request's method.
   *
   * @return the method
   */
  public HttpMethod method() {
    return method;
  }

  /**
   * The URL that answered (with the query parameters the request added).
   *
   * @return the URL
   */
  public URI url() {
    return url;
  }

  /**
   * The media type of {@code Content-Type}, lower case, without parameters; {@code
   * application/octet-stream} when the header is missing (as aiohttp).
   *
   * @return the media type
   */
  public String contentType() {
    return JsonContentType.mediaType(head.headers().get("Content-Type"));
  }

  /**
   * The {@code charset} parameter of {@code Content-Type}, lower case.
   *
   * @return the charset's name, or null when none is given
   */
  public @Nullable String charset() {
    String ct = head.headers().get("Content-Type");
    if (ct == null) {
      return null;
    }
    for (String part : ct.split(";")) {
      String p = part.strip();
      int eq = p.indexOf('=');
      if (eq > 0 && p.substring(0, eq).strip().equalsIgnoreCase("charset")) {
        String v = p.substring(eq + 1).strip();
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
          v = v.substring(1, v.length() - 1);
        }
        return v.isEmpty() ? null : v.toLowerCase(Locale.ROOT);
      }
    }
    return null;
  }

  /**
   * Raises for a 4xx or 5xx status (the connection is released first).
   *
   * @throws ClientResponseException with the status, the reason and the URL
   */
  public void raiseForStatus() {
    if (head.status() >= 400) {
      close();
      throw new ClientResponseException(head.status(), head.reason(), url);
    }
  }

  /**
   * The whole body (the rest of it, after {@link #content()} reads), waiting for it; the connection
   * is released once it is read.
   *
   * @return the body's bytes (a copy: change it freely)
   * @throws ClientPayloadException when the body ended early or was malformed (the server closed
   *     before the declared length, a chunked body without its last chunk)
   */
  public byte[] read() {
    byte[] b = body;
    if (b == null) {
      b = body = readRest();
    }
    return b.length == 0 ? b : b.clone();
  }

  /**
   * The body as text, in the {@code charset} of {@code Content-Type}, else UTF-8 (aiohttp's default
   * fallback). Malformed input is replaced, as Python's {@code errors='replace'} would not be: see
   * {@link #text(Charset)} for a strict choice.
   *
   * @return the text
   * @throws ClientPayloadException when the body could not be read whole
   */
  public String text() {
    return text(charsetOr(StandardCharsets.UTF_8));
  }

  /**
   * The body as text in {@code charset}.
   *
   * @param charset the encoding
   * @return the text
   * @throws ClientPayloadException when the body could not be read whole
   */
  public String text(Charset charset) {
    byte[] b = body;
    if (b == null) {
      b = body = readRest();
    }
    return new String(b, charset);
  }

  /**
   * The body as a JSON tree (maps, lists, strings, numbers, booleans, null), after aiohttp's
   * content-type check.
   *
   * @return the tree; null for an empty body or the document {@code null}
   * @throws ContentTypeException when the response's type is not JSON ({@code application/json} or
   *     {@code …+json}); {@link #json(Class, String)} with a null type turns the check off
   * @throws org.asyncio4j.http.JsonDecodeException when the body is not JSON
   */
  public @Nullable Object json() {
    return json(Object.class, "application/json");
  }

  /**
   * The body bound to a class by the session's codec, after the content-type check.
   *
   * @param type the class
   * @param <T> the type
   * @return the value; null for an empty body or the document {@code null}
   * @throws ContentTypeException when the response's type is not JSON
   */
  public <T> @Nullable T json(Class<T> type) {
    return json(type, "application/json");
  }

  /**
   * The body bound to a class, checked against {@code expectedContentType} (aiohttp's {@code
   * content_type=}): {@code application/json} accepts every JSON type, another value a type that
   * contains it, and null turns the check off (for servers that send JSON as {@code text/plain}).
   *
   * @param type the class ({@code Object.class} for a tree)
   * @param expectedContentType the expected media type, or null for no check
   * @param <T> the type
   * @return the value; null for an empty body or the document {@code null}
   * @throws ContentTypeException when the check fails
   */
  public <T> @Nullable T json(Class<T> type, @Nullable String expectedContentType) {
    byte[] b = checkedJsonBody(expectedContentType);
    return b == null ? null : session.jsonCodec().decode(b, type);
  }

  /**
   * The body bound to a generic type (such as a field's {@code List<Package>}).
   *
   * @param type the type
   * @return the value; null for an empty body or the document {@code null}
   * @throws ContentTypeException when the response's type is not JSON
   */
  public @Nullable Object json(Type type) {
    byte[] b = checkedJsonBody("application/json");
    return b == null ? null : session.jsonCodec().decode(b, type);
  }

  private byte @Nullable [] checkedJsonBody(@Nullable String expected) {
    if (expected != null) {
      String media = contentType();
      if (!JsonContentType.isExpected(media, JsonContentType.mediaType(expected))) {
        close();
        throw new ContentTypeException(head.status(), head.reason(), url, media);
      }
    }
    byte[] b = body;
    if (b == null) {
      b = body = readRest();
    }
    for (byte x : b) {
      if (x != ' ' && x != '\t' && x != '\r' && x != '\n') {
        return b;
      }
    }
    return null; // aiohttp: an empty (or blank) body is None
  }

  /**
   * The body as a stream, read as it arrives (aiohttp's {@code response.content}).
   *
   * @return the stream (the same one each call)
   */
  public ResponseContent content() {
    ResponseContent c = content;
    if (c == null) {
      c = content = new ResponseContent(this);
    }
    return c;
  }

  /**
   * Gives the connection back: to the pool when the body was read to its end and the connection may
   * be kept alive, else closed. The head stays readable; the body's rest is lost. A second call
   * does nothing.
   */
  @Override
  public void close() {
    release();
  }

  /** aiohttp's {@code release()}: the same as {@link #close()}. */
  public void release() {
    if (released) {
      return;
    }
    released = true;
    if (connection.isComplete()) {
      lease.release(true);
    } else {
      connection.markBroken();
      lease.release(false);
    }
  }

  /** Whether the connection was given back. */
  boolean isReleased() {
    return released;
  }

  /** The next piece of the body as it arrived, or null at its end; releases at the end. */
  byte @Nullable [] nextPiece() {
    if (body != null || released) {
      if (body == null && !connection.isComplete()) {
        throw new IllegalStateException(
            "the response was closed before its body was read: read the body before close()");
      }
      return null;
    }
    try {
      byte[] b = connection.readBodyChunk();
      if (b == null) {
        release();
      }
      return b;
    } catch (HttpParseException | ServerDisconnectedException | java.io.UncheckedIOException e) {
      release();
      throw new ClientPayloadException(
          "Response payload is not completed: " + method + " " + url + ": " + e.getMessage(), e);
    } catch (RuntimeException | Error e) {
      release();
      throw e;
    }
  }

  private byte[] readRest() {
    if (content != null && content.hasBuffered()) {
      List<byte[]> pieces = new ArrayList<>();
      pieces.add(content.takeBuffered());
      return concat(pieces);
    }
    long declared = head.contentLength();
    if (declared >= 0 && declared <= Integer.MAX_VALUE - 16) {
      byte[] out = new byte[(int) declared];
      int n = 0;
      for (byte[] p = nextPiece(); p != null; p = nextPiece()) {
        System.arraycopy(p, 0, out, n, p.length);
        n += p.length;
      }
      return out;
    }
    List<byte[]> pieces = new ArrayList<>();
    for (byte[] p = nextPiece(); p != null; p = nextPiece()) {
      pieces.add(p);
    }
    return concat(pieces);
  }

  private byte[] concat(List<byte[]> pieces) {
    for (byte[] p = nextPiece(); p != null; p = nextPiece()) {
      pieces.add(p);
    }
    if (pieces.size() == 1) {
      return pieces.get(0);
    }
    int size = 0;
    for (byte[] p : pieces) {
      size = Math.addExact(size, p.length);
    }
    byte[] out = new byte[size];
    int n = 0;
    for (byte[] p : pieces) {
      System.arraycopy(p, 0, out, n, p.length);
      n += p.length;
    }
    return out;
  }

  private Charset charsetOr(Charset fallback) {
    String name = charset();
    if (name == null) {
      return fallback;
    }
    try {
      return Charset.forName(name);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      return fallback;
    }
  }

  @Override
  public String toString() {
    return "<ClientResponse(" + url + ") [" + head.status() + " " + head.reason() + "]>";
  }
}

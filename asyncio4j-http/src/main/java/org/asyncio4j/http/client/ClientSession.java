package org.asyncio4j.http.client;

import java.lang.ref.Cleaner;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.asyncio4j.Asyncio;
import org.asyncio4j.EventLoop;
import org.asyncio4j.http.Headers;
import org.asyncio4j.http.HttpMethod;
import org.asyncio4j.http.HttpVersion;
import org.asyncio4j.http.JsonCodec;
import org.asyncio4j.http.internal.body.ChunkedBody;
import org.asyncio4j.http.internal.body.FormBodies;
import org.asyncio4j.http.internal.client.HttpConnection;
import org.asyncio4j.http.internal.client.QueryString;
import org.asyncio4j.http.internal.client.ServerDisconnectedException;
import org.asyncio4j.http.internal.client.Urls;
import org.asyncio4j.http.internal.codec.ChunkedEncoder;
import org.asyncio4j.http.internal.codec.EncodedHead;
import org.asyncio4j.http.internal.codec.Http1Writer;
import org.asyncio4j.http.internal.codec.HttpParseException;
import org.asyncio4j.http.internal.codec.ResponseHead;
import org.asyncio4j.http.internal.pool.ConnectionKey;
import org.asyncio4j.http.internal.pool.ConnectionPool;
import org.asyncio4j.http.internal.pool.Lease;
import org.asyncio4j.http.internal.pool.PoolListener;
import org.asyncio4j.http.internal.pool.PoolSettings;
import org.asyncio4j.net.ConnectOptions;
import org.asyncio4j.net.StreamPair;
import org.asyncio4j.net.StreamReader;
import org.asyncio4j.net.Streams;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP/1.1 client with a connection pool, aiohttp's {@code ClientSession}: one per program (or
 * per remote service), used by the tasks of the loop it was created on, closed when done.
 *
 * <pre>{@code
 * Asyncio.run(() -> {
 *   try (ClientSession session = ClientSession.create();
 *       ClientResponse response = session.get("http://127.0.0.1:8080/status")) {
 *     System.out.println(response.status() + " " + response.text());
 *   }
 * });
 * }</pre>
 *
 * <p>Each request method suspends the calling task until the response's head arrived; the body is
 * read by the response's {@code read}, {@code text}, {@code json} or {@code content} (a HEAD, 204
 * or 304 response has none). Closing the response gives its connection back to the pool when the
 * body was read to its end and both sides allow keep-alive, and closes it otherwise.
 *
 * <p>Behaviour, as aiohttp's unless said:
 *
 * <ul>
 *   <li>URLs are joined to the base URL per RFC 3986 keeping empty path segments ({@code
 *       //is-package-exists/boto3} stays as written), and query parameters are appended.
 *   <li>Sent by default: {@code Host}, {@code User-Agent: asyncio4j-http}, {@code Accept: *}{@code
 *       /*}; a body's {@code Content-Type} and {@code Content-Length} (or {@code Transfer-Encoding:
 *       chunked} for a form whose length is unknown); {@code Content-Length: 0} for a POST, PUT or
 *       PATCH without body; cookies of the jar. No {@code Accept-Encoding} yet: bodies are not
 *       decoded yet (a difference from aiohttp, which asks for gzip and deflate).
 *   <li>A request on a pooled connection that the server had closed (the race no check can close:
 *       aiohttp #7297) is sent again once on a new connection, if it is idempotent (GET, HEAD, PUT,
 *       DELETE, OPTIONS, TRACE) and no byte of the response had arrived.
 *   <li>The pool: 100 connections in all and 50 per host by default, idle ones kept 15 s (see the
 *       builder).
 *   <li>A session left unclosed is reported when it is garbage-collected, as aiohttp's "Unclosed
 *       client session", through {@link System.Logger} {@code org.asyncio4j.http.client} at
 *       WARNING.
 * </ul>
 *
 * <p>Not thread-safe: one loop's tasks use it. Not yet here: redirects, timeouts, content decoding,
 * proxies (issue 9 lists them).
 */
public final class ClientSession implements AutoCloseable {
  private static final Cleaner CLEANER = Cleaner.create();
  private static final String USER_AGENT = "asyncio4j-http";
  private static final byte[] CRLF = {'\r', '\n'};

  private final EventLoop loop;
  private final @Nullable URI baseUrl;
  private final Headers defaultHeaders;
  private final boolean raiseForStatus;
  private final CookieJar cookieJar;
  private final @Nullable JsonCodec jsonCodec;
  private final SSLContext sslContext;
  private final ConnectionPool<HttpConnection> pool;
  private final UnclosedReport unclosed;
  private final Cleaner.Cleanable cleanable;

  private ClientSession(Builder b, EventLoop loop) {
    this.loop = loop;
    this.baseUrl = b.baseUrl;
    this.defaultHeaders = b.headers.build();
    this.raiseForStatus = b.raiseForStatus;
    this.cookieJar = b.cookieJar != null ? b.cookieJar : CookieJar.create();
    this.jsonCodec = b.jsonCodec;
    SSLContext ssl = b.sslContext;
    if (ssl == null) {
      try {
        ssl = SSLContext.getDefault();
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException("the JDK has no default SSLContext", e);
      }
    }
    this.sslContext = ssl;
    this.pool = new ConnectionPool<>(loop, b.pool, this::open, PoolListener.NONE);
    this.unclosed = new UnclosedReport(String.valueOf(b.baseUrl));
    this.cleanable = CLEANER.register(this, unclosed);
  }

  /**
   * A session with the defaults, for the running loop.
   *
   * @return the session
   * @throws IllegalStateException if not called from a task
   */
  public static ClientSession create() {
    return builder().build();
  }

  /**
   * A builder for a session with other settings.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@code GET url}.
   *
   * @param url an absolute URL, or one relative to the base URL
   * @return the response (close it)
   */
  public ClientResponse get(String url) {
    return request(HttpMethod.GET, url, RequestOptions.create());
  }

  /**
   * {@code GET url} with options.
   *
   * @param url the URL
   * @param options headers, parameters
   * @return the response (close it)
   */
  public ClientResponse get(String url, RequestOptions options) {
    return request(HttpMethod.GET, url, options);
  }

  /**
   * {@code POST url} with options (the body among them).
   *
   * @param url the URL
   * @param options the body, headers, parameters
   * @return the response (close it)
   */
  public ClientResponse post(String url, RequestOptions options) {
    return request(HttpMethod.POST, url, options);
  }

  /**
   * {@code PUT url} with options.
   *
   * @param url the URL
   * @param options the body, headers, parameters
   * @return the response (close it)
   */
  public ClientResponse put(String url, RequestOptions options) {
    return request(HttpMethod.PUT, url, options);
  }

  /**
   * {@code PATCH url} with options.
   *
   * @param url the URL
   * @param options the body, headers, parameters
   * @return the response (close it)
   */
  public ClientResponse patch(String url, RequestOptions options) {
    return request(HttpMethod.PATCH, url, options);
  }

  /**
   * {@code DELETE url}.
   *
   * @param url the URL
   * @return the response (close it)
   */
  public ClientResponse delete(String url) {
    return request(HttpMethod.DELETE, url, RequestOptions.create());
  }

  /**
   * {@code HEAD url}: the response has no body.
   *
   * @param url the URL
   * @return the response (close it)
   */
  public ClientResponse head(String url) {
    return request(HttpMethod.HEAD, url, RequestOptions.create());
  }

  /**
   * {@code OPTIONS url}.
   *
   * @param url the URL
   * @return the response (close it)
   */
  public ClientResponse options(String url) {
    return request(HttpMethod.OPTIONS, url, RequestOptions.create());
  }

  /**
   * Sends a request and waits for the response's head.
   *
   * @param method the method
   * @param url an absolute URL, or one relative to the base URL
   * @param options headers, parameters, body
   * @return the response (close it: its connection goes back to the pool or is closed)
   * @throws ClientConnectionException if the connection could not be made or broke before the
   *     response's head arrived, or the head was malformed
   * @throws ClientResponseException for a 4xx or 5xx status when the session or the request raises
   *     for status
   * @throws IllegalStateException if the session is closed, or used from another loop
   * @throws IllegalArgumentException for a URL or a header that cannot be sent
   */
  public ClientResponse request(HttpMethod method, String url, RequestOptions options) {
    checkUsable();
    URI uri = QueryString.extend(resolve(url), options.params());
    String scheme = uri.getScheme();
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      throw new IllegalArgumentException(
          "the URL " + uri + " is not http or https: this client speaks HTTP/1.1 only");
    }
    String host = Urls.hostName(uri);
    int port = Urls.port(uri);
    boolean secure = "https".equals(scheme);
    ConnectionKey key = ConnectionKey.of(scheme, host, port, secure ? sslContext : null, null);

    Supplier<ChunkedBody> bodySource = bodySource(options);
    ChunkedBody firstBody = bodySource.get();
    Headers headers = requestHeaders(method, uri, options, firstBody);
    EncodedHead head =
        Http1Writer.requestHead(method, Urls.requestTarget(uri), HttpVersion.HTTP_1_1, headers);

    ChunkedBody body = firstBody;
    for (int attempt = 0; ; attempt++) {
      Lease<HttpConnection> lease = acquire(key);
      HttpConnection conn = lease.connection();
      ResponseHead responseHead;
      try {
        conn.begin(method);
        send(conn, head, body);
        responseHead = conn.readHead();
      } catch (ServerDisconnectedException | java.io.UncheckedIOException e) {
        conn.markBroken();
        lease.release(false);
        body.close();
        if (attempt == 0 && lease.isReused() && !conn.receivedAnything() && method.isIdempotent()) {
          body = bodySource.get();
          continue; // a stale pooled connection: once more on a new one
        }
        throw new ClientConnectionException(method + " " + uri + ": " + e.getMessage(), e);
      } catch (HttpParseException e) {
        conn.markBroken();
        lease.release(false);
        body.close();
        throw new ClientConnectionException(
            method + " " + uri + ": a malformed response from " + key + ": " + e.getMessage(), e);
      } catch (RuntimeException | Error e) {
        conn.markBroken();
        lease.release(false);
        body.close();
        throw e;
      }
      body.close();
      for (String setCookie : responseHead.headers().getAll("Set-Cookie")) {
        cookieJar.updateCookies(java.util.List.of(setCookie), uri);
      }
      ClientResponse response = new ClientResponse(this, method, uri, responseHead, lease);
      Boolean raise = options.raiseForStatusOverride();
      if ((raise != null ? raise : raiseForStatus) && response.status() >= 400) {
        response.close();
        response.raiseForStatus();
      }
      return response;
    }
  }

  private Lease<HttpConnection> acquire(ConnectionKey key) {
    try {
      return pool.acquire(key);
    } catch (java.io.UncheckedIOException e) {
      throw new ClientConnectionException("cannot connect to " + key + ": " + e.getMessage(), e);
    }
  }

  private HttpConnection open(ConnectionKey key) {
    ConnectOptions options = ConnectOptions.defaults();
    if (key.tls() != null) {
      options = options.withSsl(sslContext);
    }
    StreamPair pair =
        Streams.openConnection(key.host(), key.port(), StreamReader.DEFAULT_LIMIT_BYTES, options);
    return new HttpConnection(pair.reader(), pair.writer(), key.toString());
  }

  private static void send(HttpConnection conn, EncodedHead head, ChunkedBody body) {
    long length = body.contentLength();
    if (length == 0) {
      conn.write(head.bytes());
      conn.drain();
      return;
    }
    ByteBuffer first = nextChunk(body);
    if (first != null && length > 0 && first.remaining() == length && length <= 64 * 1024) {
      // One write for a small body: head and body in one segment.
      byte[] h = head.bytes();
      byte[] all = new byte[h.length + first.remaining()];
      System.arraycopy(h, 0, all, 0, h.length);
      first.get(all, h.length, first.remaining());
      conn.write(all);
      if (nextChunk(body) != null) {
        throw new IllegalStateException("a request body longer than its declared length");
      }
      conn.drain();
      return;
    }
    conn.write(head.bytes());
    boolean chunked = length < 0;
    for (ByteBuffer b = first; b != null; b = nextChunk(body)) {
      byte[] data = toArray(b);
      if (chunked) {
        conn.write(ChunkedEncoder.chunkHeader(data.length));
        conn.write(data);
        conn.write(CRLF);
      } else {
        conn.write(data);
      }
      conn.drain();
    }
    if (chunked) {
      conn.write(ChunkedEncoder.lastChunk(Headers.of()));
    }
    conn.drain();
  }

  private static byte[] toArray(ByteBuffer b) {
    if (b.hasArray()
        && b.arrayOffset() == 0
        && b.position() == 0
        && b.remaining() == b.array().length) {
      return b.array();
    }
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }

  private static @Nullable ByteBuffer nextChunk(ChunkedBody body) {
    if (body instanceof BytesChunkedBody bytes) {
      return bytes.nextChunk();
    }
    // File parts read with blocking calls: off the loop, as aiohttp reads files in an executor.
    return Asyncio.toThread(body::nextChunk);
  }

  private Supplier<ChunkedBody> bodySource(RequestOptions options) {
    return switch (options.bodyKind()) {
      case NONE -> () -> new BytesChunkedBody(new byte[0]);
      case BYTES, TEXT -> {
        byte[] b = (byte[]) Objects.requireNonNull(options.body());
        yield () -> new BytesChunkedBody(b);
      }
      case JSON -> {
        byte[] b = jsonCodec().encode(options.body());
        yield () -> new BytesChunkedBody(b);
      }
      case FORM, FORM_DATA -> {
        FormData form = (FormData) Objects.requireNonNull(options.body());
        yield () -> FormBodies.of(form);
      }
    };
  }

  private Headers requestHeaders(
      HttpMethod method, URI uri, RequestOptions options, ChunkedBody body) {
    Headers.Builder h = Headers.builder();
    h.set("Host", Urls.hostHeader(uri));
    h.set("User-Agent", USER_AGENT);
    h.set("Accept", "*/*");
    for (int i = 0; i < defaultHeaders.size(); i++) {
      h.set(defaultHeaders.name(i), defaultHeaders.value(i));
    }
    Headers own = options.headers();
    for (String name : own.names()) {
      h.remove(name);
    }
    h.addAll(own);
    String type =
        options.bodyKind() == RequestOptions.BodyKind.FORM_DATA
            ? ((FormData) Objects.requireNonNull(options.body())).contentType()
            : options.defaultContentType();
    if (type != null && !h.contains("Content-Type")) {
      h.set("Content-Type", type);
    }
    long length = body.contentLength();
    boolean hasBody = options.bodyKind() != RequestOptions.BodyKind.NONE;
    if (hasBody && length < 0) {
      h.set("Transfer-Encoding", "chunked");
      h.remove("Content-Length");
    } else if (hasBody
        || method.equals(HttpMethod.POST)
        || method.equals(HttpMethod.PUT)
        || method.equals(HttpMethod.PATCH)) {
      h.set("Content-Length", Long.toString(length));
    }
    Optional<String> cookies = cookieJar.cookieHeader(uri);
    if (cookies.isPresent() && !h.contains("Cookie")) {
      h.set("Cookie", cookies.get());
    }
    Urls.UserInfo user = Urls.userInfo(uri);
    if (user != null && !h.contains("Authorization")) {
      h.set("Authorization", new BasicAuth(user.user(), user.password()).encode());
    }
    return h.build();
  }

  private URI resolve(String url) {
    URI base = baseUrl;
    if (base == null) {
      URI u = Urls.parse(url);
      if (!u.isAbsolute()) {
        throw new IllegalArgumentException(
            "the URL '"
                + url
                + "' is relative and the session has no base URL: give an absolute"
                + " URL, or build the session with baseUrl(...)");
      }
      return u;
    }
    return Urls.join(base, url);
  }

  private void checkUsable() {
    if (unclosed.closed) {
      throw new IllegalStateException(
          "the session is closed: create a new ClientSession for new requests");
    }
    if (Asyncio.getRunningLoop() != loop) {
      throw new IllegalStateException(
          "ClientSession used from a task of another loop: it belongs to " + loop);
    }
  }

  /** The codec for JSON bodies: the builder's, else the one found on the class path. */
  JsonCodec jsonCodec() {
    JsonCodec c = jsonCodec;
    return c != null ? c : JsonCodec.getDefault();
  }

  /**
   * The session's cookie jar.
   *
   * @return the jar
   */
  public CookieJar cookieJar() {
    return cookieJar;
  }

  /**
   * The headers sent with every request.
   *
   * @return the headers
   */
  public Headers defaultHeaders() {
    return defaultHeaders;
  }

  /**
   * Whether {@link #close()} was called.
   *
   * @return true once closed
   */
  public boolean isClosed() {
    return unclosed.closed;
  }

  /**
   * Closes the pool's connections (idle ones at once; a response still open keeps its connection
   * until it is closed, then that one is closed too). Later requests fail. A second call does
   * nothing.
   */
  @Override
  public void close() {
    if (unclosed.closed) {
      return;
    }
    unclosed.closed = true;
    cleanable.clean();
    pool.close();
  }

  @Override
  public String toString() {
    return "<ClientSession"
        + (baseUrl != null ? " " + baseUrl : "")
        + (isClosed() ? " closed" : "")
        + " "
        + pool
        + ">";
  }

  /** Reports a session collected without close(); holds nothing of the session. */
  static final class UnclosedReport implements Runnable {
    volatile boolean closed;
    private final String what;

    UnclosedReport(String what) {
      this.what = what;
    }

    @Override
    public void run() {
      if (!closed) {
        System.getLogger("org.asyncio4j.http.client")
            .log(
                System.Logger.Level.WARNING,
                "Unclosed client session (base URL "
                    + what
                    + "): close it (try-with-resources) so that its connections close");
      }
    }
  }

  /** A body already in memory: one chunk, replayable by building another. */
  private static final class BytesChunkedBody implements ChunkedBody {
    private byte @Nullable [] bytes;
    private final long length;

    BytesChunkedBody(byte[] bytes) {
      this.bytes = bytes.length == 0 ? null : bytes;
      this.length = bytes.length;
    }

    @Override
    public long contentLength() {
      return length;
    }

    @Override
    public @Nullable ByteBuffer nextChunk() {
      byte[] b = bytes;
      bytes = null;
      return b == null ? null : ByteBuffer.wrap(b);
    }

    @Override
    public void close() {
      bytes = null;
    }
  }

  /**
   * Builds a {@link ClientSession}.
   *
   * <pre>{@code
   * ClientSession session = ClientSession.builder()
   *     .baseUrl("http://127.0.0.1:8080/api/")
   *     .header("Authorization", "Bearer t0k3n")
   *     .limitPerHost(10)
   *     .raiseForStatus(true)
   *     .build();
   * }</pre>
   */
  public static final class Builder {
    private @Nullable URI baseUrl;
    private final Headers.Builder headers = Headers.builder();
    private boolean raiseForStatus;
    private @Nullable CookieJar cookieJar;
    private @Nullable JsonCodec jsonCodec;
    private @Nullable SSLContext sslContext;
    private PoolSettings pool = PoolSettings.defaults();

    private Builder() {}

    /**
     * The URL relative request URLs are joined to (RFC 3986, empty segments kept). A base with a
     * path must end with {@code /}, as aiohttp asks.
     *
     * @param url an absolute http or https URL
     * @return this builder
     * @throws IllegalArgumentException for a relative URL, a query or fragment, or a path without a
     *     trailing slash
     */
    public Builder baseUrl(String url) {
      this.baseUrl = Urls.checkBaseUrl(Urls.parse(url));
      return this;
    }

    /**
     * A header sent with every request (a request's own header of the same name replaces it).
     *
     * @param name the name
     * @param value the value
     * @return this builder
     */
    public Builder header(String name, String value) {
      headers.add(name, value);
      return this;
    }

    /**
     * Raise {@link ClientResponseException} for every 4xx and 5xx response (aiohttp's {@code
     * raise_for_status=True}); off by default.
     *
     * @param raise whether to raise
     * @return this builder
     */
    public Builder raiseForStatus(boolean raise) {
      this.raiseForStatus = raise;
      return this;
    }

    /**
     * The cookie jar ({@link CookieJar#create()} by default; {@link CookieJar#dummy()} keeps none).
     *
     * @param jar the jar
     * @return this builder
     */
    public Builder cookieJar(CookieJar jar) {
      this.cookieJar = jar;
      return this;
    }

    /**
     * The JSON codec for {@code json()} and JSON bodies, instead of the one found on the class
     * path.
     *
     * @param codec the codec
     * @return this builder
     */
    public Builder jsonCodec(JsonCodec codec) {
      this.jsonCodec = codec;
      return this;
    }

    /**
     * The TLS context for https URLs (the JDK's default, with its trust store, unless given).
     * Hostname verification is on either way.
     *
     * @param context the context
     * @return this builder
     */
    public Builder sslContext(SSLContext context) {
      this.sslContext = context;
      return this;
    }

    /**
     * The most open connections in all (aiohttp's {@code limit}, 100); 0 for no limit.
     *
     * @param limit the limit
     * @return this builder
     */
    public Builder limit(int limit) {
      pool = pool.withTotalLimit(limit);
      return this;
    }

    /**
     * The most open connections to one host (50 by default, where aiohttp has no limit); 0 for no
     * limit.
     *
     * @param limit the limit
     * @return this builder
     */
    public Builder limitPerHost(int limit) {
      pool = pool.withPerHostLimit(limit);
      return this;
    }

    /**
     * How long an idle connection is kept for reuse (aiohttp's {@code keepalive_timeout}, 15 s);
     * zero closes each connection after its response.
     *
     * @param timeout the idle timeout
     * @return this builder
     */
    public Builder keepaliveTimeout(Duration timeout) {
      pool = pool.withIdleTimeout(timeout);
      return this;
    }

    /**
     * The session, for the running loop.
     *
     * @return the session
     * @throws IllegalStateException if not called from a task
     */
    public ClientSession build() {
      return new ClientSession(this, Asyncio.getRunningLoop());
    }
  }
}

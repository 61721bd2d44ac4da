package org.asyncio4j.net;

import java.lang.ref.Cleaner;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.asyncio4j.Asyncio;
import org.asyncio4j.EventLoop;
import org.asyncio4j.internal.net.StreamReaderProtocol;
import org.jspecify.annotations.Nullable;

/**
 * The sending half of a byte stream: writes go to the transport at once (buffered there when the
 * connection cannot take them), and {@link #drain()} suspends the calling task while the
 * transport's buffer is above its high watermark, so that a fast writer cannot outgrow a slow peer.
 * Made by {@link Streams#openConnection} and {@link Streams#startServer}.
 *
 * <p>Loop-confined: use it only from tasks and callbacks of its connection's loop. Several tasks
 * may {@code drain()} at once; they all resume together.
 *
 * <pre>{@code
 * StreamWriter writer = Streams.openConnection("127.0.0.1", 8888).writer();
 * List<byte[]> chunks = List.of(new byte[1024], new byte[1024]);
 * for (byte[] chunk : chunks) {
 *   writer.write(chunk);
 *   writer.drain();   // wait while the peer is slower than we are
 * }
 * writer.close();
 * writer.waitClosed();
 * }</pre>
 *
 * <p>Leaks: in debug mode, a writer that is garbage collected while its transport is open closes
 * the transport and logs a warning ("unclosed &lt;StreamWriter ...&gt;"), as asyncio's {@code
 * __del__} does with a {@code ResourceWarning}. Outside debug mode nothing watches the writer, so
 * that a connection costs no cleaner registration; asyncio closes such a transport in every mode.
 *
 * <p>asyncio: {@code asyncio.StreamWriter}. It is {@link AutoCloseable} (its {@code close()} is the
 * transport's, which does not wait), so try-with-resources closes it.
 */
public final class StreamWriter implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger("org.asyncio4j");

  private final EventLoop loop;
  private Transport transport;
  private final StreamReaderProtocol protocol;
  private final @Nullable StreamReader reader;

  StreamWriter(
      EventLoop loop,
      Transport transport,
      StreamReaderProtocol protocol,
      @Nullable StreamReader reader) {
    this.loop = loop;
    this.transport = transport;
    this.protocol = protocol;
    this.reader = reader;
    if (loop.isDebug()) {
      LeakWatch.CLEANER.register(this, new LeakWatch(loop, transport));
    }
  }

  /**
   * Debug mode: what runs when a writer is collected, on the cleaner's thread. It must not refer to
   * the writer (that would keep it reachable), only to what it closes.
   */
  private record LeakWatch(EventLoop loop, Transport transport) implements Runnable {
    /** One thread for every loop's writers, started by the first debug-mode writer. */
    static final Cleaner CLEANER = Cleaner.create();

    @Override
    public void run() {
      try {
        loop.callSoonThreadsafe(this::closeIfOpen);
      } catch (IllegalStateException closedLoop) {
        // asyncio warns "loop is closed": the loop closed its transports itself.
        LOG.log(System.Logger.Level.DEBUG, "a StreamWriter was collected after its loop closed");
      }
    }

    private void closeIfOpen() {
      if (!transport.isClosing()) {
        LOG.log(
            System.Logger.Level.WARNING,
            "unclosed <StreamWriter transport="
                + transport
                + ">: it was garbage collected with its connection open, which is now closed;"
                + " close a writer (close(), then waitClosed()) when done with it");
        transport.close();
      }
    }
  }

  /**
   * Returns the transport written to.
   *
   * <p>asyncio: {@code StreamWriter.transport}
   *
   * @return the transport
   */
  public Transport transport() {
    return transport;
  }

  /**
   * Writes {@code data}: sent now, or buffered by the transport; call {@link #drain()} to wait
   * while the buffer is full. The caller may reuse the array at once.
   *
   * <p>asyncio: {@code StreamWriter.write}
   *
   * @param data the bytes
   * @throws IllegalStateException after {@link #writeEof()}
   */
  public void write(byte[] data) {
    transport.write(data);
  }

  /**
   * Writes each of {@code chunks} in order, as {@link #write} would.
   *
   * <p>asyncio: {@code StreamWriter.writelines}
   *
   * @param chunks the byte arrays
   * @throws IllegalStateException after {@link #writeEof()}
   */
  public void writelines(Iterable<byte[]> chunks) {
    transport.writelines(chunks);
  }

  /**
   * Ends the sending side once buffered data is sent (a half-close); reading goes on.
   *
   * <p>asyncio: {@code StreamWriter.write_eof}
   *
   * @throws UnsupportedOperationException if {@link #canWriteEof()} is false (TLS)
   */
  public void writeEof() {
    transport.writeEof();
  }

  /**
   * Returns whether {@link #writeEof()} is possible.
   *
   * <p>asyncio: {@code StreamWriter.can_write_eof}
   *
   * @return false on TLS, which cannot half-close
   */
  public boolean canWriteEof() {
    return transport.canWriteEof();
  }

  /**
   * Closes the transport: buffered data is still sent, then the connection ends. Does not wait;
   * {@link #waitClosed()} does. Idempotent.
   *
   * <p>asyncio: {@code StreamWriter.close}
   */
  @Override
  public void close() {
    transport.close();
  }

  /**
   * Returns whether the transport is closing or closed.
   *
   * <p>asyncio: {@code StreamWriter.is_closing}
   *
   * @return true once closed or lost
   */
  public boolean isClosing() {
    return transport.isClosing();
  }

  /**
   * Suspends the calling task until the connection is closed (the protocol's {@code
   * connectionLost}); returns at once if it is.
   *
   * <p>asyncio: {@code await StreamWriter.wait_closed()}
   *
   * @throws RuntimeException what broke the connection, if it did not close cleanly
   * @throws org.asyncio4j.CancelledException if the calling task is cancelled while it waits (the
   *     close goes on, and later waits see its outcome: asyncio's shared future would stay
   *     cancelled)
   */
  public void waitClosed() {
    // Awaited through a shield: a cancelled waiter would otherwise cancel the one future every
    // waiter shares, and connectionLost would then leave it cancelled (asyncio awaits it bare).
    org.asyncio4j.Future<@Nullable Void> closed = protocol.closeWaiter();
    if (!closed.isDone()) {
      Asyncio.shield(closed).await();
    }
    closed.result();
  }

  /**
   * Returns a fact about the connection, as the transport's {@link BaseTransport#getExtraInfo}.
   *
   * <p>asyncio: {@code StreamWriter.get_extra_info(name)}
   *
   * @param name which fact ({@link BaseTransport#PEERNAME}, {@link BaseTransport#SOCKNAME}, ...)
   * @return its value, or null if there is none by that name
   */
  public @Nullable Object getExtraInfo(String name) {
    return transport.getExtraInfo(name);
  }

  /**
   * Returns a fact about the connection, or {@code defaultValue}.
   *
   * <p>asyncio: {@code StreamWriter.get_extra_info(name, default)}
   *
   * @param name which fact
   * @param defaultValue what to return when there is none
   * @return its value or the default
   */
  public Object getExtraInfo(String name, Object defaultValue) {
    return transport.getExtraInfo(name, defaultValue);
  }

  /**
   * Waits until it is appropriate to write again: returns at once unless the transport's buffer is
   * above its high watermark, else suspends the calling task until it drained to its low one.
   *
   * <p>If the connection's reader has an exception (the connection broke), throws it. If the
   * transport is closing, first yields to the loop once so that its {@code connectionLost} can run;
   * a drain after the connection was lost throws {@link ConnectionResetException}, so that a loop
   * of {@code write(...); drain();} stops when the peer goes away.
   *
   * <p>asyncio: {@code await StreamWriter.drain()}
   *
   * @throws ConnectionResetException ("Connection lost") once the connection is lost
   * @throws RuntimeException the reader's exception, or what broke the connection while this drain
   *     waited (a checked one wrapped in a {@link CompletionException})
   * @throws org.asyncio4j.CancelledException if the calling task is cancelled while it waits
   */
  public void drain() {
    StreamReader r = reader;
    if (r != null) {
      Exception exc = r.exception();
      if (exc != null) {
        if (exc instanceof RuntimeException re) {
          throw re;
        }
        throw new CompletionException(exc);
      }
    }
    if (transport.isClosing()) {
      // Yield so that connection_lost() may run: without this, drain() returns at once and a loop
      // of write(); drain() on a closed socket would never see an error (bpo-25441).
      Asyncio.sleep(Duration.ZERO);
    }
    protocol.drainHelper();
  }

  /**
   * Upgrades the connection to TLS in place: waits for what is buffered to drain, runs the
   * handshake (this end is the TLS server if the writer came from {@link Streams#startServer}), and
   * from then on this writer and its reader carry plaintext over TLS. Suspends the calling task.
   *
   * <pre>{@code
   * StreamPair conn = Streams.openConnection("127.0.0.1", 8888);
   * conn.writer().write("STARTTLS\r\n".getBytes(StandardCharsets.US_ASCII));
   * conn.reader().readline(); // the server's go-ahead
   * conn.writer().startTls(SSLContext.getDefault(), "mail.example.com");
   * }</pre>
   *
   * <p>asyncio: {@code await StreamWriter.start_tls(sslcontext, server_hostname=...)}
   *
   * @param sslContext trust (client) or key and certificate (server)
   * @param serverHostname on the client side, the name the certificate must carry (and SNI); null
   *     turns hostname verification off
   * @throws SslException if the handshake fails (the connection is then closed)
   */
  public void startTls(javax.net.ssl.SSLContext sslContext, @Nullable String serverHostname) {
    startTls(sslContext, serverHostname, null, null);
  }

  /**
   * {@link #startTls(javax.net.ssl.SSLContext, String)} with bounds on the handshake and on the
   * wait for the peer's close_notify.
   *
   * <p>asyncio: {@code await StreamWriter.start_tls(..., ssl_handshake_timeout=...,
   * ssl_shutdown_timeout=...)}
   *
   * @param sslContext the TLS context
   * @param serverHostname the name to verify on the client side, or null
   * @param sslHandshakeTimeout a positive bound, or null for 60 s
   * @param sslShutdownTimeout a positive bound, or null for 30 s
   */
  public void startTls(
      javax.net.ssl.SSLContext sslContext,
      @Nullable String serverHostname,
      @Nullable Duration sslHandshakeTimeout,
      @Nullable Duration sslShutdownTimeout) {
    drain();
    Transport upgraded =
        loop.startTls(
            transport,
            protocol,
            sslContext,
            protocol.isServerSide(),
            serverHostname,
            sslHandshakeTimeout,
            sslShutdownTimeout);
    transport = upgraded;
    protocol.replaceTransport(upgraded);
  }

  @Override
  public String toString() {
    return "<StreamWriter transport="
        + transport
        + (reader != null ? " reader=" + reader : "")
        + ">";
  }
}

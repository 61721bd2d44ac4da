package org.asyncio4j.internal.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.cert.CertificateException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.asyncio4j.EventLoop;
import org.asyncio4j.ExceptionContext;
import org.asyncio4j.Future;
import org.asyncio4j.TimerHandle;
import org.asyncio4j.net.BaseProtocol;
import org.asyncio4j.net.BaseTransport;
import org.asyncio4j.net.BufferedProtocol;
import org.asyncio4j.net.ConnectionAbortedException;
import org.asyncio4j.net.ConnectionResetException;
import org.asyncio4j.net.Protocol;
import org.asyncio4j.net.SslException;
import org.asyncio4j.net.Transport;
import org.asyncio4j.net.WriteBufferLimits;
import org.jspecify.annotations.Nullable;

/**
 * TLS as a protocol: sits on a socket transport (it is that transport's {@link BufferedProtocol},
 * so ciphertext is read straight into its buffer), drives a JDK {@link SSLEngine}, and hands the
 * application's protocol an {@link SslTransport} of plaintext. Loop-confined.
 *
 * <p>The state machine is asyncio's ({@code sslproto.SSLProtocol}, from uvloop), with the same
 * states and the same allowed moves: UNWRAPPED → DO_HANDSHAKE → WRAPPED → FLUSHING → SHUTDOWN, and
 * any state → UNWRAPPED on failure or abort. Where asyncio's {@code SSLObject} works on two memory
 * BIOs, we keep the ciphertext in {@code netIn}/{@code netOut} and the decrypted bytes in {@code
 * appIn} ourselves; where OpenSSL raises SSLWantRead we see BUFFER_UNDERFLOW or NEED_UNWRAP.
 *
 * <p>Two things OpenSSL does inline and the JDK does not: the engine's delegated tasks (certificate
 * checks, key exchange) run in the loop's default executor, and the state machine resumes on the
 * loop when they finish ({@code tasksRunning} holds every entry point meanwhile); and write
 * back-pressure keeps plaintext, not ciphertext, in the backlog while the socket transport is above
 * its high watermark, so nothing is encrypted that cannot be sent.
 *
 * <p>Buffers, all in write mode (data from 0 to the position): {@code netIn} ciphertext read but
 * not yet unwrapped; {@code appIn} plaintext unwrapped but not yet delivered (it stays there while
 * the application has paused reading); {@code netOut} ciphertext wrapped but not yet handed to the
 * socket transport (handed on before any wait, so empty between turns).
 */
public final class SslProtocol implements BufferedProtocol {
  private static final System.Logger LOG = System.getLogger("org.asyncio4j.net");

  /** asyncio's {@code FLOW_CONTROL_HIGH_WATER_SSL_READ}: 256 KiB of unread input pauses reading. */
  static final int INCOMING_HIGH_BYTES = 256 * 1024;

  /**
   * asyncio's {@code FLOW_CONTROL_HIGH_WATER_SSL_WRITE}: 512 KiB of unsent output pauses the app.
   */
  static final int OUTGOING_HIGH_BYTES = 512 * 1024;

  /** Records are gathered up to this many bytes before one write to the socket transport. */
  private static final int NET_OUT_FLUSH_BYTES = 64 * 1024;

  /** asyncio's {@code LOG_THRESHOLD_FOR_CONNLOST_WRITES}. */
  private static final int LOG_THRESHOLD_FOR_CONNLOST_WRITES = 5;

  /** At most this many backlog buffers go into one wrap call. */
  private static final int MAX_GATHER = 16;

  private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

  /** Extra info: the {@code SSLContext}, as asyncio's {@code sslcontext}. */
  static final String SSLCONTEXT = "sslcontext";

  enum State {
    UNWRAPPED,
    DO_HANDSHAKE,
    WRAPPED,
    FLUSHING,
    SHUTDOWN
  }

  enum AppState {
    INIT,
    CON_MADE,
    EOF,
    CON_LOST
  }

  private final EventLoop loop;
  private final TlsConfig config;
  private final SSLEngine engine;
  private final SslTransport appTransport;
  private BaseProtocol<Transport> app;
  private @Nullable Protocol appStream;
  private @Nullable BufferedProtocol appBuffered;
  private @Nullable Future<@Nullable Void> waiter;
  private @Nullable Transport transport;

  private State state = State.UNWRAPPED;
  private AppState appState;

  private ByteBuffer netIn;
  private ByteBuffer appIn;
  private ByteBuffer netOut;
  private final ArrayDeque<ByteBuffer> backlog = new ArrayDeque<>();
  private final ByteBuffer[] gather = new ByteBuffer[MAX_GATHER];
  private long backlogBytes;
  private WriteBufferLimits writeLimits =
      new WriteBufferLimits(OUTGOING_HIGH_BYTES / 4, OUTGOING_HIGH_BYTES);

  private int connLost;
  private boolean tcpEof;
  private boolean tasksRunning;
  private boolean outboundClosed;
  private boolean closeNotifyHandled;
  private boolean sslWritingPaused;
  private boolean sslReadingPaused;
  private boolean appReadingPaused;
  private boolean appWritingPaused;

  /** False once the engine asked for more input than netIn holds. */
  private boolean canUnwrapMore;

  private @Nullable TimerHandle handshakeTimer;
  private @Nullable TimerHandle shutdownTimer;

  /** Why we aborted the socket transport, for the connectionLost(null) that follows. */
  private @Nullable Exception lossCause;

  private final Map<String, Object> extra = new HashMap<>();

  /**
   * Makes the protocol; the handshake starts when the socket transport calls {@link
   * #connectionMade}.
   *
   * @param loop the loop
   * @param app the application's protocol
   * @param config the TLS settings
   * @param waiter completed when the handshake is done, or failed with why it did not
   * @param callConnectionMade whether the application's connectionMade is still to be called (false
   *     for startTls, whose protocol already had it)
   */
  public SslProtocol(
      EventLoop loop,
      BaseProtocol<Transport> app,
      TlsConfig config,
      @Nullable Future<@Nullable Void> waiter,
      boolean callConnectionMade) {
    this.loop = loop;
    this.config = config;
    this.engine = config.newEngine();
    this.waiter = waiter;
    this.app = app;
    bindApp(app);
    this.appState = callConnectionMade ? AppState.INIT : AppState.CON_MADE;
    SSLSession s = engine.getSession();
    this.netIn = ByteBuffer.allocate(Math.max(INCOMING_HIGH_BYTES, s.getPacketBufferSize()));
    this.appIn = ByteBuffer.allocate(Math.max(64 * 1024, s.getApplicationBufferSize()));
    this.netOut = ByteBuffer.allocate(NET_OUT_FLUSH_BYTES + s.getPacketBufferSize());
    this.appTransport = new SslTransport(this);
  }

  /** The transport the application's protocol talks to. */
  public SslTransport appTransport() {
    return appTransport;
  }

  private void bindApp(BaseProtocol<Transport> p) {
    if (p instanceof BufferedProtocol b) {
      appBuffered = b;
      appStream = null;
    } else if (p instanceof Protocol s) {
      appStream = s;
      appBuffered = null;
    } else {
      throw new IllegalArgumentException(
          "a TLS transport needs a Protocol or a BufferedProtocol, got " + p.getClass());
    }
  }

  BaseProtocol<Transport> appProtocol() {
    return app;
  }

  void setAppProtocol(BaseProtocol<Transport> p) {
    bindApp(p);
    app = p;
  }

  // ------------------------------------------------------------------ the socket transport's side

  @Override
  public void connectionMade(Transport transport) {
    this.transport = transport;
    startHandshake();
  }

  @Override
  public void connectionLost(@Nullable Exception exc) {
    backlog.clear();
    backlogBytes = 0;
    netOut.clear();
    connLost++;
    appTransport.closed = true;
    Exception cause = exc != null ? exc : lossCause;
    if (state != State.DO_HANDSHAKE
        && (appState == AppState.CON_MADE || appState == AppState.EOF)) {
      appState = AppState.CON_LOST;
      BaseProtocol<Transport> a = app;
      loop.callSoon(() -> callAppConnectionLost(a, cause));
    }
    state = State.UNWRAPPED;
    transport = null;
    // asyncio hands the waiter connection_lost's argument; a clean loss mid-handshake is still a
    // failed handshake, so the caller gets a reset rather than a transport that is already closed.
    wakeUpWaiter(
        cause != null
            ? cause
            : new ConnectionResetException("Connection lost during the TLS handshake"));
    cancelTimers();
  }

  private void callAppConnectionLost(BaseProtocol<Transport> a, @Nullable Exception cause) {
    try {
      a.connectionLost(cause);
    } catch (RuntimeException | Error e) {
      report("protocol.connectionLost() failed", e);
    }
  }

  @Override
  public ByteBuffer getBuffer(int sizeHint) {
    if (!netIn.hasRemaining()) {
      netIn = grow(netIn, netIn.capacity() * 2);
    }
    return netIn;
  }

  @Override
  public void bufferUpdated(int nbytes) {
    // The bytes are in netIn already: the socket transport read into it.
    switch (state) {
      case DO_HANDSHAKE -> doHandshake();
      case WRAPPED -> doRead();
      case FLUSHING -> doFlush();
      case SHUTDOWN -> doShutdown();
      case UNWRAPPED -> netIn.clear(); // failed or aborted: nothing reads it any more
    }
  }

  @Override
  public boolean eofReceived() {
    tcpEof = true;
    switch (state) {
      case DO_HANDSHAKE ->
          onHandshakeComplete(
              new ConnectionResetException(
                  "the peer closed the connection during the TLS handshake"));
      case WRAPPED -> {
        state = State.FLUSHING;
        if (appReadingPaused) {
          return true; // keep the socket open until the app has read what is buffered
        }
        doFlush();
      }
      case FLUSHING -> {
        doWrite();
        state = State.SHUTDOWN;
        doShutdown();
      }
      case SHUTDOWN -> doShutdown();
      case UNWRAPPED -> {}
    }
    return false;
  }

  @Override
  public void pauseWriting() {
    sslWritingPaused = true;
  }

  @Override
  public void resumeWriting() {
    sslWritingPaused = false;
    if (state == State.WRAPPED) {
      doWrite();
    } else {
      controlAppWriting();
    }
  }

  // ------------------------------------------------------------------ handshake

  private void startHandshake() {
    state = State.DO_HANDSHAKE;
    handshakeTimer = loop.callLater(config.handshakeTimeout(), this::checkHandshakeTimeout);
    try {
      engine.beginHandshake();
    } catch (SSLException e) {
      onHandshakeComplete(e);
      return;
    }
    doHandshake();
  }

  private void checkHandshakeTimeout() {
    if (state == State.DO_HANDSHAKE) {
      String msg =
          "SSL handshake is taking longer than "
              + seconds(config.handshakeTimeout())
              + " seconds: aborting the connection";
      fatalError(new ConnectionAbortedException(msg), msg);
    }
  }

  /** As Python prints a float: 60.0, 0.25. */
  private static String seconds(java.time.Duration d) {
    return Double.toString(d.toNanos() / 1e9);
  }

  private void doHandshake() {
    if (tasksRunning || state != State.DO_HANDSHAKE) {
      return;
    }
    try {
      while (state == State.DO_HANDSHAKE && !tasksRunning) {
        HandshakeStatus hs = engine.getHandshakeStatus();
        switch (hs) {
          case NEED_WRAP -> {
            SSLEngineResult r = wrap(EMPTY);
            if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
              flushNetOut();
              onHandshakeComplete(
                  new ConnectionResetException(
                      "the TLS engine closed during the handshake: the peer ended it"));
              return;
            }
          }
          case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
            if (hs == HandshakeStatus.NEED_UNWRAP && netIn.position() == 0) {
              flushNetOut(); // our flight goes out, then we wait for the peer's
              return;
            }
            SSLEngineResult r = unwrap();
            if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
              ensureNetInRoom();
              flushNetOut();
              return;
            }
            if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
              appIn = grow(appIn, appIn.capacity() * 2);
            } else if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
              flushNetOut();
              onHandshakeComplete(
                  new ConnectionResetException(
                      "the peer sent close_notify during the TLS handshake"));
              return;
            }
          }
          case NEED_TASK -> {
            flushNetOut();
            runDelegatedTasks();
            return;
          }
          case NOT_HANDSHAKING, FINISHED -> {
            flushNetOut();
            onHandshakeComplete(null);
            return;
          }
        }
      }
    } catch (SSLException e) {
      sendPendingAlert();
      onHandshakeComplete(e);
    }
  }

  /** After a failure the engine usually holds an alert for the peer: send it, best effort. */
  private void sendPendingAlert() {
    try {
      for (int i = 0; i < 4 && !engine.isOutboundDone(); i++) {
        SSLEngineResult r = wrap(EMPTY);
        if (r.bytesProduced() == 0) {
          break;
        }
      }
      flushNetOut();
    } catch (SSLException | RuntimeException e) {
      LOG.log(System.Logger.Level.DEBUG, "sending the TLS alert failed", e);
      netOut.clear();
    }
  }

  private void onHandshakeComplete(@Nullable Exception handshakeExc) {
    cancelHandshakeTimer();
    if (handshakeExc != null) {
      state = State.UNWRAPPED;
      Exception exc = handshakeExc instanceof SSLException s ? handshakeFailure(s) : handshakeExc;
      fatalError(exc, exc.getMessage() == null ? "SSL handshake failed" : exc.getMessage());
      wakeUpWaiter(exc);
      return;
    }
    state = State.WRAPPED;
    SSLSession session = engine.getSession();
    extra.put(BaseTransport.SSL_OBJECT, session);
    extra.put(BaseTransport.CIPHER, session.getCipherSuite());
    try {
      extra.put(BaseTransport.PEERCERT, session.getPeerCertificates());
    } catch (SSLPeerUnverifiedException e) {
      // a server that asked no certificate of its client: no peercert, as asyncio's None
    }
    String alpn = engine.getApplicationProtocol();
    if (alpn != null && !alpn.isEmpty()) {
      extra.put(BaseTransport.SELECTED_ALPN_PROTOCOL, alpn);
    }
    if (appState == AppState.INIT) {
      appState = AppState.CON_MADE;
      try {
        app.connectionMade(appTransport);
      } catch (RuntimeException e) {
        fatalError(e, "Fatal error: protocol.connectionMade() call failed.");
        wakeUpWaiter(e);
        return;
      }
    }
    wakeUpWaiter(null);
    doRead();
  }

  /** The JDK's exception, in ours, with a message that says what failed and for which host. */
  private SslException handshakeFailure(SSLException e) {
    boolean certificate = false;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CertificateException || t instanceof SSLPeerUnverifiedException) {
        certificate = true;
        break;
      }
    }
    String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (certificate) {
      String whose =
          config.serverHostname() != null ? config.serverHostname() : String.valueOf(peer());
      return new SslException(
          "SSL handshake failed on verifying the certificate of "
              + whose
              + " (certificate verify failed): "
              + why,
          e,
          true);
    }
    return new SslException("SSL handshake failed with " + peer() + ": " + why, e, false);
  }

  private @Nullable Object peer() {
    Transport t = transport;
    return t == null ? null : t.getExtraInfo(BaseTransport.PEERNAME);
  }

  private void wakeUpWaiter(@Nullable Exception exc) {
    Future<@Nullable Void> w = waiter;
    if (w == null) {
      return;
    }
    waiter = null;
    if (!w.isDone()) {
      if (exc != null) {
        w.setException(exc);
      } else {
        w.setResult(null);
      }
    }
  }

  // ------------------------------------------------------------------ delegated tasks

  /**
   * The engine's slow steps (certificate path validation, key agreement) run in the default
   * executor, off the loop; the state machine resumes on the loop once they are done.
   */
  private void runDelegatedTasks() {
    List<Runnable> tasks = new ArrayList<>();
    for (Runnable t = engine.getDelegatedTask(); t != null; t = engine.getDelegatedTask()) {
      tasks.add(t);
    }
    if (tasks.isEmpty()) {
      return;
    }
    tasksRunning = true;
    Future<@Nullable Void> done =
        loop.runInExecutor(
            null,
            () -> {
              for (Runnable t : tasks) {
                t.run();
              }
              return null;
            });
    done.addDoneCallback(this::onDelegatedTasksDone);
  }

  private void onDelegatedTasksDone(Future<@Nullable Void> done) {
    tasksRunning = false;
    if (connLost > 0 || state == State.UNWRAPPED) {
      return;
    }
    Throwable failure = done.isCancelled() ? null : done.exception();
    if (failure != null) {
      fatalError(
          failure instanceof Exception e ? e : new RuntimeException(failure),
          "a delegated TLS task failed");
      return;
    }
    switch (state) {
      case DO_HANDSHAKE -> doHandshake();
      case WRAPPED -> {
        doRead();
        doWrite();
      }
      case FLUSHING -> doFlush();
      case SHUTDOWN -> doShutdown();
      case UNWRAPPED -> {}
    }
  }

  // ------------------------------------------------------------------ shutdown

  void startShutdown() {
    if (state == State.FLUSHING || state == State.SHUTDOWN || state == State.UNWRAPPED) {
      return;
    }
    appTransport.closed = true;
    if (state == State.DO_HANDSHAKE) {
      abort(null); // bpo-29743: closing during the handshake aborts, else the socket leaks
    } else {
      state = State.FLUSHING;
      shutdownTimer = loop.callLater(config.shutdownTimeout(), this::checkShutdownTimeout);
      doFlush();
    }
  }

  private void checkShutdownTimeout() {
    if (state == State.FLUSHING || state == State.SHUTDOWN) {
      abortTransport(
          new TimeoutException(
              "SSL shutdown timed out: no close_notify from the peer within "
                  + seconds(config.shutdownTimeout())
                  + " seconds"));
    }
  }

  private void doFlush() {
    doRead();
    if (state == State.FLUSHING) {
      state = State.SHUTDOWN;
      doShutdown();
    }
  }

  private void doShutdown() {
    if (tasksRunning || state != State.SHUTDOWN) {
      return;
    }
    try {
      if (!outboundClosed) {
        outboundClosed = true;
        wrapBacklog(true); // the app's last writes go out before close_notify
        engine.closeOutbound();
      }
      while (!engine.isOutboundDone()) {
        SSLEngineResult r = wrap(EMPTY);
        if (r.bytesProduced() == 0) {
          break;
        }
      }
      flushNetOut();
      if (!tcpEof && !engine.isInboundDone()) {
        discardInbound();
        flushNetOut();
        if (!tcpEof && !engine.isInboundDone()) {
          return; // the peer's close_notify is still to come
        }
      }
      callEofReceived();
      onShutdownComplete(null);
    } catch (SSLException e) {
      onShutdownComplete(e);
    }
  }

  /**
   * Past our close_notify, what the peer still sends is read and dropped until its own close_notify
   * (uvloop's {@code test_remote_shutdown_receives_trailing_data}, bpo-39951).
   */
  private void discardInbound() throws SSLException {
    while (netIn.position() > 0 && !engine.isInboundDone() && !tasksRunning) {
      appIn.clear();
      SSLEngineResult r = unwrap();
      switch (r.getStatus()) {
        case BUFFER_UNDERFLOW -> {
          ensureNetInRoom();
          return;
        }
        case BUFFER_OVERFLOW -> appIn = grow(appIn, appIn.capacity() * 2);
        case CLOSED, OK -> afterEngineStep(r.getHandshakeStatus());
      }
    }
    appIn.clear();
  }

  private void onShutdownComplete(@Nullable SSLException exc) {
    cancelShutdownTimer();
    if (exc != null) {
      fatalError(
          new SslException("SSL shutdown failed: " + exc.getMessage(), exc, false),
          "SSL shutdown failed");
    } else {
      Transport t = transport;
      if (t != null) {
        loop.callSoon(t::close);
      }
    }
  }

  void abort(@Nullable Exception exc) {
    state = State.UNWRAPPED;
    if (transport != null) {
      abortTransport(exc);
    }
  }

  private void abortTransport(@Nullable Exception exc) {
    Transport t = transport;
    if (t != null) {
      if (lossCause == null) {
        lossCause = exc;
      }
      t.abort();
    }
  }

  // ------------------------------------------------------------------ writing

  void writeAppData(ByteBuffer data) {
    if (state == State.FLUSHING || state == State.SHUTDOWN || state == State.UNWRAPPED) {
      if (connLost >= LOG_THRESHOLD_FOR_CONNLOST_WRITES) {
        LOG.log(System.Logger.Level.WARNING, "SSL connection is closed");
      }
      connLost++;
      data.position(data.limit());
      return;
    }
    try {
      if (state == State.WRAPPED && backlog.isEmpty() && !sslWritingPaused && !tasksRunning) {
        // The common case: encrypt straight from the caller's buffer, no copy.
        while (data.hasRemaining() && !sslWritingPaused && !tasksRunning) {
          SSLEngineResult r = wrap(data);
          checkWrapped(r);
          afterEngineStep(r.getHandshakeStatus());
          if (r.bytesConsumed() == 0) {
            break;
          }
        }
        flushNetOut();
      }
      if (data.hasRemaining()) {
        int n = data.remaining();
        ByteBuffer copy = ByteBuffer.allocate(n);
        copy.put(data).flip();
        backlog.addLast(copy);
        backlogBytes += n;
      }
      controlAppWriting();
    } catch (SSLException | RuntimeException e) {
      fatalError(e instanceof SSLException s ? readOrWriteFailure(s) : e, "Fatal error on SSL");
    }
  }

  private void doWrite() {
    if (tasksRunning || state != State.WRAPPED) {
      return;
    }
    try {
      wrapBacklog(false);
      controlAppWriting();
    } catch (SSLException e) {
      fatalError(readOrWriteFailure(e), "Fatal error on SSL");
    }
  }

  /** Encrypts the backlog; {@code all}: even above the socket transport's high watermark. */
  private void wrapBacklog(boolean all) throws SSLException {
    while (!backlog.isEmpty() && (all || !sslWritingPaused) && !tasksRunning) {
      int count = 0;
      for (ByteBuffer b : backlog) {
        gather[count++] = b;
        if (count == MAX_GATHER) {
          break;
        }
      }
      SSLEngineResult r;
      try {
        r = wrap(gather, count);
      } finally {
        Arrays.fill(gather, 0, count, null);
      }
      backlogBytes -= r.bytesConsumed();
      while (!backlog.isEmpty() && !backlog.peekFirst().hasRemaining()) {
        backlog.pollFirst();
      }
      checkWrapped(r);
      afterEngineStep(r.getHandshakeStatus());
      if (r.bytesConsumed() == 0) {
        break; // a renegotiation waits for the peer's answer
      }
    }
    flushNetOut();
  }

  private static void checkWrapped(SSLEngineResult r) throws SSLException {
    if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
      throw new SSLException("the TLS connection is closed for writing (the engine is closed)");
    }
  }

  int getWriteBufferSize() {
    return (int) Math.min(Integer.MAX_VALUE, backlogBytes + netOut.position());
  }

  WriteBufferLimits getWriteBufferLimits() {
    return writeLimits;
  }

  void setWriteBufferLimits(WriteBufferLimits limits) {
    writeLimits = limits;
    controlAppWriting();
  }

  private void controlAppWriting() {
    int size = getWriteBufferSize();
    if (size > 0 && size >= writeLimits.high() && !appWritingPaused) {
      appWritingPaused = true;
      try {
        app.pauseWriting();
      } catch (RuntimeException | Error e) {
        report("protocol.pauseWriting() failed", e);
      }
    } else if (size <= writeLimits.low() && appWritingPaused) {
      appWritingPaused = false;
      try {
        app.resumeWriting();
      } catch (RuntimeException | Error e) {
        report("protocol.resumeWriting() failed", e);
      }
    }
  }

  // ------------------------------------------------------------------ reading

  private void doRead() {
    if ((state != State.WRAPPED && state != State.FLUSHING) || tasksRunning) {
      return;
    }
    try {
      if (!appReadingPaused) {
        readLoop();
        if (!backlog.isEmpty()) {
          doWrite();
        } else {
          flushNetOut();
        }
      }
      controlSslReading();
    } catch (SSLException e) {
      fatalError(readOrWriteFailure(e), "Fatal error on SSL protocol");
    } catch (RuntimeException e) {
      fatalError(e, "Fatal error on SSL protocol");
    }
  }

  private void readLoop() throws SSLException {
    while (true) {
      fillAppIn();
      if (appIn.position() > 0) {
        deliver();
        if (appReadingPaused
            || connLost > 0
            || (state != State.WRAPPED && state != State.FLUSHING)) {
          return;
        }
      }
      if (engine.isInboundDone() && appIn.position() == 0) {
        if (!closeNotifyHandled) {
          closeNotifyHandled = true; // the peer's close_notify: its end of the stream
          callEofReceived();
          startShutdown();
        }
        return;
      }
      if (netIn.position() == 0 || tasksRunning || !canUnwrapMore) {
        return;
      }
    }
  }

  /** Unwraps into appIn until it is nearly full, the input runs out, or the engine must wait. */
  private void fillAppIn() throws SSLException {
    canUnwrapMore = true;
    int room = engine.getSession().getApplicationBufferSize();
    while (!tasksRunning && !engine.isInboundDone() && netIn.position() > 0) {
      if (appIn.remaining() < room) {
        if (appIn.position() > 0) {
          return; // deliver first
        }
        appIn = grow(appIn, room);
      }
      SSLEngineResult r = unwrap();
      switch (r.getStatus()) {
        case BUFFER_UNDERFLOW -> {
          ensureNetInRoom();
          canUnwrapMore = false;
          return;
        }
        case BUFFER_OVERFLOW -> {
          if (appIn.position() > 0) {
            return;
          }
          appIn = grow(appIn, appIn.capacity() * 2);
        }
        case CLOSED, OK -> afterEngineStep(r.getHandshakeStatus());
      }
    }
    if (netIn.position() == 0) {
      canUnwrapMore = false;
    }
  }

  /**
   * TLS 1.3 post-handshake messages (NewSessionTicket, KeyUpdate) and TLS 1.2 renegotiation arrive
   * among the records: the engine may then want to answer (NEED_WRAP) or to compute (NEED_TASK).
   */
  private void afterEngineStep(HandshakeStatus hs) throws SSLException {
    if (hs == HandshakeStatus.NEED_TASK) {
      runDelegatedTasks();
      return;
    }
    while (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP && !engine.isOutboundDone()) {
      SSLEngineResult r = wrap(EMPTY);
      if (r.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
        runDelegatedTasks();
        return;
      }
      if (r.bytesProduced() == 0) {
        break;
      }
    }
  }

  @SuppressWarnings("ReferenceEquality") // identity: is it still the same app protocol?
  private void deliver() {
    appIn.flip();
    try {
      BufferedProtocol buffered = appBuffered;
      if (buffered != null) {
        while (appIn.hasRemaining()
            && !appReadingPaused
            && connLost == 0
            && buffered == appBuffered) {
          ByteBuffer dst = buffered.getBuffer(appIn.remaining());
          if (dst == null || !dst.hasRemaining()) {
            throw new IllegalStateException(
                "getBuffer() returned " + (dst == null ? "null" : "a buffer with no room"));
          }
          int n = Math.min(dst.remaining(), appIn.remaining());
          dst.put(appIn.slice(appIn.position(), n));
          appIn.position(appIn.position() + n);
          buffered.bufferUpdated(n);
        }
      } else {
        byte[] data = new byte[appIn.remaining()];
        appIn.get(data);
        Objects.requireNonNull(appStream).dataReceived(data);
      }
    } finally {
      appIn.compact();
    }
  }

  private void callEofReceived() {
    if (appState != AppState.CON_MADE) {
      return;
    }
    appState = AppState.EOF;
    try {
      BufferedProtocol b = appBuffered;
      boolean keepOpen =
          b != null ? b.eofReceived() : Objects.requireNonNull(appStream).eofReceived();
      if (keepOpen) {
        LOG.log(
            System.Logger.Level.WARNING,
            "returning true from eofReceived() has no effect when using TLS");
      }
    } catch (RuntimeException e) {
      fatalError(e, "Error calling eofReceived()");
    }
  }

  void pauseReading() {
    appReadingPaused = true;
  }

  void resumeReading() {
    if (appReadingPaused) {
      appReadingPaused = false;
      loop.callSoon(() -> {
        switch (state) {
          case WRAPPED -> doRead();
          case FLUSHING -> doFlush();
          case SHUTDOWN -> doShutdown();
          default -> {}
        }
      });
    }
  }

  boolean isAppReadingPaused() {
    return appReadingPaused;
  }

  boolean isAppWritingPaused() {
    return appWritingPaused;
  }

  /** Pauses the socket transport while too much input waits to be unwrapped or delivered. */
  private void controlSslReading() {
    Transport t = transport;
    if (t == null) {
      return;
    }
    int size = netIn.position() + appIn.position();
    if (size >= INCOMING_HIGH_BYTES && !sslReadingPaused) {
      sslReadingPaused = true;
      t.pauseReading();
    } else if (size <= INCOMING_HIGH_BYTES / 4 && sslReadingPaused) {
      sslReadingPaused = false;
      t.resumeReading();
    }
  }

  // ------------------------------------------------------------------ the engine

  private SSLEngineResult unwrap() throws SSLException {
    netIn.flip();
    try {
      return engine.unwrap(netIn, appIn);
    } finally {
      netIn.compact();
    }
  }

  private SSLEngineResult wrap(ByteBuffer src) throws SSLException {
    gather[0] = src;
    try {
      return wrap(gather, 1);
    } finally {
      Arrays.fill(gather, 0, 1, null);
    }
  }

  /** Wraps into netOut, handing it to the socket transport whenever it fills. */
  private SSLEngineResult wrap(ByteBuffer[] srcs, int count) throws SSLException {
    int packet = engine.getSession().getPacketBufferSize();
    while (true) {
      if (netOut.remaining() < packet) {
        flushNetOut();
        if (netOut.remaining() < packet) {
          netOut = grow(netOut, packet);
        }
      }
      SSLEngineResult r = engine.wrap(srcs, 0, count, netOut);
      if (r.getStatus() != SSLEngineResult.Status.BUFFER_OVERFLOW) {
        if (netOut.position() >= NET_OUT_FLUSH_BYTES) {
          flushNetOut();
        }
        return r;
      }
      flushNetOut();
      netOut = grow(netOut, netOut.capacity() + packet);
    }
  }

  private void flushNetOut() {
    if (netOut.position() == 0) {
      return;
    }
    Transport t = transport;
    if (t == null || connLost > 0) {
      netOut.clear();
      return;
    }
    netOut.flip();
    t.write(netOut); // consumes it, keeping a copy of what the socket did not take
    netOut.clear();
  }

  private void ensureNetInRoom() {
    int packet = engine.getSession().getPacketBufferSize();
    if (netIn.capacity() < packet) {
      netIn = grow(netIn, packet);
    }
  }

  /** A buffer of at least {@code capacity} bytes holding what {@code b} held (write mode). */
  private static ByteBuffer grow(ByteBuffer b, int capacity) {
    if (b.capacity() >= capacity && b.hasRemaining()) {
      return b;
    }
    ByteBuffer bigger = ByteBuffer.allocate(Math.max(capacity, b.capacity() + 1));
    b.flip();
    bigger.put(b);
    return bigger;
  }

  private SslException readOrWriteFailure(SSLException e) {
    return new SslException(
        "TLS error on the connection to " + peer() + ": " + e.getMessage(), e, false);
  }

  // ------------------------------------------------------------------ failures, extras

  /**
   * A failure that ends the connection, as asyncio's {@code _fatal_error}: the socket transport is
   * aborted; an I/O or TLS error is the connection's own business (logged at debug level, handed to
   * connectionLost and the waiter), anything else is a bug and goes to the exception handler.
   */
  private void fatalError(Exception exc, String message) {
    abortTransport(exc);
    if (exc instanceof UncheckedIOException || exc instanceof IOException) {
      LOG.log(System.Logger.Level.DEBUG, this + ": " + message, exc);
    } else {
      report(message, exc);
    }
  }

  private void report(String message, Throwable exc) {
    Map<String, Object> ctx = new HashMap<>();
    ctx.put("protocol", this);
    ctx.put("transport", appTransport);
    loop.callExceptionHandler(new ExceptionContext(message, exc, null, null, null, ctx));
  }

  private void cancelHandshakeTimer() {
    TimerHandle h = handshakeTimer;
    if (h != null) {
      h.cancel();
      handshakeTimer = null;
    }
  }

  private void cancelShutdownTimer() {
    TimerHandle h = shutdownTimer;
    if (h != null) {
      h.cancel();
      shutdownTimer = null;
    }
  }

  private void cancelTimers() {
    cancelHandshakeTimer();
    cancelShutdownTimer();
  }

  @Nullable Object getExtraInfo(String name) {
    Object v = extra.get(name);
    if (v != null) {
      return v;
    }
    if (name.equals(SSLCONTEXT)) {
      return config.context();
    }
    Transport t = transport;
    return t == null ? null : t.getExtraInfo(name);
  }

  @Override
  public String toString() {
    return "<SslProtocol "
        + state
        + " app="
        + appState
        + (config.serverSide() ? " server" : " client")
        + (tasksRunning ? " tasks=running" : "")
        + " backlog="
        + backlogBytes
        + ">";
  }
}

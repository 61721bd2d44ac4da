package org.asyncio4j.internal.net;

import java.lang.ref.WeakReference;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Future;
import org.asyncio4j.net.BaseTransport;
import org.asyncio4j.net.Protocol;
import org.asyncio4j.net.StreamReader;
import org.asyncio4j.net.Transport;
import org.jspecify.annotations.Nullable;

/**
 * The protocol between a transport and a {@link StreamReader}: it feeds the reader what arrives
 * (data, the end, or what broke the connection), gives it the transport for its flow control, and
 * holds the write-side {@link FlowControl} and the future that {@code StreamWriter.waitClosed()}
 * waits on.
 *
 * <p>It holds the reader weakly, as asyncio does: a reader nobody reads any more can be collected,
 * and the connection's data is then dropped instead of piling up. A server's protocol holds its
 * reader strongly until the connection is made and handed to the handler, which then owns it.
 *
 * <p>Loop-confined: the transport calls it on the loop.
 *
 * <pre>{@code
 * StreamReader reader = new StreamReader();
 * var protocol = new org.asyncio4j.internal.net.StreamReaderProtocol(loop, reader, null);
 * loop.createConnection(() -> protocol, "127.0.0.1", 8888);
 * }</pre>
 *
 * <p>asyncio: {@code asyncio.StreamReaderProtocol}
 */
public final class StreamReaderProtocol implements Protocol {
  /** What a server does with each connection once it is made: start the handler's task. */
  @FunctionalInterface
  public interface ClientConnected {
    /**
     * The connection is made.
     *
     * @param transport its transport
     * @param protocol this protocol, for the writer
     * @param reader the connection's reader (null if it was collected, which a server's is not)
     */
    void connected(
        Transport transport, StreamReaderProtocol protocol, @Nullable StreamReader reader);
  }

  private final FlowControl flow;
  private final @Nullable ClientConnected clientConnected;
  private final Future<@Nullable Void> closed;
  private @Nullable WeakReference<StreamReader> readerRef;

  /**
   * A server's reader, held until the handler has it (asyncio's {@code _strong_reader}): never
   * read, it only keeps the reader reachable while the weak reference is the protocol's only one.
   */
  @SuppressWarnings("UnusedVariable")
  private @Nullable StreamReader strongReader;

  private @Nullable Transport transport;
  private boolean overSsl;

  /**
   * A protocol that feeds {@code reader}.
   *
   * @param loop the connection's loop
   * @param reader the reader to feed, or null to feed none
   * @param clientConnected for a server: what to do once the connection is made; null for a client
   */
  public StreamReaderProtocol(
      EventLoop loop, @Nullable StreamReader reader, @Nullable ClientConnected clientConnected) {
    this.flow = new FlowControl(loop);
    this.clientConnected = clientConnected;
    this.closed = loop.createFuture();
    if (reader != null) {
      readerRef = new WeakReference<>(reader);
      if (clientConnected != null) {
        strongReader = reader;
      }
    }
  }

  private @Nullable StreamReader reader() {
    WeakReference<StreamReader> ref = readerRef;
    return ref == null ? null : ref.get();
  }

  /** Returns the write-side flow control. */
  public FlowControl flowControl() {
    return flow;
  }

  /** Returns the transport once the connection is made, until it is lost. */
  public @Nullable Transport transport() {
    return transport;
  }

  /**
   * Returns the future that completes when the connection is lost: with null on a clean close, else
   * with what broke it.
   */
  public Future<@Nullable Void> closeWaiter() {
    return closed;
  }

  /** Whether this is a server's end (it has a client-connected callback), for a TLS upgrade. */
  public boolean isServerSide() {
    return clientConnected != null;
  }

  /** As {@link FlowControl#drainHelper()}. */
  public void drainHelper() {
    flow.drainHelper();
  }

  /**
   * Switches to {@code newTransport} (after a TLS upgrade) without calling the reader again.
   *
   * @param newTransport the transport that carries the connection from now on
   */
  public void replaceTransport(Transport newTransport) {
    transport = newTransport;
    overSsl = newTransport.getExtraInfo(BaseTransport.SSL_OBJECT) != null;
  }

  @Override
  public void connectionMade(Transport transport) {
    this.transport = transport;
    StreamReader reader = reader();
    if (reader != null) {
      reader.setTransport(transport);
    }
    overSsl = transport.getExtraInfo(BaseTransport.SSL_OBJECT) != null;
    ClientConnected cb = clientConnected;
    if (cb != null) {
      cb.connected(transport, this, reader);
      strongReader = null;
    }
  }

  @Override
  public void connectionLost(@Nullable Exception exc) {
    StreamReader reader = reader();
    if (reader != null) {
      if (exc == null) {
        reader.feedEof();
      } else {
        reader.setException(exc);
      }
    }
    if (!closed.isDone()) {
      if (exc == null) {
        closed.setResult(null);
      } else {
        closed.setException(exc);
        // Nobody need wait for the close: the exception reached the reader and the drainers
        // already, so it is not reported as never retrieved (asyncio's __del__ does the same).
        closed.exception();
      }
    }
    flow.connectionLost(exc);
    readerRef = null;
    strongReader = null;
    transport = null;
  }

  @Override
  public void dataReceived(byte[] data) {
    StreamReader reader = reader();
    if (reader != null) {
      reader.feedData(data);
    }
  }

  @Override
  public boolean eofReceived() {
    StreamReader reader = reader();
    if (reader != null) {
      reader.feedEof();
    }
    // TLS cannot half-close: keeping the transport open would only make it warn.
    return !overSsl;
  }

  @Override
  public void pauseWriting() {
    flow.pauseWriting();
  }

  @Override
  public void resumeWriting() {
    flow.resumeWriting();
  }

  @Override
  public String toString() {
    return "<StreamReaderProtocol reader="
        + reader()
        + " transport="
        + transport
        + " "
        + flow
        + (closed.isDone() ? " closed" : "")
        + ">";
  }
}

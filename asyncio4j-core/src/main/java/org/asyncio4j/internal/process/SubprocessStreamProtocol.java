package org.asyncio4j.internal.process;

import org.asyncio4j.EventLoop;
import org.asyncio4j.internal.net.StreamReaderProtocol;
import org.asyncio4j.net.BaseTransport;
import org.asyncio4j.net.ReadTransport;
import org.asyncio4j.net.StreamReader;
import org.asyncio4j.net.StreamWriter;
import org.asyncio4j.net.Transport;
import org.asyncio4j.process.SubprocessProtocol;
import org.asyncio4j.process.SubprocessTransport;
import org.jspecify.annotations.Nullable;

/**
 * The protocol behind a {@code Subprocess}: a {@link StreamReader} per read pipe fed with what the
 * child writes, a {@link StreamWriter} on its stdin whose {@code drain()} follows the stdin pipe's
 * watermarks, and the transport closed once the child has exited and its read pipes ended.
 *
 * <p>The stdin writer's flow control and close waiter are a {@link StreamReaderProtocol} without a
 * reader, fed the stdin pipe's {@code pauseWriting}/{@code resumeWriting} and loss; asyncio's class
 * gets the same from its {@code FlowControlMixin} base.
 *
 * <p>Loop-confined.
 *
 * <p>asyncio: {@code asyncio.subprocess.SubprocessStreamProtocol}
 */
public final class SubprocessStreamProtocol implements SubprocessProtocol {
  private final EventLoop loop;
  private final int limit;
  private final StreamReaderProtocol stdinFlow;
  private @Nullable StreamWriter stdin;
  private @Nullable StreamReader stdout;
  private @Nullable StreamReader stderr;
  private @Nullable SubprocessTransport transport;
  private boolean processExited;
  private int openReadPipes;

  /**
   * A protocol whose readers have {@code limit}.
   *
   * @param loop the loop of the child
   * @param limit the stream readers' limit, in bytes
   */
  public SubprocessStreamProtocol(EventLoop loop, int limit) {
    this.loop = loop;
    this.limit = limit;
    this.stdinFlow = new StreamReaderProtocol(loop, null, null);
  }

  /** Returns the writer to the child's stdin, or null if it is not piped. */
  public @Nullable StreamWriter stdin() {
    return stdin;
  }

  /** Returns the reader of the child's stdout, or null if it is not piped. */
  public @Nullable StreamReader stdout() {
    return stdout;
  }

  /** Returns the reader of the child's stderr, or null if it is not piped. */
  public @Nullable StreamReader stderr() {
    return stderr;
  }

  @Override
  public void connectionMade(SubprocessTransport transport) {
    this.transport = transport;
    if (transport.getPipeTransport(1) instanceof ReadTransport out) {
      StreamReader r = new StreamReader(limit);
      r.setTransport(out);
      stdout = r;
      openReadPipes++;
    }
    if (transport.getPipeTransport(2) instanceof ReadTransport err) {
      StreamReader r = new StreamReader(limit);
      r.setTransport(err);
      stderr = r;
      openReadPipes++;
    }
    BaseTransport in = transport.getPipeTransport(0);
    if (in instanceof Transport t) {
      stdinFlow.connectionMade(t);
      stdin = StreamWriters.create(loop, t, stdinFlow, null);
    }
  }

  @Override
  public void pipeDataReceived(int fd, byte[] data) {
    StreamReader r = fd == 1 ? stdout : fd == 2 ? stderr : null;
    if (r != null) {
      r.feedData(data);
    }
  }

  @Override
  public void pipeConnectionLost(int fd, @Nullable Exception exc) {
    if (fd == 0) {
      StreamWriter w = stdin;
      if (w != null) {
        w.close();
      }
      // Ends the writer's drains and completes its waitClosed(); a failure there counts as seen
      // (waitClosed is optional), as asyncio clears _log_traceback.
      stdinFlow.connectionLost(exc);
      return;
    }
    StreamReader r = fd == 1 ? stdout : fd == 2 ? stderr : null;
    if (r != null) {
      if (exc == null) {
        r.feedEof();
      } else {
        r.setException(exc);
      }
    }
    openReadPipes--;
    maybeCloseTransport();
  }

  @Override
  public void pauseWriting() {
    stdinFlow.pauseWriting();
  }

  @Override
  public void resumeWriting() {
    stdinFlow.resumeWriting();
  }

  @Override
  public void processExited() {
    processExited = true;
    maybeCloseTransport();
  }

  private void maybeCloseTransport() {
    SubprocessTransport t = transport;
    if (openReadPipes == 0 && processExited && t != null) {
      t.close();
      transport = null;
    }
  }

  @Override
  public String toString() {
    return "<SubprocessStreamProtocol"
        + (stdin != null ? " stdin=" + stdin : "")
        + (stdout != null ? " stdout=" + stdout : "")
        + (stderr != null ? " stderr=" + stderr : "")
        + ">";
  }
}

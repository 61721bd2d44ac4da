package org.asyncio4j.internal.net;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;
import org.asyncio4j.EventLoop;
import org.asyncio4j.internal.loop.LoopAccess;

/**
 * The net layer's state per loop: one read buffer that every connection of the loop reads into
 * (only one runs at a time), and the transports still open, which the loop's close releases (and,
 * in debug mode, reports as unclosed). Loop-confined.
 */
final class LoopNet {
  /** asyncio's {@code max_size} for one read: 256 KiB. */
  static final int READ_BUFFER_BYTES = 256 * 1024;

  static final LoopAccess ACCESS = LoopAccess.get();
  private static final System.Logger LOG = System.getLogger("org.asyncio4j");

  final EventLoop loop;
  final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER_BYTES);
  private final Set<Releasable> open = new LinkedHashSet<>();

  private LoopNet(EventLoop loop) {
    this.loop = loop;
    ACCESS.addCloseHook(loop, this::releaseAll);
  }

  static LoopNet of(EventLoop loop) {
    return ACCESS.netState(loop, LoopNet::new);
  }

  void opened(Releasable t) {
    open.add(t);
  }

  void closed(Releasable t) {
    open.remove(t);
  }

  /** The transports still open; servers, which the loop's close releases too, are not counted. */
  int openCount() {
    int n = 0;
    for (Releasable r : open) {
      if (!(r instanceof SocketServer)) {
        n++;
      }
    }
    return n;
  }

  /** A transport whose channel the loop's close must release. */
  interface Releasable {
    /** The loop is closing with this transport still open: close its channel, nothing more. */
    void releaseAtLoopClose();
  }

  /**
   * The loop closes: a transport still open cannot reach its protocol any more (no turn is left to
   * call connectionLost on), so its channel is closed here.
   */
  private void releaseAll() {
    boolean report = loop.isDebug();
    for (Releasable t : new ArrayList<>(open)) {
      if (report && !(t instanceof SocketServer)) {
        // asyncio's ResourceWarning "unclosed transport", which CPython gives when such a
        // transport is collected; here the loop's close is the moment nobody can close it any more.
        LOG.log(
            System.Logger.Level.WARNING,
            "unclosed transport "
                + t
                + ": the loop closed with it open, so its socket is closed now without"
                + " connectionLost; close() every transport (or its StreamWriter) before the loop");
      }
      t.releaseAtLoopClose();
    }
    open.clear();
  }
}

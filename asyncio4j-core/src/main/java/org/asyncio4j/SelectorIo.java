package org.asyncio4j;

import java.io.IOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.IllegalBlockingModeException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayDeque;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The loop's readiness I/O: which channel has a reader or a writer callback, kept as the selection
 * key's attachment, and the dispatch of ready keys into the ready queue (CPython's {@code
 * selector_events._add_reader} and {@code _process_events}). Loop-confined.
 *
 * <p>Each registration keeps one reusable {@link Handle} per direction, as asyncio does: a ready
 * channel costs no allocation per event. Removing a callback cancels its handle, so a run already
 * queued for this turn is skipped.
 */
final class SelectorIo {
  private final Selector selector;
  private final ArrayDeque<Object> ready;

  /** {@link #dispatch} as one object, made once: select(action) is called on every turn. */
  final java.util.function.Consumer<SelectionKey> dispatcher = this::dispatch;

  /** Registrations with a reader or a writer: see {@link #hasActiveRegistrations}. */
  private int active;

  SelectorIo(Selector selector, ArrayDeque<Object> ready) {
    this.selector = selector;
    this.ready = ready;
  }

  /** What is registered for one channel. */
  static final class Registration {
    final SelectionKey key;
    @Nullable Handle reader;
    @Nullable Handle writer;
    boolean counted;

    Registration(SelectionKey key) {
      this.key = key;
    }
  }

  void addReader(SelectableChannel channel, Runnable callback, String loopName) {
    Registration r = registrationFor(channel, loopName);
    if (r.reader != null) {
      r.reader.cancel();
    }
    r.reader = new Handle(callback, contextForIo());
    updateInterest(r);
  }

  void addWriter(SelectableChannel channel, Runnable callback, String loopName) {
    Registration r = registrationFor(channel, loopName);
    if (r.writer != null) {
      r.writer.cancel();
    }
    r.writer = new Handle(callback, contextForIo());
    updateInterest(r);
  }

  boolean removeReader(SelectableChannel channel) {
    Registration r = existing(channel);
    if (r == null || r.reader == null) {
      return false;
    }
    r.reader.cancel();
    r.reader = null;
    updateInterest(r);
    return true;
  }

  boolean removeWriter(SelectableChannel channel) {
    Registration r = existing(channel);
    if (r == null || r.writer == null) {
      return false;
    }
    r.writer.cancel();
    r.writer = null;
    updateInterest(r);
    return true;
  }

  boolean hasReader(SelectableChannel channel) {
    Registration r = existing(channel);
    return r != null && r.reader != null;
  }

  boolean hasWriter(SelectableChannel channel) {
    Registration r = existing(channel);
    return r != null && r.writer != null;
  }

  /** The handles of keys that became ready go to the end of the ready queue, reader first. */
  void dispatch(SelectionKey key) {
    if (!(key.attachment() instanceof Registration r)) {
      return;
    }
    int ops;
    try {
      ops = key.readyOps();
    } catch (CancelledKeyException e) {
      return;
    }
    Handle reader = r.reader;
    if (reader != null && (ops & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT)) != 0) {
      ready.addLast(reader);
    }
    Handle writer = r.writer;
    if (writer != null && (ops & (SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT)) != 0) {
      ready.addLast(writer);
    }
  }

  /**
   * Whether a registered callback can still wake a task: the deadlock check's "registered I/O". A
   * key with no callback left (kept only until its channel closes) does not count.
   */
  boolean hasActiveRegistrations() {
    // A counter, not a walk over the keys: the idle path asks on every turn that would block. A
    // channel closed without removeReader/removeWriter stays counted (asyncio calls that a bug
    // too); it can only keep the loop waiting, never make it report a false deadlock.
    return active > 0;
  }

  /** An I/O callback runs in the context current at registration, copied once (as asyncio's). */
  private static Context contextForIo() {
    Context c = EventLoop.captureContext();
    return c != null ? c : new Context();
  }

  private @Nullable Registration existing(SelectableChannel channel) {
    Objects.requireNonNull(channel, "channel");
    SelectionKey key = channel.keyFor(selector);
    if (key == null || !key.isValid()) {
      return null;
    }
    return (Registration) key.attachment();
  }

  private Registration registrationFor(SelectableChannel channel, String loopName) {
    Registration r = existing(channel);
    if (r != null) {
      return r;
    }
    if (!channel.isOpen()) {
      throw new IllegalArgumentException("the channel is closed: " + channel);
    }
    try {
      SelectionKey key = channel.register(selector, 0);
      Registration created = new Registration(key);
      key.attach(created);
      return created;
    } catch (IllegalBlockingModeException e) {
      throw new IllegalArgumentException(
          "the channel is in blocking mode: call channel.configureBlocking(false) before"
              + " registering it with "
              + loopName,
          e);
    } catch (ClosedChannelException e) {
      throw new IllegalArgumentException("the channel is closed: " + channel, e);
    } catch (CancelledKeyException e) {
      // Its previous key was cancelled and the selector has not flushed it yet: flush, retry once.
      try {
        // Level-triggered: a key that is ready now is reported again by the next select, so the
        // flush dispatches nothing. Dispatching here would queue a second run of a handle that
        // this turn's select already queued.
        selector.selectNow(SelectorIo::leaveForTheLoopsSelect);
        SelectionKey key = channel.register(selector, 0);
        Registration created = new Registration(key);
        key.attach(created);
        return created;
      } catch (IOException retry) {
        throw new IllegalStateException("cannot register " + channel + " with " + loopName, retry);
      }
    }
  }

  /** For a flush of cancelled keys only: what is ready is left for the loop's own select. */
  private static void leaveForTheLoopsSelect(SelectionKey key) {}

  private void updateInterest(Registration r) {
    boolean wanted = r.reader != null || r.writer != null;
    if (wanted != r.counted) {
      r.counted = wanted;
      active += wanted ? 1 : -1;
    }
    SelectionKey key = r.key;
    if (!key.isValid()) {
      return;
    }
    int ops = 0;
    int valid = key.channel().validOps();
    if (r.reader != null) {
      ops |= valid & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT);
    }
    if (r.writer != null) {
      ops |= valid & (SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT);
    }
    key.interestOps(ops);
  }
}

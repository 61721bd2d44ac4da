package org.asyncio4j.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.asyncio4j.net.StreamsTest.b;
import static org.asyncio4j.net.StreamsTest.s;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.Asyncio;
import org.asyncio4j.CancelledException;
import org.asyncio4j.Coroutine;
import org.asyncio4j.EventLoop;
import org.asyncio4j.ExceptionContext;
import org.asyncio4j.Task;
import org.asyncio4j.internal.net.FlowControl;
import org.asyncio4j.internal.net.StreamReaderProtocol;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link StreamWriter}, {@link StreamReaderProtocol} and {@link FlowControl}: the writer and
 * protocol cases of CPython's {@code test_streams.py} (3.13) over a {@link MemoryTransport} pair
 * instead of a socket, and the drain and close behaviour of asyncio's {@code streams.py}.
 */
class StreamWriterTest {
  private EventLoop loop;
  private final List<ExceptionContext> reports = new ArrayList<>();

  @BeforeEach
  void setUp() {
    loop = EventLoop.builder().virtualTime(true).build();
    loop.setExceptionHandler((l, context) -> reports.add(context));
  }

  @AfterEach
  void tearDown() {
    loop.close();
    assertThat(reports).as("nothing reported to the loop's exception handler").isEmpty();
  }

  private <T> T run(Coroutine<T> body) {
    return loop.runUntilComplete(body);
  }

  private void runBriefly() {
    run(() -> {
      Asyncio.sleep(Duration.ZERO);
      return 0;
    });
  }

  /** One end of a stream connection. */
  record End(
      StreamReader reader,
      StreamWriter writer,
      StreamReaderProtocol protocol,
      MemoryTransport transport) {}

  /** Two stream ends connected in memory; the right one's reader has {@code rightLimit}. */
  private End[] connect(int rightLimit) {
    StreamReader lr = new StreamReader();
    StreamReader rr = new StreamReader(rightLimit);
    StreamReaderProtocol lp = new StreamReaderProtocol(loop, lr, null);
    StreamReaderProtocol rp = new StreamReaderProtocol(loop, rr, null);
    MemoryTransport.Pair pair = MemoryTransport.pair(loop, lp, rp);
    runBriefly();
    return new End[] {
      new End(lr, new StreamWriter(loop, pair.left(), lp, lr), lp, pair.left()),
      new End(rr, new StreamWriter(loop, pair.right(), rp, rr), rp, pair.right())
    };
  }

  @Test
  void multipleDrain() {
    // ported from test_streams.py::test_multiple_drain (python/cpython#74116)
    int[] drained = {0};
    run(() -> {
      FlowControl stream = new FlowControl(Asyncio.getRunningLoop());
      stream.pauseWriting();
      Asyncio.getRunningLoop().callLater(Duration.ofMillis(100), stream::resumeWriting);
      List<Coroutine<Integer>> drainers = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        drainers.add(() -> {
          stream.drainHelper();
          return ++drained[0];
        });
      }
      Asyncio.gather(drainers).await();
      return 0;
    });
    assertThat(drained[0]).isEqualTo(10);
  }

  @Test
  void drainRaises() {
    // ported from test_streams.py::test_drain_raises (bpo-25441): the peer closes at once; a loop
    // of write() and drain() must end with a connection error instead of spinning forever.
    StreamReader lr = new StreamReader();
    StreamReaderProtocol lp = new StreamReaderProtocol(loop, lr, null);
    Protocol closer =
        new Protocol() {
          @Override
          public void connectionMade(Transport transport) {
            transport.close();
          }
        };
    MemoryTransport.Pair pair = MemoryTransport.pair(loop, lp, closer);
    runBriefly();
    StreamWriter writer = new StreamWriter(loop, pair.left(), lp, lr);
    int[] writes = {0};
    assertThatThrownBy(() ->
            run(() -> {
              while (true) {
                writer.write(b("foo\n"));
                writes[0]++;
                writer.drain();
              }
            }))
        .isInstanceOf(ConnectionResetException.class);
    // drain() yields only once the buffer passes the high watermark (as asyncio's): that is when
    // the reset from the closed peer arrives.
    assertThat(writes[0]).isEqualTo(WriteBufferLimits.DEFAULT_HIGH_BYTES / 4 + 1);
  }

  @Test
  void waitClosedOnClose() {
    // ported from test_streams.py::test_wait_closed_on_close
    End[] ends = connect(StreamReader.DEFAULT_LIMIT_BYTES);
    StreamWriter wr = ends[0].writer();
    wr.write(b("GET / HTTP/1.0\r\n\r\n"));
    assertThat(s(run(ends[1].reader()::readline))).isEqualTo("GET / HTTP/1.0\r\n");
    assertThat(wr.isClosing()).isFalse();
    wr.close();
    assertThat(wr.isClosing()).isTrue();
    run(() -> {
      wr.waitClosed();
      return 0;
    });
    assertThat(ends[0].protocol().closeWaiter().isDone()).isTrue();
  }

  @Test
  void waitClosedOnCloseWithUnreadData() {
    // ported from test_streams.py::test_wait_closed_on_close_with_unread_data
    End[] ends = connect(StreamReader.DEFAULT_LIMIT_BYTES);
    ends[1].writer().write(b("HTTP/1.0 200 OK\r\n\r\nTest message"));
    assertThat(s(run(ends[0].reader()::readline))).isEqualTo("HTTP/1.0 200 OK\r\n");
    ends[0].writer().close();
    run(() -> {
      ends[0].writer().waitClosed();
      return 0;
    });
    assertThat(ends[0].writer().isClosing()).isTrue();
  }

  @Test
  void asyncWriterApiExceptionAfterClose() {
    // ported from test_streams.py::test_async_writer_api_exception_after_close
    End[] ends = connect(StreamReader.DEFAULT_LIMIT_BYTES);
    StreamWriter wr = ends[0].writer();
    wr.close();
    assertThatThrownBy(() ->
            run(() -> {
              wr.write(b("data"));
              wr.drain();
              return 0;
            }))
        .isInstanceOf(ConnectionResetException.class)
        .hasMessage("Connection lost");
  }

  @Test
  void eofFeedWhenClosingWriter() {
    // ported from test_streams.py::test_eof_feed_when_closing_writer (bpo-35065)
    End[] ends = connect(StreamReader.DEFAULT_LIMIT_BYTES);
    ends[0].writer().close();
    run(() -> {
      ends[0].writer().waitClosed();
      return 0;
    });
    assertThat(ends[0].reader().atEof()).isTrue();
    assertThat(run(() -> ends[0].reader().read(-1))).isEmpty();
  }

  // ---------------------------------------------------------------- beyond test_streams.py

  @Test
  void drainSuspendsWhileThePeerIsSlowAndSeveralDrainersResumeTogether() {
    // The right end reads nothing: its reader pauses its transport above 2 * 8 bytes, so what the
    // left writes piles up in the left transport's buffer until it passes the high watermark.
    End[] ends = connect(8);
    ends[0].transport().setWriteBufferLimits(new WriteBufferLimits(4, 32));
    ends[0].writer().write(new byte[17]); // delivered: right reader now holds 17 > 16, paused
    runBriefly();
    assertThat(ends[1].transport().isReading()).isFalse();
    ends[0].writer().write(new byte[33]); // stays buffered: above the high watermark
    assertThat(ends[0].protocol().flowControl().isPaused()).isTrue();
    List<Task<Integer>> drainers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      int id = i;
      drainers.add(
          loop.createTask(() -> {
            ends[0].writer().drain();
            return id;
          }));
    }
    runBriefly();
    assertThat(ends[0].protocol().flowControl().drainWaiterCount()).isEqualTo(3);
    assertThat(drainers).noneMatch(Task::isDone);
    // Reading the right end resumes its transport; the left buffer drains and every drainer wakes.
    byte[] got = run(() -> ends[1].reader().readexactly(50));
    assertThat(got).hasSize(50);
    runBriefly();
    assertThat(drainers).allMatch(Task::isDone);
    assertThat(ends[0].protocol().flowControl().drainWaiterCount()).isZero();
    assertThat(ends[0].protocol().flowControl().isPaused()).isFalse();
  }

  @Test
  void aBrokenConnectionWakesEveryDrainerWithWhatBrokeIt() {
    End[] ends = connect(StreamReader.DEFAULT_LIMIT_BYTES);
    FlowControl flow = ends[0].protocol().flowControl();
    flow.pauseWriting();
    List<Task<Integer>> drainers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      drainers.add(
          loop.createTask(() -> {
            ends[0].writer().drain();
            return 0;
          }));
    }
    runBriefly();
    ConnectionResetException broke = new ConnectionResetException("Broken pipe");
    ends[0].transport().breakWith(broke);
    runBriefly();
    for (Task<Integer> d : drainers) {
      assertThatThrownBy(d::result).isSameAs(broke);
    }
    // The reader got it too, and a later drain reports the reader's exception first.
    assertThat(ends[0].reader().exception()).isSameAs(broke);
    assertThatThrownBy(() ->
            run(() -> {
              ends[0].writer().drain();
              return 0;
            }))
        .isSameAs(broke);
    assertThatThrownBy(() ->
            run(() -> {
              ends[0].writer().waitClosed();
              return 0;
            }))
        .isSameAs(broke);
  }

  @Test
  void aCleanLossWakesPausedDrainersNormallyAndLaterDrainsRaiseConnectionLost() {
    // asyncio: FlowControlMixin.connection_lost(None) sets the drain waiters' result; only the next
    // drain raises ConnectionResetError('Connection lost').
    End[] ends = connect(StreamReader.DEFAULT_LIMIT_BYTES);
    ends[0].protocol().flowControl().pauseWriting();
    Task<Integer> drainer =
        loop.createTask(() -> {
          ends[0].writer().drain();
          return 1;
        });
    runBriefly();
    ends[0].protocol().connectionLost(null);
    assertThat(loop.runUntilComplete(drainer)).isEqualTo(1);
    assertThat(ends[0].reader().atEof()).isTrue();
    assertThatThrownBy(() ->
            run(() -> {
              ends[0].protocol().drainHelper();
              return 0;
            }))
        .isInstanceOf(ConnectionResetException.class)
        .hasMessage("Connection lost");
  }

  @Test
  void drainSurfacesTheReadersException() {
    End[] ends = connect(StreamReader.DEFAULT_LIMIT_BYTES);
    IllegalStateException exc = new IllegalStateException("bad frame");
    ends[0].reader().setException(exc);
    assertThatThrownBy(() ->
            run(() -> {
              ends[0].writer().drain();
              return 0;
            }))
        .isSameAs(exc);
  }

  @Test
  void aCheckedReaderExceptionReachesDrainWrapped() {
    End[] ends = connect(StreamReader.DEFAULT_LIMIT_BYTES);
    java.io.IOException exc = new java.io.IOException("disk");
    ends[0].reader().setException(exc);
    assertThatThrownBy(() ->
            run(() -> {
              ends[0].writer().drain();
              return 0;
            }))
        .isInstanceOf(java.util.concurrent.CompletionException.class)
        .hasCause(exc);
  }

  @Test
  void eofReceivedFeedsTheReaderAndKeepsTheTransportOpenForWriting() {
    End[] ends = connect(StreamReader.DEFAULT_LIMIT_BYTES);
    ends[1].writer().write(b("last words"));
    ends[1].writer().writeEof();
    assertThat(s(run(() -> ends[0].reader().read(-1)))).isEqualTo("last words");
    assertThat(ends[0].writer().isClosing()).isFalse();
    ends[0].writer().write(b("reply"));
    assertThat(s(run(() -> ends[1].reader().read(100)))).isEqualTo("reply");
  }

  @Test
  void overTlsEofReceivedAsksToClose() {
    StreamReader reader = new StreamReader();
    StreamReaderProtocol protocol = new StreamReaderProtocol(loop, reader, null);
    MemoryTransport.Pair pair = MemoryTransport.pair(loop, protocol, new Protocol() {});
    pair.left().putExtraInfo(BaseTransport.SSL_OBJECT, "session");
    runBriefly();
    assertThat(protocol.eofReceived()).isFalse();
    assertThat(reader.atEof()).isTrue();
  }

  @Test
  void aCollectedReaderIsNoLongerFedAndTheConnectionStillCloses() {
    StreamReaderProtocol protocol = newProtocolWithDroppedReader();
    WeakReference<?> ref = readerRef;
    for (int i = 0; i < 50 && ref.get() != null; i++) {
      System.gc();
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(ref.get() == null, "the JVM collected the reader");
    MemoryTransport.Pair pair = MemoryTransport.pair(loop, protocol, new Protocol() {});
    runBriefly();
    protocol.dataReceived(b("dropped"));
    assertThat(protocol.eofReceived()).isTrue();
    pair.left().close();
    runBriefly();
    assertThat(protocol.closeWaiter().isDone()).isTrue();
    assertThat(protocol.transport()).isNull();
  }

  private WeakReference<StreamReader> readerRef = new WeakReference<>(null);

  private StreamReaderProtocol newProtocolWithDroppedReader() {
    StreamReader reader = new StreamReader();
    readerRef = new WeakReference<>(reader);
    return new StreamReaderProtocol(loop, reader, null);
  }

  @Test
  void aCancelledWaitClosedLeavesTheCloseToLaterWaiters() {
    End[] ends = connect(StreamReader.DEFAULT_LIMIT_BYTES);
    Task<Integer> waiter =
        loop.createTask(() -> {
          ends[0].writer().waitClosed();
          return 0;
        });
    runBriefly();
    waiter.cancel();
    assertThatThrownBy(() -> loop.runUntilComplete(waiter)).isInstanceOf(CancelledException.class);
    ends[0].writer().close();
    run(() -> {
      ends[0].writer().waitClosed();
      return 0;
    });
    assertThat(ends[0].protocol().closeWaiter().isCancelled()).isFalse();
  }

  @Test
  void writerPassesThroughToItsTransport() {
    End[] ends = connect(StreamReader.DEFAULT_LIMIT_BYTES);
    StreamWriter w = ends[0].writer();
    assertThat(w.transport()).isSameAs(ends[0].transport());
    assertThat(w.getExtraInfo(BaseTransport.PEERNAME)).isEqualTo("memory:right");
    assertThat(w.getExtraInfo("nothing", "default")).isEqualTo("default");
    assertThat(w.canWriteEof()).isTrue();
    w.writelines(List.of(b("a"), b("b\n")));
    assertThat(s(run(ends[1].reader()::readline))).isEqualTo("ab\n");
    assertThat(w.toString()).startsWith("<StreamWriter transport=<MemoryTransport left");
    try (StreamWriter closing = w) {
      assertThat(closing.isClosing()).isFalse();
    }
    assertThat(w.isClosing()).isTrue();
  }
}

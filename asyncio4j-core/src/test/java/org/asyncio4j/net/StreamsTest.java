package org.asyncio4j.net;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.List;
import org.asyncio4j.Asyncio;
import org.asyncio4j.CancelledException;
import org.asyncio4j.Coroutine;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Future;
import org.asyncio4j.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link StreamReader} cases of CPython's {@code Lib/test/test_asyncio/test_streams.py} (3.13),
 * one test each, named as there; the Python test's {@code stream._buffer} is {@code buffered()}.
 * All on a virtual-time loop, fed by hand as the Python tests feed their readers.
 */
class StreamsTest {
  private static final byte[] DATA = b("line1\nline2\nline3\n");

  private EventLoop loop;

  @BeforeEach
  void setUp() {
    loop = EventLoop.builder().virtualTime(true).build();
  }

  @AfterEach
  void tearDown() {
    loop.close();
  }

  static byte[] b(String s) {
    return s.getBytes(ISO_8859_1);
  }

  static String s(byte[] bytes) {
    return new String(bytes, ISO_8859_1);
  }

  private <T> T run(Coroutine<T> body) {
    return loop.runUntilComplete(body);
  }

  /** Runs the loop for one turn (CPython's {@code test_utils.run_briefly}). */
  private void runBriefly() {
    loop.runUntilComplete(() -> {
      Asyncio.sleep(Duration.ZERO);
      return 0;
    });
  }

  @Test
  void feedEmptyData() {
    // ported from test_streams.py::test_feed_empty_data
    StreamReader stream = new StreamReader();
    stream.feedData(b(""));
    assertThat(s(stream.buffered())).isEmpty();
  }

  @Test
  void feedNonemptyData() {
    // ported from test_streams.py::test_feed_nonempty_data
    StreamReader stream = new StreamReader();
    stream.feedData(DATA);
    assertThat(stream.buffered()).isEqualTo(DATA);
  }

  @Test
  void readZero() {
    // ported from test_streams.py::test_read_zero
    StreamReader stream = new StreamReader();
    stream.feedData(DATA);
    byte[] data = run(() -> stream.read(0));
    assertThat(data).isEmpty();
    assertThat(stream.buffered()).isEqualTo(DATA);
  }

  @Test
  void read() {
    // ported from test_streams.py::test_read
    StreamReader stream = new StreamReader();
    Task<byte[]> readTask = loop.createTask(() -> stream.read(30));
    loop.callSoon(() -> stream.feedData(DATA));
    byte[] data = loop.runUntilComplete(readTask);
    assertThat(data).isEqualTo(DATA);
    assertThat(stream.buffered()).isEmpty();
  }

  @Test
  void readLineBreaks() {
    // ported from test_streams.py::test_read_line_breaks
    StreamReader stream = new StreamReader();
    stream.feedData(b("line1"));
    stream.feedData(b("line2"));
    byte[] data = run(() -> stream.read(5));
    assertThat(s(data)).isEqualTo("line1");
    assertThat(s(stream.buffered())).isEqualTo("line2");
  }

  @Test
  void readEof() {
    // ported from test_streams.py::test_read_eof
    StreamReader stream = new StreamReader();
    Task<byte[]> readTask = loop.createTask(() -> stream.read(1024));
    loop.callSoon(stream::feedEof);
    byte[] data = loop.runUntilComplete(readTask);
    assertThat(data).isEmpty();
    assertThat(stream.buffered()).isEmpty();
  }

  @Test
  void readUntilEof() {
    // ported from test_streams.py::test_read_until_eof
    StreamReader stream = new StreamReader();
    Task<byte[]> readTask = loop.createTask(() -> stream.read(-1));
    loop.callSoon(() -> {
      stream.feedData(b("chunk1\n"));
      stream.feedData(b("chunk2"));
      stream.feedEof();
    });
    byte[] data = loop.runUntilComplete(readTask);
    assertThat(s(data)).isEqualTo("chunk1\nchunk2");
    assertThat(stream.buffered()).isEmpty();
  }

  @Test
  void readException() {
    // ported from test_streams.py::test_read_exception
    StreamReader stream = new StreamReader();
    stream.feedData(b("line\n"));
    assertThat(s(run(() -> stream.read(2)))).isEqualTo("li");
    IllegalArgumentException exc = new IllegalArgumentException();
    stream.setException(exc);
    assertThatThrownBy(() -> run(() -> stream.read(2))).isSameAs(exc);
  }

  @Test
  void invalidLimit() {
    // ported from test_streams.py::test_invalid_limit
    assertThatThrownBy(() -> new StreamReader(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("imit");
    assertThatThrownBy(() -> new StreamReader(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("imit");
  }

  @Test
  void readLimit() {
    // ported from test_streams.py::test_read_limit
    StreamReader stream = new StreamReader(3);
    stream.feedData(b("chunk"));
    assertThat(s(run(() -> stream.read(5)))).isEqualTo("chunk");
    assertThat(stream.buffered()).isEmpty();
  }

  @Test
  void readline() {
    // ported from test_streams.py::test_readline
    StreamReader stream = new StreamReader();
    stream.feedData(b("chunk1 "));
    Task<byte[]> readTask = loop.createTask(stream::readline);
    loop.callSoon(() -> {
      stream.feedData(b("chunk2 "));
      stream.feedData(b("chunk3 "));
      stream.feedData(b("\n chunk4"));
    });
    byte[] line = loop.runUntilComplete(readTask);
    assertThat(s(line)).isEqualTo("chunk1 chunk2 chunk3 \n");
    assertThat(s(stream.buffered())).isEqualTo(" chunk4");
  }

  @Test
  void readlineLimitWithExistingData() {
    // ported from test_streams.py::test_readline_limit_with_existing_data
    StreamReader stream = new StreamReader(3);
    stream.feedData(b("li"));
    stream.feedData(b("ne1\nline2\n"));
    assertThatThrownBy(() -> run(stream::readline)).isInstanceOf(LimitOverrunException.class);
    // The buffer should contain the remaining data after the exception.
    assertThat(s(stream.buffered())).isEqualTo("line2\n");

    StreamReader stream2 = new StreamReader(3);
    stream2.feedData(b("li"));
    stream2.feedData(b("ne1"));
    stream2.feedData(b("li"));
    assertThatThrownBy(() -> run(stream2::readline)).isInstanceOf(LimitOverrunException.class);
    // No '\n' at the end, and more than the limit buffered: readline drops the whole buffer.
    assertThat(stream2.buffered()).isEmpty();
  }

  @Test
  void atEof() {
    // ported from test_streams.py::test_at_eof
    StreamReader stream = new StreamReader();
    assertThat(stream.atEof()).isFalse();
    stream.feedData(b("some data\n"));
    assertThat(stream.atEof()).isFalse();
    run(stream::readline);
    assertThat(stream.atEof()).isFalse();
    stream.feedData(b("some data\n"));
    stream.feedEof();
    run(stream::readline);
    assertThat(stream.atEof()).isTrue();
  }

  @Test
  void readlineLimit() {
    // ported from test_streams.py::test_readline_limit
    StreamReader stream = new StreamReader(7);
    loop.callSoon(() -> {
      stream.feedData(b("chunk1"));
      stream.feedData(b("chunk2"));
      stream.feedData(b("chunk3\n"));
      stream.feedEof();
    });
    assertThatThrownBy(() -> run(stream::readline)).isInstanceOf(LimitOverrunException.class);
    // The buffer had just one line of data, and after the exception it should be empty.
    assertThat(stream.buffered()).isEmpty();

    StreamReader stream2 = new StreamReader(7);
    loop.callSoon(() -> {
      stream2.feedData(b("chunk1"));
      stream2.feedData(b("chunk2\n"));
      stream2.feedData(b("chunk3\n"));
      stream2.feedEof();
    });
    assertThatThrownBy(() -> run(stream2::readline)).isInstanceOf(LimitOverrunException.class);
    assertThat(s(stream2.buffered())).isEqualTo("chunk3\n");

    // check strictness of the limit
    StreamReader stream3 = new StreamReader(7);
    stream3.feedData(b("1234567\n"));
    assertThat(s(run(stream3::readline))).isEqualTo("1234567\n");
    assertThat(stream3.buffered()).isEmpty();

    stream3.feedData(b("12345678\n"));
    assertThatThrownBy(() -> run(stream3::readline)).isInstanceOf(LimitOverrunException.class);
    assertThat(stream3.buffered()).isEmpty();

    stream3.feedData(b("12345678"));
    assertThatThrownBy(() -> run(stream3::readline)).isInstanceOf(LimitOverrunException.class);
    assertThat(stream3.buffered()).isEmpty();
  }

  @Test
  void readlineNolimitNowait() {
    // ported from test_streams.py::test_readline_nolimit_nowait
    StreamReader stream = new StreamReader();
    stream.feedData(b("line1\n"));
    stream.feedData(b("line2\nline3\n"));
    assertThat(s(run(stream::readline))).isEqualTo("line1\n");
    assertThat(s(stream.buffered())).isEqualTo("line2\nline3\n");
  }

  @Test
  void readlineEof() {
    // ported from test_streams.py::test_readline_eof
    StreamReader stream = new StreamReader();
    stream.feedData(b("some data"));
    stream.feedEof();
    assertThat(s(run(stream::readline))).isEqualTo("some data");
  }

  @Test
  void readlineEmptyEof() {
    // ported from test_streams.py::test_readline_empty_eof
    StreamReader stream = new StreamReader();
    stream.feedEof();
    assertThat(run(stream::readline)).isEmpty();
  }

  @Test
  void readlineReadByteCount() {
    // ported from test_streams.py::test_readline_read_byte_count
    StreamReader stream = new StreamReader();
    stream.feedData(DATA);
    run(stream::readline);
    assertThat(s(run(() -> stream.read(7)))).isEqualTo("line2\nl");
    assertThat(s(stream.buffered())).isEqualTo("ine3\n");
  }

  @Test
  void readlineException() {
    // ported from test_streams.py::test_readline_exception
    StreamReader stream = new StreamReader();
    stream.feedData(b("line\n"));
    assertThat(s(run(stream::readline))).isEqualTo("line\n");
    IllegalArgumentException exc = new IllegalArgumentException();
    stream.setException(exc);
    assertThatThrownBy(() -> run(stream::readline)).isSameAs(exc);
    assertThat(stream.buffered()).isEmpty();
  }

  @Test
  void readuntilSeparator() {
    // ported from test_streams.py::test_readuntil_separator
    StreamReader stream = new StreamReader();
    assertThatThrownBy(() -> run(() -> stream.readuntil(b(""))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Separator should be");
    assertThatThrownBy(() -> run(() -> stream.readuntil(new byte[][] {b("")})))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Separator should be");
    assertThatThrownBy(() -> run(() -> stream.readuntil(new byte[0][])))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Separator should contain");
  }

  @Test
  void readuntilMultiChunks() {
    // ported from test_streams.py::test_readuntil_multi_chunks
    StreamReader stream = new StreamReader();
    stream.feedData(b("lineAAA"));
    assertThat(s(run(() -> stream.readuntil(b("AAA"))))).isEqualTo("lineAAA");
    assertThat(stream.buffered()).isEmpty();

    stream.feedData(b("lineAAA"));
    assertThat(s(run(() -> stream.readuntil(b("AAA"))))).isEqualTo("lineAAA");
    assertThat(stream.buffered()).isEmpty();

    stream.feedData(b("lineAAAxxx"));
    assertThat(s(run(() -> stream.readuntil(b("AAA"))))).isEqualTo("lineAAA");
    assertThat(s(stream.buffered())).isEqualTo("xxx");
  }

  @Test
  void readuntilMultiChunks1() {
    // ported from test_streams.py::test_readuntil_multi_chunks_1
    StreamReader stream = new StreamReader();
    stream.feedData(b("QWEaa"));
    stream.feedData(b("XYaa"));
    stream.feedData(b("a"));
    assertThat(s(run(() -> stream.readuntil(b("aaa"))))).isEqualTo("QWEaaXYaaa");
    assertThat(stream.buffered()).isEmpty();

    stream.feedData(b("QWEaa"));
    stream.feedData(b("XYa"));
    stream.feedData(b("aa"));
    assertThat(s(run(() -> stream.readuntil(b("aaa"))))).isEqualTo("QWEaaXYaaa");
    assertThat(stream.buffered()).isEmpty();

    stream.feedData(b("aaa"));
    assertThat(s(run(() -> stream.readuntil(b("aaa"))))).isEqualTo("aaa");
    assertThat(stream.buffered()).isEmpty();

    stream.feedData(b("Xaaa"));
    assertThat(s(run(() -> stream.readuntil(b("aaa"))))).isEqualTo("Xaaa");
    assertThat(stream.buffered()).isEmpty();

    stream.feedData(b("XXX"));
    stream.feedData(b("a"));
    stream.feedData(b("a"));
    stream.feedData(b("a"));
    assertThat(s(run(() -> stream.readuntil(b("aaa"))))).isEqualTo("XXXaaa");
    assertThat(stream.buffered()).isEmpty();
  }

  @Test
  void readuntilEof() {
    // ported from test_streams.py::test_readuntil_eof
    StreamReader stream = new StreamReader();
    byte[] data = b("some dataAA");
    stream.feedData(data);
    stream.feedEof();
    assertThatThrownBy(() -> run(() -> stream.readuntil(b("AAA"))))
        .isInstanceOfSatisfying(
            IncompleteReadException.class,
            e -> {
              assertThat(e).hasMessageContaining("undefined expected bytes");
              assertThat(e.partial()).isEqualTo(data);
              assertThat(e.expected()).isNull();
            });
    assertThat(stream.buffered()).isEmpty();
  }

  @Test
  void readuntilLimitFoundSep() {
    // ported from test_streams.py::test_readuntil_limit_found_sep
    StreamReader stream = new StreamReader(3);
    stream.feedData(b("some dataAA"));
    assertThatThrownBy(() -> run(() -> stream.readuntil(b("AAA"))))
        .isInstanceOf(LimitOverrunException.class)
        .hasMessageContaining("not found");
    assertThat(s(stream.buffered())).isEqualTo("some dataAA");

    stream.feedData(b("A"));
    assertThatThrownBy(() -> run(() -> stream.readuntil(b("AAA"))))
        .isInstanceOf(LimitOverrunException.class)
        .hasMessageContaining("is found");
    assertThat(s(stream.buffered())).isEqualTo("some dataAAA");
  }

  @Test
  void readuntilMultiSeparator() {
    // ported from test_streams.py::test_readuntil_multi_separator
    StreamReader stream = new StreamReader();
    // Simple case
    stream.feedData(b("line 1\nline 2\r"));
    assertThat(s(run(() -> stream.readuntil(b("\r"), b("\n"))))).isEqualTo("line 1\n");
    assertThat(s(run(() -> stream.readuntil(b("\r"), b("\n"))))).isEqualTo("line 2\r");
    assertThat(stream.buffered()).isEmpty();

    // First end position matches, even if that's a longer match
    stream.feedData(b("ABCDEFG"));
    assertThat(s(run(() -> stream.readuntil(b("DEF"), b("BCDE"))))).isEqualTo("ABCDE");
    assertThat(s(stream.buffered())).isEqualTo("FG");
  }

  @Test
  void readuntilMultiSeparatorLimit() {
    // ported from test_streams.py::test_readuntil_multi_separator_limit
    StreamReader stream = new StreamReader(3);
    stream.feedData(b("some dataA"));
    assertThatThrownBy(() -> run(() -> stream.readuntil(b("A"), b("ome dataA"))))
        .isInstanceOf(LimitOverrunException.class)
        .hasMessageContaining("is found");
    assertThat(s(stream.buffered())).isEqualTo("some dataA");
  }

  @Test
  void readuntilMultiSeparatorNegativeOffset() {
    // ported from test_streams.py::test_readuntil_multi_separator_negative_offset
    // If the buffer is big enough for the smallest separator (but does not contain it) but too
    // small for the largest, `offset` must not become negative.
    StreamReader stream = new StreamReader();
    stream.feedData(b("data"));
    Task<byte[]> readuntilTask = loop.createTask(() -> stream.readuntil(b("A"), b("long sep")));
    loop.callSoon(() -> stream.feedData(b("Z")));
    loop.callSoon(() -> stream.feedData(b("Aaaa")));
    assertThat(s(loop.runUntilComplete(readuntilTask))).isEqualTo("dataZA");
    assertThat(s(stream.buffered())).isEqualTo("aaa");
  }

  @Test
  void readuntilBytearray() {
    // ported from test_streams.py::test_readuntil_bytearray: Java has one byte array type, so
    // what this keeps is that the caller's separator array is used as given, and can be reused.
    StreamReader stream = new StreamReader();
    stream.feedData(b("some data\r\n"));
    byte[] sep = b("\r\n");
    assertThat(s(run(() -> stream.readuntil(sep)))).isEqualTo("some data\r\n");
    assertThat(s(sep)).isEqualTo("\r\n");
    assertThat(stream.buffered()).isEmpty();
  }

  @Test
  void readexactlyZeroOrLess() {
    // ported from test_streams.py::test_readexactly_zero_or_less
    StreamReader stream = new StreamReader();
    stream.feedData(DATA);
    assertThat(run(() -> stream.readexactly(0))).isEmpty();
    assertThat(stream.buffered()).isEqualTo(DATA);
    assertThatThrownBy(() -> run(() -> stream.readexactly(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("less than zero");
    assertThat(stream.buffered()).isEqualTo(DATA);
  }

  @Test
  void readexactly() {
    // ported from test_streams.py::test_readexactly
    StreamReader stream = new StreamReader();
    int n = 2 * DATA.length;
    Task<byte[]> readTask = loop.createTask(() -> stream.readexactly(n));
    loop.callSoon(() -> {
      stream.feedData(DATA.clone());
      stream.feedData(DATA.clone());
      stream.feedData(DATA.clone());
    });
    assertThat(s(loop.runUntilComplete(readTask))).isEqualTo(s(DATA) + s(DATA));
    assertThat(stream.buffered()).isEqualTo(DATA);
  }

  @Test
  void readexactlyLimit() {
    // ported from test_streams.py::test_readexactly_limit
    StreamReader stream = new StreamReader(3);
    stream.feedData(b("chunk"));
    assertThat(s(run(() -> stream.readexactly(5)))).isEqualTo("chunk");
    assertThat(stream.buffered()).isEmpty();
  }

  @Test
  void readexactlyEof() {
    // ported from test_streams.py::test_readexactly_eof
    StreamReader stream = new StreamReader();
    int n = 2 * DATA.length;
    Task<byte[]> readTask = loop.createTask(() -> stream.readexactly(n));
    loop.callSoon(() -> {
      stream.feedData(DATA);
      stream.feedEof();
    });
    assertThatThrownBy(() -> loop.runUntilComplete(readTask))
        .isInstanceOfSatisfying(
            IncompleteReadException.class,
            e -> {
              assertThat(e.partial()).isEqualTo(DATA);
              assertThat(e.expected()).isEqualTo(n);
              assertThat(e.getMessage()).isEqualTo("18 bytes read on a total of 36 expected bytes");
            });
    assertThat(stream.buffered()).isEmpty();
  }

  @Test
  void readexactlyException() {
    // ported from test_streams.py::test_readexactly_exception
    StreamReader stream = new StreamReader();
    stream.feedData(b("line\n"));
    assertThat(s(run(() -> stream.readexactly(2)))).isEqualTo("li");
    IllegalArgumentException exc = new IllegalArgumentException();
    stream.setException(exc);
    assertThatThrownBy(() -> run(() -> stream.readexactly(2))).isSameAs(exc);
  }

  @Test
  void exception() {
    // ported from test_streams.py::test_exception
    StreamReader stream = new StreamReader();
    assertThat(stream.exception()).isNull();
    IllegalArgumentException exc = new IllegalArgumentException();
    stream.setException(exc);
    assertThat(stream.exception()).isSameAs(exc);
  }

  @Test
  void exceptionWaiter() {
    // ported from test_streams.py::test_exception_waiter
    StreamReader stream = new StreamReader();
    IllegalArgumentException exc = new IllegalArgumentException();
    Task<byte[]> t1 = loop.createTask(stream::readline);
    Task<Integer> t2 =
        loop.createTask(() -> {
          stream.setException(exc);
          return 0;
        });
    loop.runUntilComplete(() -> Asyncio.wait(List.of(t1, t2)));
    assertThatThrownBy(t1::result).isSameAs(exc);
  }

  @Test
  void exceptionCancel() {
    // ported from test_streams.py::test_exception_cancel
    StreamReader stream = new StreamReader();
    Task<byte[]> t = loop.createTask(stream::readline);
    runBriefly();
    t.cancel();
    runBriefly();
    // The following line fails if setException() isn't careful (it must not complete the
    // cancelled waiter).
    stream.setException(new IllegalStateException("message"));
    runBriefly();
    assertThat(stream.toString()).doesNotContain("waiter=");
    assertThat(t.isCancelled()).isTrue();
  }

  @Test
  void readAllFromPipeReader() {
    // ported from test_streams.py::test_read_all_from_pipe_reader (asyncio issue 168): a limit so
    // small that twice it is less than the data pauses the transport; read(-1) must resume it
    // rather than wait forever. A memory transport stands in for the pipe.
    StreamReader reader = new StreamReader(1);
    var protocol = new org.asyncio4j.internal.net.StreamReaderProtocol(loop, reader, null);
    Protocol writerSide = new Protocol() {};
    MemoryTransport.Pair pair = MemoryTransport.pair(loop, writerSide, protocol);
    runBriefly();
    pair.left().write(b("da"));
    pair.left().write(b("ta"));
    pair.left().write(b("!"));
    pair.left().close();
    byte[] data = run(() -> reader.read(-1));
    assertThat(s(data)).isEqualTo("data!");
    assertThat(pair.right().pauseCount).as("the transport was paused above 2 * limit").isPositive();
    assertThat(pair.right().resumeCount).isEqualTo(pair.right().pauseCount);
  }

  @Test
  void streamreaderConstructorUseRunningLoop() {
    // ported from test_streams.py::test_streamreader_constructor_use_running_loop (asyncio issue
    // 184). Java differs: a reader made anywhere binds to the loop whose task first waits on it,
    // and refuses waits from another loop.
    StreamReader reader = run(StreamReader::new);
    Task<byte[]> first = loop.createTask(reader::readline);
    runBriefly();
    try (EventLoop other = EventLoop.builder().virtualTime(true).build()) {
      first.cancel();
      runBriefly();
      assertThatThrownBy(() -> other.runUntilComplete(reader::readline))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("bound to a different event loop");
    }
  }

  @Test
  void repr() {
    // ported from test_streams.py::test___repr__
    assertThat(new StreamReader()).hasToString("<StreamReader>");
  }

  @Test
  void reprNondefaultLimit() {
    // ported from test_streams.py::test___repr__nondefault_limit
    assertThat(new StreamReader(123)).hasToString("<StreamReader limit=123>");
  }

  @Test
  void reprEof() {
    // ported from test_streams.py::test___repr__eof
    StreamReader stream = new StreamReader();
    stream.feedEof();
    assertThat(stream).hasToString("<StreamReader eof>");
  }

  @Test
  void reprData() {
    // ported from test_streams.py::test___repr__data
    StreamReader stream = new StreamReader();
    stream.feedData(b("data"));
    assertThat(stream).hasToString("<StreamReader 4 bytes>");
  }

  @Test
  void reprException() {
    // ported from test_streams.py::test___repr__exception
    StreamReader stream = new StreamReader();
    stream.setException(new IllegalStateException());
    assertThat(stream).hasToString("<StreamReader exception=java.lang.IllegalStateException>");
  }

  @Test
  void reprWaiter() {
    // ported from test_streams.py::test___repr__waiter (the waiter is the read's own, not one
    // poked into a private field)
    StreamReader stream = new StreamReader();
    Task<byte[]> t = loop.createTask(() -> stream.read(1));
    runBriefly();
    assertThat(stream.toString()).matches("<StreamReader waiter=<Future pending[\\S ]*>>");
    stream.feedData(b("x"));
    loop.runUntilComplete(t);
    assertThat(stream).hasToString("<StreamReader>");
  }

  @Test
  void reprTransport() {
    // ported from test_streams.py::test___repr__transport
    StreamReader stream = new StreamReader();
    MemoryTransport.Pair pair = MemoryTransport.pair(loop, new Protocol() {}, new Protocol() {});
    stream.setTransport(pair.left());
    assertThat(stream).hasToString("<StreamReader transport=" + pair.left() + ">");
  }

  @Test
  void incompleteReadErrorPickleable() throws Exception {
    // ported from test_streams.py::test_IncompleteReadError_pickleable (Java serialization)
    IncompleteReadException e = new IncompleteReadException(b("abc"), 10);
    IncompleteReadException e2 = roundTrip(e);
    assertThat(e2).hasMessage(e.getMessage());
    assertThat(e2.partial()).isEqualTo(e.partial());
    assertThat(e2.expected()).isEqualTo(e.expected());
  }

  @Test
  void limitOverrunErrorPickleable() throws Exception {
    // ported from test_streams.py::test_LimitOverrunError_pickleable (Java serialization)
    LimitOverrunException e = new LimitOverrunException("message", 10);
    LimitOverrunException e2 = roundTrip(e);
    assertThat(e2).hasMessage("message");
    assertThat(e2.consumed()).isEqualTo(10);
  }

  @SuppressWarnings("unchecked")
  private static <T> T roundTrip(T value) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }

  // ---------------------------------------------------------------- beyond test_streams.py

  @Test
  void aSecondWaitingReaderIsRefused() {
    StreamReader stream = new StreamReader();
    Task<byte[]> first = loop.createTask(stream::readline);
    runBriefly();
    assertThatThrownBy(() -> run(() -> stream.readexactly(3)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("readexactly() called while another task is already waiting for incoming data");
    stream.feedData(b("ok\n"));
    assertThat(s(loop.runUntilComplete(first))).isEqualTo("ok\n");
  }

  @Test
  void aCancelledReadLosesNoByte() {
    for (String which : List.of("readline", "readuntil", "readexactly", "read-1")) {
      StreamReader stream = new StreamReader();
      stream.feedData(b("par"));
      Coroutine<byte[]> body =
          switch (which) {
            case "readline" -> stream::readline;
            case "readuntil" -> () -> stream.readuntil(b("\r\n"));
            case "readexactly" -> () -> stream.readexactly(10);
            default -> () -> stream.read(-1);
          };
      Task<byte[]> t = loop.createTask(body);
      runBriefly();
      stream.feedData(b("tial"));
      // The task is woken but has not run yet: cancelling it now must leave every byte buffered.
      t.cancel();
      runBriefly();
      assertThat(t.isCancelled()).as(which).isTrue();
      assertThat(s(stream.buffered())).as(which).isEqualTo("partial");
      stream.feedData(b("\r\n"));
      assertThat(s(run(stream::readline))).as(which).isEqualTo("partial\r\n");
    }
  }

  @Test
  void readlineOverTheLimitThrowsLimitOverrunAndTheNextLineStillReads() {
    StreamReader stream = new StreamReader(4);
    stream.feedData(b("toolong\nok\n"));
    assertThatThrownBy(() -> run(stream::readline))
        .isInstanceOfSatisfying(
            LimitOverrunException.class, e -> assertThat(e.consumed()).isEqualTo(7))
        .hasMessage("Separator is found, but chunk is longer than limit");
    assertThat(s(run(stream::readline))).isEqualTo("ok\n");
  }

  @Test
  void iterationYieldsLinesUntilTheEnd() {
    StreamReader stream = new StreamReader();
    loop.callSoon(() -> {
      stream.feedData(b("a\nbb\n"));
      stream.feedData(b("c"));
      stream.feedEof();
    });
    List<String> lines =
        run(() -> {
          List<String> out = new java.util.ArrayList<>();
          for (byte[] line : stream) {
            out.add(s(line));
          }
          return out;
        });
    assertThat(lines).containsExactly("a\n", "bb\n", "c");
    assertThat(stream.iterator().hasNext()).isFalse();
  }

  @Test
  void flowControlPausesAboveTwiceTheLimitAndResumesAtTheLimit() {
    StreamReader reader = new StreamReader(4);
    MemoryTransport.Pair pair = MemoryTransport.pair(loop, new Protocol() {}, new Protocol() {});
    MemoryTransport t = pair.right();
    reader.setTransport(t);
    reader.feedData(b("12345678")); // 8 = 2 * limit: not above it
    assertThat(t.isReading()).isTrue();
    reader.feedData(b("9"));
    assertThat(t.isReading()).isFalse();
    assertThat(reader.isPaused()).isTrue();
    assertThat(s(run(() -> reader.read(4)))).isEqualTo("1234"); // 5 left: above the limit
    assertThat(t.isReading()).isFalse();
    assertThat(s(run(() -> reader.read(1)))).isEqualTo("5"); // 4 left: at the limit
    assertThat(t.isReading()).isTrue();
    assertThat(t.pauseCount).isEqualTo(1);
    assertThat(t.resumeCount).isEqualTo(1);
  }

  @Test
  void aTransportThatCannotPauseIsForgottenAndEverythingBuffered() {
    StreamReader reader = new StreamReader(1);
    MemoryTransport.Pair pair = MemoryTransport.pair(loop, new Protocol() {}, new Protocol() {});
    pair.right().pausable = false;
    reader.setTransport(pair.right());
    reader.feedData(b("abc"));
    reader.feedData(b("def"));
    assertThat(reader.isPaused()).isFalse();
    assertThat(reader.toString()).doesNotContain("transport=");
    assertThat(s(reader.buffered())).isEqualTo("abcdef");
  }

  @Test
  void feedDataAfterFeedEofIsRefused() {
    StreamReader reader = new StreamReader();
    reader.feedEof();
    assertThatThrownBy(() -> reader.feedData(b("x")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("feedData() after feedEof()");
  }

  @Test
  void readOutsideATaskNamesTheProblem() {
    StreamReader reader = new StreamReader();
    assertThatThrownBy(reader::readline).isInstanceOf(IllegalStateException.class);
    assertThat(reader.toString()).isEqualTo("<StreamReader>");
  }

  @Test
  void aWaitingReadIsCancelledWithItsTask() {
    StreamReader reader = new StreamReader();
    Future<byte[]> t = loop.createTask(() -> reader.readexactly(4));
    runBriefly();
    t.cancel();
    assertThatThrownBy(() -> loop.runUntilComplete(t)).isInstanceOf(CancelledException.class);
  }
}

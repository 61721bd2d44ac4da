package docexamples;

// The shared preamble of the documentation's code examples (DocExamplesCompileTest).
//
// Every example that is not a whole program (one that has its own import lines and a class) is
// compiled with the import lines of this file and with `import static docexamples.Preamble.*`,
// so that it may use the helpers below as if its surroundings had declared them: a fragment of
// statements becomes the body of a method, a fragment with method or field declarations the body
// of a class. A whole program gets nothing from here: it must compile as a reader copies it.
//
// Keep this file small: a helper belongs here only when an example needs a name it does not
// declare itself (a page to fetch, a queue it was handed).

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.Pipe;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.asyncio4j.*;
import org.asyncio4j.http.*;
import org.asyncio4j.http.client.*;
import org.asyncio4j.http.jackson.*;
import org.asyncio4j.net.*;
import org.asyncio4j.process.*;
import org.asyncio4j.sync.*;
import org.asyncio4j.test.*;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

public final class Preamble {
  private Preamble() {}

  // What the examples were handed.
  public static EventLoop loop = EventLoop.builder().virtualTime(true).build();
  public static String url = "https://example.com/";
  public static List<String> urls = List.of(url);
  public static List<Task<String>> tasks = new ArrayList<>();
  public static String job = "job";
  public static List<String> jobs = List.of(job);
  public static Queue<String> queue = new Queue<>();
  public static Lock lock = new Lock();
  public static Barrier barrier = new Barrier(1);
  public static Deque<String> items = new ArrayDeque<>();
  public static String item = "item";
  public static int balance;
  public static int amount = 1;
  public static AtomicInteger counter = new AtomicInteger();
  public static LongAdder rejected = new LongAdder();
  public static Throwable e = new IllegalStateException("example");
  public static Connection connection = new Connection();
  public static Metrics metrics = new Metrics();
  public static Database database = new Database();
  public static String sql = "select 1";
  public static Flow.Publisher<ByteBuffer> body = FlowAdapters.toPublisher(loop, out -> {});
  public static Flow.Publisher<Quote> quotes = FlowAdapters.toPublisher(loop, out -> {});
  public static Retry retry = new Retry();
  public static Transport transport;
  public static org.asyncio4j.http.client.ClientSession session;
  public static java.io.OutputStream out = java.io.OutputStream.nullOutputStream();
  public static SocketChannel channel;
  public static BaseProtocol<Transport> protocol;
  public static byte[] secret = {};
  public static SSLContext serverContext;

  /** An echo protocol, as the transport examples name it. */
  public static class Echo implements Protocol {}

  // What the examples call.
  public static String fetch(String page) {
    return page;
  }

  public static String download(String page) {
    return page;
  }

  public static void work() {}

  public static void longRunning() {}

  public static void handle() {}

  public static void handle(String what) {}

  public static void setUp() {}

  public static int compute() {
    return 42;
  }

  public static void prepare() {}

  public static void go() {}

  public static void useConnection() {}

  public static void write(ByteBuffer chunk) {}

  public static void show(Object value) {}

  public static Connection open() {
    return new Connection();
  }

  // The examples' own types.
  public record Row(int id) {}

  public record Quote(String symbol, double price) {}

  public record Job(int priority, String name) {}

  public static final class Connection implements AutoCloseable {
    public String readLine() {
      return "line";
    }

    @Override
    public void close() {}
  }

  public static final class Metrics {
    public void count(String what) {}
  }

  public static final class Database {
    public AsyncGenerator<Row> query(String sql) {
      return AsyncGenerator.of(out -> out.yield(new Row(1)));
    }
  }

  public static final class Retry {
    public String call() {
      return "ok";
    }
  }
}

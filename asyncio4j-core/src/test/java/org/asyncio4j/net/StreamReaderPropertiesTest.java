package org.asyncio4j.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.asyncio4j.net.StreamsTest.b;
import static org.asyncio4j.net.StreamsTest.s;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.asyncio4j.Asyncio;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Task;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The same bytes read by the same sequence of {@code readline}, {@code readuntil} (one or several
 * separators) and {@code readexactly} calls, then {@code read(-1)}, give the same results whether
 * they arrive in one chunk before the reads start or split at random points and fed while the reads
 * wait. The alphabet is that of the separators, so that matches straddle chunk boundaries and begin
 * inside earlier partial matches; the data stays under the limit, where the results do not depend
 * on the timing (past it, asyncio's own results depend on what has arrived).
 *
 * <p>Mutation-checked: with {@code ChunkBuffer.matchesAt} comparing only within one chunk, or
 * {@code readuntil}'s resume offset one byte later ({@code buflen + 2 - maxSepLen}), this fails
 * within a dozen examples (tried: 9 and 3).
 */
class StreamReaderPropertiesTest {
  private static final int EXAMPLES = 300;
  private static final long FIXED_SEED = 0x5EED_5743L;
  private static final String ALPHABET = "ab\r\n";
  private static final List<String> SEPARATORS = List.of("\n", "\r\n", "ab", "ba", "aab", "b");

  private EventLoop loop;

  @BeforeEach
  void setUp() {
    loop = EventLoop.builder().virtualTime(true).build();
  }

  @AfterEach
  void tearDown() {
    loop.close();
  }

  @Test
  void randomSplitsGiveTheSameResultsAsOneChunk() {
    qt().withFixedSeed(FIXED_SEED)
        .withExamples(EXAMPLES)
        .forAll(longs().all())
        .checkAssert(this::check);
  }

  private void check(long seed) {
    Random random = new Random(seed);
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(60);
    for (int i = 0; i < length; i++) {
      text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    byte[] data = b(text.toString());
    List<Op> ops = new ArrayList<>();
    int opCount = 1 + random.nextInt(8);
    for (int i = 0; i < opCount; i++) {
      ops.add(Op.random(random));
    }
    List<byte[]> chunks = split(data, random);
    long feederSeed = random.nextLong();

    List<String> whole = readAll(List.of(data), ops, new Random(feederSeed), true);
    List<String> split = readAll(chunks, ops, new Random(feederSeed), false);
    assertThat(split)
        .as("seed %d, data %s, chunks %s, ops %s", seed, quoted(data), quotedAll(chunks), ops)
        .isEqualTo(whole);
  }

  private static List<byte[]> split(byte[] data, Random random) {
    TreeSet<Integer> cuts = new TreeSet<>();
    int cutCount = data.length == 0 ? 0 : random.nextInt(data.length + 1);
    for (int i = 0; i < cutCount; i++) {
      cuts.add(1 + random.nextInt(Math.max(1, data.length)));
    }
    List<byte[]> chunks = new ArrayList<>();
    int from = 0;
    for (int cut : cuts) {
      if (cut > from && cut <= data.length) {
        chunks.add(java.util.Arrays.copyOfRange(data, from, cut));
        from = cut;
      }
    }
    if (from < data.length) {
      chunks.add(java.util.Arrays.copyOfRange(data, from, data.length));
    }
    return chunks;
  }

  /**
   * Runs {@code ops} on a reader fed {@code chunks}: all up front ({@code upFront}), or by a task
   * that feeds one chunk and then yields a random number of turns.
   */
  private List<String> readAll(List<byte[]> chunks, List<Op> ops, Random feeder, boolean upFront) {
    StreamReader reader = new StreamReader();
    return loop.runUntilComplete(() -> {
      @Nullable Task<Integer> feeding = null;
      if (upFront) {
        chunks.forEach(reader::feedData);
        reader.feedEof();
      } else {
        feeding =
            Asyncio.createTask(() -> {
              for (byte[] chunk : chunks) {
                reader.feedData(chunk);
                for (int turns = feeder.nextInt(3); turns > 0; turns--) {
                  Asyncio.sleep(Duration.ZERO);
                }
              }
              reader.feedEof();
              return 0;
            });
      }
      List<String> results = new ArrayList<>();
      for (Op op : ops) {
        results.add(op.apply(reader));
      }
      results.add("rest " + quoted(reader.read(-1)));
      if (feeding != null) {
        feeding.await();
      }
      return results;
    });
  }

  /** One read and its arguments; {@link #apply} renders its outcome as text. */
  private record Op(String kind, List<String> separators, int n) {
    static Op random(Random random) {
      return switch (random.nextInt(3)) {
        case 0 -> new Op("readline", List.of(), 0);
        case 1 -> {
          List<String> seps = new ArrayList<>();
          int count = 1 + random.nextInt(3);
          for (int i = 0; i < count; i++) {
            seps.add(SEPARATORS.get(random.nextInt(SEPARATORS.size())));
          }
          yield new Op("readuntil", seps, 0);
        }
        default -> new Op("readexactly", List.of(), random.nextInt(13));
      };
    }

    String apply(StreamReader reader) {
      try {
        byte[] got =
            switch (kind) {
              case "readline" -> reader.readline();
              case "readuntil" ->
                  separators.size() == 1
                      ? reader.readuntil(b(separators.get(0)))
                      : reader.readuntil(
                          separators.stream().map(StreamsTest::b).toArray(byte[][]::new));
              default -> reader.readexactly(n);
            };
        return "ok " + quoted(got);
      } catch (IncompleteReadException e) {
        return "incomplete " + quoted(e.partial()) + " of " + e.expected();
      }
    }

    @Override
    public String toString() {
      return switch (kind) {
        case "readline" -> "readline()";
        case "readuntil" -> "readuntil(" + separators.stream().map(Op::escape).toList() + ")";
        default -> "readexactly(" + n + ")";
      };
    }

    static String escape(String text) {
      return text.replace("\r", "\\r").replace("\n", "\\n");
    }
  }

  private static String quoted(byte[] bytes) {
    return "'" + Op.escape(s(bytes)) + "'";
  }

  private static String quotedAll(List<byte[]> chunks) {
    return chunks.stream().map(StreamReaderPropertiesTest::quoted).toList().toString();
  }
}

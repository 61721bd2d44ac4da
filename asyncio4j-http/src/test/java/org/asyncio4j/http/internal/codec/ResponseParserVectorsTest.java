package org.asyncio4j.http.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every response vector, fed whole, split at every byte boundary, and one byte at a time. */
class ResponseParserVectorsTest {
  static Stream<Vector> vectors() {
    return ResponseVectors.ALL.stream();
  }

  static String run(Vector v, List<byte[]> pieces) {
    Transcript<ResponseHead> t = new Transcript<>(Transcript::response);
    ResponseParser p = new ResponseParser(t);
    p.expectResponseTo(ResponseVectors.method(v));
    return Transcript.run(p, t, pieces, v.eof());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void wholeGivesTheExpectedOutcome(Vector v) {
    assertThat(run(v, Splits.whole(v.bytes()))).isEqualTo(v.expected());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void everySplitGivesTheSameOutcome(Vector v) {
    assertThat(Splits.firstDisagreement(v.bytes(), pieces -> run(v, pieces))).isNull();
  }

  @Test
  void withoutLeniencyTheResponseParserIsStrict() {
    Transcript<ResponseHead> t = new Transcript<>(Transcript::response);
    ResponseParser p = new ResponseParser(t, ParserLimits.DEFAULTS, java.util.Set.of());
    String out =
        Transcript.run(
            p,
            t,
            Splits.whole(
                "HTTP/1.1 200 OK\nContent-Length: 0\n\n"
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)),
            false);
    assertThat(out).isEqualTo("!502");
  }
}

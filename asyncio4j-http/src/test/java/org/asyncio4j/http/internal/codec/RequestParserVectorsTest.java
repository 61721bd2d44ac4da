package org.asyncio4j.http.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every request vector, fed whole, split at every byte boundary, and one byte at a time. */
class RequestParserVectorsTest {
  static Stream<Vector> vectors() {
    return RequestVectors.ALL.stream();
  }

  static String run(Vector v, List<byte[]> pieces) {
    Transcript<RequestHead> t = new Transcript<>(Transcript::request);
    return Transcript.run(new RequestParser(t), t, pieces, v.eof());
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

  @org.junit.jupiter.api.Test
  void vectorIdsAreUnique() {
    assertThat(RequestVectors.ALL.stream().map(Vector::id).distinct().count())
        .isEqualTo(RequestVectors.ALL.size());
  }
}

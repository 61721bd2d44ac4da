package org.asyncio4j.http.jackson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.asyncio4j.http.JsonCodec;
import org.asyncio4j.http.JsonDecodeException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class JacksonJsonCodecTest {
  private final JsonCodec json = new JacksonJsonCodec();

  /** A record the binding tests decode into. */
  public record Dist(String name, boolean exists) {}

  /** A field whose generic type the binding test reads. */
  @SuppressWarnings("unused")
  private static @Nullable List<Dist> packages;

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private @Nullable Object tree(String s) {
    return json.decode(utf8(s));
  }

  @Test
  void aTreeIsMapsListsStringsBooleansAndNullsInDocumentOrder() {
    Object tree =
        tree("{\"z\": [1, \"two\", true, false, null], \"a\": {\"isPackageExists\": true}}");
    assertThat(tree).isInstanceOf(LinkedHashMap.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) Objects.requireNonNull(tree);
    assertThat(map.keySet()).containsExactly("z", "a");
    assertThat(map.get("z")).isEqualTo(Arrays.asList(1, "two", true, false, null));
    assertThat(map.get("a")).isEqualTo(Map.of("isPackageExists", true));
    assertThat(tree("null")).isNull();
    assertThat(tree(" \"\\u00e9\\ud83d\\ude00\" ")).isEqualTo("é😀");
  }

  @Test
  void integersAreIntegerLongOrBigIntegerBySize() {
    assertThat(tree("2147483647")).isEqualTo(Integer.MAX_VALUE);
    assertThat(tree("2147483648")).isEqualTo(2147483648L);
    assertThat(tree("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
    assertThat(tree("18446744073709551616")).isEqualTo(new BigInteger("18446744073709551616"));
  }

  @Test
  void decimalsAreDoublesOnlyWhenNothingWrittenIsLost() {
    assertThat(tree("0.1")).isEqualTo(0.1d);
    assertThat(tree("2.5e-3")).isEqualTo(0.0025d);
    assertThat(tree("1.0")).isEqualTo(1.0d);
    assertThat(tree("-0.0")).isEqualTo(-0.0d);
    assertThat(tree("3.14159265358979323846")).isEqualTo(new BigDecimal("3.14159265358979323846"));
    assertThat(tree("1e400")).isEqualTo(new BigDecimal("1e400"));
    assertThat(tree("0.30000000000000004")).isEqualTo(0.30000000000000004d);
  }

  @Test
  void exactNumbersEncodeExactly() {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("big", new BigInteger("18446744073709551616"));
    value.put("pi", new BigDecimal("3.14159265358979323846"));
    byte[] encoded = json.encode(value);
    assertThat(new String(encoded, StandardCharsets.UTF_8))
        .isEqualTo("{\"big\":18446744073709551616,\"pi\":3.14159265358979323846}");
    assertThat(json.decode(encoded)).isEqualTo(value);
  }

  @Test
  void bindsToARecordAndToAGenericType() throws NoSuchFieldException {
    assertThat(json.decode(utf8("{\"name\":\"boto3\",\"exists\":true}"), Dist.class))
        .isEqualTo(new Dist("boto3", true));
    Type listOfPackages = JacksonJsonCodecTest.class.getDeclaredField("packages").getGenericType();
    assertThat(json.decode(utf8("[{\"name\":\"a\",\"exists\":false}]"), listOfPackages))
        .isEqualTo(List.of(new Dist("a", false)));
    assertThat(json.decode(utf8("[1.5]"), Object.class)).isEqualTo(List.of(1.5d));
    assertThat(json.decode(utf8("null"), Dist.class)).isNull();
  }

  @Test
  void encodesRecordsMapsAndNull() {
    assertThat(new String(json.encode(new Dist("x", true)), StandardCharsets.UTF_8))
        .isEqualTo("{\"name\":\"x\",\"exists\":true}");
    assertThat(new String(json.encode(null), StandardCharsets.UTF_8)).isEqualTo("null");
  }

  @Test
  void badJsonNamesThePosition() {
    assertThatThrownBy(() -> tree("{\n  \"a\": }"))
        .isInstanceOfSatisfying(
            JsonDecodeException.class,
            e -> {
              assertThat(e.line()).isEqualTo(2);
              assertThat(e.column()).isEqualTo(8);
              assertThat(e.offset()).isEqualTo(9);
              assertThat(e)
                  .hasMessageStartingWith("Invalid JSON at line 2, column 8 (byte offset 9): ");
            });
  }

  @Test
  void trailingDataEmptyInputAndTruncationAreErrors() {
    assertThatThrownBy(() -> tree("{} []"))
        .isInstanceOf(JsonDecodeException.class)
        .hasMessageContaining("line 1, column 4")
        .hasMessageContaining("extra data after the JSON value");
    assertThatThrownBy(() -> json.decode(utf8("{} []"), Map.class))
        .isInstanceOf(JsonDecodeException.class)
        .hasMessageContaining("line 1, column 4");
    assertThatThrownBy(() -> tree("  "))
        .isInstanceOf(JsonDecodeException.class)
        .hasMessage(
            "Invalid JSON at line 1, column 1 (byte offset 0): no JSON value (the document is empty)");
    assertThatThrownBy(() -> tree("[1, 2"))
        .isInstanceOf(JsonDecodeException.class)
        .hasMessageContaining("line 1");
  }

  @Test
  void aValueThatDoesNotFitTheTypeNamesWhereItIs() {
    assertThatThrownBy(() -> json.decode(utf8("{\"name\":\"x\",\"exists\":[1]}"), Dist.class))
        .isInstanceOf(JsonDecodeException.class)
        .hasMessageContaining("line 1")
        .hasMessageContaining("exists");
  }

  @Test
  void aValueThatCannotBeEncodedSaysWhat() {
    List<Object> cycle = new ArrayList<>();
    cycle.add(cycle);
    assertThatThrownBy(() -> json.encode(cycle))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Cannot encode a java.util.ArrayList as JSON: ");
  }
}

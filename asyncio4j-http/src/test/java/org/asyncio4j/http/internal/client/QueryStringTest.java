package org.asyncio4j.http.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryStringTest {
  private static List<Map.Entry<String, Object>> pairs(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return QueryString.pairs(m);
  }

  @Test
  void pairsAreEncodedInOrder() {
    // ported from yarl tests/test_update_query.py::test_with_query
    assertThat(QueryString.extend(URI.create("http://example.com/"), pairs("a", "1")))
        .hasToString("http://example.com/?a=1");
    // ported from ...::test_with_query_empty_value
    assertThat(QueryString.encode(pairs("a", ""))).isEqualTo("a=");
    // ported from ...::test_with_query_int
    assertThat(
            QueryString.encode(pairs("a", 1, "b", 2L, "c", new BigInteger("12345678901234567890"))))
        .isEqualTo("a=1&b=2&c=12345678901234567890");
    assertThat(QueryString.encode(pairs("f", 1.5))).isEqualTo("f=1.5");
  }

  @Test
  void spacesNonAsciiAndSeparatorsAreEncodedAsYarlDoes() {
    // ported from ...::test_with_multidict_with_spaces_and_non_ascii
    assertThat(QueryString.encode(pairs("a b", "ю б"))).isEqualTo("a+b=%D1%8E+%D0%B1");
    // ported from ...::test_with_query_multidict_with_unsafe
    assertThat(QueryString.encode(pairs("a+b", "?=+&;"))).isEqualTo("a%2Bb=?%3D%2B%26%3B");
    assertThat(QueryString.encode(pairs("k", "100%/#:@!$'()*,~")))
        .isEqualTo("k=100%25/%23:@!$'()*,~");
    assertThat(QueryString.encode(pairs("𝕦", "𝕦"))).isEqualTo("%F0%9D%95%A6=%F0%9D%95%A6");
  }

  @Test
  void aListGivesOnePairPerValue() {
    // ported from ...::test_update_query_multiple_keys (a list value, as aiohttp's params)
    assertThat(QueryString.encode(pairs("a", List.of(3, 4), "b", "x"))).isEqualTo("a=3&a=4&b=x");
  }

  @Test
  void parametersAreAppendedToTheQueryAUrlHas() {
    URI u = URI.create("http://h//p?x=1#f");
    assertThat(QueryString.extend(u, pairs("y", "2"))).hasToString("http://h//p?x=1&y=2#f");
    assertThat(QueryString.extend(u, List.of())).isSameAs(u);
    assertThat(QueryString.extend(URI.create("http://h/?"), pairs("y", "2")))
        .hasToString("http://h/?y=2");
  }

  @Test
  void booleansNaNAndOtherTypesAreRefused() {
    // ported from ...::test_with_query_list_invalid_type (bool)
    assertThatThrownBy(() -> QueryString.encode(pairs("a", true)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("boolean true");
    assertThatThrownBy(() -> QueryString.encode(pairs("a", Double.NaN)))
        .hasMessageContaining("cannot be NaN");
    assertThatThrownBy(() -> QueryString.encode(pairs("a", new Object())))
        .hasMessageContaining("must be a string or a number, not a java.lang.Object");
  }

  @Test
  void aRawQueryParsesIntoDecodedPairs() {
    assertThat(QueryString.parse("a=1+2&b=%D0%B7%D0%BD%D0%B0%D1%87&c&&d=x=y&a=3"))
        .containsExactly(
            Map.entry("a", "1 2"),
            Map.entry("b", "знач"),
            Map.entry("c", ""),
            Map.entry("d", "x=y"),
            Map.entry("a", "3"));
    assertThat(QueryString.parse("")).isEmpty();
    assertThat(QueryString.parse("a=%zz;b")).containsExactly(Map.entry("a", "%zz;b"));
  }
}

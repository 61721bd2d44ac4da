package org.asyncio4j.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeadersTest {
  @Test
  void getIsCaseInsensitiveAndGivesTheFirstValue() {
    Headers h = Headers.of("Accept", "a", "ACCEPT", "b", "Host", "x");
    assertThat(h.get("accept")).isEqualTo("a");
    assertThat(h.getAll("aCCept")).containsExactly("a", "b");
    assertThat(h.get("missing")).isNull();
    assertThat(h.getAll("missing")).isEmpty();
    assertThat(h.contains("HOST")).isTrue();
    assertThat(h.count("accept")).isEqualTo(2);
    assertThat(h.size()).isEqualTo(3);
    assertThat(h.getOrDefault("nope", "d")).isEqualTo("d");
  }

  @Test
  void caseFoldingIsAsciiOnly() {
    // U+212A KELVIN SIGN lower-cases to 'k' in Unicode; a header name compares ASCII only
    Headers h = Headers.of("Key", "v");
    assertThat(h.get("\u212Aey")).isNull();
    assertThat(h.get("KEY")).isEqualTo("v");
    // '^' (0x5e) and '~' (0x7e) differ by the case bit but are not letters
    assertThat(Headers.of("a^", "1").get("a~")).isNull();
  }

  @Test
  void iterationKeepsOrderAndSpelling() {
    Headers h = Headers.of("B", "1", "a", "2", "b", "3");
    List<String> seen = new ArrayList<>();
    for (Map.Entry<String, String> e : h) {
      seen.add(e.getKey() + "=" + e.getValue());
    }
    assertThat(seen).containsExactly("B=1", "a=2", "b=3");
    assertThat(h.names()).containsExactly("B", "a");
    assertThat(h.name(2)).isEqualTo("b");
    assertThat(h.value(2)).isEqualTo("3");
  }

  @Test
  void equalityIgnoresNameCaseButNotOrderOrValues() {
    Headers a = Headers.of("Content-Type", "x", "Accept", "y");
    assertThat(a).isEqualTo(Headers.of("content-type", "x", "ACCEPT", "y"));
    assertThat(a).hasSameHashCodeAs(Headers.of("content-type", "x", "ACCEPT", "y"));
    assertThat(a).isNotEqualTo(Headers.of("Accept", "y", "Content-Type", "x"));
    assertThat(a).isNotEqualTo(Headers.of("Content-Type", "X", "Accept", "y"));
    assertThat(Headers.of()).isEqualTo(Headers.builder().build());
  }

  @Test
  void builderSetReplacesInPlaceAndRemoveRemovesAll() {
    Headers h =
        Headers.of("A", "1", "B", "2", "a", "3", "C", "4").toBuilder().set("a", "9").build();
    assertThat(h).isEqualTo(Headers.of("a", "9", "B", "2", "C", "4"));
    assertThat(h.toBuilder().set("D", "5").build().get("d")).isEqualTo("5");
    Headers removed = Headers.of("A", "1", "B", "2", "a", "3").toBuilder().remove("A").build();
    assertThat(removed).isEqualTo(Headers.of("B", "2"));
  }

  @Test
  void aBuilderIsReusableAfterBuild() {
    Headers.Builder b = Headers.builder();
    for (int i = 0; i < 40; i++) {
      b.add("X-" + i, "v" + i);
    }
    Headers first = b.build();
    b.add("Y", "y");
    assertThat(first.size()).isEqualTo(40);
    assertThat(b.build().size()).isEqualTo(41);
    assertThat(b.clear().size()).isZero();
    assertThat(b.build()).isSameAs(Headers.of());
  }

  @Test
  void namesMustBeTokens() {
    assertThatThrownBy(() -> Headers.of("Bad Name", "v"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"Bad Name\"")
        .hasMessageContaining("0x20")
        .hasMessageContaining("token");
    assertThatThrownBy(() -> Headers.of("", "v")).hasMessageContaining("empty name");
    assertThatThrownBy(() -> Headers.of("A:", "v")).hasMessageContaining("':'");
    assertThatThrownBy(() -> Headers.of("Caf\u00e9", "v")).hasMessageContaining("0xe9");
  }

  @Test
  void valuesMayNotHoldCrLfOrNul() {
    // CVE-2023-37276: CR/LF/NUL in a value would split the field on the wire
    for (String bad : List.of("a\rb", "a\nb", "a\0b")) {
      assertThatThrownBy(() -> Headers.of("X-Test", bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("\"X-Test\"")
          .hasMessageContaining("CR, LF or NUL");
    }
    assertThat(Headers.of("X", "tab\there").get("x")).isEqualTo("tab\there");
  }

  @Test
  void oddArgumentsAreRefused() {
    assertThatThrownBy(() -> Headers.of("A", "1", "B")).hasMessageContaining("pairs");
  }

  @Test
  void toStringIsMultidictsRepr() {
    assertThat(Headers.of("Host", "h", "A", "b").toString())
        .isEqualTo("<Headers('Host': 'h', 'A': 'b')>");
  }
}

package org.asyncio4j.http.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonContentTypeTest {
  // aiohttp's helpers.json_re, to check the hand-written matcher against (UNICODE_CHARACTER_CLASS:
  // \w as Python's in a str pattern)
  private static final Pattern AIOHTTP_JSON_RE =
      Pattern.compile(
          "^(?:application/|[\\w.-]+/[\\w.+-]+?\\+)json$",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "application/json", // ported from
        // test_helpers.py::test_is_expected_content_type_json_match_exact
        "application/alto-costmap+json", // ported from ...::..._json_match_partially
        "model/gltf+json", // ported from ...::..._non_application_json_suffix
        "x-foo/bar+json", // ported from ...::..._non_application_json_private_suffix
        "Application/JSON", // ported from ...::..._json_non_lowercase
        "application/vnd.api+json",
        "application/problem+JSON",
        "a/b++json",
        "a.b-c/d.e+f_g+json",
        "tëxt/ä+json"
      })
  void jsonTypes(String type) {
    assertThat(JsonContentType.isJson(type)).isTrue();
    assertThat(AIOHTTP_JSON_RE.matcher(type).matches()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "application/json-seq", // ported from ...::..._json_trailing_chars
        "text/plain", // ported from ...::..._non_json_not_match
        "text/json",
        "application/+json",
        "/x+json",
        "+json",
        "json",
        "application/",
        "application/jsonx",
        "app lication/x+json",
        "a/b c+json",
        "a/b+json;charset=utf-8",
        "a/b/c+json",
        ""
      })
  void notJsonTypes(String type) {
    assertThat(JsonContentType.isJson(type)).isFalse();
    assertThat(AIOHTTP_JSON_RE.matcher(type).matches()).isFalse();
  }

  @Test
  void anExpectedTypeOtherThanJsonIsASubstringTest() {
    // ported from test_helpers.py::test_is_expected_content_type_non_json_match_exact
    assertThat(JsonContentType.isExpected("text/javascript", "text/javascript")).isTrue();
    assertThat(JsonContentType.isExpected("application/javascript", "javascript")).isTrue();
    assertThat(JsonContentType.isExpected("text/plain", "text/javascript")).isFalse();
    assertThat(JsonContentType.isExpected("application/ld+json", "application/json")).isTrue();
  }

  @Test
  void theMediaTypeOfAHeaderDropsParametersAndCase() {
    assertThat(JsonContentType.mediaType("Application/JSON; charset=utf-8"))
        .isEqualTo("application/json");
    assertThat(JsonContentType.mediaType("  text/html ")).isEqualTo("text/html");
    assertThat(JsonContentType.mediaType(null)).isEqualTo("application/octet-stream");
    assertThat(JsonContentType.mediaType(" ; charset=utf-8")).isEqualTo("application/octet-stream");
  }
}

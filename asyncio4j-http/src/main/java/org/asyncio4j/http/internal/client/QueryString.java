package org.asyncio4j.http.internal.client;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Query strings as yarl builds them for aiohttp's {@code params=}: pairs in order, a key repeated
 * once per value, keys and values percent-encoded with a space as {@code +} and {@code +&=;#%}
 * encoded (yarl's {@code QUERY_PART_QUOTER}), and parameters appended to a query the URL already
 * has ({@code URL.extend_query}).
 *
 * <p>Values are strings, or numbers written as Java writes them; a {@code Boolean} is refused as
 * yarl refuses {@code bool} (is it {@code true}, {@code True} or {@code 1}?), and so are NaN and
 * infinities.
 */
public final class QueryString {
  private QueryString() {}

  /**
   * Encodes pairs as {@code k=v&k=v}.
   *
   * @param pairs keys and values, in order; a key may repeat
   * @return the query, without {@code ?}; empty for no pairs
   */
  public static String encode(List<? extends Map.Entry<String, ?>> pairs) {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, ?> p : pairs) {
      if (!b.isEmpty()) {
        b.append('&');
      }
      b.append(encodePart(p.getKey())).append('=').append(encodePart(valueText(p.getValue())));
    }
    return b.toString();
  }

  /**
   * The pairs of a map whose values are single values or lists of them (a list gives one pair per
   * element, as a Python list does with yarl).
   *
   * @param params keys to a value or to an {@link Iterable} of values
   * @return the pairs in the map's order
   */
  public static List<Map.Entry<String, Object>> pairs(Map<String, ?> params) {
    List<Map.Entry<String, Object>> pairs = new ArrayList<>();
    params.forEach((k, v) -> {
      if (v instanceof Iterable<?> values) {
        for (Object value : values) {
          pairs.add(new SimpleImmutableEntry<>(k, value));
        }
      } else {
        pairs.add(new SimpleImmutableEntry<>(k, v));
      }
    });
    return pairs;
  }

  /**
   * Appends parameters to a URL's query (an existing query is kept, {@code &} between).
   *
   * @param uri the URL
   * @param pairs what to add
   * @return the URL with them; {@code uri} itself when there are none
   */
  public static URI extend(URI uri, List<? extends Map.Entry<String, ?>> pairs) {
    if (pairs.isEmpty()) {
      return uri;
    }
    String added = encode(pairs);
    String query = uri.getRawQuery();
    query = query == null || query.isEmpty() ? added : query + "&" + added;
    return URI.create(
        new UriComponents(
                uri.getScheme(),
                uri.getRawAuthority(),
                uri.getRawPath() == null ? "" : uri.getRawPath(),
                query,
                uri.getRawFragment())
            .toString());
  }

  /**
   * Parses a raw query into decoded pairs: {@code &} separates pairs ({@code ;} does not, as in
   * Python since 3.9.2), a pair without {@code =} has an empty value, {@code +} is a space. Empty
   * pairs are skipped.
   *
   * @param rawQuery the query as on the wire, without {@code ?}
   * @return the pairs in order
   */
  public static List<Map.Entry<String, String>> parse(String rawQuery) {
    List<Map.Entry<String, String>> pairs = new ArrayList<>();
    int start = 0;
    while (start <= rawQuery.length()) {
      int amp = rawQuery.indexOf('&', start);
      int end = amp < 0 ? rawQuery.length() : amp;
      if (end > start) {
        String pair = rawQuery.substring(start, end);
        int eq = pair.indexOf('=');
        String key = eq < 0 ? pair : pair.substring(0, eq);
        String value = eq < 0 ? "" : pair.substring(eq + 1);
        pairs.add(
            new SimpleImmutableEntry<>(
                PercentEncoding.decode(key, true), PercentEncoding.decode(value, true)));
      }
      start = end + 1;
    }
    return pairs;
  }

  /** A key or a value, encoded. */
  static String encodePart(String s) {
    return PercentEncoding.encode(s, PercentEncoding.QUERY_PART_SAFE, true, false);
  }

  private static String valueText(Object value) {
    return switch (value) {
      case CharSequence s -> s.toString();
      case Integer _, Long _, Short _, Byte _, BigInteger _ -> value.toString();
      case BigDecimal d -> d.toString();
      case Double d when d.isNaN() || d.isInfinite() ->
          throw new IllegalArgumentException(
              "A query value cannot be " + d + " (yarl refuses it too): pass a string");
      case Float f when f.isNaN() || f.isInfinite() ->
          throw new IllegalArgumentException(
              "A query value cannot be " + f + " (yarl refuses it too): pass a string");
      case Double _, Float _ -> value.toString();
      case Boolean b ->
          throw new IllegalArgumentException(
              "A query value cannot be the boolean "
                  + b
                  + ": pass the string the server expects (\"true\", \"1\"...), as yarl asks");
      default ->
          throw new IllegalArgumentException(
              "A query value must be a string or a number, not a "
                  + value.getClass().getName()
                  + ": pass its string");
    };
  }
}

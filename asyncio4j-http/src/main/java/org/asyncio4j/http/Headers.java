package org.asyncio4j.http;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import org.asyncio4j.http.internal.codec.HttpChars;
import org.jspecify.annotations.Nullable;

/**
 * The header fields of an HTTP message: an immutable, order-preserving multi-map whose names
 * compare case-insensitively (ASCII letters only), as aiohttp's {@code CIMultiDictProxy} and
 * OkHttp's {@code Headers}.
 *
 * <pre>{@code
 * Headers h = Headers.of("Content-Type", "text/plain", "Set-Cookie", "a=1", "set-cookie", "b=2");
 * assertThat(h.get("content-type")).isEqualTo("text/plain");
 * assertThat(h.getAll("SET-COOKIE")).containsExactly("a=1", "b=2");
 * Headers more = h.toBuilder().set("Content-Type", "application/json").build();
 * }</pre>
 *
 * <p>Names are RFC 9110 tokens and are kept as spelled; a value may not contain CR, LF or NUL
 * (which would split or end the field on the wire: CVE-2023-37276). Both are checked when a field
 * is added, with a message naming the field and the rule. A value is kept as given: the parser
 * strips the optional whitespace around received values, a sender's is its own business. Characters
 * travel as ISO-8859-1 (one byte each), as RFC 9110 section 5.5 describes field values; the writer
 * refuses any other character, and control characters other than HTAB.
 *
 * <p>Lookups scan the fields in order (a message has a handful; the parser allows 128), comparing
 * without allocating. {@link #equals} is order-sensitive and name-case-insensitive, as multidict's.
 */
public final class Headers implements Iterable<Map.Entry<String, String>> {
  private static final String[] NO_FIELDS = {};
  private static final Headers EMPTY = new Headers(NO_FIELDS, 0);

  /** Names at even indexes, their values after them; {@code size * 2} slots used. */
  private final String[] fields;

  private final int size;

  private Headers(String[] fields, int size) {
    this.fields = fields;
    this.size = size;
  }

  /** The empty headers. */
  public static Headers of() {
    return EMPTY;
  }

  /**
   * Headers from alternating names and values: {@code of("Host", "example.com", "Accept", "*")}.
   *
   * @throws IllegalArgumentException when the count is odd or a name or value is invalid
   */
  public static Headers of(String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException(
          "Headers.of takes names and values in pairs, but got "
              + namesAndValues.length
              + " strings: the last name has no value");
    }
    Builder b = new Builder(namesAndValues.length / 2);
    for (int i = 0; i < namesAndValues.length; i += 2) {
      b.add(namesAndValues[i], namesAndValues[i + 1]);
    }
    return b.build();
  }

  /** A new, empty builder. */
  public static Builder builder() {
    return new Builder(8);
  }

  /** A builder holding these fields, to derive changed headers from. */
  public Builder toBuilder() {
    Builder b = new Builder(Math.max(size, 8));
    System.arraycopy(fields, 0, b.fields, 0, size * 2);
    b.size = size;
    return b;
  }

  /** The number of fields (a name that occurs twice counts twice). */
  public int size() {
    return size;
  }

  /** Whether there are no fields. */
  public boolean isEmpty() {
    return size == 0;
  }

  /** The name of field {@code index}, as spelled. */
  public String name(int index) {
    Objects.checkIndex(index, size);
    return fields[index * 2];
  }

  /** The value of field {@code index}. */
  public String value(int index) {
    Objects.checkIndex(index, size);
    return fields[index * 2 + 1];
  }

  /** The first value of {@code name} (any case), or null when there is none. */
  public @Nullable String get(String name) {
    for (int i = 0; i < size * 2; i += 2) {
      if (HttpChars.equalsIgnoreAsciiCase(fields[i], name)) {
        return fields[i + 1];
      }
    }
    return null;
  }

  /** The first value of {@code name}, or {@code fallback} when there is none. */
  public String getOrDefault(String name, String fallback) {
    String v = get(name);
    return v != null ? v : fallback;
  }

  /** Every value of {@code name} (any case), in order; empty when there is none. */
  public List<String> getAll(String name) {
    List<String> values = null;
    for (int i = 0; i < size * 2; i += 2) {
      if (HttpChars.equalsIgnoreAsciiCase(fields[i], name)) {
        if (values == null) {
          values = new ArrayList<>(2);
        }
        values.add(fields[i + 1]);
      }
    }
    return values == null ? List.of() : Collections.unmodifiableList(values);
  }

  /** How many fields are named {@code name} (any case). */
  public int count(String name) {
    int n = 0;
    for (int i = 0; i < size * 2; i += 2) {
      if (HttpChars.equalsIgnoreAsciiCase(fields[i], name)) {
        n++;
      }
    }
    return n;
  }

  /** Whether a field is named {@code name} (any case). */
  public boolean contains(String name) {
    return get(name) != null;
  }

  /**
   * The distinct names, compared case-insensitively, each as first spelled, in order of first
   * occurrence. The set itself compares case-sensitively, as any {@link Set}: ask {@link #contains}
   * to look a name up.
   */
  public Set<String> names() {
    Set<String> names = new LinkedHashSet<>();
    outer:
    for (int i = 0; i < size * 2; i += 2) {
      for (String seen : names) {
        if (HttpChars.equalsIgnoreAsciiCase(seen, fields[i])) {
          continue outer;
        }
      }
      names.add(fields[i]);
    }
    return Collections.unmodifiableSet(names);
  }

  /** The fields in order, as (name, value) entries. */
  @Override
  public Iterator<Map.Entry<String, String>> iterator() {
    return new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        return next < size;
      }

      @Override
      public Map.Entry<String, String> next() {
        if (next >= size) {
          throw new NoSuchElementException("no field after the last of " + size);
        }
        int i = next++ * 2;
        return new AbstractMap.SimpleImmutableEntry<>(fields[i], fields[i + 1]);
      }
    };
  }

  /** Same fields in the same order, names compared ignoring ASCII case, values exactly. */
  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Headers other) || other.size != size) {
      return false;
    }
    for (int i = 0; i < size * 2; i += 2) {
      if (!HttpChars.equalsIgnoreAsciiCase(fields[i], other.fields[i])
          || !fields[i + 1].equals(other.fields[i + 1])) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = 1;
    for (int i = 0; i < size * 2; i += 2) {
      String name = fields[i];
      for (int j = 0; j < name.length(); j++) {
        h = 31 * h + HttpChars.toLowerAscii(name.charAt(j));
      }
      h = 31 * h + fields[i + 1].hashCode();
    }
    return h;
  }

  /** {@code <Headers('Host': 'example.com', 'Accept': '*')>}, as multidict's repr. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("<Headers(");
    for (int i = 0; i < size * 2; i += 2) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append('\'').append(fields[i]).append("': '").append(fields[i + 1]).append('\'');
    }
    return sb.append(")>").toString();
  }

  /**
   * A mutable companion of {@link Headers}: add, set and remove fields, then {@link #build}. Each
   * name and value is validated when it is added. A builder is not thread-safe; it may be reused
   * after {@link #build} (the built headers are a copy) or {@link #clear}.
   *
   * <pre>{@code
   * Headers h = Headers.builder().add("Accept", "text/html").add("Accept", "*").build();
   * }</pre>
   */
  public static final class Builder {
    private String[] fields;
    private int size;

    private Builder(int capacity) {
      fields = new String[capacity * 2];
    }

    /** Adds a field after the others (a repeated name keeps its earlier fields too). */
    public Builder add(String name, String value) {
      checkName(name, size);
      checkValue(name, value, size);
      if (size * 2 == fields.length) {
        fields = Arrays.copyOf(fields, Math.max(16, fields.length * 2));
      }
      fields[size * 2] = name;
      fields[size * 2 + 1] = value;
      size++;
      return this;
    }

    /** Adds every field of {@code headers}, in order. */
    public Builder addAll(Headers headers) {
      for (int i = 0; i < headers.size; i++) {
        add(headers.fields[i * 2], headers.fields[i * 2 + 1]);
      }
      return this;
    }

    /**
     * Replaces the fields named {@code name} (any case) by one with {@code value}: at the place of
     * the first, or at the end when there was none.
     */
    public Builder set(String name, String value) {
      checkName(name, size);
      checkValue(name, value, size);
      int first = -1;
      int w = 0;
      for (int r = 0; r < size * 2; r += 2) {
        if (HttpChars.equalsIgnoreAsciiCase(fields[r], name)) {
          if (first >= 0) {
            continue;
          }
          first = w;
        }
        fields[w] = fields[r];
        fields[w + 1] = fields[r + 1];
        w += 2;
      }
      clearFrom(w);
      size = w / 2;
      if (first >= 0) {
        fields[first] = name;
        fields[first + 1] = value;
        return this;
      }
      return add(name, value);
    }

    /** Removes every field named {@code name} (any case). */
    public Builder remove(String name) {
      int w = 0;
      for (int r = 0; r < size * 2; r += 2) {
        if (!HttpChars.equalsIgnoreAsciiCase(fields[r], name)) {
          fields[w] = fields[r];
          fields[w + 1] = fields[r + 1];
          w += 2;
        }
      }
      clearFrom(w);
      size = w / 2;
      return this;
    }

    /** Whether a field named {@code name} (any case) was added. */
    public boolean contains(String name) {
      for (int i = 0; i < size * 2; i += 2) {
        if (HttpChars.equalsIgnoreAsciiCase(fields[i], name)) {
          return true;
        }
      }
      return false;
    }

    /** The number of fields added so far. */
    public int size() {
      return size;
    }

    /** Removes every field, keeping the storage for reuse. */
    public Builder clear() {
      clearFrom(0);
      size = 0;
      return this;
    }

    /** The headers added so far (a copy: the builder stays usable). */
    public Headers build() {
      if (size == 0) {
        return EMPTY;
      }
      return new Headers(Arrays.copyOf(fields, size * 2), size);
    }

    private void clearFrom(int slot) {
      Arrays.fill(fields, slot, Math.min(fields.length, size * 2), null);
    }

    private static void checkName(String name, int index) {
      int bad = HttpChars.firstNonTchar(name);
      if (name.isEmpty()) {
        throw new IllegalArgumentException(
            "header field " + index + " has an empty name: a name is a token of 1 or more chars");
      }
      if (bad >= 0) {
        throw new IllegalArgumentException(
            "header name "
                + HttpChars.snippet(name)
                + " (field "
                + index
                + ") has "
                + HttpChars.describe(name.charAt(bad))
                + " at index "
                + bad
                + ": a name is a token (RFC 9110 5.6.2: letters, digits and !#$%&'*+-.^_`|~)");
      }
    }

    private static void checkValue(String name, String value, int index) {
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (c == '\r' || c == '\n' || c == 0) {
          throw new IllegalArgumentException(
              "the value of header "
                  + HttpChars.snippet(name)
                  + " (field "
                  + index
                  + ") has "
                  + HttpChars.describe(c)
                  + " at index "
                  + i
                  + ": a value may not contain CR, LF or NUL (they would end or split the field)");
        }
      }
    }
  }
}

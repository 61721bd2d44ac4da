package org.asyncio4j.http.jackson;

import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.asyncio4j.http.JsonCodec;
import org.asyncio4j.http.JsonDecodeException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link JsonCodec} on Jackson 3 ({@code tools.jackson.core:jackson-databind}). With this jar
 * present, {@link JsonCodec#getDefault()} returns one made by the no-argument constructor; a
 * program that wants its own Jackson settings makes one from its {@link JsonMapper}.
 *
 * <p>Trees are built by this class from Jackson's token stream, so that numbers come out as {@link
 * JsonCodec} promises (a {@code Double} only when it loses nothing of the digits written) and
 * objects keep their order. Binding to a class or type is Jackson's. Trailing content after the
 * value is an error, as in Python's {@code json.loads}.
 *
 * <pre>{@code
 * JsonMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
 * JsonCodec json = new JacksonJsonCodec(mapper);
 * byte[] body = json.encode(List.of("boto3", "botocore"));
 * List<?> names = json.decode(body, List.class);
 * }</pre>
 *
 * <p>Thread-safe, as {@link JsonMapper} is.
 */
public final class JacksonJsonCodec implements JsonCodec {
  private final JsonMapper mapper;

  /** Creates one on Jackson's defaults, with trailing content after the value refused. */
  public JacksonJsonCodec() {
    this(JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build());
  }

  /**
   * Creates one on a mapper of the program's own.
   *
   * @param mapper what encodes and binds (the trees are read with its stream settings)
   */
  public JacksonJsonCodec(JsonMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  public byte[] encode(@Nullable Object value) {
    try {
      return mapper.writeValueAsBytes(value);
    } catch (JacksonException e) {
      String type = value == null ? "null" : value.getClass().getName();
      throw new IllegalArgumentException(
          "Cannot encode a " + type + " as JSON: " + e.getOriginalMessage(), e);
    }
  }

  @Override
  public @Nullable Object decode(byte[] json) {
    try (JsonParser parser = mapper.createParser(json)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new JsonDecodeException("no JSON value (the document is empty)", 1, 1, 0, null);
      }
      Object tree = value(parser, first);
      if (parser.nextToken() != null) {
        throw decodeException(
            "extra data after the JSON value (one document holds one value)",
            parser.currentTokenLocation(),
            null);
      }
      return tree;
    } catch (JacksonException e) {
      throw decodeException(e);
    }
  }

  @Override
  public <T> @Nullable T decode(byte[] json, Class<T> type) {
    if (type == Object.class) {
      return type.cast(decode(json));
    }
    try {
      return mapper.readValue(json, type);
    } catch (JacksonException e) {
      throw decodeException(e);
    }
  }

  @Override
  public @Nullable Object decode(byte[] json, Type type) {
    if (type == Object.class) {
      return decode(json);
    }
    try {
      return mapper.readValue(json, mapper.constructType(type));
    } catch (JacksonException e) {
      throw decodeException(e);
    }
  }

  /** The value that starts at the current token (which is {@code token}). */
  private static @Nullable Object value(JsonParser parser, JsonToken token) {
    return switch (token) {
      case START_OBJECT -> {
        Map<String, @Nullable Object> object = new LinkedHashMap<>();
        for (String name = parser.nextName(); name != null; name = parser.nextName()) {
          object.put(name, value(parser, next(parser)));
        }
        yield object;
      }
      case START_ARRAY -> {
        List<@Nullable Object> array = new ArrayList<>();
        for (JsonToken t = next(parser); t != JsonToken.END_ARRAY; t = next(parser)) {
          array.add(value(parser, t));
        }
        yield array;
      }
      case VALUE_STRING -> parser.getString();
      case VALUE_NUMBER_INT -> parser.getNumberValue(); // Integer, Long or BigInteger by size
      case VALUE_NUMBER_FLOAT -> decimal(parser);
      case VALUE_TRUE -> true;
      case VALUE_FALSE -> false;
      case VALUE_NULL -> null;
      default ->
          throw decodeException(
              "unexpected " + token + " where a value should start",
              parser.currentTokenLocation(),
              null);
    };
  }

  private static JsonToken next(JsonParser parser) {
    JsonToken t = parser.nextToken();
    if (t == null) {
      // Jackson reports a document cut short itself; this only guards the loop
      throw decodeException("the document ends inside a value", parser.currentLocation(), null);
    }
    return t;
  }

  /**
   * A decimal as a {@code Double} when the double's shortest form is the number written (0.1,
   * 2.5e-3: nothing is lost), else as the exact {@code BigDecimal}.
   */
  private static Number decimal(JsonParser parser) {
    BigDecimal exact = parser.getDecimalValue();
    double d = parser.getDoubleValue(); // from the text, so that -0.0 keeps its sign
    if (Double.isFinite(d) && new BigDecimal(Double.toString(d)).compareTo(exact) == 0) {
      return d;
    }
    return exact;
  }

  private static JsonDecodeException decodeException(JacksonException e) {
    String problem = e.getOriginalMessage();
    String path = e.getPathReference();
    if (path != null && !path.isEmpty()) {
      problem = problem + " (at " + path + ")";
    }
    return decodeException(problem, e.getLocation(), e);
  }

  private static JsonDecodeException decodeException(
      String problem, @Nullable TokenStreamLocation where, @Nullable Throwable cause) {
    if (where == null || TokenStreamLocation.NA.equals(where)) {
      return new JsonDecodeException(problem, 0, 0, -1, cause);
    }
    return new JsonDecodeException(
        problem,
        Math.max(where.getLineNr(), 0),
        Math.max(where.getColumnNr(), 0),
        where.getByteOffset(),
        cause);
  }
}

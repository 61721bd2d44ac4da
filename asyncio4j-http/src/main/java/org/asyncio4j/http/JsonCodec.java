package org.asyncio4j.http;

import java.lang.reflect.Type;
import org.asyncio4j.http.internal.json.JsonCodecLookup;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * Turns values into JSON bytes and JSON bytes back into values: the one place where asyncio4j-http
 * meets a JSON library. The module has no runtime dependency, so the codec comes from a jar that
 * provides this interface through {@link java.util.ServiceLoader}: add {@code
 * org.asyncio4j:asyncio4j-http-jackson} (Jackson 3) and {@link #getDefault()} finds it. Any other
 * library can be plugged in the same way, by implementing this interface and naming the class in
 * {@code META-INF/services/org.asyncio4j.http.JsonCodec} (class path) or in a {@code provides}
 * clause (module path).
 *
 * <p>Decoding without a target type gives a tree, as Python's {@code json.loads} does: {@code
 * Map<String, Object>} (in document order) for objects, {@code List<Object>} for arrays, {@code
 * String}, {@code Boolean}, {@code null}, and numbers kept exact: {@code Integer}, {@code Long} or
 * {@code BigInteger} for integers by size, {@code Double} for a decimal that a double holds without
 * loss of what was written, {@code BigDecimal} for one it does not ({@code 3.14159265358979323846},
 * {@code 1e400}). Decoding with a class or a {@link Type} binds the document to it. Input is JSON
 * text in UTF-8 (RFC 8259 section 8.1); bad input throws {@link JsonDecodeException}, which names
 * where the document went wrong.
 *
 * <p>Implementations must be thread-safe: one codec serves every loop of the program.
 *
 * <pre>{@code
 * JsonCodec json = JsonCodec.getDefault();
 * byte[] body = json.encode(Map.of("isPackageExists", true));
 * Map<?, ?> tree = (Map<?, ?>) json.decode(body);
 * boolean exists = (Boolean) tree.get("isPackageExists");
 * }</pre>
 *
 * <p>aiohttp: the {@code json_serialize} and {@code loads} arguments ({@code json.dumps} and {@code
 * json.loads} by default)
 */
@NullMarked
public interface JsonCodec {
  /**
   * Encodes a value as UTF-8 JSON: maps, lists, strings, numbers, booleans and {@code null} as
   * themselves, other objects as the codec's library sees them (records and beans as objects).
   *
   * @param value what to encode
   * @return the JSON text, UTF-8
   * @throws IllegalArgumentException if the value cannot be encoded (the message says why)
   */
  byte[] encode(@Nullable Object value);

  /**
   * Decodes a JSON document into a tree of maps, lists, strings, numbers, booleans and nulls (see
   * the class comment for the number types).
   *
   * @param json the document, UTF-8; exactly one JSON value, with only whitespace around it
   * @return the tree; {@code null} for the document {@code null}
   * @throws JsonDecodeException if the bytes are not one JSON value
   */
  @Nullable Object decode(byte[] json);

  /**
   * Decodes a JSON document and binds it to a class (a record, a bean, a {@code Map}...).
   *
   * @param json the document, UTF-8
   * @param type what to bind to; {@code Object.class} gives the tree of {@link #decode(byte[])}
   * @param <T> the type bound to
   * @return the value; {@code null} for the document {@code null}
   * @throws JsonDecodeException if the bytes are not JSON or do not fit the type
   */
  <T> @Nullable T decode(byte[] json, Class<T> type);

  /**
   * Decodes a JSON document and binds it to a generic type, such as the {@link Type} of a field
   * declared {@code List<Package>}.
   *
   * @param json the document, UTF-8
   * @param type what to bind to
   * @return the value; {@code null} for the document {@code null}
   * @throws JsonDecodeException if the bytes are not JSON or do not fit the type
   */
  @Nullable Object decode(byte[] json, Type type);

  /**
   * The codec that {@link java.util.ServiceLoader} finds beside asyncio4j-http, looked up once and
   * kept. When several are present, the first the service loader lists wins.
   *
   * @return the codec
   * @throws IllegalStateException if there is none; the message says which jar to add
   */
  static JsonCodec getDefault() {
    return JsonCodecLookup.codec();
  }
}

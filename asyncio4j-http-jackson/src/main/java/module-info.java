/**
 * The {@link org.asyncio4j.http.JsonCodec} of asyncio4j-http on Jackson 3: with this module on the
 * module path (or its jar on the class path) {@code JsonCodec.getDefault()} finds it through {@link
 * java.util.ServiceLoader}, and nothing else needs to be configured.
 */
module org.asyncio4j.http.jackson {
  requires static org.jspecify;
  requires transitive org.asyncio4j.http;
  // JacksonJsonCodec's constructor takes a JsonMapper: its users read Jackson's API too.
  requires transitive tools.jackson.databind;

  exports org.asyncio4j.http.jackson;

  provides org.asyncio4j.http.JsonCodec with
      org.asyncio4j.http.jackson.JacksonJsonCodec;
}

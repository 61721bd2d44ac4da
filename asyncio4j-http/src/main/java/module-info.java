/**
 * asyncio4j HTTP: an HTTP/1.1 client ({@code org.asyncio4j.http.client}) and server ({@code
 * org.asyncio4j.http.web}) on asyncio4j's streams and transports, as aiohttp is on asyncio.
 */
module org.asyncio4j.http {
  // Compile time only, and not transitive, as in org.asyncio4j.core.
  requires static org.jspecify;
  requires transitive org.asyncio4j.core;

  exports org.asyncio4j.http;
  exports org.asyncio4j.http.client;

  // JSON comes from a codec found at run time (asyncio4j-http-jackson provides one).
  uses org.asyncio4j.http.JsonCodec;
}

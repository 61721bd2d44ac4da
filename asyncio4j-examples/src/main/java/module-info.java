/**
 * The asyncio tutorial programs of {@code /work/shared/seeds}, ported to asyncio4j one program per
 * class, and the {@link org.asyncio4j.examples.Demo} that runs them; and the network examples of
 * asyncio's documentation (TCP echo with streams and with protocols, UDP echo, TLS echo, a chat
 * server), each with a {@code main} of its own.
 */
module org.asyncio4j.examples {
  requires transitive org.asyncio4j.core;
  requires static org.jspecify;

  exports org.asyncio4j.examples;
}

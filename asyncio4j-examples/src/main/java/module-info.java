/**
 * The asyncio tutorial programs of {@code /work/shared/seeds}, ported to asyncio4j one program per
 * class, and the {@link org.asyncio4j.examples.Demo} that runs them.
 */
module org.asyncio4j.examples {
  requires transitive org.asyncio4j.core;
  requires static org.jspecify;

  exports org.asyncio4j.examples;
}

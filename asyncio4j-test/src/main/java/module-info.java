/** Test support for asyncio4j users: a virtual-time loop and its JUnit extension. */
module org.asyncio4j.test {
  requires transitive org.asyncio4j.core;
  requires static org.jspecify;
  requires static org.junit.jupiter.api;

  exports org.asyncio4j.test;
}

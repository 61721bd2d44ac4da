/**
 * asyncio4j: Python's asyncio for Java. An event loop per thread, tasks that are virtual threads
 * scheduled by their loop, futures, timeouts, task groups, and the asyncio functions.
 */
module org.asyncio4j.core {
  // Compile time only, and not transitive: a consumer module that requires org.asyncio4j.core
  // compiles with the core jar alone (ConsumerModuleCompileTest).
  requires static org.jspecify;
  requires jdk.unsupported;

  exports org.asyncio4j;
  exports org.asyncio4j.sync;
  exports org.asyncio4j.net;
  exports org.asyncio4j.process;
}

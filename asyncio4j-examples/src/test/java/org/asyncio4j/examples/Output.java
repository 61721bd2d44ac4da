package org.asyncio4j.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A PrintStream for a program to print to, and the lines it printed. */
final class Output {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  List<String> lines() {
    out.flush();
    return bytes.toString(StandardCharsets.UTF_8).lines().toList();
  }
}

package org.asyncio4j.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/** A PrintStream for a program to print to, and the lines it printed. */
final class Output {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  /** The port of an address as Python prints it: {@code ('127.0.0.1', 54321)}. */
  private static final Pattern PORT = Pattern.compile("(\\('[^']*', )\\d+\\)");

  /**
   * The lines, each port of a printed address replaced by {@code PORT}: servers of the tests listen
   * on free ports, clients connect from ephemeral ones.
   */
  List<String> linesWithoutPorts() {
    return lines().stream().map(l -> PORT.matcher(l).replaceAll("$1PORT)")).toList();
  }

  List<String> lines() {
    out.flush();
    return bytes.toString(StandardCharsets.UTF_8).lines().toList();
  }
}

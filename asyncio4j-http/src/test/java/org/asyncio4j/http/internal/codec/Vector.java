package org.asyncio4j.http.internal.codec;

import java.nio.charset.StandardCharsets;

/**
 * One test vector: its source's ID, the bytes (a Latin-1 string), whether the input then ends, our
 * expected {@link Transcript}, and for the differential test against node:http what node does when
 * it differs ({@code nodeDiffers}: why, or empty when node must agree).
 */
record Vector(String id, String input, boolean eof, String expected, String nodeDiffers) {
  byte[] bytes() {
    return input.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Override
  public String toString() {
    return id;
  }

  boolean rejected() {
    return expected.contains(" !") || expected.startsWith("!");
  }
}

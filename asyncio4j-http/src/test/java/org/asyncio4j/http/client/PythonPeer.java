package org.asyncio4j.http.client;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A peer server nobody here wrote the HTTP of: a script on Python's or Node's http module. */
final class PythonPeer implements AutoCloseable {
  private final Process process;
  final int port;

  private PythonPeer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts {@code script} (a test resource under peers/) with {@code interpreter}. */
  static PythonPeer start(String interpreter, String script) {
    Path file;
    try (var in = PythonPeer.class.getResourceAsStream("/peers/" + script)) {
      if (in == null) {
        throw new IllegalStateException("no test resource peers/" + script);
      }
      file = Files.createTempFile("peer", script);
      Files.write(file, in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Process p;
    try {
      p = new ProcessBuilder(interpreter, file.toString()).redirectErrorStream(true).start();
    } catch (IOException e) {
      assumeTrue(false, interpreter + " is not installed: " + e.getMessage());
      throw new AssertionError(e);
    }
    try {
      BufferedReader r =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String line = r.readLine();
      if (line == null) {
        throw new IllegalStateException(interpreter + " " + script + " exited without a port");
      }
      return new PythonPeer(p, Integer.parseInt(line.strip()));
    } catch (IOException e) {
      p.destroyForcibly();
      throw new UncheckedIOException(e);
    }
  }

  String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}

package org.asyncio4j.http.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.asyncio4j.http.Headers;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The request vectors, differentially: the same bytes to node:http (llhttp, the parser aiohttp
 * vendors) over a socket and to our {@link RequestParser}. They must agree on which requests are
 * accepted and on each one's method, target, version, fields, body and trailers; where they do not,
 * the vector says why ({@link Vector#nodeDiffers}), and a vector that says so must still differ (a
 * stale explanation fails too). Status codes are not compared: node answers 400 for most errors
 * where RFC 9112 asks for 414, 431, 501 or 505.
 *
 * <p>Skipped, saying why, when {@code node} is not on the PATH.
 */
class NodeDifferentialTest {
  private static @Nullable Process node;
  private static int port;

  @BeforeAll
  static void startNode(@TempDir Path dir) throws IOException, InterruptedException {
    if (!nodeAvailable()) {
      Assumptions.abort(
          "node is not on the PATH: the differential test against node:http needs Node 20+");
    }
    Path script = dir.resolve("node-echo-server.js");
    try (InputStream in = NodeDifferentialTest.class.getResourceAsStream("node-echo-server.js")) {
      Files.write(
          script, java.util.Objects.requireNonNull(in, "node-echo-server.js").readAllBytes());
    }
    Process p =
        new ProcessBuilder("node", script.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    node = p;
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII));
    String line = out.readLine();
    assertThat(line).as("node's port line").isNotNull().matches("\\d+");
    port = Integer.parseInt(java.util.Objects.requireNonNull(line));
  }

  private static boolean nodeAvailable() throws InterruptedException {
    try {
      Process p =
          new ProcessBuilder("node", "--version")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    }
  }

  @AfterAll
  static void stopNode() throws InterruptedException {
    Process p = node;
    if (p != null) {
      p.destroy();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void nodeAndOurParserAgreeOnEveryVectorOrTheVectorSaysWhy() throws IOException {
    List<String> problems = new ArrayList<>();
    for (Vector v : RequestVectors.ALL) {
      String ours = ours(v);
      String theirs = node(v);
      boolean agree = ours.equals(theirs);
      if (!agree && v.nodeDiffers().isEmpty()) {
        problems.add(v.id() + ":\n    ours: " + clip(ours) + "\n    node: " + clip(theirs));
      } else if (agree && !v.nodeDiffers().isEmpty()) {
        problems.add(v.id() + ": says node differs, but both gave " + clip(ours));
      }
    }
    assertThat(problems).as("disagreements with node:http").isEmpty();
  }

  private static String clip(String s) {
    return s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }

  static String ours(Vector v) {
    Transcript<RequestHead> t =
        new Transcript<>(h ->
            h.method()
                + " "
                + h.target()
                + " "
                + h.version()
                + " "
                + Transcript.headers(h.headers()));
    String out = Transcript.run(new RequestParser(t), t, Splits.whole(v.bytes()), v.eof());
    return out.replaceAll("!\\d+(\\(keep\\))?", "!err").strip();
  }

  static String node(Vector v) throws IOException {
    byte[] reply;
    try (Socket s = new Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(20_000);
      s.getOutputStream().write(v.bytes());
      s.shutdownOutput();
      reply = s.getInputStream().readAllBytes();
    }
    List<String> messages = new ArrayList<>();
    List<Headers> heads = new ArrayList<>();
    Http1Listener<ResponseHead> l =
        new Http1Listener<>() {
          @Override
          public void onHead(ResponseHead head) {
            if (head.status() >= 200) { // node answers Expect: 100-continue by itself
              heads.add(head.headers());
            }
          }

          @Override
          public void onBody(byte[] data, int offset, int length) {}

          @Override
          public boolean onMessageComplete() {
            return true;
          }
        };
    ResponseParser p =
        new ResponseParser(
            l, new ParserLimits(8190, 1 << 20, 128, 8, Long.MAX_VALUE), Leniency.RESPONSE_DEFAULTS);
    p.feed(reply);
    boolean error = false;
    for (Headers h : heads) {
      String echo = h.get("X-Echo");
      if (echo == null) {
        error = true;
        break;
      }
      messages.add(new String(Base64.getDecoder().decode(echo), StandardCharsets.ISO_8859_1));
    }
    // node closes without an answer when the input ends inside a request
    if (heads.isEmpty() || (v.eof() && !error)) {
      error = true;
    }
    return (String.join(" ; ", messages) + (error ? " !err" : "")).strip();
  }
}

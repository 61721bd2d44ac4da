/*
 * Summarises one run of scripts/test from the Surefire XML reports it wrote: one line per scheduler
 * mode, the failed tests, the skipped tests with their reasons, and one line for the whole run.
 *
 * Run by scripts/test after Maven, on the JDK's source launcher (no build step, no dependency):
 *   java scripts/TestSummary.java <marker file> [Maven's exit status]
 * Only reports written after <marker file> was created count, so a module that this run did not
 * test (-pl, or a build that stopped early) does not report stale results from an earlier run.
 * Exit status: 0 when no test failed, 1 when one did, 2 on a usage error.
 */

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** The summariser; see the file comment. */
final class TestSummary {
  /** The report directories of the two Surefire executions in the parent POM, by mode. */
  private static final Map<String, String> MODES =
      Map.of("hook", "surefire-reports-hook", "public", "surefire-reports-public");

  /** The order in which the modes run and are printed. */
  private static final List<String> MODE_ORDER = List.of("hook", "public");

  /** What the output calls each mode (the words scripts/test's progress lines use). */
  private static final Map<String, String> MODE_LABELS =
      Map.of("hook", "hook mode", "public", "public-API mode");

  /**
   * The Reactive Streams TCK names the rules it has no test for {@code untested_*} and always
   * skips them; they are reported once, not one by one.
   */
  private static final String TCK_UNTESTED_PREFIX = "untested_";

  private record Outcome(
      String module, String mode, String testClass, String name, String status, String message) {}

  /** Whether Maven failed: a mode without reports then did not run because the build stopped. */
  private static boolean buildFailed;

  private TestSummary() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: java scripts/TestSummary.java <marker file> [Maven's exit status]");
      System.exit(2);
    }
    buildFailed = args.length == 2 && !args[1].equals("0");
    FileTime since = Files.getLastModifiedTime(Path.of(args[0]));
    List<Outcome> all = new ArrayList<>();
    for (Path module : modules(Path.of("."))) {
      for (String mode : MODE_ORDER) {
        Path dir = module.resolve("target").resolve(MODES.get(mode));
        for (Path report : reports(dir, since)) {
          read(module.getFileName().toString(), mode, report, all);
        }
      }
    }
    System.exit(print(all));
  }

  /** The module directories: those with a pom.xml, in name order. */
  private static List<Path> modules(Path root) throws IOException {
    try (Stream<Path> s = Files.list(root)) {
      return s.filter(p -> Files.isRegularFile(p.resolve("pom.xml"))).sorted().toList();
    }
  }

  /** The TEST-*.xml files in {@code dir} written after {@code since}. */
  private static List<Path> reports(Path dir, FileTime since) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().matches("TEST-.*\\.xml"))
          .filter(p -> modifiedAfter(p, since))
          .sorted()
          .toList();
    }
  }

  private static boolean modifiedAfter(Path p, FileTime since) {
    try {
      return Files.getLastModifiedTime(p).compareTo(since) > 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void read(String module, String mode, Path report, List<Outcome> into)
      throws Exception {
    Element suite =
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile())
            .getDocumentElement();
    NodeList cases = suite.getElementsByTagName("testcase");
    for (int i = 0; i < cases.getLength(); i++) {
      Element tc = (Element) cases.item(i);
      String status = "passed";
      String message = "";
      for (Node n = tc.getFirstChild(); n != null; n = n.getNextSibling()) {
        if (n instanceof Element e) {
          switch (e.getTagName()) {
            case "failure", "error" -> {
              status = "failed";
              message = messageOf(e);
            }
            case "skipped" -> {
              status = "skipped";
              message = messageOf(e);
            }
            default -> {}
          }
        }
      }
      into.add(
          new Outcome(
              module, mode, tc.getAttribute("classname"), tc.getAttribute("name"), status, message));
    }
  }

  /** Longest message printed for one test; the whole of it is in the report above. */
  private static final int MAX_MESSAGE_CHARS = 300;

  /**
   * A failure's or skip's message on one line, without the exception's class name: the message
   * attribute (AssertJ's span lines: "expected: 1 but was: 2"), else the first line of the trace.
   */
  private static String messageOf(Element e) {
    String m = e.getAttribute("message").strip().replaceAll("\\s*\\R\\s*", " ");
    if (m.isEmpty()) {
      m = e.getTextContent().strip().lines().findFirst().orElse("");
    }
    if (m.length() > MAX_MESSAGE_CHARS) {
      m = m.substring(0, MAX_MESSAGE_CHARS) + "...";
    }
    for (String prefix :
        List.of(
            "org.opentest4j.TestAbortedException: ",
            "org.testng.SkipException: ",
            "Assumption failed: ")) {
      if (m.startsWith(prefix)) {
        m = m.substring(prefix.length());
      }
    }
    return m.isEmpty() ? "(no reason given)" : m;
  }

  /** Prints the summary and returns the exit status. */
  private static int print(List<Outcome> all) {
    System.out.println();
    System.out.println("== test summary ==");
    int failedTotal = 0;
    for (String mode : MODE_ORDER) {
      List<Outcome> inMode = all.stream().filter(o -> o.mode().equals(mode)).toList();
      if (inMode.isEmpty()) {
        System.out.printf(
            "%-17s %s%n",
            MODE_LABELS.get(mode) + ":",
            buildFailed ? "not run: the build stopped before it" : "no tests ran");
        continue;
      }
      long passed = count(inMode, "passed");
      long failed = count(inMode, "failed");
      long skipped = count(inMode, "skipped");
      failedTotal += (int) failed;
      System.out.printf(
          "%-17s %d passed, %d failed, %d skipped%n",
          MODE_LABELS.get(mode) + ":",
          passed,
          failed,
          skipped);
    }

    List<Outcome> failed = all.stream().filter(o -> o.status().equals("failed")).toList();
    if (!failed.isEmpty()) {
      System.out.println("failed (their stack traces are above):");
      for (Outcome o : failed) {
        System.out.printf(
            "  FAILED in %s: %s.%s: %s%n",
            MODE_LABELS.get(o.mode()),
            simpleName(o),
            o.name(),
            o.message());
      }
    }

    printSkipped(all);

    long passed = count(all, "passed");
    long skipped = count(all, "skipped");
    String verdict =
        failedTotal > 0
            ? "FAILED"
            : buildFailed ? "FAILED: the build failed, see the [ERROR] lines above" : "OK";
    if (all.isEmpty()) {
      System.out.println("overall:          no tests ran: " + verdict);
    } else {
      System.out.printf(
          "overall:          %d passed, %d failed, %d skipped: %s%n",
          passed, failedTotal, skipped, verdict);
    }
    return failedTotal == 0 && !buildFailed ? 0 : 1;
  }

  /** Lists the skipped tests by reason: the same reason in both modes is printed once. */
  private static void printSkipped(List<Outcome> all) {
    List<Outcome> skipped = all.stream().filter(o -> o.status().equals("skipped")).toList();
    if (skipped.isEmpty()) {
      return;
    }
    Map<String, Integer> tckUntested = new TreeMap<>();
    // reason -> "Class.test" -> modes it was skipped in
    Map<String, Map<String, List<String>>> byReason = new TreeMap<>();
    for (Outcome o : skipped) {
      if (o.name().startsWith(TCK_UNTESTED_PREFIX)) {
        tckUntested.merge(o.mode(), 1, Integer::sum);
        continue;
      }
      byReason
          .computeIfAbsent(o.message(), r -> new TreeMap<>())
          .computeIfAbsent(simpleName(o) + "." + o.name(), t -> new ArrayList<>())
          .add(o.mode());
    }
    System.out.println("skipped:");
    byReason.forEach(
        (reason, tests) -> {
          System.out.println("  " + reason);
          tests.forEach(
              (test, modes) ->
                  System.out.printf(
                      "    %s (%s)%n",
                      test,
                      String.join(" and ", modes.stream().map(MODE_LABELS::get).toList())));
        });
    if (!tckUntested.isEmpty()) {
      System.out.printf(
          "  the Reactive Streams TCK always skips its untested_* rules (it has no test for them):"
              + " %s%n",
          String.join(
              ", ",
              tckUntested.entrySet().stream()
                  .map(e -> e.getValue() + " in " + MODE_LABELS.get(e.getKey()))
                  .toList()));
    }
  }

  private static long count(List<Outcome> outcomes, String status) {
    return outcomes.stream().filter(o -> o.status().equals(status)).count();
  }

  private static String simpleName(Outcome o) {
    String c = o.testClass();
    return c.substring(c.lastIndexOf('.') + 1);
  }
}

package org.asyncio4j.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Java code block of README.md and every {@code <pre>{@code ...}</pre>} example in the
 * Javadoc of asyncio4j-core, asyncio4j-test, asyncio4j-http and asyncio4j-http-jackson compiles
 * (issue 7: the README's first program once lacked an import). A failure names the file, the line
 * and javac's message.
 *
 * <p>A block with its own import lines and a class is a whole program and is compiled as a reader
 * would copy it. Any other block is a fragment: it gets the imports and helpers of {@code
 * docexamples/Preamble.java} (in the test resources), and becomes the body of a method (statements)
 * or of a class (method or field declarations), or stays at the top level (a class without
 * imports). All blocks are compiled in one javac run against this JVM's class path, which holds the
 * core, the HTTP modules (with Jackson), this module and JUnit.
 */
class DocExamplesCompileTest {
  @TempDir Path dir;

  /** A code block: where it is, and its lines (Javadoc's leading {@code *} removed). */
  record Block(Path file, int firstLine, String language, List<String> lines) {
    String where(Path root) {
      return root.relativize(file) + ":" + firstLine;
    }
  }

  private static final Pattern FENCE = Pattern.compile("^```\\s*(\\S*)\\s*$");
  private static final Pattern JAVADOC_MARGIN = Pattern.compile("^\\s*\\*( |$)");
  private static final Pattern TYPE_DECLARATION =
      Pattern.compile(
          "^(@\\w+.*|(public |final |abstract |sealed )*(class|record|interface|enum) \\w+.*)$");
  private static final Pattern PUBLIC_TYPE =
      Pattern.compile("^public (final |abstract )*(class|record|interface|enum) (\\w+).*$");
  private static final Pattern MEMBER_DECLARATION =
      Pattern.compile(
          "^((public |protected |private |static |final |abstract |synchronized )+\\S.*"
              + "|[\\w<>\\[\\], ?]+ \\w+\\([^)]*\\)\\s*(throws [\\w., ]+)?\\s*\\{\\s*)$");
  private static final Pattern JAVAC_DIAGNOSTIC =
      Pattern.compile("^(.+\\.java):(\\d+): (error|warning): (.*)$");

  @Test
  void everyJavaBlockOfTheReadmeAndTheJavadocCompiles() throws IOException {
    Path root = repositoryRoot();
    List<Block> blocks = new ArrayList<>();
    for (Block b : readmeBlocks(root.resolve("README.md"))) {
      if (b.language().equals("java")) {
        blocks.add(b);
      }
    }
    int inReadme = blocks.size();
    for (String module :
        List.of("asyncio4j-core", "asyncio4j-test", "asyncio4j-http", "asyncio4j-http-jackson")) {
      try (Stream<Path> files = Files.walk(root.resolve(module).resolve("src/main/java"))) {
        // Public API only: internal packages are not exported, and their examples may be sketches.
        for (Path f :
            files
                .filter(p -> p.toString().endsWith(".java"))
                .filter(p -> !p.toString().contains("/internal/"))
                .sorted()
                .toList()) {
          blocks.addAll(javadocBlocks(f));
        }
      }
    }
    // A guard against an extractor that finds nothing (and so passes): the counts of today.
    assertThat(inReadme).as("Java blocks in README.md").isGreaterThanOrEqualTo(2);
    assertThat(blocks.size() - inReadme).as("Javadoc examples").isGreaterThanOrEqualTo(50);

    assertThat(compile(root, blocks)).isEmpty();
  }

  @Test
  void everyCodeBlockOfTheReadmeSaysItsLanguage() throws IOException {
    Path root = repositoryRoot();
    List<String> unlabelled = new ArrayList<>();
    for (Block b : readmeBlocks(root.resolve("README.md"))) {
      if (b.language().isEmpty()) {
        unlabelled.add(b.where(root));
      }
    }
    assertThat(unlabelled)
        .as("code blocks without a language (```java blocks are compiled by this test)")
        .isEmpty();
  }

  @Test
  void aFragmentThatDoesNotCompileIsReportedWithItsFileLineAndMessage() throws IOException {
    Path root = repositoryRoot();
    Path file = dir.resolve("Broken.md");
    Files.writeString(
        file,
        "x\n```java\nString page = fetch(url);\nint n = page;\n```\n",
        StandardCharsets.UTF_8);
    List<String> problems = compile(root, readmeBlocks(file));
    assertThat(problems)
        .singleElement()
        .asString()
        .startsWith(root.relativize(file) + ":4 (block at line 3): error: incompatible types");
  }

  /** The fenced blocks of a Markdown file. */
  static List<Block> readmeBlocks(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher open = FENCE.matcher(lines.get(i));
      if (!open.matches()) {
        continue;
      }
      int start = i + 1;
      int end = start;
      while (end < lines.size() && !lines.get(end).strip().equals("```")) {
        end++;
      }
      assertThat(end)
          .as("%s:%d: a code block that never ends", file, i + 1)
          .isLessThan(lines.size());
      blocks.add(new Block(file, start + 1, open.group(1), List.copyOf(lines.subList(start, end))));
      i = end;
    }
    return blocks;
  }

  /** The {@code <pre>{@code ...}</pre>} examples of a Java source file. */
  static List<Block> javadocBlocks(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).contains("<pre>{@code")) {
        continue;
      }
      int start = i + 1;
      int end = start;
      while (end < lines.size() && !lines.get(end).contains("}</pre>")) {
        end++;
      }
      assertThat(end).as("%s:%d: an example that never ends", file, i + 1).isLessThan(lines.size());
      List<String> code = new ArrayList<>();
      for (String l : lines.subList(start, end)) {
        code.add(JAVADOC_MARGIN.matcher(l).replaceFirst(""));
      }
      blocks.add(new Block(file, start + 1, "java", code));
      i = end;
    }
    return blocks;
  }

  /** A generated source file: its lines, and for each the line of the block it came from (or 0). */
  record Unit(String path, List<String> lines, List<Integer> origins, Block block) {}

  /**
   * Compiles the blocks with javac, in one run: returns each error and warning as "file:line (block
   * at line n): kind: message", empty when all compile.
   */
  private List<String> compile(Path root, List<Block> blocks) throws IOException {
    String preamble;
    try (InputStream in =
        Objects.requireNonNull(
            DocExamplesCompileTest.class.getResourceAsStream("/docexamples/Preamble.java"),
            "the test resource docexamples/Preamble.java")) {
      preamble = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<String> preambleImports = new ArrayList<>();
    for (String l : preamble.split("\n", -1)) {
      if (l.startsWith("import ")) {
        preambleImports.add(l);
      }
    }
    preambleImports.add("import static docexamples.Preamble.*;");

    Path src = dir.resolve("src");
    Path preambleFile = src.resolve("docexamples/Preamble.java");
    Files.createDirectories(preambleFile.getParent());
    Files.writeString(preambleFile, preamble, StandardCharsets.UTF_8);
    List<String> args = new ArrayList<>();
    args.addAll(List.of("-proc:none", "-encoding", "UTF-8", "-Xmaxerrs", "10000"));
    args.addAll(List.of("-d", Files.createDirectories(dir.resolve("out")).toString()));
    args.addAll(List.of("--class-path", System.getProperty("java.class.path")));
    args.add(preambleFile.toString());
    Map<String, Unit> units = new HashMap<>();
    for (int i = 0; i < blocks.size(); i++) {
      Unit u = unit("docexamples.b" + i, blocks.get(i), preambleImports);
      Path f = src.resolve(u.path());
      Files.createDirectories(f.getParent());
      Files.writeString(f, String.join("\n", u.lines()) + "\n", StandardCharsets.UTF_8);
      units.put(f.toString(), u);
      args.add(f.toString());
    }

    java.util.spi.ToolProvider javac = java.util.spi.ToolProvider.findFirst("javac").orElseThrow();
    StringWriter out = new StringWriter();
    int rc;
    try (PrintWriter w = new PrintWriter(out)) {
      rc = javac.run(w, w, args.toArray(String[]::new));
    }
    List<String> problems = new ArrayList<>();
    String[] report = out.toString().lines().toArray(String[]::new);
    for (int i = 0; i < report.length; i++) {
      Matcher m = JAVAC_DIAGNOSTIC.matcher(report[i]);
      if (!m.matches()) {
        continue;
      }
      // javac's own detail lines follow: the source line, a caret, "symbol:", "location:"...
      StringBuilder detail = new StringBuilder(m.group(3) + ": " + m.group(4));
      for (int j = i + 1;
          j < report.length && !JAVAC_DIAGNOSTIC.matcher(report[j]).matches();
          j++) {
        String d = report[j].strip();
        if (d.startsWith("symbol:")
            || d.startsWith("location:")
            || d.startsWith("required:")
            || d.startsWith("found:")
            || d.startsWith("reason:")) {
          detail.append("; ").append(d);
        }
      }
      Unit u = units.get(m.group(1));
      int generatedLine = Integer.parseInt(m.group(2));
      if (u == null) {
        problems.add("docexamples/Preamble.java:" + generatedLine + ": " + detail);
        continue;
      }
      int origin = generatedLine <= u.origins().size() ? u.origins().get(generatedLine - 1) : 0;
      String where =
          root.relativize(u.block().file()) + ":" + (origin > 0 ? origin : u.block().firstLine());
      problems.add(where + " (block at line " + u.block().firstLine() + "): " + detail);
    }
    if (rc != 0 && problems.isEmpty()) {
      problems.add("javac failed (exit " + rc + ") without a diagnostic:\n" + out);
    }
    return problems;
  }

  /** Wraps a block into a compilation unit of package {@code pkg}; see the class comment. */
  static Unit unit(String pkg, Block block, List<String> preambleImports) {
    List<String> imports = new ArrayList<>();
    List<Integer> importOrigins = new ArrayList<>();
    List<String> body = new ArrayList<>();
    List<Integer> bodyOrigins = new ArrayList<>();
    boolean leading = true;
    for (int i = 0; i < block.lines().size(); i++) {
      String l = block.lines().get(i);
      int origin = block.firstLine() + i;
      if (leading && l.startsWith("import ")) {
        imports.add(l);
        importOrigins.add(origin);
      } else {
        if (!l.isBlank()) {
          leading = false;
        }
        body.add(l);
        bodyOrigins.add(origin);
      }
    }
    boolean hasType = body.stream().anyMatch(l -> TYPE_DECLARATION.matcher(l).matches());
    boolean hasMembers = body.stream().anyMatch(l -> MEMBER_DECLARATION.matcher(l).matches());
    boolean wholeProgram = hasType && !imports.isEmpty();

    List<String> lines = new ArrayList<>();
    List<Integer> origins = new ArrayList<>();
    lines.add("package " + pkg + ";");
    origins.add(0);
    if (!wholeProgram) {
      for (String l : preambleImports) {
        lines.add(l);
        origins.add(0);
      }
    }
    lines.addAll(imports);
    origins.addAll(importOrigins);
    String name = "Example";
    if (hasType) {
      for (String l : body) {
        Matcher m = PUBLIC_TYPE.matcher(l);
        if (m.matches()) {
          name = m.group(3);
        }
      }
      lines.addAll(body);
      origins.addAll(bodyOrigins);
    } else if (hasMembers) {
      lines.add("class Example {");
      origins.add(0);
      lines.addAll(body);
      origins.addAll(bodyOrigins);
      lines.add("}");
      origins.add(0);
    } else {
      lines.add("class Example {");
      lines.add("  void example() throws Exception {");
      origins.addAll(List.of(0, 0));
      lines.addAll(body);
      origins.addAll(bodyOrigins);
      lines.add("  }");
      lines.add("}");
      origins.addAll(List.of(0, 0));
    }
    return new Unit(pkg.replace('.', '/') + "/" + name + ".java", lines, origins, block);
  }

  /** The directory with README.md and the modules, from the module directory Maven runs in. */
  static Path repositoryRoot() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null
        && !(Files.exists(p.resolve("README.md"))
            && Files.isDirectory(p.resolve("asyncio4j-core")))) {
      p = p.getParent();
    }
    return Objects.requireNonNull(
        p, "no README.md with asyncio4j-core beside it above " + Path.of("").toAbsolutePath());
  }
}

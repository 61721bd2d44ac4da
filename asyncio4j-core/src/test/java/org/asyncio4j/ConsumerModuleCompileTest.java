package org.asyncio4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A program that uses asyncio4j compiles with the core jar alone, as a named module and on the
 * class path (issue 7). The core is annotated with JSpecify, a compile-time need of the core only:
 * its module says {@code requires static org.jspecify}, not {@code requires static transitive},
 * which made every consumer module fail with "module not found: org.jspecify".
 *
 * <p>The consumer is compiled with {@code -Xlint:all} and must draw no warning either: the
 * annotations it cannot see in the core's signatures must not bother it.
 */
class ConsumerModuleCompileTest {
  @TempDir Path dir;

  /** Uses signatures that carry JSpecify annotations: nullable parameters and type arguments. */
  private static final String MAIN =
      """
      package com.example.consumer;

      import java.time.Duration;
      import java.util.List;
      import org.asyncio4j.Asyncio;
      import org.asyncio4j.Future;
      import org.asyncio4j.Task;
      import org.asyncio4j.sync.Queue;

      public class Main {
        public static void main(String[] args) {
          String r = Asyncio.run(() -> {
            Task<String> t = Asyncio.createTask(() -> Asyncio.sleep(Duration.ofMillis(1), "a"));
            for (Task<String> done : Asyncio.asCompleted(List.of(t), null)) {
              done.await();
            }
            Future<String> f = Asyncio.getRunningLoop().createFuture();
            f.setResult("b");
            Queue<String> q = new Queue<>();
            q.putNowait("c");
            return t.await() + f.result() + q.getNowait();
          });
          System.out.println(r);
        }
      }
      """;

  @Test
  void aConsumerModuleCompilesWithOnlyTheCoreJarOnTheModulePath() throws Exception {
    Path jar = coreJar();
    ModuleDescriptor core =
        ModuleFinder.of(jar).findAll().stream()
            .map(ModuleReference::descriptor)
            .findFirst()
            .orElseThrow();
    assertThat(core.name()).isEqualTo("org.asyncio4j.core");
    assertThat(core.requires())
        .filteredOn(r -> r.name().equals("org.jspecify"))
        .singleElement()
        .satisfies(r ->
            assertThat(r.modifiers()).containsExactly(ModuleDescriptor.Requires.Modifier.STATIC));

    List<String> problems =
        compile(
            Map.of(
                "module-info.java",
                "module com.example.consumer {\n  requires org.asyncio4j.core;\n}\n",
                "com/example/consumer/Main.java",
                MAIN),
            List.of(),
            List.of(jar));
    assertThat(problems).isEmpty();
  }

  @Test
  void aConsumerOnTheClassPathCompilesWithOnlyTheCoreJar() throws Exception {
    List<String> problems =
        compile(Map.of("com/example/consumer/Main.java", MAIN), List.of(coreJar()), List.of());
    assertThat(problems).isEmpty();
  }

  /**
   * Compiles {@code sources} with nothing but {@code classPath} and {@code modulePath}, with the
   * JDK's javac run in this JVM: returns javac's errors and warnings (each names its file and
   * line). {@code java.util.spi.ToolProvider} rather than {@code javax.tools}: the tests are
   * compiled into the core module, which does not read {@code java.compiler}.
   */
  private List<String> compile(
      Map<String, String> sources, List<Path> classPath, List<Path> modulePath) throws IOException {
    Path src = dir.resolve("src");
    List<String> args = new ArrayList<>();
    // Every path explicitly, and an empty one where none is given: javac must not fall back to
    // this test JVM's class path, which holds JSpecify.
    args.addAll(List.of("-Xlint:all", "-proc:none", "-implicit:none", "-encoding", "UTF-8"));
    args.addAll(List.of("-d", Files.createDirectories(dir.resolve("out")).toString()));
    args.addAll(List.of("--class-path", join(classPath)));
    if (!modulePath.isEmpty()) {
      args.addAll(List.of("--module-path", join(modulePath)));
    }
    for (Map.Entry<String, String> e : sources.entrySet()) {
      Path file = src.resolve(e.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
      args.add(file.toString());
    }
    java.util.spi.ToolProvider javac = java.util.spi.ToolProvider.findFirst("javac").orElseThrow();
    StringWriter out = new StringWriter();
    int rc;
    try (PrintWriter w = new PrintWriter(out)) {
      rc = javac.run(w, w, args.toArray(String[]::new));
    }
    List<String> problems = new ArrayList<>();
    String text = out.toString().strip();
    if (rc != 0 || !text.isEmpty()) {
      problems.add("javac exit " + rc + ":\n" + text);
    }
    return problems;
  }

  private static String join(List<Path> paths) {
    return String.join(File.pathSeparator, paths.stream().map(Path::toString).toList());
  }

  /**
   * The core as a jar: the jar these classes were loaded from, or one made here from the classes
   * directory (Maven runs the core's tests before it packages it).
   */
  private Path coreJar() throws IOException, URISyntaxException {
    Path classes =
        Path.of(EventLoop.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    if (Files.isRegularFile(classes)) {
      return classes;
    }
    assertThat(classes.resolve("module-info.class")).exists();
    Path jar = dir.resolve("asyncio4j-core.jar");
    try (OutputStream os = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(os);
        Stream<Path> all = Files.walk(classes)) {
      for (Path p : (Iterable<Path>) all.filter(Files::isRegularFile).sorted()::iterator) {
        out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
        Files.copy(p, out);
        out.closeEntry();
      }
    }
    return jar;
  }
}

package org.asyncio4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.asyncio4j.EventLoop;
import org.junit.jupiter.api.Test;

/**
 * The library as a named module: the examples run on the module path (the tests themselves run on
 * the class path), in the fast mode when {@code java.lang} is opened to {@code org.asyncio4j.core}
 * and, with one warning naming that flag, in the public-API mode when it is not.
 */
class ModulePathSmokeTest {
  private static final String WARNING = "slower public-API mode";

  @Test
  void onTheModulePathWithJavaLangOpenedToTheModuleItRunsInTheFastModeWithoutWarning()
      throws Exception {
    Result r = runDemo("--add-opens", "java.base/java.lang=org.asyncio4j.core");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdout()).contains("== countasync", "CountAsync executed in 1.");
    assertThat(r.stderr()).doesNotContain(WARNING);
  }

  @Test
  void onTheModulePathWithoutTheFlagItWarnsOnceNamingTheModuleAndStillRuns() throws Exception {
    Result r = runDemo();
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdout()).contains("== countasync", "CountAsync executed in 1.");
    assertThat(r.stderr().split(WARNING, -1)).hasSize(2);
    assertThat(r.stderr()).contains("--add-opens java.base/java.lang=org.asyncio4j.core");
  }

  private record Result(int exitCode, String stdout, String stderr) {}

  private static Result runDemo(String... jvmOptions)
      throws IOException, InterruptedException, URISyntaxException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java));
    command.addAll(List.of(jvmOptions));
    command.addAll(
        List.of(
            "--module-path",
            locationOf(EventLoop.class) + File.pathSeparator + locationOf(Demo.class),
            "-m",
            "org.asyncio4j.examples/org.asyncio4j.examples.Demo",
            "countasync"));
    Process p = new ProcessBuilder(command).start();
    p.getOutputStream().close();
    // Read both streams fully: the child ends on its own (the program runs in about 1 s).
    var err = p.getErrorStream();
    String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String stderr = new String(err.readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the child JVM ended").isTrue();
    return new Result(p.exitValue(), stdout, stderr);
  }

  private static String locationOf(Class<?> c) throws URISyntaxException {
    return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }
}

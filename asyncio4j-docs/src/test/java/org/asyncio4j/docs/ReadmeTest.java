package org.asyncio4j.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What README.md tells a new user holds (issue 7): the coordinates are the POM's, every path it
 * names is in the repository, and no link leads out of it. Its Java blocks are compiled by {@link
 * DocExamplesCompileTest}.
 */
class ReadmeTest {
  private static final Path ROOT = DocExamplesCompileTest.repositoryRoot();

  @Test
  void theMavenAndGradleCoordinatesAreThePoms() throws IOException {
    String pom = read(ROOT.resolve("pom.xml"));
    String groupId = firstGroup(pom, "<groupId>([^<]+)</groupId>");
    String version = firstGroup(pom, "<version>([^<]+)</version>");
    String jspecify = firstGroup(pom, "<jspecify.version>([^<]+)</jspecify.version>");
    assertThat(read(ROOT.resolve("asyncio4j-core/pom.xml")))
        .contains("<artifactId>asyncio4j-core</artifactId>");
    assertThat(read(ROOT.resolve("asyncio4j-test/pom.xml")))
        .contains("<artifactId>asyncio4j-test</artifactId>");

    String readme = read(ROOT.resolve("README.md"));
    for (String artifact : List.of("asyncio4j-core", "asyncio4j-test")) {
      assertThat(readme)
          .contains(
              "<groupId>"
                  + groupId
                  + "</groupId>\n  <artifactId>"
                  + artifact
                  + "</artifactId>\n  <version>"
                  + version
                  + "</version>")
          .contains("\"" + groupId + ":" + artifact + ":" + version + "\"");
    }
    assertThat(readme)
        .contains("asyncio4j-core/target/asyncio4j-core-" + version + ".jar")
        .contains(
            "~/.m2/repository/"
                + groupId.replace('.', '/')
                + "/asyncio4j-core/"
                + version
                + "/asyncio4j-core-"
                + version
                + ".jar")
        .contains("org.jspecify:jspecify:" + jspecify);
  }

  @Test
  void noLinkOrPathLeadsOutOfTheRepository() throws IOException {
    String readme = read(ROOT.resolve("README.md"));
    assertThat(readme).doesNotContain("http://", "https://", "../");
    List<String> links = new ArrayList<>();
    Matcher m = Pattern.compile("\\]\\(([^)]+)\\)").matcher(readme);
    while (m.find()) {
      links.add(m.group(1));
    }
    assertThat(links).allSatisfy(link -> assertThat(ROOT.resolve(link)).exists());
  }

  @Test
  void everyFileOfTheRepositoryItNamesExists() throws IOException {
    String readme = read(ROOT.resolve("README.md"));
    Matcher m = Pattern.compile("`((?:scripts|docs|asyncio4j-[a-z]+)/[^`\\s]*)`").matcher(readme);
    List<String> named = new ArrayList<>();
    while (m.find()) {
      named.add(m.group(1));
    }
    assertThat(named).contains("scripts/demo", "docs/blocking-calls.md");
    // Build outputs (target/) exist only after a build.
    assertThat(named.stream().filter(p -> !p.contains("/target/")))
        .allSatisfy(p -> assertThat(ROOT.resolve(p)).exists());
  }

  private static String read(Path p) throws IOException {
    return Files.readString(p, StandardCharsets.UTF_8);
  }

  private static String firstGroup(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertThat(m.find()).as("%s in the POM", regex).isTrue();
    return m.group(1);
  }
}

package org.asyncio4j.http.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.Type;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.asyncio4j.http.JsonCodec;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonCodecLookupTest {
  @TempDir Path dir;

  /** A provider for the lookup to find; it encodes nothing useful. */
  public static final class StubCodec implements JsonCodec {
    @Override
    public byte[] encode(@Nullable Object value) {
      return "stub".getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public @Nullable Object decode(byte[] json) {
      return "stub";
    }

    @Override
    public <T> @Nullable T decode(byte[] json, Class<T> type) {
      return null;
    }

    @Override
    public @Nullable Object decode(byte[] json, Type type) {
      return null;
    }
  }

  @Test
  void withoutAProviderTheErrorNamesTheJarToAdd() {
    // asyncio4j-http's own tests have no codec on the class path
    assertThatThrownBy(JsonCodec::getDefault)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("No JsonCodec found")
        .hasMessageContaining("org.asyncio4j:asyncio4j-http-jackson")
        .hasMessageContaining("META-INF/services/org.asyncio4j.http.JsonCodec");
  }

  @Test
  void aProviderNamedInMetaInfServicesIsFound() throws IOException {
    try (URLClassLoader loader = loaderWithServiceFile(StubCodec.class.getName())) {
      assertThat(JsonCodecLookup.load(loader)).isInstanceOf(StubCodec.class);
    }
  }

  @Test
  void aProviderThatCannotBeLoadedIsReportedAsSuch() throws IOException {
    try (URLClassLoader loader = loaderWithServiceFile("org.example.NoSuchCodec")) {
      assertThatThrownBy(() -> JsonCodecLookup.load(loader))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("could not be loaded")
          .hasMessageContaining("org.example.NoSuchCodec");
    }
  }

  private URLClassLoader loaderWithServiceFile(String provider) throws IOException {
    Path services = Files.createDirectories(dir.resolve("META-INF/services"));
    Files.writeString(
        services.resolve(JsonCodec.class.getName()), provider + "\n", StandardCharsets.UTF_8);
    return new URLClassLoader(
        new URL[] {dir.toUri().toURL()}, JsonCodecLookupTest.class.getClassLoader());
  }
}

package org.asyncio4j.http.jackson;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.asyncio4j.EventLoop;
import org.asyncio4j.http.JsonCodec;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.json.JsonMapper;

/** Adding the jar is all a user does: the codec is found on the class path and the module path. */
class JsonCodecDiscoveryTest {
  @Test
  void onTheClassPathServiceLoaderFindsTheJacksonCodec() {
    // Surefire runs these tests on the class path: META-INF/services is what finds it
    JsonCodec codec = JsonCodec.getDefault();
    assertThat(codec).isInstanceOf(JacksonJsonCodec.class);
    assertThat(JsonCodec.getDefault()).isSameAs(codec);
    assertThat(new String(codec.encode(List.of(1)), StandardCharsets.UTF_8)).isEqualTo("[1]");
  }

  @Test
  void onTheModulePathTheProvidesClauseFindsTheJacksonCodec() throws Exception {
    // The same classes and jars as named modules in a layer of their own: only module-info's
    // `provides` (and the http module's `uses`) can make the lookup succeed there.
    ModuleFinder finder =
        ModuleFinder.of(
            codeSource(JacksonJsonCodec.class),
            codeSource(JsonCodec.class),
            codeSource(EventLoop.class),
            codeSource(JsonMapper.class),
            codeSource(JsonParser.class),
            codeSource(com.fasterxml.jackson.annotation.JsonProperty.class));
    Configuration cf =
        ModuleLayer.boot()
            .configuration()
            .resolveAndBind(finder, ModuleFinder.of(), Set.of("org.asyncio4j.http"));
    ModuleLayer layer =
        ModuleLayer.boot().defineModulesWithOneLoader(cf, ClassLoader.getPlatformClassLoader());
    assertThat(layer.findModule("org.asyncio4j.http.jackson")).isPresent();

    ClassLoader loader = layer.findLoader("org.asyncio4j.http");
    Class<?> codecType = Class.forName("org.asyncio4j.http.JsonCodec", true, loader);
    assertThat(codecType).isNotSameAs(JsonCodec.class);
    Object codec = codecType.getMethod("getDefault").invoke(null);
    assertThat(codec.getClass().getName()).isEqualTo(JacksonJsonCodec.class.getName());
    assertThat(codec.getClass().getModule().getName()).isEqualTo("org.asyncio4j.http.jackson");
    byte[] encoded = (byte[]) codecType.getMethod("encode", Object.class).invoke(codec, List.of(2));
    assertThat(new String(encoded, StandardCharsets.UTF_8)).isEqualTo("[2]");
  }

  private static Path codeSource(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }
}

package org.asyncio4j.test;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit Jupiter extension that hands each test method a fresh {@link TestLoop} parameter and closes
 * it after the test.
 *
 * <pre>{@code
 * @ExtendWith(TestLoopExtension.class)
 * class RetryTest {
 *   @Test
 *   void backsOff(TestLoop loop) {
 *     loop.run(() -> retry.call());
 *     assertThat(loop.elapsed()).isEqualTo(Duration.ofSeconds(7));
 *   }
 * }
 * }</pre>
 */
// JUnit is "requires static" on purpose (users bring their own): not "requires transitive"
@SuppressWarnings("exports")
public final class TestLoopExtension implements ParameterResolver, AfterEachCallback {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(TestLoopExtension.class);

  /** Creates the extension (JUnit does, through {@code @ExtendWith}). */
  public TestLoopExtension() {}

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestLoop.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    TestLoop loop = TestLoop.create();
    context.getStore(NAMESPACE).put(context.getUniqueId(), loop);
    return loop;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    TestLoop loop = context.getStore(NAMESPACE).remove(context.getUniqueId(), TestLoop.class);
    if (loop != null) {
      loop.close();
    }
  }
}

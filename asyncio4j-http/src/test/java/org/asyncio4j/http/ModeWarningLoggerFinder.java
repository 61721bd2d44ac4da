package org.asyncio4j.http;

import java.text.MessageFormat;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * This test JVM's {@link System.LoggerFinder} (registered in {@code
 * META-INF/services/java.lang.System$LoggerFinder} of the test resources): prints INFO and worse to
 * {@code System.err}, as the default backend would, except the runtime's once-per-JVM warning that
 * it falls back to the public-API mode. In the Surefire execution without {@code --add-opens} that
 * warning is expected, so it is kept for {@link ModeWarningTest} instead of being printed; in the
 * hook-mode execution it would be a fault, and it is printed.
 *
 * <p>asyncio4j-core's tests have a fuller version of this (CapturingLoggerFinder, with LogCapture).
 * Threading: any thread.
 */
public final class ModeWarningLoggerFinder extends System.LoggerFinder {
  /** How the runtime's warning about the public-API mode begins. */
  static final String FALLBACK_WARNING = "asyncio4j runs its tasks in the slower public-API mode";

  /** The public-API-mode warnings kept so far (public-API mode only). */
  static final CopyOnWriteArrayList<String> FALLBACK_WARNINGS = new CopyOnWriteArrayList<>();

  /** Called by the JDK's ServiceLoader. */
  public ModeWarningLoggerFinder() {}

  /**
   * Returns the logger named {@code name}.
   *
   * @param name the logger's name
   * @param module the caller's module (unused)
   * @return a logger printing to System.err, keeping the expected public-API-mode warning
   */
  @Override
  public System.Logger getLogger(String name, Module module) {
    return new PrintingLogger(name);
  }

  private record PrintingLogger(String name) implements System.Logger {
    @Override
    public String getName() {
      return name;
    }

    @Override
    public boolean isLoggable(Level level) {
      return level.getSeverity() >= Level.INFO.getSeverity();
    }

    @Override
    public void log(
        Level level, @Nullable ResourceBundle bundle, @Nullable String msg, @Nullable Throwable t) {
      publish(level, String.valueOf(msg), t);
    }

    @Override
    public void log(
        Level level,
        @Nullable ResourceBundle bundle,
        @Nullable String format,
        @Nullable Object... params) {
      String text = String.valueOf(format);
      if (params != null && params.length > 0) {
        text = MessageFormat.format(text, params);
      }
      publish(level, text, null);
    }

    private void publish(Level level, String text, @Nullable Throwable t) {
      if (!isLoggable(level)) {
        return;
      }
      if (name.equals("org.asyncio4j")
          && level == Level.WARNING
          && text.startsWith(FALLBACK_WARNING)
          && "public".equals(System.getProperty("asyncio4j.test.expectedMode"))) {
        FALLBACK_WARNINGS.add(text);
        return;
      }
      System.err.println(name + " " + level + ": " + text); // not "[LEVEL]": Maven's own prefix
      if (t != null) {
        t.printStackTrace();
      }
    }
  }
}

package org.asyncio4j;

import java.text.MessageFormat;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The test JVM's {@link System.LoggerFinder} (registered in {@code
 * META-INF/services/java.lang.System$LoggerFinder} of the test resources; tests run on the class
 * path): prints INFO and worse to {@code System.err}, as the default backend would, and hands the
 * warnings of the runtime's logger {@code org.asyncio4j} to the open {@link LogCapture}s instead.
 *
 * <p>It lets a test see what the loop, a task or the stall watchdog logs, from any thread, with no
 * seam in the runtime. Threading: any thread.
 *
 * <p>asyncio: the tests' {@code mock.patch('asyncio.base_events.logger')}
 *
 * <pre>{@code
 * try (LogCapture log = LogCapture.warnings()) { ... log.messages() ... }
 * }</pre>
 */
public final class CapturingLoggerFinder extends System.LoggerFinder {
  static final String RUNTIME_LOGGER = "org.asyncio4j";

  /** The open captures; empty most of the time. */
  static final CopyOnWriteArrayList<Consumer<String>> LISTENERS = new CopyOnWriteArrayList<>();

  /** Called by the JDK's ServiceLoader. */
  public CapturingLoggerFinder() {}

  /**
   * Returns the logger named {@code name}.
   *
   * @param name the logger's name
   * @param module the caller's module (unused)
   * @return a logger printing to System.err, or to the captures for the runtime's warnings
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
      if (name.equals(RUNTIME_LOGGER)
          && level.getSeverity() >= Level.WARNING.getSeverity()
          && !LISTENERS.isEmpty()) {
        for (Consumer<String> l : LISTENERS) {
          l.accept(text);
        }
        return;
      }
      System.err.println(name + " " + level + ": " + text); // not "[LEVEL]": Maven's own prefix
      if (t != null) {
        t.printStackTrace();
      }
    }
  }
}

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

  /** How the runtime's once-per-JVM warning about the public-API mode begins. */
  static final String FALLBACK_WARNING = "asyncio4j runs its tasks in the slower public-API mode";

  /**
   * The public-API-mode warnings logged so far. In the Surefire execution that runs without {@code
   * --add-opens} the warning is expected (the first loop of the JVM logs it), so it is kept here
   * for SchedulerModeWarningTest instead of being printed; in the hook-mode execution it would be a
   * fault and is printed.
   */
  static final CopyOnWriteArrayList<String> FALLBACK_WARNINGS = new CopyOnWriteArrayList<>();

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
          && level == Level.WARNING
          && text.startsWith(FALLBACK_WARNING)
          && "public".equals(System.getProperty("asyncio4j.test.expectedMode"))) {
        FALLBACK_WARNINGS.add(text);
        return;
      }
      if (name.equals(RUNTIME_LOGGER)
          && level.getSeverity() >= Level.WARNING.getSeverity()
          && !LISTENERS.isEmpty()) {
        // The exception's first line goes with the message, so a test can check what was logged.
        String captured = t == null ? text : text + "\n" + t;
        for (Consumer<String> l : LISTENERS) {
          l.accept(captured);
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

package org.asyncio4j.http;

import java.io.Serial;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * Bytes that are not the JSON expected: not JSON at all, more than one value, or a value that does
 * not fit the type it was to be bound to. The message names the position (line, column and byte
 * offset, each counted from 1 but the offset, which counts from 0) as Python's {@code
 * json.JSONDecodeError} does, and the accessors give it to programs.
 *
 * <pre>{@code
 * try {
 *   JsonCodec.getDefault().decode("{\"a\": }".getBytes(StandardCharsets.UTF_8));
 * } catch (JsonDecodeException e) {
 *   System.out.println("bad JSON at line " + e.line() + ", column " + e.column());
 * }
 * }</pre>
 *
 * <p>It is an {@link IllegalArgumentException}, as {@code JSONDecodeError} is a {@code ValueError}.
 *
 * <p>aiohttp: whatever {@code loads} raises ({@code json.JSONDecodeError} by default)
 */
@NullMarked
public class JsonDecodeException extends IllegalArgumentException {
  @Serial private static final long serialVersionUID = 1L;

  private final int line;
  private final int column;
  private final long offset;

  /**
   * Creates one.
   *
   * @param problem what is wrong, without the position (this class adds it)
   * @param line the line of the problem, from 1; 0 if unknown
   * @param column the column of the problem, from 1; 0 if unknown
   * @param offset the byte offset of the problem, from 0; -1 if unknown
   * @param cause the codec library's own exception, if any
   */
  public JsonDecodeException(
      String problem, int line, int column, long offset, @Nullable Throwable cause) {
    super(message(problem, line, column, offset), cause);
    this.line = line;
    this.column = column;
    this.offset = offset;
  }

  private static String message(String problem, int line, int column, long offset) {
    StringBuilder m = new StringBuilder("Invalid JSON");
    if (line > 0) {
      m.append(" at line ").append(line);
      if (column > 0) {
        m.append(", column ").append(column);
      }
      if (offset >= 0) {
        m.append(" (byte offset ").append(offset).append(')');
      }
    } else if (offset >= 0) {
      m.append(" at byte offset ").append(offset);
    }
    return m.append(": ").append(problem).toString();
  }

  /**
   * The line of the problem.
   *
   * @return the line, from 1; 0 if unknown
   */
  public int line() {
    return line;
  }

  /**
   * The column of the problem.
   *
   * @return the column, from 1; 0 if unknown
   */
  public int column() {
    return column;
  }

  /**
   * The byte offset of the problem in the document.
   *
   * @return the offset, from 0; -1 if unknown
   */
  public long offset() {
    return offset;
  }
}

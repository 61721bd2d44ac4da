package org.asyncio4j;

import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A variable whose value depends on the {@link Context} it is read in: each task sees the value it
 * inherited when it was created, or the one it set itself since.
 *
 * <pre>{@code
 * static final ContextVar<String> REQUEST_ID = new ContextVar<>("request_id");
 *
 * ContextVar.Token<String> token = REQUEST_ID.set("r-42");
 * try {
 *   handle();                       // tasks created here inherit "r-42"
 * } finally {
 *   REQUEST_ID.reset(token);
 * }
 * }</pre>
 *
 * <p>asyncio: {@code contextvars.ContextVar}
 *
 * @param <T> the value type
 */
public final class ContextVar<T> {
  private final String name;
  private final @Nullable T defaultValue;
  private final boolean hasDefault;

  /**
   * Creates a variable without a default.
   *
   * @param name its name, for messages
   */
  public ContextVar(String name) {
    this.name = name;
    this.defaultValue = null;
    this.hasDefault = false;
  }

  /**
   * Creates a variable with a default value.
   *
   * @param name its name, for messages
   * @param defaultValue the value {@link #get()} returns where the variable was never set
   */
  public ContextVar(String name, T defaultValue) {
    this.name = name;
    this.defaultValue = defaultValue;
    this.hasDefault = true;
  }

  /**
   * Returns the variable's name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Returns the value in the current context, or the default.
   *
   * <p>asyncio: {@code ContextVar.get()}
   *
   * @return the value
   * @throws java.util.NoSuchElementException (a {@code LookupError} in Python) if it has neither
   */
  public T get() {
    Context ctx = Context.current();
    if (ctx.contains(this)) {
      return ctx.get(this);
    }
    if (hasDefault) {
      return defaultValue;
    }
    throw new java.util.NoSuchElementException(
        "ContextVar '" + name + "' has no value in this context and no default");
  }

  /**
   * Returns the value in the current context, or {@code fallback}.
   *
   * <p>asyncio: {@code ContextVar.get(default)}
   *
   * @param fallback what to return where the variable is not set
   * @return the value or fallback
   */
  public @Nullable T get(@Nullable T fallback) {
    Context ctx = Context.current();
    return ctx.contains(this) ? ctx.get(this) : fallback;
  }

  /**
   * Sets the value in the current context.
   *
   * <p>asyncio: {@code ContextVar.set}
   *
   * @param value the new value
   * @return a token for {@link #reset(Token)}
   */
  public Token<T> set(@Nullable T value) {
    Context ctx = Context.current();
    Map<ContextVar<?>, Object> old = ctx.values();
    boolean had = old.containsKey(this);
    @SuppressWarnings("unchecked")
    T previous = (T) old.get(this);
    Map<ContextVar<?>, Object> next = new HashMap<>(old);
    next.put(this, value);
    ctx.replaceValues(java.util.Collections.unmodifiableMap(next));
    return new Token<>(this, ctx, had, previous);
  }

  /**
   * Restores the value the variable had before the {@link #set} that returned {@code token}.
   *
   * <p>asyncio: {@code ContextVar.reset}
   *
   * @param token from {@link #set}, in the same context
   * @throws IllegalStateException if the token was used already
   * @throws IllegalArgumentException if it belongs to another variable or context
   */
  public void reset(Token<T> token) {
    if (token.used) {
      throw new IllegalStateException("Token for ContextVar '" + name + "' has already been used");
    }
    if (token.variable != this) {
      throw new IllegalArgumentException(
          "Token was created by ContextVar '" + token.variable.name + "', not '" + name + "'");
    }
    Context ctx = Context.current();
    if (token.context != ctx) {
      throw new IllegalArgumentException(
          "Token for ContextVar '" + name + "' was created in a different Context");
    }
    token.used = true;
    Map<ContextVar<?>, Object> next = new HashMap<>(ctx.values());
    if (token.hadValue) {
      next.put(this, token.oldValue);
    } else {
      next.remove(this);
    }
    ctx.replaceValues(java.util.Collections.unmodifiableMap(next));
  }

  @Override
  public String toString() {
    return "<ContextVar name='" + name + "'" + (hasDefault ? " default=" + defaultValue : "") + ">";
  }

  /**
   * What {@link ContextVar#set} returns, to undo it with {@link ContextVar#reset}.
   *
   * <p>asyncio: {@code contextvars.Token}
   *
   * @param <T> the variable's type
   */
  public static final class Token<T> {
    private final ContextVar<T> variable;
    private final Context context;
    private final boolean hadValue;
    private final @Nullable T oldValue;
    private boolean used;

    Token(ContextVar<T> variable, Context context, boolean hadValue, @Nullable T oldValue) {
      this.variable = variable;
      this.context = context;
      this.hadValue = hadValue;
      this.oldValue = oldValue;
    }

    /**
     * Returns the variable this token belongs to.
     *
     * @return the variable
     */
    public ContextVar<T> variable() {
      return variable;
    }

    /**
     * Returns the value before the set, or null if there was none.
     *
     * @return the old value
     */
    public @Nullable T oldValue() {
      return oldValue;
    }
  }
}

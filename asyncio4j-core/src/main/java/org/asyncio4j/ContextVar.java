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
 * static void serve() {
 *   ContextVar.Token<String> token = REQUEST_ID.set("r-42");
 *   try {
 *     handle();                     // tasks created here inherit "r-42"
 *   } finally {
 *     REQUEST_ID.reset(token);
 *   }
 * }
 * }</pre>
 *
 * <p>asyncio: {@code contextvars.ContextVar}
 *
 * @param <T> the value type; nullable ({@code ContextVar<@Nullable String>}) to allow setting null
 */
public final class ContextVar<T extends @Nullable Object> {
  private final String name;

  /** The default, boxed because it may be null when {@code T} is nullable; null if none. */
  private final @Nullable Default<T> defaultValue;

  private record Default<V extends @Nullable Object>(V value) {}

  /**
   * Creates a variable without a default.
   *
   * @param name its name, for messages
   */
  public ContextVar(String name) {
    this.name = name;
    this.defaultValue = null;
  }

  /**
   * Creates a variable with a default value.
   *
   * @param name its name, for messages
   * @param defaultValue the value {@link #get()} returns where the variable was never set
   */
  public ContextVar(String name, T defaultValue) {
    this.name = name;
    this.defaultValue = new Default<>(defaultValue);
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
    Map<ContextVar<?>, Object> values = Context.current().values();
    if (values.containsKey(this)) {
      return valueIn(values);
    }
    Default<T> d = defaultValue;
    if (d != null) {
      return d.value();
    }
    throw new java.util.NoSuchElementException(
        "ContextVar '" + name + "' has no value in this context and no default");
  }

  /** The value of this variable in {@code values}, which must contain it. */
  // set(T) and reset(Token<T>) are the only writers of this key, so the value is a T: null only
  // when T is nullable. NullAway reads Map.get as @Nullable whatever the map holds.
  @SuppressWarnings({"unchecked", "NullAway"})
  private T valueIn(Map<ContextVar<?>, Object> values) {
    return (T) values.get(this);
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
  public Token<T> set(T value) {
    Context ctx = Context.current();
    Map<ContextVar<?>, Object> old = ctx.values();
    boolean had = old.containsKey(this);
    @SuppressWarnings("unchecked")
    @Nullable T previous = (T) old.get(this);
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
    return "<ContextVar name='"
        + name
        + "'"
        + (defaultValue != null ? " default=" + defaultValue.value() : "")
        + ">";
  }

  /**
   * What {@link ContextVar#set} returns, to undo it with {@link ContextVar#reset}.
   *
   * <p>asyncio: {@code contextvars.Token}
   *
   * @param <T> the variable's type
   */
  public static final class Token<T extends @Nullable Object> {
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

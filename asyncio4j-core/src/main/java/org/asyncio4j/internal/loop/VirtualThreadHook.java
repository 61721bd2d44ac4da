package org.asyncio4j.internal.loop;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * The JDK's custom virtual-thread scheduler hook, reached by reflection.
 *
 * <p>JDK 25 has no public API for a custom virtual-thread scheduler. Its package-private {@code
 * java.lang.ThreadBuilders.newVirtualThread(Executor, ...)} (what the package-private builder
 * constructor {@code ThreadBuilders$VirtualThreadBuilder(Executor)}, "invoked by tests", calls for
 * every thread) builds virtual threads whose continuations are handed to the given executor; that
 * is what makes the event loop the scheduler of its tasks. Opening it needs {@code --add-opens
 * java.base/java.lang=ALL-UNNAMED} (class path) or {@code =org.asyncio4j.core} (module path). See
 * {@code shared/design/RUNTIME.md} for the measurements and the traps.
 *
 * <p>Availability is probed once. When the hook is missing the runtime falls back to the public-API
 * scheduler and logs one warning saying how to enable the fast mode.
 */
public final class VirtualThreadHook {
  private static final System.Logger LOG = System.getLogger("org.asyncio4j");

  /** The JDK's system property that chooses how {@code sun.nio.ch.Poller} waits for sockets. */
  static final String POLLER_MODE_PROPERTY = "jdk.pollerMode";

  /** {@code SYSTEM_THREADS}: the JDK's socket pollers are platform threads. */
  static final String POLLER_MODE_SYSTEM_THREADS = "1";

  private static final @Nullable MethodHandle CURRENT_CARRIER;

  /**
   * {@code ThreadBuilders.newVirtualThread(Executor, String, int, Runnable)}, what a factory calls.
   */
  private static final @Nullable MethodHandle NEW_VIRTUAL_THREAD;

  /** Reads a virtual thread's {@code scheduler} field, typed {@code (Thread)Executor}. */
  private static final @Nullable MethodHandle SCHEDULER_OF;

  private static final @Nullable Class<?> VIRTUAL_THREAD_CLASS;
  private static final @Nullable Throwable UNAVAILABLE_BECAUSE;
  private static volatile boolean warned;

  static {
    MethodHandle carrier = null;
    MethodHandle newThread = null;
    MethodHandle schedulerOf = null;
    Class<?> virtualThread = null;
    Throwable failure = null;
    try {
      MethodHandles.Lookup lookup =
          MethodHandles.privateLookupIn(Thread.class, MethodHandles.lookup());
      carrier =
          lookup.findStatic(
              Thread.class, "currentCarrierThread", MethodType.methodType(Thread.class));
      Class<?> builders = Class.forName("java.lang.ThreadBuilders");
      newThread =
          MethodHandles.privateLookupIn(builders, MethodHandles.lookup())
              .findStatic(
                  builders,
                  "newVirtualThread",
                  MethodType.methodType(
                      Thread.class, Executor.class, String.class, int.class, Runnable.class));
      virtualThread = Class.forName("java.lang.VirtualThread");
      schedulerOf =
          MethodHandles.privateLookupIn(virtualThread, MethodHandles.lookup())
              .findGetter(virtualThread, "scheduler", Executor.class)
              .asType(MethodType.methodType(Executor.class, Thread.class));
    } catch (ReflectiveOperationException | RuntimeException e) {
      carrier = null;
      newThread = null;
      schedulerOf = null;
      virtualThread = null;
      failure = e;
    }
    CURRENT_CARRIER = carrier;
    NEW_VIRTUAL_THREAD = newThread;
    SCHEDULER_OF = schedulerOf;
    VIRTUAL_THREAD_CLASS = virtualThread;
    UNAVAILABLE_BECAUSE = failure;
    if (newThread != null) {
      keepJdkPollersOffTheLoops();
    }
  }

  private VirtualThreadHook() {}

  /**
   * Keeps the JDK's socket pollers off every loop, without starting them before a socket needs
   * them.
   *
   * <p>The trap (RUNTIME.md part 2): in the JDK's default mode on Linux ({@code VTHREAD_POLLERS})
   * the pollers are virtual threads created with {@code Thread.ofVirtual()}, which inherits the
   * creating virtual thread's scheduler. If the JVM's first blocking socket call happened inside a
   * task, the pollers would live on that loop and hang every later socket call once it closed.
   *
   * <p>Initialising {@code sun.nio.ch.Poller} here, from the thread that probes the hook, avoided
   * that, but started its {@code MasterPoller} thread in every hook-mode program. That thread waits
   * in native code ({@code epoll_wait}), and a JVM that exits waits up to 300 ms for threads in
   * native code ({@code -XX:UserThreadWaitAttemptsAtExit=30}, 10 ms each): a hello world exited 300
   * ms later than in the public mode (issue 7). So when the user has not chosen a mode, this
   * chooses {@code SYSTEM_THREADS}, where the pollers are platform threads, which no scheduler can
   * capture, and they start only with the first socket call, as without asyncio4j. A user who chose
   * a mode keeps it; for {@code VTHREAD_POLLERS} the pollers are still initialised here, as before.
   *
   * <p>Speed does not decide between the two modes. A round trip through blocking sockets between
   * two tasks of one loop took 122 us with {@code SYSTEM_THREADS} and 29.6 us with {@code
   * VTHREAD_POLLERS} (RUNTIME.md part 5b); between a task and an echo thread, 44 us against 126 to
   * 176 us (issue 7). The loop's own selector, which streams will use, beats both.
   */
  private static void keepJdkPollersOffTheLoops() {
    String chosen = System.getProperty(POLLER_MODE_PROPERTY);
    if (chosen == null) {
      // Read once by Poller's static initialiser: too late (and harmless) if a socket call of the
      // program already initialised it, and then it was not made inside a task of ours.
      System.setProperty(POLLER_MODE_PROPERTY, POLLER_MODE_SYSTEM_THREADS);
    } else if (!chosen.equals(POLLER_MODE_SYSTEM_THREADS)
        && !chosen.equalsIgnoreCase("SYSTEM_THREADS")) {
      try {
        Class.forName("sun.nio.ch.Poller", true, ClassLoader.getSystemClassLoader());
      } catch (ClassNotFoundException | LinkageError e) {
        LOG.log(System.Logger.Level.DEBUG, "sun.nio.ch.Poller not initialised", e);
      }
    }
  }

  /**
   * Returns whether the hook can be used in this JVM.
   *
   * @return true when java.lang is open to this module and the constructor exists
   */
  public static boolean isAvailable() {
    return CURRENT_CARRIER != null && NEW_VIRTUAL_THREAD != null && SCHEDULER_OF != null;
  }

  /**
   * Returns a new, unstarted, unnamed virtual thread that runs {@code body} and is scheduled by
   * {@code scheduler}: one scheduler object per thread, if the caller wants, so that {@link
   * #schedulerOf} can tell from a thread alone what it belongs to (a task of a loop) without a
   * thread-local or scoped value, which cost about 200 bytes per thread (the JDK's per-thread cache
   * of scoped values) and a lookup on every call. The threads are those of {@code
   * ThreadBuilders$VirtualThreadBuilder(Executor)}, the package-private constructor RUNTIME.md
   * measured: both call the same JDK method.
   *
   * @param scheduler the executor that receives the thread's continuations
   * @param body what the thread runs
   * @return the thread, not started
   * @throws IllegalStateException if the hook is not available
   */
  public static Thread newThread(Executor scheduler, Runnable body) {
    MethodHandle h = NEW_VIRTUAL_THREAD;
    if (h == null) {
      throw new IllegalStateException(unavailableMessage(), UNAVAILABLE_BECAUSE);
    }
    try {
      return (Thread) h.invokeExact(scheduler, (String) null, 0, body);
    } catch (Throwable t) {
      throw new IllegalStateException("cannot create a virtual thread", t);
    }
  }

  /**
   * Returns the scheduler of {@code thread} when it is a virtual thread and the hook is available,
   * else null. A virtual thread started from another inherits its scheduler (JDK 25), so the
   * scheduler alone does not say the thread is the one it was made for: compare the threads.
   *
   * @param thread any thread
   * @return the executor that schedules it, or null
   */
  public static @Nullable Executor schedulerOf(Thread thread) {
    MethodHandle h = SCHEDULER_OF;
    if (h == null || thread.getClass() != VIRTUAL_THREAD_CLASS) {
      return null;
    }
    try {
      return (Executor) h.invokeExact(thread);
    } catch (Throwable t) {
      throw new IllegalStateException("cannot read a virtual thread's scheduler", t);
    }
  }

  /**
   * Returns {@code Thread.currentCarrierThread()}: the platform thread that carries the calling
   * virtual thread, or the calling thread itself when it is a platform thread. The handle is read
   * from a static final field so that the JIT folds it and inlines the JDK intrinsic (a register
   * read); invoked through an instance field it stays a native call, which took 14% of the W4
   * workload's time in the hook scheduler's hot path.
   *
   * @return the carrier thread
   * @throws IllegalStateException if the hook is not available
   */
  public static Thread currentCarrier() {
    MethodHandle h = CURRENT_CARRIER;
    if (h == null) {
      throw new IllegalStateException(unavailableMessage(), UNAVAILABLE_BECAUSE);
    }
    try {
      return (Thread) h.invokeExact();
    } catch (Throwable t) {
      throw new IllegalStateException("Thread.currentCarrierThread() failed", t);
    }
  }

  /** Logs, once per JVM, that the slower public-API mode is in use and how to leave it. */
  public static void warnFallbackOnce() {
    if (!warned) {
      synchronized (VirtualThreadHook.class) {
        if (!warned) {
          warned = true;
          LOG.log(System.Logger.Level.WARNING, unavailableMessage());
        }
      }
    }
  }

  /**
   * Explains why the fast mode is off and which flag turns it on here.
   *
   * @return the message
   */
  public static String unavailableMessage() {
    Module m = VirtualThreadHook.class.getModule();
    String target = m.isNamed() ? m.getName() : "ALL-UNNAMED";
    return "asyncio4j runs its tasks in the slower public-API mode because java.lang is not open"
        + " to it. For the fast mode (tasks scheduled by the event loop itself) start the JVM"
        + " with --add-opens java.base/java.lang="
        + target
        + " (an executable jar can say Add-Opens: java.base/java.lang in its manifest)."
        + (UNAVAILABLE_BECAUSE == null ? "" : " Cause: " + UNAVAILABLE_BECAUSE);
  }
}

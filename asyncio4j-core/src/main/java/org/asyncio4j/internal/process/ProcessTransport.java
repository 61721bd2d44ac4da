package org.asyncio4j.internal.process;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.asyncio4j.CancelledException;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Future;
import org.asyncio4j.internal.loop.LoopAccess;
import org.asyncio4j.net.BaseProtocol;
import org.asyncio4j.net.BaseTransport;
import org.asyncio4j.net.Protocol;
import org.asyncio4j.net.Transport;
import org.asyncio4j.process.SubprocessProtocol;
import org.asyncio4j.process.SubprocessTransport;
import org.jspecify.annotations.Nullable;

/**
 * A child process, its pipe transports, and the order in which its protocol hears of them.
 *
 * <p>Life cycle, all on the loop: {@link #start} starts the child and its pipe threads; {@code
 * connectionMade} runs on the next turn, and what the pipes delivered before it waits in {@code
 * pendingCalls} (asyncio's {@code _pending_calls}). The child's exit comes from {@link
 * Process#onExit()} on a JDK thread, through {@code callSoonThreadsafe}; it is held until every
 * read pipe has reached its end, so that the protocol has all the output before {@code
 * processExited}. Then the stdin pipe is lost (nobody reads it any more), and once every pipe is
 * lost {@code connectionLost} runs and the {@link #waitForExit} waiters get the return code.
 *
 * <p>The loop counts the child as outside activity from start to {@code connectionLost} (or the
 * loop's close), so a task waiting for it is not taken for a deadlock.
 *
 * <p>asyncio: {@code base_subprocess.BaseSubprocessTransport} and {@code
 * unix_events._UnixSubprocessTransport}, with {@code Process.onExit()} as the child watcher.
 */
public final class ProcessTransport implements SubprocessTransport {
  private static final LoopAccess ACCESS = LoopAccess.get();
  private static final System.Logger LOG = System.getLogger("org.asyncio4j");

  private final EventLoop loop;
  private final Process process;
  private final long pid;
  private final String program;
  private SubprocessProtocol protocol;

  private final Map<Integer, BaseTransport> pipes = new LinkedHashMap<>();
  private @Nullable ArrayDeque<Runnable> pendingCalls = new ArrayDeque<>();
  private final List<Future<Integer>> exitWaiters = new ArrayList<>();
  private @Nullable Integer exitValue;
  private @Nullable Integer returncode;
  private boolean closed;
  private boolean finished;
  private boolean holding;
  private final LoopProcesses registry;

  private ProcessTransport(
      EventLoop loop, Process process, String program, SubprocessProtocol protocol) {
    this.loop = loop;
    this.process = process;
    this.pid = process.pid();
    this.program = program;
    this.protocol = protocol;
    this.registry = LoopProcesses.of(loop);
  }

  /**
   * Starts the child described by {@code builder} and connects its pipes; suspends the calling task
   * until the protocol's {@code connectionMade} has run. If the task is cancelled meanwhile, the
   * child is killed (asyncio: test_cancel_make_subprocess_transport_exec).
   *
   * @param loop the running loop
   * @param factory makes the protocol
   * @param builder the child's command and redirects
   * @param <P> the protocol type
   * @return the transport; its protocol is {@code getProtocol()}
   * @throws java.io.UncheckedIOException if the child cannot be started (no such program)
   */
  public static <P extends SubprocessProtocol> ProcessTransport start(
      EventLoop loop, Supplier<P> factory, ProcessBuilder builder) {
    P protocol = factory.get();
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(
          "Cannot start "
              + builder.command()
              + ": "
              + e.getMessage()
              + " (is the program on the PATH and executable?)",
          e);
    }
    ProcessTransport t = new ProcessTransport(loop, process, builder.command().get(0), protocol);
    t.connect(builder);
    Future<@Nullable Void> made = loop.createFuture();
    loop.callSoon(() -> t.connectionMade(made));
    try {
      made.await();
    } catch (CancelledException e) {
      t.close();
      throw e;
    }
    return t;
  }

  private void connect(ProcessBuilder builder) {
    ACCESS.holdOutsideActivity(loop);
    holding = true;
    registry.opened(this);
    if (builder.redirectInput().equals(ProcessBuilder.Redirect.PIPE)) {
      WritePipeTransport stdin =
          new WritePipeTransport(loop, process.getOutputStream(), pid, 0, new PipeProtocol(0));
      pipes.put(0, stdin);
      stdin.start();
    }
    if (builder.redirectOutput().equals(ProcessBuilder.Redirect.PIPE)) {
      ReadPipeTransport stdout =
          new ReadPipeTransport(loop, process.getInputStream(), pid, 1, new PipeProtocol(1));
      pipes.put(1, stdout);
      stdout.start();
    }
    if (!builder.redirectErrorStream()
        && builder.redirectError().equals(ProcessBuilder.Redirect.PIPE)) {
      ReadPipeTransport stderr =
          new ReadPipeTransport(loop, process.getErrorStream(), pid, 2, new PipeProtocol(2));
      pipes.put(2, stderr);
      stderr.start();
    }
    var _ =
        process
            .onExit()
            .whenComplete((p, e) -> {
              int code = process.exitValue();
              try {
                loop.callSoonThreadsafe(() -> exited(code));
              } catch (IllegalStateException loopClosed) {
                // The loop's close released this transport already.
              }
            });
    if (loop.isDebug()) {
      LOG.log(System.Logger.Level.DEBUG, "process {0} created: pid {1}", program, pid);
    }
  }

  private void connectionMade(Future<@Nullable Void> made) {
    try {
      protocol.connectionMade(this);
    } catch (RuntimeException | Error e) {
      // An Error too: the task that starts the child waits on `made`, and must hear of it.
      close();
      if (!made.isDone()) {
        made.setException(e);
      }
      if (e instanceof VirtualMachineError vme) {
        throw vme;
      }
      return;
    }
    ArrayDeque<Runnable> pending = pendingCalls;
    pendingCalls = null;
    if (pending != null) {
      for (Runnable r : pending) {
        loop.callSoon(r);
      }
    }
    // The starting task may have been cancelled meanwhile (and closed us): its future is done.
    if (!made.isDone()) {
      made.setResult(null);
    }
  }

  /** Calls the protocol on a later turn, or after connectionMade if it has not run yet. */
  private void call(Runnable r) {
    ArrayDeque<Runnable> pending = pendingCalls;
    if (pending != null) {
      pending.addLast(r);
    } else {
      loop.callSoon(r);
    }
  }

  // ---------------------------------------------------------------- events

  private void exited(int code) {
    if (exitValue != null) {
      return;
    }
    exitValue = code;
    maybeProcessExited();
  }

  private void maybeProcessExited() {
    Integer code = exitValue;
    if (code == null || returncode != null) {
      return;
    }
    for (Map.Entry<Integer, BaseTransport> e : pipes.entrySet()) {
      if (e.getValue() instanceof ReadPipeTransport r && !r.isDisconnected()) {
        return; // its output first; its end will call us again
      }
    }
    returncode = ExitCodes.returncode(code);
    if (loop.isDebug()) {
      LOG.log(System.Logger.Level.DEBUG, "{0} exited with return code {1}", this, returncode);
    }
    call(protocol::processExited);
    if (pipes.get(0) instanceof WritePipeTransport stdin) {
      stdin.readerGone();
    }
    tryFinish();
  }

  private void pipeConnectionLost(int fd, @Nullable Exception exc) {
    call(() -> protocol.pipeConnectionLost(fd, exc));
    if (fd != 0) {
      maybeProcessExited();
    }
    tryFinish();
  }

  private void tryFinish() {
    if (finished || returncode == null) {
      return;
    }
    for (BaseTransport p : pipes.values()) {
      boolean disconnected =
          p instanceof ReadPipeTransport r
              ? r.isDisconnected()
              : ((WritePipeTransport) p).isDisconnected();
      if (!disconnected) {
        return;
      }
    }
    finished = true;
    call(this::callConnectionLost);
  }

  private void callConnectionLost() {
    try {
      protocol.connectionLost(null);
    } finally {
      // finished implies the exit was delivered
      Integer code = java.util.Objects.requireNonNull(returncode, "returncode");
      for (Future<Integer> w : exitWaiters) {
        if (!w.isDone()) {
          w.setResult(code);
        }
      }
      exitWaiters.clear();
      release();
      registry.finished(this);
    }
  }

  private void release() {
    if (holding) {
      holding = false;
      ACCESS.releaseOutsideActivity(loop);
    }
  }

  /** The loop closes: no turn is left to deliver anything; kill the child and let go. */
  void releaseAtLoopClose() {
    closed = true;
    if (process.isAlive()) {
      process.destroyForcibly();
    }
    for (BaseTransport p : pipes.values()) {
      if (p instanceof ReadPipeTransport r) {
        r.stopAtLoopClose();
      } else {
        ((WritePipeTransport) p).stopAtLoopClose();
      }
    }
    release();
  }

  /**
   * Returns the return code at once if the child's exit was delivered, else suspends the calling
   * task until the child has exited and every pipe is closed. Cancelling the wait leaves the child
   * running.
   *
   * @return the return code
   */
  public int waitForExit() {
    Integer code = returncode;
    if (code != null) {
      return code; // as asyncio's _wait: known once processExited ran
    }
    Future<Integer> w = loop.createFuture();
    exitWaiters.add(w);
    try {
      return w.await();
    } finally {
      exitWaiters.remove(w);
    }
  }

  // ---------------------------------------------------------------- SubprocessTransport

  @Override
  public long getPid() {
    return pid;
  }

  @Override
  public @Nullable Integer getReturncode() {
    return returncode;
  }

  @Override
  public @Nullable BaseTransport getPipeTransport(int fd) {
    return pipes.get(fd);
  }

  @Override
  public void sendSignal(int signal) {
    if (returncode != null || !process.isAlive()) {
      return; // asyncio ignores ProcessLookupError
    }
    ExitCodes.sendSignal(process, signal);
  }

  @Override
  public void terminate() {
    sendSignal(ExitCodes.SIGTERM);
  }

  @Override
  public void kill() {
    sendSignal(ExitCodes.SIGKILL);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (BaseTransport p : pipes.values()) {
      p.close();
    }
    if (returncode == null && exitValue == null && process.isAlive()) {
      if (loop.isDebug()) {
        LOG.log(System.Logger.Level.WARNING, "Close running child process: kill {0}", this);
      }
      process.destroyForcibly();
    }
  }

  @Override
  public boolean isClosing() {
    return closed;
  }

  @Override
  public @Nullable Object getExtraInfo(String name) {
    return "subprocess".equals(name) ? process : null;
  }

  @Override
  public BaseProtocol<?> getProtocol() {
    return protocol;
  }

  /**
   * Switches the protocol called from now on.
   *
   * @param protocol the new protocol
   */
  public void setProtocol(SubprocessProtocol protocol) {
    this.protocol = protocol;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("<ProcessTransport");
    if (closed) {
      sb.append(" closed");
    }
    sb.append(" pid=").append(pid);
    if (returncode != null) {
      sb.append(" returncode=").append(returncode);
    } else {
      sb.append(" running");
    }
    for (Map.Entry<Integer, BaseTransport> e : pipes.entrySet()) {
      sb.append(' ').append(FD_NAMES[e.getKey()]).append('=').append(e.getValue());
    }
    return sb.append('>').toString();
  }

  private static final String[] FD_NAMES = {"stdin", "stdout", "stderr"};

  /** What a pipe transport calls: forwards to the child's protocol with the pipe's fd. */
  private final class PipeProtocol implements Protocol {
    private final int fd;

    PipeProtocol(int fd) {
      this.fd = fd;
    }

    @Override
    public void dataReceived(byte[] data) {
      call(() -> protocol.pipeDataReceived(fd, data));
    }

    @Override
    public void connectionLost(@Nullable Exception exc) {
      pipeConnectionLost(fd, exc);
    }

    @Override
    public void pauseWriting() {
      protocol.pauseWriting();
    }

    @Override
    public void resumeWriting() {
      protocol.resumeWriting();
    }

    @Override
    public void connectionMade(Transport transport) {}

    @Override
    public String toString() {
      return "<PipeProtocol fd=" + fd + ">";
    }
  }
}

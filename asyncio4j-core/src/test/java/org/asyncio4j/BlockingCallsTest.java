package org.asyncio4j;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Blocking JDK calls inside a task: which ones suspend the task and let the other tasks of the loop
 * run meanwhile, and which ones freeze the loop. The findings are in docs/blocking-calls.md.
 *
 * <p>Every test runs the same race: task "blocked" makes the call; task "ticker" takes 20 turns of
 * the loop and then ends the call (puts to the queue, unlocks, interrupts the sleep...). A platform
 * thread ends it instead if the ticker has not after a while: 10 s where the call is expected to
 * suspend (a generous bound, never reached when it does), 300 ms where it is expected to freeze the
 * loop (the ticker cannot run at all then). The test asserts who ended the call. In the public-API
 * mode the task that blocks keeps the loop (asyncio's rule: a blocking call blocks the loop), so
 * every call freezes it there.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BlockingCallsTest {
  private static final Duration SUSPENDS_BOUND = Duration.ofSeconds(10);
  private static final Duration FREEZE_BOUND = Duration.ofMillis(300);

  /** Who ended the blocking call. */
  enum Releaser {
    /** Another task of the same loop: the loop kept running. */
    TICKER,
    /** The platform fallback: the loop was frozen. */
    FALLBACK
  }

  /** One blocking call, and how to end it from any thread. */
  private interface BlockingCall {
    void block() throws Exception;

    void release() throws Exception;
  }

  /** Runs the race on a new loop and returns who ended the call. */
  private static Releaser race(boolean suspendsInHookMode, BlockingCall call) throws Exception {
    try (EventLoop loop = EventLoop.create()) {
      boolean hook = TestLoops.hookMode(loop);
      boolean expectSuspends = hook && suspendsInHookMode;
      AtomicReference<@Nullable Releaser> who = new AtomicReference<>();
      CountDownLatch tickerDone = new CountDownLatch(1);
      ReleaseAs releaseAs =
          r -> {
            if (who.compareAndSet(null, r)) {
              call.release();
            }
          };
      Duration bound = expectSuspends ? SUSPENDS_BOUND : FREEZE_BOUND;
      Thread fallback =
          Thread.ofPlatform()
              .daemon()
              .name("blocking-calls-fallback")
              .start(() -> {
                try {
                  if (!tickerDone.await(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                    releaseAs.release(Releaser.FALLBACK);
                  }
                } catch (Exception e) {
                  throw new IllegalStateException("the fallback could not end the call", e);
                }
              });
      loop.runUntilComplete(() -> {
        Task<Void> blocked = Asyncio.createTask(call::block, "blocked");
        Task<Void> ticker =
            Asyncio.createTask(
                () -> {
                  for (int i = 0; i < 20; i++) {
                    Asyncio.sleep(Duration.ZERO);
                  }
                  releaseAs.release(Releaser.TICKER);
                  tickerDone.countDown();
                },
                "ticker");
        Asyncio.gather(blocked, ticker).await();
      });
      assertThat(fallback.join(Duration.ofSeconds(30))).isTrue();
      Releaser r = requireNonNull(who.get(), "nobody released the blocked call");
      assertThat(r).isEqualTo(expectSuspends ? Releaser.TICKER : Releaser.FALLBACK);
      return r;
    }
  }

  private interface ReleaseAs {
    void release(Releaser r) throws Exception;
  }

  @Test
  void threadSleep() throws Exception {
    race(true, sleepUntilInterrupted(null));
  }

  @Test
  void threadSleepInsideSynchronized() throws Exception {
    race(true, sleepUntilInterrupted(new Object()));
  }

  /** A 30 s Thread.sleep (inside {@code monitor} if not null) that release() interrupts. */
  private static BlockingCall sleepUntilInterrupted(@Nullable Object monitor) {
    AtomicReference<@Nullable Thread> sleeper = new AtomicReference<>();
    return new BlockingCall() {
      @Override
      public void block() {
        if (monitor == null) {
          sleep();
        } else {
          synchronized (monitor) {
            sleep();
          }
        }
      }

      private void sleep() {
        sleeper.set(Thread.currentThread());
        try {
          Thread.sleep(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
          // ended by release()
        }
      }

      @Override
      public void release() {
        Thread t = sleeper.get();
        if (t != null) {
          t.interrupt();
        }
      }
    };
  }

  @Test
  void socketRead() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
        Socket peer = server.accept()) {
      InputStream in = client.getInputStream();
      OutputStream out = peer.getOutputStream();
      race(
          true,
          new BlockingCall() {
            @Override
            public void block() throws IOException {
              assertThat(in.read()).isEqualTo(42);
            }

            @Override
            public void release() throws IOException {
              out.write(42);
              out.flush();
            }
          });
    }
  }

  @Test
  void blockingQueueTake() throws Exception {
    BlockingQueue<String> queue = new LinkedBlockingQueue<>();
    race(
        true,
        new BlockingCall() {
          @Override
          public void block() throws InterruptedException {
            assertThat(queue.take()).isEqualTo("item");
          }

          @Override
          public void release() throws InterruptedException {
            queue.put("item");
          }
        });
  }

  @Test
  void completableFutureGet() throws Exception {
    java.util.concurrent.CompletableFuture<String> cf =
        new java.util.concurrent.CompletableFuture<>();
    race(
        true,
        new BlockingCall() {
          @Override
          public void block() throws Exception {
            assertThat(cf.get()).isEqualTo("done");
          }

          @Override
          public void release() {
            cf.complete("done");
          }
        });
  }

  @Test
  void lockConditionAwait() throws Exception {
    ReentrantLock lock = new ReentrantLock();
    java.util.concurrent.locks.Condition signalled = lock.newCondition();
    boolean[] ready = {false};
    race(
        true,
        new BlockingCall() {
          @Override
          public void block() throws InterruptedException {
            lock.lock();
            try {
              while (!ready[0]) {
                signalled.await();
              }
            } finally {
              lock.unlock();
            }
          }

          @Override
          public void release() {
            lock.lock();
            try {
              ready[0] = true;
              signalled.signalAll();
            } finally {
              lock.unlock();
            }
          }
        });
  }

  @Test
  void threadJoin() throws Exception {
    CountDownLatch let = new CountDownLatch(1);
    Thread worker =
        Thread.ofPlatform()
            .daemon()
            .name("blocking-calls-joined")
            .start(() -> {
              try {
                let.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    race(
        true,
        new BlockingCall() {
          @Override
          public void block() throws InterruptedException {
            worker.join();
          }

          @Override
          public void release() {
            let.countDown();
          }
        });
  }

  @Test
  void serverSocketAccept() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Socket[] accepted = new Socket[1];
      Socket[] client = new Socket[1];
      race(
          true,
          new BlockingCall() {
            @Override
            public void block() throws IOException {
              accepted[0] = server.accept();
            }

            @Override
            public void release() throws IOException {
              client[0] = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
            }
          });
      requireNonNull(accepted[0]).close();
      requireNonNull(client[0]).close();
    }
  }

  @Test
  void datagramSocketReceive() throws Exception {
    try (java.net.DatagramSocket receiver =
            new java.net.DatagramSocket(0, InetAddress.getLoopbackAddress());
        java.net.DatagramSocket sender = new java.net.DatagramSocket()) {
      race(
          true,
          new BlockingCall() {
            @Override
            public void block() throws IOException {
              java.net.DatagramPacket p = new java.net.DatagramPacket(new byte[16], 16);
              receiver.receive(p);
              assertThat(p.getLength()).isEqualTo(2);
            }

            @Override
            public void release() throws IOException {
              sender.send(
                  new java.net.DatagramPacket(
                      new byte[] {1, 2}, 2, receiver.getLocalSocketAddress()));
            }
          });
    }
  }

  @Test
  void processWaitFor() throws Exception {
    Path cat = Path.of("/bin/cat");
    assumeTrue(Files.isExecutable(cat), "needs /bin/cat");
    Process process = new ProcessBuilder(cat.toString()).start(); // ends when its stdin closes
    try {
      race(
          true,
          new BlockingCall() {
            @Override
            public void block() throws InterruptedException {
              assertThat(process.waitFor()).isZero();
            }

            @Override
            public void release() throws IOException {
              process.getOutputStream().close();
            }
          });
    } finally {
      process.destroyForcibly();
    }
  }

  /** A lock or monitor held by a platform thread until released. */
  private static final class Holder {
    final CountDownLatch held = new CountDownLatch(1);
    final CountDownLatch let = new CountDownLatch(1);

    /**
     * Starts a platform thread that takes the lock in {@code holdWhile}, and waits until it has.
     */
    static Holder start(Consumer<Holder> holdWhile) throws InterruptedException {
      Holder h = new Holder();
      Thread.ofPlatform().daemon().name("blocking-calls-holder").start(() -> holdWhile.accept(h));
      assertThat(h.held.await(30, TimeUnit.SECONDS)).isTrue();
      return h;
    }

    /** Called by the holder thread once it holds the lock, to wait until released. */
    void holdUntilLet() {
      held.countDown();
      try {
        let.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Test
  void reentrantLockLock() throws Exception {
    ReentrantLock lock = new ReentrantLock();
    Holder holder =
        Holder.start(h -> {
          lock.lock();
          try {
            h.holdUntilLet();
          } finally {
            lock.unlock();
          }
        });
    race(
        true,
        new BlockingCall() {
          @Override
          @SuppressWarnings("LockNotBeforeTry") // nothing between the two can throw
          public void block() {
            lock.lock();
            lock.unlock();
          }

          @Override
          public void release() {
            holder.let.countDown();
          }
        });
  }

  @Test
  void synchronizedContended() throws Exception {
    Object monitor = new Object();
    Holder holder =
        Holder.start(h -> {
          synchronized (monitor) {
            h.holdUntilLet();
          }
        });
    race(
        true,
        new BlockingCall() {
          @Override
          public void block() {
            synchronized (monitor) {
              assertThat(Thread.holdsLock(monitor)).isTrue();
            }
          }

          @Override
          public void release() {
            holder.let.countDown();
          }
        });
  }

  @Test
  void objectWaitInsideSynchronized() throws Exception {
    Object monitor = new Object();
    boolean[] signalled = new boolean[1];
    race(
        true,
        new BlockingCall() {
          @Override
          public void block() throws InterruptedException {
            synchronized (monitor) {
              while (!signalled[0]) {
                monitor.wait();
              }
            }
          }

          @Override
          public void release() {
            synchronized (monitor) {
              signalled[0] = true;
              monitor.notifyAll();
            }
          }
        });
  }

  /**
   * The initialiser of {@link BlockingInit} waits on this; outside it, so release() can reach it.
   */
  private static final CountDownLatch RELEASE_INIT = new CountDownLatch(1);

  /** A class whose initialiser blocks until released. */
  private static final class BlockingInit {
    static final long COUNT_AT_INIT;

    static {
      try {
        RELEASE_INIT.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      COUNT_AT_INIT = RELEASE_INIT.getCount();
    }

    private BlockingInit() {}
  }

  @Test
  void aBlockingCallInAClassInitialiserFreezesTheLoop() throws Exception {
    race(
        false,
        new BlockingCall() {
          @Override
          public void block() {
            assertThat(BlockingInit.COUNT_AT_INIT).isZero();
          }

          @Override
          public void release() {
            RELEASE_INIT.countDown();
          }
        });
  }

  @Test
  void fileInputStreamReadOfAFifoFreezesTheLoop() throws Exception {
    Path dir = Files.createTempDirectory("blocking-calls");
    Path fifo = dir.resolve("fifo");
    try {
      Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
      assumeTrue(
          mkfifo.waitFor(30, TimeUnit.SECONDS) && mkfifo.exitValue() == 0,
          "needs mkfifo (a POSIX system) to make a FIFO");
      race(
          false,
          new BlockingCall() {
            @Override
            public void block() throws IOException {
              try (FileInputStream in = new FileInputStream(fifo.toFile())) {
                assertThat(in.read()).isEqualTo(42);
              }
            }

            @Override
            public void release() {
              try (FileOutputStream out = new FileOutputStream(fifo.toFile())) {
                out.write(42);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            }
          });
    } finally {
      Files.deleteIfExists(fifo);
      Files.deleteIfExists(dir);
    }
  }
}

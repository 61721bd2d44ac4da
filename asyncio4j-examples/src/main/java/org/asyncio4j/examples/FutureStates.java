package org.asyncio4j.examples;

import java.io.PrintStream;
import org.asyncio4j.Future;

/**
 * The {@code Future} states of seed 003 ({@code 003_bf66a19daa3f8f0d.txt}, "Intro to Asynchronous
 * Programming in Python with Async IO"): a future made outside any event loop is pending (not done,
 * not cancelled); once cancelled it is both done and cancelled.
 *
 * <pre>{@code
 * from asyncio import Future
 *
 * future = Future()
 * print(future.done())
 * print(future.cancelled())
 * future.cancel()
 * print(future.done())
 * print(future.cancelled())
 * }</pre>
 *
 * <p>Mapping: {@code Future()} is {@code new Future<>()}, which needs no loop; {@code done()} and
 * {@code cancelled()} are {@code isDone()} and {@code isCancelled()}; the booleans print the Java
 * way: false false true true.
 */
public final class FutureStates {
  private FutureStates() {}

  /**
   * Runs the program.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    run(System.out);
  }

  /**
   * Runs the program.
   *
   * @param out where it prints
   */
  public static void run(PrintStream out) {
    Future<Object> future = new Future<>();
    out.println(future.isDone());
    out.println(future.isCancelled());
    future.cancel();
    out.println(future.isDone());
    out.println(future.isCancelled());
  }
}

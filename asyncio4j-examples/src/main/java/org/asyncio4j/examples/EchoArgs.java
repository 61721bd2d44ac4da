package org.asyncio4j.examples;

import java.util.List;

/**
 * The command line of the network examples: {@code server PORT}, {@code client PORT} (each the
 * docs' program of that side, to run in two terminals), or nothing for both sides in one process on
 * a free port. Anything after the port is kept for the program ({@link TlsEcho}'s client takes the
 * server's certificate file).
 *
 * @param role which side or sides to run
 * @param port the port; 0 when both sides run (the server takes a free one)
 * @param rest the arguments after the port
 */
record EchoArgs(Role role, int port, List<String> rest) {
  /** Which side or sides a run plays. */
  enum Role {
    /** Server and client in one process. */
    BOTH,
    /** The server alone, serving until the process is stopped. */
    SERVER,
    /** The client alone, against a server already listening. */
    CLIENT
  }

  EchoArgs {
    rest = List.copyOf(rest);
  }

  /**
   * Parses {@code args}.
   *
   * @param program the program's name, for the messages
   * @param maxRest how many arguments may follow the port
   * @param args the command line
   * @throws IllegalArgumentException naming what is wrong and the usage
   */
  static EchoArgs parse(String program, int maxRest, String... args) {
    if (args.length == 0) {
      return new EchoArgs(Role.BOTH, 0, List.of());
    }
    String usage = "usage: " + program + " [server PORT | client PORT]";
    Role role =
        switch (args[0]) {
          case "server" -> Role.SERVER;
          case "client" -> Role.CLIENT;
          default ->
              throw new IllegalArgumentException(
                  program + ": unknown mode '" + args[0] + "'; " + usage);
        };
    if (args.length < 2) {
      throw new IllegalArgumentException(
          program + ": " + args[0] + " needs a port, as in " + args[0] + " 8888; " + usage);
    }
    int port;
    try {
      port = Integer.parseInt(args[1]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          program + ": the port must be a number from 0 to 65535, got '" + args[1] + "'", e);
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(
          program + ": the port must be a number from 0 to 65535, got " + port);
    }
    if (args.length - 2 > maxRest) {
      throw new IllegalArgumentException(
          program + ": unexpected argument '" + args[2] + "'; " + usage);
    }
    return new EchoArgs(role, port, List.of(args).subList(2, args.length));
  }
}

package org.ilptorrent.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.ilptorrent.parse.Torrent;
import org.ilptorrent.tracker.server.TrackerServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ilp-torrent tracker}: runs the WebSocket tracker until stopped. */
@Command(
    name = "tracker",
    mixinStandardHelpOptions = true,
    description = {
      "Run a WebSocket tracker (npm bittorrent-tracker protocol) with licence-gated swarms.",
      "Prints 'announce <ws url>' once listening, and 'seeder-token <info hash> <token>' for",
      "each --register'ed paid torrent. --http-port and --udp-port add the HTTP (BEP 3) and",
      "UDP (BEP 15) trackers, each with its own 'announce' line; UDP refuses paid torrents."
    })
public final class TrackerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--port", paramLabel = "P", defaultValue = "8000", description = "Port (8000).")
  int port;

  @Mixin Services.HostOption host;

  @Option(
      names = "--http-port",
      paramLabel = "P",
      description = "Also serve the HTTP tracker (BEP 3) on this port.")
  Integer httpPort;

  @Option(
      names = "--udp-port",
      paramLabel = "P",
      description = "Also serve the UDP tracker (BEP 15) on this port; it refuses paid torrents.")
  Integer udpPort;

  @Option(
      names = "--allow-verifier",
      paramLabel = "URL",
      description = "A receipt verifier paid torrents may name; repeatable.")
  List<URI> allowedVerifiers = new ArrayList<>();

  @Option(
      names = "--register",
      paramLabel = "FILE",
      description = "A paid .torrent to gate; repeatable.")
  List<Path> register = new ArrayList<>();

  @Override
  public Integer call() throws IOException, InterruptedException {
    TrackerServer.Builder b = TrackerServer.builder().host(host.host).port(port);
    allowedVerifiers.forEach(b::allowVerifier);
    if (httpPort != null) {
      b.httpPort(httpPort);
    }
    if (udpPort != null) {
      b.udpPort(udpPort);
    }
    TrackerServer tracker = b.start();
    PrintWriter out = spec.commandLine().getOut();
    try {
      List<String> tokens = new ArrayList<>();
      for (Path file : register) {
        byte[] bytes = Files.readAllBytes(file);
        String token = tracker.registerPaidTorrent(bytes);
        tokens.add("seeder-token " + Torrent.parse(bytes).infoHash() + " " + token);
      }
      out.println("announce " + tracker.webSocketUri());
      tracker.httpAnnounceUri().ifPresent(u -> out.println("announce " + u));
      tracker.udpAnnounceUri().ifPresent(u -> out.println("announce " + u));
      tokens.forEach(out::println);
      out.flush();
    } catch (IOException | RuntimeException e) {
      tracker.close();
      throw e;
    }
    Services.runUntilStopped(tracker, "ilp-tracker");
    return 0;
  }
}

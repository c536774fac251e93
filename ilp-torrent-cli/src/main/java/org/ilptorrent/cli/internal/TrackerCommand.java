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

/** {@code ilp-torrent tracker}: runs the tracker until stopped. */
@Command(
    name = "tracker",
    mixinStandardHelpOptions = true,
    description = {
      "Run a tracker with licence-gated swarms: WebSocket (npm bittorrent-tracker protocol)",
      "and HTTP (BEP 3) on one port, GET /stats, and POST /torrents to register paid torrents.",
      "Prints 'announce <ws url>' and 'announce <http url>' once listening ('announce <udp url>'",
      "too with --udp-port; UDP refuses paid torrents), and 'seeder-token <info hash> <token>'",
      "for each --register'ed paid torrent."
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
      names = "--data",
      paramLabel = "DIR",
      description =
          "Keep registered paid torrents and who paid in DIR, across restarts (memory only).")
  Path data;

  @Option(
      names = "--registration-token",
      paramLabel = "TOKEN",
      description =
          "Require 'Authorization: Bearer TOKEN' on POST /torrents (anyone may register).")
  String registrationToken;

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
    if (data != null) {
      b.dataDirectory(data);
    }
    if (registrationToken != null) {
      b.registrationToken(registrationToken);
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
      out.println("announce " + tracker.httpAnnounceUri().orElseThrow());
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

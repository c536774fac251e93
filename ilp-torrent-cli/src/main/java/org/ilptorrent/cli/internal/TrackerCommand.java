package org.ilptorrent.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.ilptorrent.parse.TorrentInfo;
import org.ilptorrent.tracker.server.PaidTorrentException;
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
    header = "Run a tracker with licence-gated swarms until stopped.",
    description = {
      "Runs a tracker: WebSocket (npm bittorrent-tracker protocol) and HTTP (BEP 3) on one port, GET /stats, and POST /torrents to register paid torrents.",
      "Prints 'announce <ws url>' and 'announce <http url>' once listening ('announce <udp url>' too with --udp-port; UDP refuses paid torrents), and 'seeder-token <info hash> <token>' for each paid torrent given with --register.",
      "POST /torrents needs the operator token, generated on first start (kept in DIR/operator-token with --data) and printed once on stderr as 'operator token: <token> (saved in <path>)', unless --open-registration."
    })
public final class TrackerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      paramLabel = "P",
      defaultValue = "8000",
      description = "Port. Default: 8000.")
  int port;

  @Mixin Services.HostOption host;

  @Mixin Services.IoTransportOption ioTransport;

  @Option(
      names = "--http-port",
      paramLabel = "P",
      description = "Also serve the HTTP tracker (BEP 3) on this port.")
  Integer httpPort;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description =
          "Keep registered paid torrents and who paid in DIR, across restarts. Default: memory"
              + " only.")
  Path data;

  @Option(
      names = "--redis",
      paramLabel = "URL",
      description =
          "Keep the payment state (paid torrents, who paid, the ticket key) in Redis"
              + " (redis://HOST:PORT[/DB]), shared by every tracker on it; swarms stay in each"
              + " tracker. Give torrents one tracker each: create --tracker-shard.")
  URI redis;

  @Option(
      names = "--registration-token",
      paramLabel = "TOKEN",
      description =
          "The operator token POST /torrents requires as 'Authorization: Bearer TOKEN'"
              + " (generated on first start).")
  String registrationToken;

  @Option(
      names = "--open-registration",
      description =
          "Let anyone register paid torrents over POST /torrents, 10 per address per hour and"
              + " 256 MiB of .torrent files in all. Without it the operator token is required.")
  boolean openRegistration;

  @Option(
      names = "--max-peers-per-payment",
      paramLabel = "N",
      defaultValue = "2",
      description = "Distinct peers one payment may have in a paid swarm at a time. Default: 2.")
  int maxPeersPerPayment;

  @Option(
      names = "--udp-port",
      paramLabel = "P",
      description = "Also serve the UDP tracker (BEP 15) on this port; it refuses paid torrents.")
  Integer udpPort;

  @Option(
      names = "--allow-verifier",
      paramLabel = "URL",
      description = "A receipt verifier (http or https URL) paid torrents may name; repeatable.")
  List<URI> allowedVerifiers = new ArrayList<>();

  @Option(
      names = "--register",
      paramLabel = "FILE",
      description = "A paid .torrent to gate; repeatable.")
  List<Path> register = new ArrayList<>();

  @Override
  public Integer call() throws IOException, InterruptedException {
    allowedVerifiers.forEach(v -> Urls.check(spec, "--allow-verifier", v, Urls.HTTP_SCHEMES));
    TrackerServer.Builder b =
        TrackerServer.builder().host(host.host).port(port).ioTransport(ioTransport.name);
    allowedVerifiers.forEach(b::allowVerifier);
    if (httpPort != null) {
      b.httpPort(httpPort);
    }
    if (data != null) {
      b.dataDirectory(data);
    }
    if (redis != null) {
      b.redis(redis);
    }
    if (registrationToken != null) {
      b.registrationToken(registrationToken);
    }
    b.openRegistration(openRegistration).maxPeersPerPayment(maxPeersPerPayment);
    if (udpPort != null) {
      b.udpPort(udpPort);
    }
    String ports =
        port
            + (httpPort == null ? "" : ", " + httpPort + " (HTTP)")
            + (udpPort == null ? "" : ", " + udpPort + " (UDP)");
    TrackerServer tracker = Services.listening(host.host, ports, b::start);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      if (tracker.registrationTokenCreated()) {
        err.println(
            "operator token: "
                + tracker.registrationToken().orElseThrow()
                + (data == null
                    ? " (not saved: no --data)"
                    : " (saved in " + data.resolve("operator-token") + ")"));
        err.flush();
      }
      List<String> tokens = new ArrayList<>();
      for (Path file : register) {
        byte[] bytes = Files.readAllBytes(file);
        String hash = TorrentInfo.parse(bytes).infoHash().toString();
        try {
          tokens.add("seeder-token " + hash + " " + tracker.registerPaidTorrent(bytes));
        } catch (PaidTorrentException e) {
          if (e.reason() != PaidTorrentException.Reason.ALREADY_REGISTERED) {
            throw e;
          }
          // Kept in --data from an earlier run, whose output had the token: only its digest is
          // kept.
          err.println("registered before: " + hash + " (its seeder token was printed then)");
        }
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

package org.ilptorrent.cli.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.ilptorrent.magnet.InfoHash;
import org.ilptorrent.magnet.MagnetUri;
import org.ilptorrent.magnet.PartialLicense;
import org.ilptorrent.magnet.PaymentPointer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ilp-torrent magnet encode}: writes a magnet link from its fields. */
@Command(
    name = "encode",
    mixinStandardHelpOptions = true,
    header = "Print a magnet link made of the given fields.",
    description = {
      "Prints a magnet link made of the given fields; --pointer and --verifier make it a paid torrent's (pp and vr)."
    })
public final class MagnetEncodeCommand implements Runnable {
  @Spec CommandSpec spec;

  @Option(
      names = "--info-hash",
      required = true,
      paramLabel = "H",
      description = "Info hash: 40 or 64 hex digits, or 32 base32 characters.")
  String infoHash;

  @Option(names = "--name", paramLabel = "N", description = "Display name (dn).")
  String name;

  @Option(names = "--tracker", paramLabel = "URL", description = "Tracker URL (tr); repeatable.")
  List<String> trackers = new ArrayList<>();

  @Option(names = "--url-list", paramLabel = "URL", description = "Web seed (ws); repeatable.")
  List<String> urlList = new ArrayList<>();

  @Option(
      names = "--pointer",
      paramLabel = "P",
      description = "Payment pointer of a paid torrent (pp); needs --verifier.")
  String pointer;

  @Option(
      names = "--verifier",
      paramLabel = "URL",
      description = "Receipt verifier base URL of a paid torrent (vr); needs --pointer.")
  String verifier;

  @Override
  public void run() {
    if ((pointer == null) != (verifier == null)) {
      throw new ParameterException(
          spec.commandLine(), "--pointer and --verifier must be given together");
    }
    MagnetUri.Builder b = MagnetUri.builder(InfoHash.parse(infoHash)).name(name);
    b.addTrackers(trackers);
    urlList.forEach(b::addWebSeed);
    if (pointer != null) {
      b.license(new PartialLicense(PaymentPointer.parse(pointer), parseVerifier(verifier)));
    }
    spec.commandLine().getOut().println(b.build());
  }

  private static URI parseVerifier(String text) {
    try {
      return new URI(text);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("--verifier is not a URL: " + e.getReason());
    }
  }
}

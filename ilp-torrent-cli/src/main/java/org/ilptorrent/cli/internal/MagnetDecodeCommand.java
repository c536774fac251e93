package org.ilptorrent.cli.internal;

import org.ilptorrent.magnet.MagnetUri;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ilp-torrent magnet decode <uri>}: prints the magnet's fields as JSON. */
@Command(
    name = "decode",
    mixinStandardHelpOptions = true,
    header = "Print a magnet link's fields as JSON.",
    description = {
      "Prints a magnet link's fields as JSON: infoHash, infoHashV2, name, announce, urlList, license ({paymentPointer, verifier}, or null for a free magnet) and params (every parameter, decoded, in order)."
    })
public final class MagnetDecodeCommand implements Runnable {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "<uri>", description = "The magnet link.")
  String uri;

  @Override
  public void run() {
    MagnetUri magnet = MagnetUri.parse(uri);
    spec.commandLine().getOut().println(Json.pretty(MagnetJson.of(magnet)));
  }
}

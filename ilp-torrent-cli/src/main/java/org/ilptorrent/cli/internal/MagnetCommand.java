package org.ilptorrent.cli.internal;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ilp-torrent magnet}: decode and encode magnet links. */
@Command(
    name = "magnet",
    mixinStandardHelpOptions = true,
    header = "Decode or encode magnet links, including ILP Torrent's pp and vr.",
    description = {
      "Decodes or encodes magnet links, including ILP Torrent's pp (payment pointer) and vr (verifier)."
    },
    subcommands = {MagnetDecodeCommand.class, MagnetEncodeCommand.class})
public final class MagnetCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing command: decode or encode");
  }
}

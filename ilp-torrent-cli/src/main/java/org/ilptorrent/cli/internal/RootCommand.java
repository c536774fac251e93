package org.ilptorrent.cli.internal;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ilp-torrent}: lists the subcommands. */
@Command(
    name = "ilp-torrent",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "BitTorrent and WebTorrent with paid licences over Interledger.",
    subcommands = {
      MagnetCommand.class,
      InfoCommand.class,
      CreateCommand.class,
      SeedCommand.class,
      DownloadCommand.class,
      VerifierCommand.class,
      WalletCommand.class,
      PayCommand.class,
      TrackerCommand.class,
      DemoCommand.class
    })
public final class RootCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing command; see ilp-torrent --help");
  }
}

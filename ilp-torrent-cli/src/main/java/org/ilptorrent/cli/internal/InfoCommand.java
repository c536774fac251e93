package org.ilptorrent.cli.internal;

import java.io.PrintWriter;
import org.ilptorrent.magnet.PartialLicense;
import org.ilptorrent.parse.FileEntry;
import org.ilptorrent.parse.TorrentIdentity;
import org.ilptorrent.parse.TorrentInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ilp-torrent info}: what a .torrent file, magnet link or info hash says. */
@Command(
    name = "info",
    mixinStandardHelpOptions = true,
    header = "Show what a .torrent file, magnet link or info hash says.",
    description = {
      "Shows what a .torrent file, magnet link or info hash says, including whether it carries a licence and whether its info hash commits that licence.",
      "With --json, one JSON object with parse-torrent's keys."
    })
public final class InfoCommand implements Runnable {
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "<torrent-file|magnet|info-hash>",
      description = "A .torrent file, a magnet link, or 40 hex / 32 base32 characters.")
  String id;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  @Override
  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    Object what;
    try {
      what = TorrentSource.resolve(id);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    if (what instanceof TorrentInfo torrent) {
      out.println(json ? Json.pretty(TorrentJson.of(torrent)) : TorrentText.of(torrent));
    } else {
      TorrentIdentity identity = (TorrentIdentity) what;
      out.println(json ? Json.pretty(TorrentJson.of(identity)) : TorrentText.of(identity));
    }
  }

  /** Plain-text summaries. */
  static final class TorrentText {
    private TorrentText() {}

    static String of(TorrentInfo t) {
      StringBuilder s = new StringBuilder();
      s.append("name        ").append(t.name()).append('\n');
      s.append("info hash   ").append(t.infoHash()).append('\n');
      s.append("size        ").append(t.length()).append(" bytes in ").append(t.pieceCount());
      s.append(" pieces of ").append(t.pieceLength()).append('\n');
      s.append("private     ").append(t.isPrivate() ? "yes" : "no").append('\n');
      t.license()
          .ifPresent(
              l ->
                  s.append("license     ")
                      .append(l.price().toPlainString())
                      .append(' ')
                      .append(l.assetCode())
                      .append(" via ")
                      .append(l.paymentPointer())
                      .append(", verifier ")
                      .append(l.verifier())
                      .append(
                          t.isLicenseCommitted()
                              ? " (committed: inside info, bound by the info hash)"
                              : " (not committed by the info hash)")
                      .append('\n'));
      if (t.license().isEmpty()) {
        s.append("license     none (free)\n");
      }
      t.announce().forEach(a -> s.append("tracker     ").append(a).append('\n'));
      t.urlList().forEach(u -> s.append("web seed    ").append(u).append('\n'));
      for (FileEntry f : t.files()) {
        s.append("file        ").append(f.path()).append(" (").append(f.length()).append(")\n");
      }
      s.append("magnet      ").append(t.toMagnetUri());
      return s.toString();
    }

    static String of(TorrentIdentity id) {
      StringBuilder s = new StringBuilder();
      s.append("info hash   ").append(id.infoHash()).append('\n');
      id.name().ifPresent(n -> s.append("name        ").append(n).append('\n'));
      id.announce().forEach(a -> s.append("tracker     ").append(a).append('\n'));
      id.urlList().forEach(u -> s.append("web seed    ").append(u).append('\n'));
      id.license()
          .map(PartialLicense::paymentPointer)
          .ifPresent(p -> s.append("pointer     ").append(p).append('\n'));
      id.license().ifPresent(l -> s.append("verifier    ").append(l.verifier()).append('\n'));
      s.append("license     ")
          .append(
              id.license().isPresent()
                  ? "paid (pp and vr; the price and its commitment come with the metadata)"
                  : "none in the magnet (no pp or vr)")
          .append('\n');
      s.append("metadata    not included (a magnet or info hash)");
      return s.toString();
    }
  }
}

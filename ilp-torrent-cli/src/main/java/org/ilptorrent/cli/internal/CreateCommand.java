package org.ilptorrent.cli.internal;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.ilptorrent.create.CreatedTorrent;
import org.ilptorrent.create.TorrentCreator;
import org.ilptorrent.magnet.License;
import org.ilptorrent.magnet.PaymentPointer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ilp-torrent create}: writes a .torrent of files or folders, free or paid. */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    header = "Create a .torrent file of files or folders, free or paid.",
    description = {
      "Creates a .torrent of the given files or folders, with the same info hash as create-torrent and mktorrent for the same files and options.",
      "Prints three lines: 'magnet <uri>', 'infohash <hex>' and 'torrent <file>'.",
      "A paid torrent (--price, --asset, --scale, --pointer and --verifier, all five) commits its licence inside the info dictionary and is private."
    })
public final class CreateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "<path>", arity = "1..*", description = "Files or folders.")
  List<Path> paths = new ArrayList<>();

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Where to write the .torrent. Default: <name>.torrent here.")
  Path out;

  @Option(
      names = "--name",
      paramLabel = "N",
      description = "Torrent name. Default: the first input's name.")
  String name;

  @Option(names = "--announce", paramLabel = "URL", description = "Tracker; repeatable.")
  List<String> announce = new ArrayList<>();

  @Option(
      names = "--tracker-shard",
      paramLabel = "URL",
      description =
          "One shard of a tracker service whose instances share one Redis; repeatable, give"
              + " them all. The shard picked for this torrent's info hash becomes its first"
              + " tracker.")
  List<String> trackerShards = new ArrayList<>();

  @Option(names = "--url-list", paramLabel = "URL", description = "Web seed; repeatable.")
  List<String> urlList = new ArrayList<>();

  @Option(names = "--private", description = "Mark private (BEP 27); paid torrents always are.")
  boolean isPrivate;

  @Option(
      names = "--piece-length",
      paramLabel = "BYTES",
      description =
          "Piece length, a power of two of at least 16384. Default: create-torrent's rule for the"
              + " total size.")
  Integer pieceLength;

  @Option(names = "--comment", paramLabel = "C", description = "Comment.")
  String comment;

  @Option(names = "--price", paramLabel = "DECIMAL", description = "Price, e.g. 0.50.")
  String price;

  @Option(names = "--asset", paramLabel = "CODE", description = "Asset code, e.g. USD.")
  String asset;

  @Option(names = "--scale", paramLabel = "N", description = "Asset scale, e.g. 2.")
  Integer scale;

  @Option(names = "--pointer", paramLabel = "P", description = "Payment pointer to pay.")
  String pointer;

  @Option(names = "--verifier", paramLabel = "URL", description = "Receipt verifier base URL.")
  String verifier;

  @Override
  public Integer call() throws IOException, InterruptedException {
    TorrentCreator.Builder b = TorrentCreator.builder().addPaths(paths);
    b.name(name).comment(comment).announce(announce).urlList(urlList).trackerShards(trackerShards);
    if (isPrivate) {
      b.isPrivate(true);
    }
    if (pieceLength != null) {
      b.pieceLength(pieceLength);
    }
    License license = license();
    if (license != null) {
      b.license(license);
    }
    ProgressLine progress = ProgressLine.forConsole(spec.commandLine().getErr());
    b.progressListener((done, total) -> progress.update("hashing", done, total));
    CreatedTorrent created;
    try {
      created = b.build().create();
    } finally {
      progress.finish();
    }
    String torrentName = created.magnet().name().orElseThrow();
    Path target = out != null ? out : Path.of(torrentName + ".torrent");
    Files.write(target, created.torrentFile());
    var o = spec.commandLine().getOut();
    o.println("magnet " + created.magnet());
    o.println("infohash " + created.infoHash());
    o.println("torrent " + target);
    return 0;
  }

  private License license() {
    List<String> given = new ArrayList<>();
    if (price != null) given.add("--price");
    if (asset != null) given.add("--asset");
    if (scale != null) given.add("--scale");
    if (pointer != null) given.add("--pointer");
    if (verifier != null) given.add("--verifier");
    if (given.isEmpty()) {
      return null;
    }
    if (given.size() != 5) {
      throw new ParameterException(
          spec.commandLine(),
          "a paid torrent needs --price, --asset, --scale, --pointer and --verifier; got only "
              + String.join(", ", given));
    }
    URI verifierUrl;
    try {
      verifierUrl = new URI(verifier);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("--verifier is not a URL: " + e.getReason());
    }
    if (!price.matches("[0-9]+(\\.[0-9]+)?")) {
      throw new IllegalArgumentException("--price must be a plain decimal such as 0.50");
    }
    return License.ofPrice(
        PaymentPointer.parse(pointer), verifierUrl, new BigDecimal(price), asset, scale);
  }
}

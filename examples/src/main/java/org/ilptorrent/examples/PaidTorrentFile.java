package org.ilptorrent.examples;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ilptorrent.create.CreatedTorrent;
import org.ilptorrent.create.TorrentCreator;
import org.ilptorrent.magnet.License;
import org.ilptorrent.magnet.PaymentPointer;
import org.ilptorrent.parse.TorrentInfo;

/**
 * Creates a paid torrent of a file (the licence committed inside {@code info}, so the info hash
 * binds the price), writes the .torrent, and parses it back: name, size, info hash, licence,
 * whether it is committed and private, and the magnet to share.
 *
 * <p>Arguments: {@code [file [out.torrent]]}; without them it makes a 1 MiB file in a temporary
 * folder.
 */
public final class PaidTorrentFile {
  private PaidTorrentFile() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    Path file = args.length > 0 ? Path.of(args[0]) : sampleFile();
    Path torrentFile =
        args.length > 1 ? Path.of(args[1]) : file.resolveSibling(file.getFileName() + ".torrent");

    License license =
        License.ofPrice(
            PaymentPointer.parse("http://127.0.0.1:3000/proxy-of-alice"),
            URI.create("http://127.0.0.1:3000"),
            new BigDecimal("0.50"),
            "USD",
            9);
    CreatedTorrent created =
        TorrentCreator.builder()
            .addPath(file)
            .license(license)
            .announce(java.util.List.of("ws://127.0.0.1:8000"))
            .build()
            .create();
    Files.write(torrentFile, created.torrentFile());
    System.out.println("wrote " + torrentFile + " (" + created.torrentFile().length + " bytes)");

    TorrentInfo parsed = TorrentInfo.parse(torrentFile);
    System.out.println("name " + parsed.name());
    System.out.println("length " + parsed.length());
    System.out.println("info hash " + parsed.infoHash().toHex());
    System.out.println("same info hash " + parsed.infoHash().equals(created.infoHash()));
    License read = parsed.license().orElseThrow();
    System.out.println(
        "licence "
            + read.price().toPlainString()
            + " "
            + read.assetCode()
            + " ("
            + read.amount()
            + " at scale "
            + read.assetScale()
            + ") to "
            + read.paymentPointer()
            + " via "
            + read.verifier());
    System.out.println("committed " + parsed.isLicenseCommitted());
    System.out.println("private " + parsed.isPrivate());
    System.out.println("magnet " + parsed.toMagnetUri());
  }

  private static Path sampleFile() throws IOException {
    Path dir = Files.createTempDirectory("ilp-example-");
    Path file = dir.resolve("film.bin");
    byte[] data = new byte[1 << 20];
    new java.util.Random(1).nextBytes(data);
    Files.write(file, data);
    return file;
  }
}

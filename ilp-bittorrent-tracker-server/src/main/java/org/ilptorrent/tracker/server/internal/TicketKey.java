package org.ilptorrent.tracker.server.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.HexFormat;
import org.ilptorrent.tracker.AccessKeys;

/**
 * The tracker's Ed25519 key pair that signs access tickets: generated on first start and kept in
 * {@code <data dir>/ticket-key} (0600: the PKCS #8 private key and the raw public key, one hex line
 * each), so that tickets issued before a restart stay valid and seeders keep the key they learned
 * at registration; without a data directory, a new pair for each start.
 *
 * @param pair the key pair
 * @param created whether this start generated it
 */
public record TicketKey(KeyPair pair, boolean created) {
  /** The file name in the data directory. */
  public static final String FILE_NAME = "ticket-key";

  /** The key pair kept in {@code dataDir} (null: none), generating and saving it the first time. */
  public static TicketKey load(Path dataDir) throws IOException {
    if (dataDir == null) {
      return new TicketKey(AccessKeys.generate(), true);
    }
    Path file = dataDir.resolve(FILE_NAME);
    HexFormat hex = HexFormat.of();
    if (Files.exists(file)) {
      PrivateFiles.restrict(file);
      String[] lines = Files.readString(file, StandardCharsets.US_ASCII).strip().split("\n");
      try {
        if (lines.length != 2) {
          throw new IllegalArgumentException("two lines expected");
        }
        return new TicketKey(
            AccessKeys.decodePair(hex.parseHex(lines[0].strip()), hex.parseHex(lines[1].strip())),
            false);
      } catch (IllegalArgumentException e) {
        throw new IOException("the ticket key file is damaged: " + file);
      }
    }
    PrivateFiles.directory(dataDir);
    KeyPair pair = AccessKeys.generate();
    String text =
        hex.formatHex(AccessKeys.encodePrivate(pair.getPrivate()))
            + "\n"
            + AccessKeys.toHex(pair.getPublic())
            + "\n";
    PrivateFiles.writeAtomically(file, text.getBytes(StandardCharsets.US_ASCII));
    return new TicketKey(pair, true);
  }

  /** The public key as 64 lowercase hex digits, as answers publish it. */
  public String publicHex() {
    return AccessKeys.toHex(pair.getPublic());
  }
}

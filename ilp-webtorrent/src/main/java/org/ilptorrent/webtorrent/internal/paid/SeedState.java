package org.ilptorrent.webtorrent.internal.paid;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;

/**
 * A paid seed's secrets in one file, {@code <state folder>/paid-seed.properties}, mode 0600: the
 * proxy pointer the verifier gave for (wallet, verifier), and per (info hash, tracker) the seeder
 * token and the tracker's ticket key. Written whole to a 0600 temporary file, then moved over the
 * old one, so a crash leaves the old state or the new one. Not thread-safe; one publisher uses it.
 */
final class SeedState {
  private static final String FILE = "paid-seed.properties";

  private final Path folder;
  private final Properties values = new Properties();

  private SeedState(Path folder) {
    this.folder = folder;
  }

  static SeedState open(Path folder) throws IOException {
    SeedState s = new SeedState(folder);
    Path file = folder.resolve(FILE);
    if (Files.exists(file)) {
      try (InputStream in = Files.newInputStream(file)) {
        s.values.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
      }
    }
    return s;
  }

  Path folder() {
    return folder;
  }

  Optional<String> proxy(String wallet, String verifier) {
    return get("proxy." + id(wallet + "\n" + verifier));
  }

  void proxy(String wallet, String verifier, String proxy) throws IOException {
    values.setProperty("proxy." + id(wallet + "\n" + verifier), proxy);
    save();
  }

  Optional<String> seederToken(String infoHashHex, String tracker) {
    return get("torrent." + infoHashHex + "." + id(tracker) + ".seederToken");
  }

  Optional<String> ticketKey(String infoHashHex, String tracker) {
    return get("torrent." + infoHashHex + "." + id(tracker) + ".ticketKey");
  }

  void registration(String infoHashHex, String tracker, String seederToken, String ticketKey)
      throws IOException {
    String k = "torrent." + infoHashHex + "." + id(tracker);
    values.setProperty(k + ".tracker", tracker);
    values.setProperty(k + ".seederToken", seederToken);
    if (ticketKey != null) {
      values.setProperty(k + ".ticketKey", ticketKey);
    }
    save();
  }

  private Optional<String> get(String key) {
    return Optional.ofNullable(values.getProperty(key)).filter(v -> !v.isEmpty());
  }

  private void save() throws IOException {
    Files.createDirectories(folder);
    Path tmp = folder.resolve(FILE + ".tmp");
    Files.deleteIfExists(tmp);
    try {
      Files.createFile(
          tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(tmp); // not a POSIX file system: the folder's own protection applies
    } catch (FileAlreadyExistsException e) {
      throw new IOException("cannot write the seed state in " + folder, e);
    }
    try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.TRUNCATE_EXISTING)) {
      java.io.Writer w = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
      values.store(w, "ilp-torrent paid seed: secrets, keep private");
      w.flush();
    }
    Files.move(
        tmp,
        folder.resolve(FILE),
        StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }

  /** A short stable id for a URL in a property key (URLs hold characters keys should not). */
  private static String id(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}

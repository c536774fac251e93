package org.ilptorrent.verifier.server.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Files only their owner may read: folders 0700, files 0600, on file systems with POSIX permissions
 * (elsewhere the platform's defaults apply). The verifier's data directory holds the journal, the
 * key its balance-id digests are made with, and the operator token.
 */
public final class PrivateFiles {
  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  private static final SecureRandom RANDOM = new SecureRandom();

  private PrivateFiles() {}

  /** The attribute that creates a file 0600 (none without POSIX permissions). */
  private static FileAttribute<?>[] fileMode() {
    return POSIX
        ? new FileAttribute<?>[] {
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
        }
        : new FileAttribute<?>[0];
  }

  /**
   * Creates {@code dir} and missing parents with mode 0700. An existing folder keeps its mode: it
   * may be one the user chose and shares with other files.
   */
  public static void createDirectories(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    if (POSIX) {
      Files.createDirectories(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } else {
      Files.createDirectories(dir);
    }
  }

  /** A random secret as URL-safe base64 without padding: 32 bytes, 43 characters. */
  public static String randomToken() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /**
   * Reads the one-line secret in {@code file}, or writes {@code fresh} there (mode 0600, fsynced,
   * atomically, so a crash leaves either no file or the whole secret).
   *
   * @return the secret and whether this call created the file
   */
  public static Secret readOrCreate(Path file, String fresh) throws IOException {
    if (Files.exists(file)) {
      String text = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (text.isEmpty()) {
        throw new IOException(file + " is empty");
      }
      return new Secret(text, false);
    }
    createDirectories(file.toAbsolutePath().getParent());
    write(file, (fresh + "\n").getBytes(StandardCharsets.UTF_8));
    return new Secret(fresh, true);
  }

  /**
   * Writes {@code data} to {@code file} (mode 0600, fsynced, atomically: a crash leaves the old
   * file or none, or the whole new one) through a {@code .tmp} sibling, replacing any file there.
   * An old file's wider mode goes with it. The folder must exist.
   */
  public static void write(Path file, byte[] data) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    try (FileChannel out =
        FileChannel.open(
            tmp,
            java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
            fileMode())) {
      ByteBuffer buffer = ByteBuffer.wrap(data);
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
      out.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    syncDirectory(file.toAbsolutePath().getParent());
  }

  /** Makes a rename in {@code dir} durable, where the file system can. */
  private static void syncDirectory(Path dir) {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // Some file systems cannot fsync a directory; the rename is still atomic.
    }
  }

  /** A secret read from or written to a file. */
  public record Secret(String value, boolean created) {}
}

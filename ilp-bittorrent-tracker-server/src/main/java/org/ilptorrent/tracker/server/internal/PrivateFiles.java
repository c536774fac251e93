package org.ilptorrent.tracker.server.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files only the tracker's user may read: folders 0700, files 0600, set when they are created and
 * again on files an older version left readable to others. On a file system without POSIX
 * permissions the platform's defaults apply.
 */
public final class PrivateFiles {
  private static final Set<PosixFilePermission> DIRECTORY =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private PrivateFiles() {}

  /** Creates {@code dir} (and missing parents) and makes it 0700. */
  public static void directory(Path dir) throws IOException {
    Files.createDirectories(dir);
    restrict(dir, DIRECTORY);
  }

  /** Opens (creating it 0600 when missing) a file, and makes an existing one 0600. */
  public static FileChannel open(Path file, OpenOption... options) throws IOException {
    FileChannel channel =
        posix(file.toAbsolutePath().getParent())
            ? FileChannel.open(file, Set.of(options), PosixFilePermissions.asFileAttribute(FILE))
            : FileChannel.open(file, Set.of(options), new FileAttribute<?>[0]);
    try {
      restrict(file, FILE);
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    return channel;
  }

  /** Writes {@code bytes} to {@code target} whole or not at all (a 0600 temporary file, moved). */
  public static void writeAtomically(Path target, byte[] bytes) throws IOException {
    Path temp = target.resolveSibling(target.getFileName() + ".tmp");
    try (FileChannel out =
        open(
            temp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer b = ByteBuffer.wrap(bytes);
      while (b.hasRemaining()) {
        out.write(b);
      }
      out.force(true);
    }
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Makes an existing file 0600. */
  public static void restrict(Path file) throws IOException {
    restrict(file, FILE);
  }

  private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
    if (posix(path) && Files.exists(path)) {
      Files.setPosixFilePermissions(path, permissions);
    }
  }

  private static boolean posix(Path path) {
    return path != null && path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}

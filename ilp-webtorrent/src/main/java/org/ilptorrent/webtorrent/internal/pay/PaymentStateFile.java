package org.ilptorrent.webtorrent.internal.pay;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Properties;
import org.ilptorrent.magnet.InfoHash;

/**
 * Where a download's {@link PaymentState} lives: {@code <download folder>/.ilp-torrent/<info
 * hash>.payment}, mode 0600 in a 0700 folder, replaced atomically and forced to disk on every
 * change, so a process killed at any moment finds the balance id it paid into when it starts again.
 */
public final class PaymentStateFile {
  private static final boolean POSIX =
      java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private final Path file;

  /** The state file of {@code infoHash} under {@code downloadFolder}. */
  public PaymentStateFile(Path downloadFolder, InfoHash infoHash) {
    this.file = downloadFolder.resolve(".ilp-torrent").resolve(infoHash.toHex() + ".payment");
  }

  /** The file's path. */
  public Path path() {
    return file;
  }

  /**
   * The stored state, if any.
   *
   * @throws IOException when it exists but cannot be read or is malformed
   */
  public Optional<PaymentState> read() throws IOException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    Properties p = new Properties();
    p.load(new StringReader(text));
    try {
      return Optional.of(PaymentState.fromProperties(p));
    } catch (IllegalArgumentException e) {
      throw new IOException("the payment state " + file + " is malformed: " + e.getMessage(), e);
    }
  }

  /** Replaces the stored state with {@code state}. */
  public synchronized void write(PaymentState state) throws IOException {
    Path dir = file.getParent();
    createPrivateFolder(dir);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    state.toProperties().store(bytes, null);
    Path tmp = dir.resolve(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    try (FileChannel ch =
        POSIX
            ? FileChannel.open(
                tmp,
                java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                ownerOnly("rw-------"))
            : FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.wrap(bytes.toByteArray());
      while (b.hasRemaining()) {
        ch.write(b);
      }
      ch.force(true);
    }
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void createPrivateFolder(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Files.createDirectories(dir.getParent());
    try {
      if (POSIX) {
        Files.createDirectory(dir, ownerOnly("rwx------"));
      } else {
        Files.createDirectory(dir);
      }
    } catch (FileAlreadyExistsException e) {
      // made meanwhile by another download of this folder
    }
  }

  private static FileAttribute<?> ownerOnly(String permissions) {
    return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions));
  }
}

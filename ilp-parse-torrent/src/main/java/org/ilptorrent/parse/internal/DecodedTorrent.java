package org.ilptorrent.parse.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.ilptorrent.magnet.InfoHash;
import org.ilptorrent.magnet.License;
import org.ilptorrent.parse.FileEntry;

/**
 * Everything {@link TorrentDecoder} read from a .torrent; {@code TorrentInfo} wraps it. Byte arrays
 * are owned by this record and never handed out uncopied.
 *
 * @param topLevel every top-level key with the exact bytes of its value, for writing the file back
 */
public record DecodedTorrent(
    InfoHash infoHash,
    byte[] rawInfo,
    String name,
    boolean isPrivate,
    Instant created,
    String createdBy,
    String comment,
    List<List<String>> announceTiers,
    List<String> announce,
    List<String> urlList,
    List<FileEntry> files,
    long length,
    int pieceLength,
    byte[] pieces,
    License license,
    boolean licenseCommitted,
    Map<String, byte[]> topLevel) {}

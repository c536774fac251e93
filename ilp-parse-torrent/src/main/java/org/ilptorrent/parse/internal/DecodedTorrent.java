package org.ilptorrent.parse.internal;

import java.time.Instant;
import java.util.List;
import org.ilptorrent.bencode.BDictionary;
import org.ilptorrent.magnet.InfoHash;
import org.ilptorrent.magnet.License;
import org.ilptorrent.parse.FileEntry;

/**
 * Everything {@link TorrentDecoder} read from a .torrent; {@code TorrentInfo} wraps it. Byte arrays
 * are owned by this record and never handed out uncopied.
 *
 * @param infoHashV2 the hex SHA-256 of the raw info dictionary of a hybrid v1+v2 torrent, or null
 * @param topLevel the top-level dictionary as read (over a private copy of the input), for writing
 *     the file back
 */
public record DecodedTorrent(
    InfoHash infoHash,
    String infoHashV2,
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
    BDictionary topLevel) {}

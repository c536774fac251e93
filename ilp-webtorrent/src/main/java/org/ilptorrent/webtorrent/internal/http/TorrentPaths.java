package org.ilptorrent.webtorrent.internal.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.ilptorrent.webtorrent.Torrent;
import org.ilptorrent.webtorrent.TorrentFile;

/**
 * Where a server puts torrents and files: {@code /<infohash>/} and {@code /<infohash>/<file path>},
 * and for a paid torrent the same under {@code /<token>/}, a random 256-bit path token made per
 * server so that only whoever got a URL from this process (its own user) can fetch paid content.
 */
public final class TorrentPaths {
  private final String token;

  /** Paths with a fresh random token. */
  public TorrentPaths(SecureRandom random) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    this.token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Whether {@code segment} is this server's token (compared in constant time). */
  boolean isToken(String segment) {
    return MessageDigest.isEqual(
        segment.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
  }

  /** The path of the listing of every torrent, paid ones included. */
  public String privateRoot() {
    return "/" + token + "/";
  }

  /** The path of {@code torrent}'s page, with the token for a paid torrent or when asked. */
  public String torrent(Torrent torrent, boolean withToken) {
    String prefix = withToken || torrent.isPaid() ? "/" + token : "";
    return prefix + "/" + torrent.infoHash().toHex() + "/";
  }

  /**
   * The path of {@code file} of {@code torrent}, with the token for a paid torrent or when asked.
   */
  public String file(Torrent torrent, TorrentFile file, boolean withToken) {
    return torrent(torrent, withToken) + RequestPath.encode(file.path());
  }
}

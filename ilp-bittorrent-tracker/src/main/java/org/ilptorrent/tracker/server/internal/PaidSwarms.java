package org.ilptorrent.tracker.server.internal;

import java.net.URI;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.ilptorrent.magnet.License;
import org.ilptorrent.parse.Torrent;
import org.ilptorrent.tracker.server.PaidTorrentException;
import org.ilptorrent.verifier.ReceiptVerifierClient;

/**
 * The paid torrents a tracker knows (info hash → committed licence, with a seeder token), and who
 * has paid for which: the price is spent at the licence's verifier once per (info hash, balance
 * id); concurrent announces with one balance id share one spend. The price always comes from the
 * registered licence, never from an announce.
 */
public final class PaidSwarms {
  /** A registered paid torrent. */
  public record Registered(License license, String seederToken) {}

  private final Map<String, Registered> torrents = new HashMap<>();
  private final Set<String> entitled = ConcurrentHashMap.newKeySet();
  private final Map<String, CompletableFuture<Boolean>> spending = new ConcurrentHashMap<>();
  private final List<URI> allowedVerifiers;
  private final SecureRandom random = new SecureRandom();

  public PaidSwarms(List<URI> allowedVerifiers) {
    this.allowedVerifiers = List.copyOf(allowedVerifiers);
  }

  /**
   * Registers a paid torrent from its .torrent bytes.
   *
   * @return the seeder token that admits the publisher's seeders
   * @throws PaidTorrentException when it has no committed licence or names a verifier not allowed
   */
  public synchronized Registered register(byte[] torrentFile) {
    Torrent torrent = Torrent.parse(torrentFile);
    License license =
        torrent.license().orElseThrow(() -> new PaidTorrentException("the torrent has no licence"));
    if (!torrent.isLicenseCommitted()) {
      throw new PaidTorrentException("the licence is not committed inside info");
    }
    if (!allowed(license.verifier())) {
      throw new PaidTorrentException("verifier not allowed");
    }
    byte[] token = new byte[24];
    random.nextBytes(token);
    Registered r = new Registered(license, HexFormat.of().formatHex(token));
    torrents.put(torrent.infoHash().toHex(), r);
    return r;
  }

  /** The registration of a paid torrent. */
  public synchronized Optional<Registered> paid(String infoHashHex) {
    return Optional.ofNullable(torrents.get(infoHashHex));
  }

  /** Whether {@code balanceId} already paid for the torrent. */
  public boolean isEntitled(String infoHashHex, String balanceId) {
    return entitled.contains(infoHashHex + "/" + balanceId);
  }

  /**
   * Spends the price from {@code balanceId} at the licence's verifier, once: completes with whether
   * the peer may enter.
   */
  public CompletableFuture<Boolean> pay(
      String infoHashHex, String balanceId, Registered registered) {
    String key = infoHashHex + "/" + balanceId;
    if (entitled.contains(key)) {
      return CompletableFuture.completedFuture(true);
    }
    return spending.computeIfAbsent(
        key,
        k ->
            ReceiptVerifierClient.builder(registered.license().verifier())
                .build()
                .spendAsync(balanceId, registered.license().amount().longValueExact())
                .handleAsync(
                    (balance, error) -> {
                      if (error == null) {
                        entitled.add(k);
                      }
                      spending.remove(k);
                      return error == null;
                    }));
  }

  private boolean allowed(URI verifier) {
    String v = trim(verifier.toString());
    return allowedVerifiers.stream().anyMatch(a -> trim(a.toString()).equals(v));
  }

  private static String trim(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}

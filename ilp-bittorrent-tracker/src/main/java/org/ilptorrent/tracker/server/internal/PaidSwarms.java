package org.ilptorrent.tracker.server.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.ilptorrent.magnet.License;
import org.ilptorrent.parse.Torrent;
import org.ilptorrent.tracker.server.PaidTorrentException;
import org.ilptorrent.verifier.BalanceIds;
import org.ilptorrent.verifier.ReceiptVerifierClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The paid torrents a tracker knows (info hash → committed licence, with a seeder token), and who
 * has paid for which: the price is spent at the licence's verifier once per (info hash, balance
 * id); concurrent announces with one balance id share one spend. The price always comes from the
 * registered licence, never from an announce. Balance ids are kept only as SHA-256 digests.
 */
public final class PaidSwarms implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PaidSwarms.class);
  private static final Duration SPEND_TIMEOUT = Duration.ofSeconds(15);

  /** A registered paid torrent. */
  public record Registered(License license, String seederToken) {
    /**
     * The licence as the {@code license} field of a {@code payment required} answer: the fork's
     * names, in its order, every value a string but {@code assetScale}.
     */
    public Map<String, Object> licenseFields() {
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("amount", license.amount().toString());
      fields.put("assetCode", license.assetCode());
      fields.put("assetScale", license.assetScale());
      fields.put("paymentPointer", license.paymentPointer().toString());
      fields.put("verifier", license.verifier().toString());
      return fields;
    }
  }

  /** A registration and whether this call made it. */
  public record Registration(String infoHashHex, Registered registered, boolean created) {}

  private final Map<String, Registered> torrents = new ConcurrentHashMap<>();
  private final Set<String> entitled = ConcurrentHashMap.newKeySet();
  private final Map<String, CompletableFuture<Boolean>> spending = new ConcurrentHashMap<>();
  private final Map<URI, ReceiptVerifierClient> verifiers = new ConcurrentHashMap<>();
  private final List<URI> allowedVerifiers;
  private final SecureRandom random = new SecureRandom();
  private final PaidJournal journal;

  /**
   * The paid swarms, remembered in {@code dataDir} when it is not null.
   *
   * @throws IOException when the data directory cannot be read
   */
  public PaidSwarms(List<URI> allowedVerifiers, Path dataDir) throws IOException {
    this.allowedVerifiers = List.copyOf(allowedVerifiers);
    this.journal =
        dataDir == null
            ? null
            : PaidJournal.open(
                dataDir,
                new PaidJournal.Replay() {
                  @Override
                  public void torrent(byte[] torrentFile, String seederToken) {
                    Torrent t = Torrent.parse(torrentFile);
                    t.license()
                        .ifPresent(
                            l ->
                                torrents.put(t.infoHash().toHex(), new Registered(l, seederToken)));
                  }

                  @Override
                  public void entitlement(String infoHashHex, String balanceDigest) {
                    entitled.add(infoHashHex + "/" + balanceDigest);
                  }
                });
  }

  /** Whether a balance id is well-formed (what a verifier accepts in its path). */
  public static boolean isValidBalanceId(String balanceId) {
    return BalanceIds.isValid(balanceId);
  }

  /**
   * Registers a paid torrent from its .torrent bytes; registering the same torrent again returns
   * the first registration with {@code created} false.
   *
   * @throws PaidTorrentException when it has no committed licence or names a verifier not allowed
   * @throws UncheckedIOException when it cannot be stored
   */
  public synchronized Registration register(byte[] torrentFile) {
    Torrent torrent = Torrent.parse(torrentFile);
    License license =
        torrent
            .license()
            .orElseThrow(
                () ->
                    new PaidTorrentException(
                        PaidTorrentException.Reason.NO_LICENSE, "the torrent has no licence"));
    if (!torrent.isLicenseCommitted()) {
      throw new PaidTorrentException(
          PaidTorrentException.Reason.NOT_COMMITTED, "the licence is not committed inside info");
    }
    if (!allowed(license.verifier())) {
      throw new PaidTorrentException(
          PaidTorrentException.Reason.VERIFIER_NOT_ALLOWED, "verifier not allowed");
    }
    String hex = torrent.infoHash().toHex();
    Registered existing = torrents.get(hex);
    if (existing != null) {
      return new Registration(hex, existing, false);
    }
    byte[] token = new byte[24];
    random.nextBytes(token);
    Registered r = new Registered(license, HexFormat.of().formatHex(token));
    if (journal != null) {
      try {
        journal.torrent(hex, torrentFile, r.seederToken());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot store the torrent", e);
      }
    }
    torrents.put(hex, r);
    return new Registration(hex, r, true);
  }

  /** The registration of a paid torrent. */
  public Optional<Registered> paid(String infoHashHex) {
    return Optional.ofNullable(torrents.get(infoHashHex));
  }

  /** How many paid torrents are registered. */
  public int size() {
    return torrents.size();
  }

  /** Whether no paid torrent is registered (the common case, checked on every announce). */
  public boolean isEmpty() {
    return torrents.isEmpty();
  }

  /** Whether {@code balanceId} already paid for the torrent. */
  public boolean isEntitled(String infoHashHex, String balanceId) {
    return entitled.contains(key(infoHashHex, balanceId));
  }

  /**
   * Whether an announce with these credentials (either may be null) may enter a paid swarm: at once
   * for the publisher's seeder token or a balance id that already paid, false at once without
   * either, else after spending the price from the balance ({@link #pay}). A future that is not
   * done on return means a spend is under way.
   */
  public CompletableFuture<Boolean> admission(
      String infoHashHex, String seederToken, String balanceId, Registered registered) {
    if (seederToken != null
        && MessageDigest.isEqual(
            seederToken.getBytes(StandardCharsets.UTF_8),
            registered.seederToken().getBytes(StandardCharsets.UTF_8))) {
      return CompletableFuture.completedFuture(true);
    }
    if (!isValidBalanceId(balanceId)) {
      return CompletableFuture.completedFuture(false);
    }
    return pay(infoHashHex, balanceId, registered);
  }

  /**
   * Spends the price from {@code balanceId} at the licence's verifier, once: completes with whether
   * the peer may enter. The entitlement is on disk (with a data directory) before it completes.
   */
  public CompletableFuture<Boolean> pay(
      String infoHashHex, String balanceId, Registered registered) {
    String key = key(infoHashHex, balanceId);
    if (entitled.contains(key)) {
      return CompletableFuture.completedFuture(true);
    }
    return spending.computeIfAbsent(
        key,
        k ->
            verifier(registered.license().verifier())
                .spendAsync(balanceId, registered.license().amount().longValueExact())
                .orTimeout(SPEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .handleAsync(
                    (balance, error) -> {
                      try {
                        if (error != null) {
                          LOG.debug(
                              "spend refused for {}: {}",
                              infoHashHex,
                              error.getClass().getSimpleName());
                          return false;
                        }
                        remember(k);
                        return true;
                      } finally {
                        spending.remove(k);
                      }
                    }));
  }

  private void remember(String key) {
    if (journal != null) {
      int slash = key.indexOf('/');
      try {
        journal.entitlement(key.substring(0, slash), key.substring(slash + 1));
      } catch (IOException e) {
        // The price is spent: admit the peer now; only a restart could forget it.
        LOG.warn("cannot store an entitlement: {}", e.toString());
      }
    }
    entitled.add(key);
  }

  private ReceiptVerifierClient verifier(URI uri) {
    return verifiers.computeIfAbsent(
        uri, u -> ReceiptVerifierClient.builder(u).timeout(SPEND_TIMEOUT).build());
  }

  private static String key(String infoHashHex, String balanceId) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(balanceId.getBytes(StandardCharsets.UTF_8));
      return infoHashHex + "/" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private boolean allowed(URI verifier) {
    String v = trim(verifier.toString());
    return allowedVerifiers.stream().anyMatch(a -> trim(a.toString()).equals(v));
  }

  private static String trim(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  @Override
  public void close() throws IOException {
    if (journal != null) {
      journal.close();
    }
  }
}

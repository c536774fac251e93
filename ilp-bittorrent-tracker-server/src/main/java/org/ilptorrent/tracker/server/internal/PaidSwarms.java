package org.ilptorrent.tracker.server.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.ilptorrent.bencode.BInteger;
import org.ilptorrent.bencode.BString;
import org.ilptorrent.magnet.BalanceId;
import org.ilptorrent.magnet.InfoHash;
import org.ilptorrent.magnet.License;
import org.ilptorrent.parse.TorrentInfo;
import org.ilptorrent.tracker.AccessKeys;
import org.ilptorrent.tracker.AccessTicket;
import org.ilptorrent.tracker.server.PaidTorrentException;
import org.ilptorrent.verifier.ReceiptVerifierClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The paid torrents a tracker knows (info hash → committed licence, with the digest of its seeder
 * token), and who has paid for which: the price is spent at the licence's verifier once per (info
 * hash, balance id); concurrent announces with one balance id share one spend. The price always
 * comes from the registered licence, never from an announce. Balance ids and seeder tokens are kept
 * only as SHA-256 digests.
 *
 * <p>Each spend names the licence's payment pointer, so the verifier takes the price only from what
 * receipts paid to that pointer credited, and carries an idempotency key derived from (info hash,
 * balance id): a spend whose answer was lost (a timeout) is sent again on the next announce with
 * the same key, and the verifier answers the first outcome without debiting twice.
 */
public final class PaidSwarms implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PaidSwarms.class);
  private static final BigInteger MAX_SPEND = BigInteger.valueOf(Long.MAX_VALUE);
  private static final Duration REDIS_TIMEOUT = Duration.ofSeconds(2);

  /** A registered paid torrent: its licence and the SHA-256 (hex) of its seeder token. */
  public record Registered(License license, String seederTokenDigest) {
    /**
     * The licence as the {@code license} field of a {@code payment required} answer: the fork's
     * names, in its order, every value a string but {@code assetScale}.
     */
    public Map<String, Object> licenseFields() {
      Map<String, Object> fields = new LinkedHashMap<>();
      license
          .toBencode()
          .entries()
          .forEach(
              (key, value) ->
                  fields.put(
                      key.text(),
                      value instanceof BInteger i ? (Object) i.value() : ((BString) value).text()));
      return fields;
    }
  }

  /**
   * A registration and whether this call made it; {@code seederToken} is the token in clear, only
   * when this call made it (the tracker keeps its digest alone).
   */
  public record Registration(
      String infoHashHex, Registered registered, boolean created, String seederToken) {}

  /**
   * What an announce's credentials let in: nothing, the publisher's seeder, or the holder of an
   * entitlement (its key: info hash and balance id digest).
   */
  public record Admission(boolean admitted, boolean publisher, String entitlement, String failure) {
    /** Not admitted. */
    public static final Admission REFUSED = new Admission(false, false, null, null);

    /** One of the publisher's seeders. */
    public static final Admission PUBLISHER = new Admission(true, true, null, null);

    /**
     * Not admitted because the shared payment state (Redis) cannot be reached: the announce fails
     * with {@link #UNAVAILABLE_REASON} rather than asking for a payment.
     */
    public static final Admission UNAVAILABLE =
        new Admission(false, false, null, "payment state unavailable, try again later");

    /** The failure reason of {@link #UNAVAILABLE}. */
    public static final String UNAVAILABLE_REASON = UNAVAILABLE.failure();

    static Admission paid(String entitlement) {
      return new Admission(true, false, entitlement, null);
    }
  }

  /** A registration refused because the stored torrents would exceed their budget. */
  public static final class RegistryFullException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RegistryFullException() {
      super("registry full", null, false, false);
    }
  }

  private final Map<String, Registered> torrents = new ConcurrentHashMap<>();
  private final Set<String> entitled = ConcurrentHashMap.newKeySet();
  private final Map<String, CompletableFuture<Admission>> spending = new ConcurrentHashMap<>();
  private final Map<URI, ReceiptVerifierClient> verifiers = new ConcurrentHashMap<>();
  private final List<URI> allowedVerifiers;
  private final Duration spendTimeout;
  private final SecureRandom random = new SecureRandom();
  private final AtomicLong storedBytes = new AtomicLong();
  private final PaidJournal journal;
  private volatile Consumer<String> onRegistered = hex -> {};
  private final TicketKey ticketKey;
  private final String ticketKeyHex;
  private final Duration ticketLifetime;
  private final Clock clock;
  private final RedisPaidState shared;
  private final SharedRegistrations sync;

  /**
   * The paid swarms, remembered in {@code dataDir} when it is not null; a spend that has no answer
   * within {@code spendTimeout} refuses that announce (the next one asks again). Access tickets are
   * signed with the key kept in {@code dataDir} ({@link TicketKey}) and valid for {@code
   * ticketLifetime} from {@code clock}'s now.
   *
   * @throws IOException when the data directory cannot be read
   */
  public PaidSwarms(
      List<URI> allowedVerifiers,
      Path dataDir,
      Duration spendTimeout,
      Duration ticketLifetime,
      Clock clock)
      throws IOException {
    this(allowedVerifiers, dataDir, null, spendTimeout, ticketLifetime, clock);
  }

  /**
   * The paid swarms, kept in the Redis at {@code redis} (shared with every tracker instance on it)
   * when it is not null, else as {@link #PaidSwarms(List, Path, Duration, Duration, Clock)} says.
   *
   * @throws IOException when Redis cannot be reached or the data directory cannot be read
   */
  public PaidSwarms(
      List<URI> allowedVerifiers,
      Path dataDir,
      URI redis,
      Duration spendTimeout,
      Duration ticketLifetime,
      Clock clock)
      throws IOException {
    this.allowedVerifiers = List.copyOf(allowedVerifiers);
    this.spendTimeout = spendTimeout;
    this.ticketLifetime = ticketLifetime;
    this.clock = clock;
    if (redis != null) {
      this.shared = RedisPaidState.connect(redis, REDIS_TIMEOUT);
      try {
        this.ticketKey = new TicketKey(shared.ticketKey(AccessKeys.generate()), false);
        this.ticketKeyHex = ticketKey.publicHex();
        this.journal = null;
        this.sync = new SharedRegistrations(shared, this::learn);
      } catch (IOException | RuntimeException e) {
        shared.close();
        throw e;
      }
      return;
    }
    this.shared = null;
    this.sync = null;
    this.ticketKey = TicketKey.load(dataDir);
    this.ticketKeyHex = ticketKey.publicHex();
    this.journal =
        dataDir == null
            ? null
            : PaidJournal.open(
                dataDir,
                new PaidJournal.Replay() {
                  @Override
                  public void torrent(byte[] torrentFile, String seederTokenDigest) {
                    TorrentInfo t = TorrentInfo.parse(torrentFile);
                    // A licence above 2^63-1 (stored before registration refused it) stays
                    // registered: its swarm stays closed, and spends of it are refused.
                    t.license()
                        .ifPresent(
                            l -> {
                              torrents.put(
                                  t.infoHash().toHex(), new Registered(l, seederTokenDigest));
                              storedBytes.addAndGet(torrentFile.length);
                            });
                  }

                  @Override
                  public void entitlement(String infoHashHex, String balanceDigest) {
                    entitled.add(infoHashHex + "/" + balanceDigest);
                  }
                });
  }

  /**
   * Adds a registration read from Redis unless one is known, telling the listener when it is new;
   * returns the registration in force.
   */
  private Registered learn(String infoHashHex, Registered registered, int torrentBytes) {
    Registered known = torrents.putIfAbsent(infoHashHex, registered);
    if (known != null) {
      return known;
    }
    storedBytes.addAndGet(torrentBytes);
    onRegistered.accept(infoHashHex);
    return registered;
  }

  /** The raw public key of the tracker's ticket key, 64 lowercase hex digits. */
  public String ticketKeyHex() {
    return ticketKeyHex;
  }

  /** The tracker's ticket key pair. */
  public java.security.KeyPair ticketKeyPair() {
    return ticketKey.pair();
  }

  /** Whether {@code hex} is a leecher key as announces carry it: 64 hex digits. */
  public static boolean isValidLeecherKey(String hex) {
    if (hex == null || hex.length() != 64) {
      return false;
    }
    for (int i = 0; i < 64; i++) {
      if (Character.digit(hex.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * An access ticket (hex) for an admitted announce of a paid torrent: it binds the info hash and
   * the leecher key (64 hex, {@link #isValidLeecherKey valid}) until now plus the ticket lifetime.
   */
  public String issueTicket(String infoHashHex, String leecherKeyHex) {
    return AccessTicket.issue(
            ticketKey.pair().getPrivate(),
            InfoHash.fromHex(infoHashHex),
            HexFormat.of().parseHex(leecherKeyHex),
            clock.instant().plus(ticketLifetime))
        .toHex();
  }

  /** Whether a balance id is well-formed (what a verifier accepts in its path). */
  public static boolean isValidBalanceId(String balanceId) {
    return BalanceId.isValid(balanceId);
  }

  /**
   * Calls {@code listener} with the info hash (hex) of each torrent registered or learned from now
   * on, after the registration is in place and outside any lock of this class; it may be called
   * again for a torrent (registering it again), so it must be idempotent.
   */
  public void onRegistered(Consumer<String> listener) {
    this.onRegistered = listener;
  }

  /**
   * Registers a paid torrent from its .torrent bytes; registering the same torrent again returns
   * the first registration with {@code created} false.
   *
   * @throws PaidTorrentException when it has no committed licence, names a verifier not allowed or
   *     an amount above 2^63-1
   * @throws UncheckedIOException when it cannot be stored
   */
  public Registration register(byte[] torrentFile) {
    return register(torrentFile, Long.MAX_VALUE);
  }

  /**
   * {@link #register(byte[])}, refusing a new torrent that would bring the stored torrent files
   * above {@code maxStoredBytes}.
   *
   * @throws RegistryFullException when it would
   */
  public Registration register(byte[] torrentFile, long maxStoredBytes) {
    Registration r = registerLocked(torrentFile, maxStoredBytes);
    // Also when it was known: it may have been registered through another instance and learned
    // just now, and removing a paid swarm's unadmitted peers again removes nobody.
    onRegistered.accept(r.infoHashHex());
    return r;
  }

  private synchronized Registration registerLocked(byte[] torrentFile, long maxStoredBytes) {
    TorrentInfo torrent = TorrentInfo.parse(torrentFile);
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
    if (license.amount().compareTo(MAX_SPEND) > 0) {
      // Verifier balances are signed 64-bit (as @coil/receipt-verifier's): no spend could pay it.
      throw new PaidTorrentException(
          PaidTorrentException.Reason.AMOUNT_TOO_LARGE,
          "the licence amount is above 9223372036854775807");
    }
    String hex = torrent.infoHash().toHex();
    Registered existing = torrents.get(hex);
    if (existing != null) {
      return new Registration(hex, existing, false, null);
    }
    if (shared != null) {
      return registerShared(hex, torrentFile, license, maxStoredBytes);
    }
    if (storedBytes.get() + torrentFile.length > maxStoredBytes) {
      throw new RegistryFullException();
    }
    String token = newSeederToken();
    Registered r = new Registered(license, Secrets.sha256Hex(token));
    if (journal != null) {
      try {
        journal.torrent(hex, torrentFile, r.seederTokenDigest());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot store the torrent", e);
      }
    }
    torrents.put(hex, r);
    storedBytes.addAndGet(torrentFile.length);
    return new Registration(hex, r, true, token);
  }

  private Registration registerShared(
      String hex, byte[] torrentFile, License license, long maxStoredBytes) {
    if (storedBytes.get() + torrentFile.length > maxStoredBytes) {
      throw new RegistryFullException();
    }
    String token = newSeederToken();
    Registered r = new Registered(license, Secrets.sha256Hex(token));
    Optional<RedisPaidState.Stored> there;
    try {
      there = shared.register(hex, new RedisPaidState.Stored(torrentFile, r.seederTokenDigest()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store the torrent", e);
    }
    if (there.isPresent()) {
      // Registered through another instance first: that registration stands.
      Registered theirs = new Registered(license, there.get().seederTokenDigest());
      Registered known = torrents.putIfAbsent(hex, theirs);
      if (known == null) {
        storedBytes.addAndGet(torrentFile.length);
      }
      return new Registration(hex, known == null ? theirs : known, false, null);
    }
    torrents.put(hex, r);
    storedBytes.addAndGet(torrentFile.length);
    return new Registration(hex, r, true, token);
  }

  private String newSeederToken() {
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** The registration of a paid torrent. */
  public Optional<Registered> paid(String infoHashHex) {
    return Optional.ofNullable(torrents.get(infoHashHex));
  }

  /**
   * The registration for an announce that carries paid-flow credentials (a seeder token, a balance
   * id or a leecher key): {@link #paid} when this instance knows it; on Redis, else the one stored
   * there, learned (its swarm gated) before the future completes. Fails with an {@link IOException}
   * when Redis cannot tell, which must refuse the announce ({@link Admission#UNAVAILABLE}), never
   * admit it as free. Never blocks.
   */
  public CompletableFuture<Optional<Registered>> lookUp(String infoHashHex) {
    Registered known = torrents.get(infoHashHex);
    if (known != null || sync == null) {
      return CompletableFuture.completedFuture(Optional.ofNullable(known));
    }
    return sync.lookUp(infoHashHex);
  }

  /** How many paid torrents are registered. */
  public int size() {
    return torrents.size();
  }

  /** Whether no paid torrent is registered (the common case, checked on every announce). */
  public boolean isEmpty() {
    return torrents.isEmpty();
  }

  /**
   * Who an announce with these credentials (either may be null) lets into a paid swarm: at once the
   * publisher's seeder for its seeder token or the holder of a balance id that already paid, nobody
   * at once without either, else whoever the spend of the price ({@link #pay}) admits. A future
   * that is not done on return means a spend is under way.
   */
  public CompletableFuture<Admission> admission(
      String infoHashHex, String seederToken, String balanceId, Registered registered) {
    if (seederToken != null && Secrets.matches(seederToken, registered.seederTokenDigest())) {
      return CompletableFuture.completedFuture(Admission.PUBLISHER);
    }
    if (!isValidBalanceId(balanceId)) {
      return CompletableFuture.completedFuture(Admission.REFUSED);
    }
    return pay(infoHashHex, balanceId, registered);
  }

  /**
   * Spends the price from {@code balanceId} at the licence's verifier, once: completes with the
   * entitlement, or refused. The entitlement is on disk (with a data directory) before it
   * completes. Never completes exceptionally.
   */
  public CompletableFuture<Admission> pay(
      String infoHashHex, String balanceId, Registered registered) {
    String key = key(infoHashHex, balanceId);
    if (entitled.contains(key)) {
      return CompletableFuture.completedFuture(Admission.paid(key));
    }
    if (shared == null) {
      return spendOnce(infoHashHex, balanceId, registered, key);
    }
    // Another instance may have admitted this balance id already: ask Redis without blocking the
    // caller (an event loop), and go on off Redis's I/O thread.
    return shared
        .entitledAsync(key)
        .toCompletableFuture()
        .handleAsync(
            (stored, error) -> {
              if (error != null) {
                LOG.debug("payment state unavailable: {}", error.toString());
                return CompletableFuture.completedFuture(Admission.UNAVAILABLE);
              }
              if (stored) {
                entitled.add(key);
                return CompletableFuture.completedFuture(Admission.paid(key));
              }
              return spendOnce(infoHashHex, balanceId, registered, key);
            })
        .thenCompose(admission -> admission);
  }

  private CompletableFuture<Admission> spendOnce(
      String infoHashHex, String balanceId, Registered registered, String key) {
    BigInteger amount = registered.license().amount();
    if (amount.signum() < 0 || amount.compareTo(MAX_SPEND) > 0) {
      return CompletableFuture.completedFuture(Admission.REFUSED);
    }
    return spending.computeIfAbsent(
        key,
        k ->
            spend(
                    registered.license(),
                    balanceId,
                    amount.longValue(),
                    spendKey(infoHashHex, balanceId))
                .orTimeout(spendTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .handleAsync(
                    (balance, error) -> {
                      if (error != null) {
                        LOG.debug(
                            "spend refused for {}: {}",
                            infoHashHex,
                            error.getClass().getSimpleName());
                        spending.remove(k);
                        return CompletableFuture.completedFuture(Admission.REFUSED);
                      }
                      return remember(k)
                          .handle(
                              (stored, ignored) -> {
                                spending.remove(k);
                                return Admission.paid(k);
                              });
                    })
                .thenCompose(admission -> admission));
  }

  private CompletableFuture<Long> spend(
      License license, String balanceId, long amount, String idempotencyKey) {
    try {
      return verifier(license.verifier())
          .spendAsync(balanceId, amount, license.paymentPointer().toString(), idempotencyKey);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * The spend's idempotency key: hex SHA-256 of {@code "ilp-torrent spend\0" + info hash hex + "\0"
   * + balance id}. Deterministic, so a retry after a lost answer repeats the first spend; and it
   * reveals neither the balance id nor, without the id, anything about the torrent.
   */
  static String spendKey(String infoHashHex, String balanceId) {
    return Secrets.sha256Hex("ilp-torrent spend\0" + infoHashHex + "\0" + balanceId);
  }

  /** Stores an entitlement everywhere it is kept; never completes exceptionally. */
  private CompletableFuture<Void> remember(String key) {
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
    if (shared == null) {
      return CompletableFuture.completedFuture(null);
    }
    return shared
        .entitleAsync(key)
        .toCompletableFuture()
        .exceptionally(
            e -> {
              // The price is spent: admit the peer now; another instance would spend again with
              // the same idempotency key, which the verifier answers without debiting twice.
              LOG.warn("cannot store an entitlement in redis: {}", e.toString());
              return null;
            });
  }

  private ReceiptVerifierClient verifier(URI uri) {
    return verifiers.computeIfAbsent(
        uri, u -> ReceiptVerifierClient.builder(u).timeout(spendTimeout).build());
  }

  private static String key(String infoHashHex, String balanceId) {
    return infoHashHex + "/" + Secrets.sha256Hex(balanceId);
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
    if (sync != null) {
      sync.close();
    }
    if (shared != null) {
      shared.close();
    }
    if (journal != null) {
      journal.close();
    }
  }
}

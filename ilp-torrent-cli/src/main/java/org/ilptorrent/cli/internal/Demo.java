package org.ilptorrent.cli.internal;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.function.Consumer;
import org.ilptorrent.magnet.License;
import org.ilptorrent.magnet.MagnetUri;
import org.ilptorrent.parse.TorrentInfo;
import org.ilptorrent.stream.wallet.Wallet;
import org.ilptorrent.tracker.server.TrackerServer;
import org.ilptorrent.verifier.server.MemoryVerifierStore;
import org.ilptorrent.verifier.server.ReceiptVerifierServer;
import org.ilptorrent.webtorrent.AddOptions;
import org.ilptorrent.webtorrent.PaidSeedOptions;
import org.ilptorrent.webtorrent.Payer;
import org.ilptorrent.webtorrent.PaymentPolicy;
import org.ilptorrent.webtorrent.Torrent;
import org.ilptorrent.webtorrent.WebTorrent;

/**
 * The paid flow end to end in one JVM on loopback ports: a receipt verifier, a wallet with alice
 * and a funded bob, a tracker that allows the verifier; alice publishes a generated file at {@link
 * #PRICE}, bob downloads it by magnet and pays. Each step is one line on {@code lines} as it
 * happens.
 *
 * <p>{@link #close()} closes every component, newest first; it is idempotent and may be called from
 * another thread (Ctrl-C) while {@link #run()} is running, which then fails.
 */
final class Demo implements AutoCloseable {
  /** The price alice asks. */
  static final BigDecimal PRICE = new BigDecimal("0.50");

  static final String ASSET = "USD";
  static final int SCALE = 9;

  /** Bob's funds: 5 USD. */
  static final long BOB_FUNDS = 5_000_000_000L;

  /** How long the download may go without a new piece before the demo gives up. */
  private static final Duration STALL = Duration.ofSeconds(30);

  private final Path data;
  private final Path download;
  private final long size;
  private final Consumer<String> lines;
  private final Deque<AutoCloseable> open = new ArrayDeque<>();
  private boolean closed;

  /**
   * @param folder where the data folder (alice's) and the download folder (bob's) go
   * @param size the generated file's size in bytes
   * @param lines where each step goes, one line per call (called from several threads)
   */
  Demo(Path folder, long size, Consumer<String> lines) {
    this.data = folder.resolve("data");
    this.download = folder.resolve("download");
    this.size = size;
    this.lines = lines;
  }

  /** Runs every step and check; returns only when all passed. */
  void run() throws IOException, InterruptedException {
    Files.createDirectories(data);
    Files.createDirectories(download);

    ObservedVerifierStore store =
        new ObservedVerifierStore(
            new MemoryVerifierStore(),
            (amount, after) ->
                lines.accept(
                    "spent "
                        + money(amount)
                        + " from bob's balance at the verifier (the tracker's spend; "
                        + money(after)
                        + " left)"));
    ReceiptVerifierServer verifier =
        own(ReceiptVerifierServer.builder().host("127.0.0.1").port(0).store(store).start());
    lines.accept("verifier " + verifier.uri() + " (memory store)");

    Wallet wallet =
        own(
            Wallet.builder()
                .host("127.0.0.1")
                .port(0)
                .account("alice", ASSET, SCALE, 0)
                .account("bob", ASSET, SCALE, BOB_FUNDS)
                .start());
    lines.accept(
        "wallet "
            + wallet.uri()
            + ": alice "
            + wallet.pointer("alice")
            + ", bob "
            + wallet.pointer("bob")
            + " ("
            + ASSET
            + ", scale "
            + SCALE
            + ")");

    TrackerServer tracker =
        own(
            TrackerServer.builder()
                .host("127.0.0.1")
                .port(0)
                .allowVerifier(verifier.uri())
                .start());
    URI announce = tracker.httpAnnounceUri().orElseThrow();
    lines.accept("tracker " + announce + " (allows " + verifier.uri() + ")");

    Path file = data.resolve("demo.bin");
    byte[] sha = RandomFile.write(file, size);
    lines.accept(
        "generated "
            + file
            + " ("
            + ProgressLine.bytes(size)
            + " of random bytes, sha-256 "
            + HexFormat.of().formatHex(sha)
            + ")");

    WebTorrent alice = own(WebTorrent.builder().host("127.0.0.1").downloadFolder(data).start());
    Torrent seeding =
        alice.seedPaid(
            file,
            PaidSeedOptions.builder()
                .wallet(wallet.pointer("alice"))
                .price(PRICE)
                .assetCode(ASSET)
                .verifier(verifier.uri())
                .addTracker(announce.toString())
                .verifierToken(verifier.registrationToken().orElseThrow())
                .trackerToken(tracker.registrationToken().orElseThrow())
                .build());
    TorrentInfo published = seeding.metadata().orElseThrow();
    DownloadWatch.awaitDone(seeding, "alice's data check", STALL);
    MagnetUri magnet = published.toMagnetUri();
    License license = published.license().orElseThrow();
    lines.accept("published " + magnet);
    lines.accept(
        "price "
            + license.price().toPlainString()
            + " "
            + license.assetCode()
            + " ("
            + license.amount()
            + " at scale "
            + license.assetScale()
            + ") to "
            + license.paymentPointer());

    long bobBefore = wallet.balance("bob");
    long aliceBefore = wallet.balance("alice");
    long verifierBefore = store.balance();
    lines.accept(
        "balances before: bob "
            + money(bobBefore)
            + ", alice "
            + money(aliceBefore)
            + ", verifier "
            + money(verifierBefore));

    BuyerEvents events = new BuyerEvents(lines);
    WebTorrent bob =
        own(
            WebTorrent.builder()
                .host("127.0.0.1")
                .downloadFolder(download)
                .paymentPolicy(PaymentPolicy.maxPrice(PRICE, ASSET))
                .payer(Payer.stream(wallet.ilpUrl(), wallet.token("bob")))
                .start());
    Torrent got = bob.add(magnet, AddOptions.builder().listener(events).build());
    lines.accept("bob downloads the magnet, paying up to " + PRICE.toPlainString() + " " + ASSET);
    DownloadWatch.await(got, events, lines, STALL);

    Path downloaded = download.resolve(got.name());
    byte[] gotSha = RandomFile.sha256(downloaded);
    if (!MessageDigest.isEqual(sha, gotSha)) {
      throw new IOException(
          "the downloaded file differs: sha-256 "
              + HexFormat.of().formatHex(gotSha)
              + ", alice's "
              + HexFormat.of().formatHex(sha));
    }
    lines.accept("verified " + downloaded + ": sha-256 identical to alice's file");

    long bobDown = bobBefore - wallet.balance("bob");
    long aliceUp = wallet.balance("alice") - aliceBefore;
    long verifierAfter = store.balance();
    lines.accept(
        "balances after: bob "
            + money(bobBefore - bobDown)
            + " (-"
            + money(bobDown)
            + "), alice "
            + money(aliceBefore + aliceUp)
            + " (+"
            + money(aliceUp)
            + "), verifier "
            + money(verifierAfter)
            + " (credited "
            + money(events.credited())
            + ", spent "
            + money(events.credited() - verifierAfter)
            + ")");
    long price = license.amount().longValueExact();
    if (bobDown < price || aliceUp < price || events.credited() - verifierAfter != price) {
      throw new IOException(
          "balances do not add up: bob paid "
              + money(bobDown)
              + ", alice got "
              + money(aliceUp)
              + ", the tracker spent "
              + money(events.credited() - verifierAfter)
              + " for a price of "
              + money(price));
    }
  }

  /** {@code 0.500000000 USD}: base units at the demo's scale. */
  static String money(long units) {
    return BigDecimal.valueOf(units, SCALE).toPlainString() + " " + ASSET;
  }

  /** Keeps {@code component} to close it; closes it at once when the demo was stopped. */
  private <T extends AutoCloseable> T own(T component) throws IOException {
    synchronized (this) {
      if (!closed) {
        open.push(component);
        return component;
      }
    }
    closeQuietly(component);
    throw new IOException("stopped");
  }

  @Override
  public void close() {
    while (true) {
      AutoCloseable next;
      synchronized (this) {
        closed = true;
        next = open.poll();
      }
      if (next == null) {
        return;
      }
      closeQuietly(next);
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      // closing everything anyway; nothing to report on the way out
    }
  }
}

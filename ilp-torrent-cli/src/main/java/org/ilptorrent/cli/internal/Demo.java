package org.ilptorrent.cli.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.ilptorrent.magnet.License;
import org.ilptorrent.magnet.MagnetUri;
import org.ilptorrent.stream.Wallet;
import org.ilptorrent.tracker.server.TrackerServer;
import org.ilptorrent.verifier.MemoryVerifierStore;
import org.ilptorrent.verifier.ReceiptVerifierServer;
import org.ilptorrent.webtorrent.AddOptions;
import org.ilptorrent.webtorrent.PaidSeedOptions;
import org.ilptorrent.webtorrent.Payer;
import org.ilptorrent.webtorrent.PaymentException;
import org.ilptorrent.webtorrent.PaymentPolicy;
import org.ilptorrent.webtorrent.Progress;
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
    byte[] sha = writeRandom(file, size);
    lines.accept(
        "generated "
            + file
            + " ("
            + ProgressLine.bytes(size)
            + " of random bytes, sha-256 "
            + HexFormat.of().formatHex(sha)
            + ")");

    WebTorrent alice = own(WebTorrent.builder().host("127.0.0.1").downloadFolder(data).build());
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
    org.ilptorrent.parse.Torrent published = seeding.metadata().orElseThrow();
    awaitDone(seeding, "alice's data check");
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
                .build());
    Torrent got = bob.add(magnet, AddOptions.builder().listener(events).build());
    lines.accept("bob downloads the magnet, paying up to " + PRICE.toPlainString() + " " + ASSET);
    downloadWithProgress(got, events);

    Path downloaded = download.resolve(got.name());
    byte[] gotSha = sha256(downloaded);
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

  /** Waits for bob's download, a progress line a second once admitted, failing on a stall. */
  private void downloadWithProgress(Torrent got, BuyerEvents events)
      throws IOException, InterruptedException {
    long started = System.nanoTime();
    long lastChange = started;
    long lastVerified = -1;
    while (true) {
      try {
        got.whenDone().get(1, TimeUnit.SECONDS);
        break;
      } catch (TimeoutException e) {
        Progress p = got.progress();
        long now = System.nanoTime();
        boolean changed = p.verifiedBytes() != lastVerified;
        if (changed) {
          lastVerified = p.verifiedBytes();
          lastChange = now;
        } else if (now - lastChange > STALL.toNanos()) {
          throw new IOException(
              events.admitted()
                  ? "bob was admitted but got no piece for " + STALL.toSeconds() + " s"
                  : "bob was not admitted within " + STALL.toSeconds() + " s");
        }
        // A line per second while pieces arrive; none before the metadata (length unknown).
        if (changed && p.length() > 0) {
          lines.accept(
              StatusLine.downloading(
                  p.verifiedBytes(),
                  p.length(),
                  (long) p.downloadBytesPerSecond(),
                  p.peers(),
                  p.eta().orElse(null)));
        }
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof PaymentException pe) {
          throw new IOException(
              "payment failed: "
                  + pe.getMessage()
                  + " (paid "
                  + money(pe.paid())
                  + ", credited "
                  + money(pe.credited())
                  + ")",
              pe);
        }
        throw new IOException("download failed: " + cause.getMessage(), cause);
      }
    }
    Progress p = got.progress();
    double seconds = (System.nanoTime() - started) / 1e9;
    lines.accept(
        String.format(
            "downloaded %s in %.1f s (%s/s)",
            ProgressLine.bytes(p.length()),
            seconds,
            ProgressLine.bytes((long) (p.length() / Math.max(seconds, 1e-3)))));
  }

  /** Waits for a seed's data check; it fails unless every piece checked good. */
  private static void awaitDone(Torrent torrent, String what)
      throws IOException, InterruptedException {
    try {
      torrent.whenDone().get(STALL.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IOException(what + " failed: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IOException(what + " did not finish in " + STALL.toSeconds() + " s");
    }
  }

  /** {@code 0.500000000 USD}: base units at the demo's scale. */
  static String money(long units) {
    return BigDecimal.valueOf(units, SCALE).toPlainString() + " " + ASSET;
  }

  /** Writes {@code size} random bytes to {@code file}; their SHA-256. */
  private static byte[] writeRandom(Path file, long size) throws IOException {
    MessageDigest sha = sha256();
    byte[] buffer = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long left = size; left > 0; ) {
        int n = (int) Math.min(buffer.length, left);
        ThreadLocalRandom.current().nextBytes(buffer);
        sha.update(buffer, 0, n);
        out.write(buffer, 0, n);
        left -= n;
      }
    }
    return sha.digest();
  }

  private static byte[] sha256(Path file) throws IOException {
    MessageDigest sha = sha256();
    byte[] buffer = new byte[1 << 20];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        sha.update(buffer, 0, n);
      }
    }
    return sha.digest();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
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

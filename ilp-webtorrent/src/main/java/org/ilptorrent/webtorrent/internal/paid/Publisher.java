package org.ilptorrent.webtorrent.internal.paid;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ilptorrent.create.TorrentCreator;
import org.ilptorrent.magnet.License;
import org.ilptorrent.magnet.PaymentPointer;
import org.ilptorrent.parse.TorrentInfo;
import org.ilptorrent.stream.AssetDetails;
import org.ilptorrent.stream.Spsp;
import org.ilptorrent.verifier.ReceiptVerifierClient;
import org.ilptorrent.verifier.VerifierException;
import org.ilptorrent.webtorrent.PaidSeedOptions;
import org.ilptorrent.webtorrent.PublishException;

/**
 * Publishes a paid torrent, checking everything before registering anything: the trackers can carry
 * a paid torrent, the wallet names its asset, the price restates exactly at the wallet's scale;
 * then registers the wallet at the verifier (or reuses the stored proxy pointer), makes the torrent
 * with the committed licence, and registers it at every tracker, keeping each seeder token and
 * ticket key in the seed's state. A torrent already registered is seeded with its stored token.
 */
public final class Publisher {
  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  /** The largest amount a verifier's balances can spend (signed 64-bit). */
  private static final BigInteger MAX_SPEND = BigInteger.valueOf(Long.MAX_VALUE);

  // The answer is a flat object of short strings; the module has no JSON library on purpose.
  private static final Pattern SEEDER_TOKEN =
      Pattern.compile("\"seederToken\"\\s*:\\s*\"([A-Za-z0-9._~-]{1,256})\"");
  private static final Pattern TICKET_KEY =
      Pattern.compile("\"ticketKey\"\\s*:\\s*\"([0-9a-f]{64})\"");

  /** What publishing made: the torrent, and per tracker its seeder token and ticket key. */
  public record Published(TorrentInfo torrent, List<Registration> registrations) {
    /** Copies the list. */
    public Published {
      registrations = List.copyOf(registrations);
    }
  }

  /**
   * One tracker's registration.
   *
   * @param ticketKey the tracker's ticket key (64 hex), empty when the tracker issues no tickets
   */
  public record Registration(URI tracker, String seederToken, Optional<String> ticketKey) {
    @Override
    public String toString() {
      return "Registration[" + tracker + "]"; // the token is a secret
    }
  }

  private final HttpClient http;

  /** A publisher using {@code http} for every call. */
  public Publisher(HttpClient http) {
    this.http = http;
  }

  /**
   * Publishes {@code path} with {@code o}; state goes to {@code stateFolder}.
   *
   * @throws PublishException when a check or a registration fails
   * @throws IOException when the data cannot be read or a service cannot be reached
   */
  public Published publish(Path path, PaidSeedOptions o, Path stateFolder)
      throws IOException, InterruptedException {
    List<URI> trackers = new ArrayList<>();
    for (String t : o.trackers()) {
      trackers.add(checkTracker(t));
    }
    AssetDetails asset = walletAsset(o.wallet());
    if (o.assetCode().isPresent() && !o.assetCode().get().equals(asset.assetCode())) {
      throw new PublishException(
          "the price is in "
              + o.assetCode().get()
              + " but the wallet "
              + o.wallet()
              + " holds "
              + asset.assetCode()
              + "; nothing converts between assets, so price it in "
              + asset.assetCode());
    }
    BigInteger amount = restate(o.price(), asset);
    SeedState state = SeedState.open(stateFolder);
    PaymentPointer proxy = proxyPointer(o, state);
    License license =
        new License(proxy, o.verifier(), amount, asset.assetCode(), asset.assetScale());
    byte[] torrentFile =
        TorrentCreator.builder()
            .addPath(path)
            .announce(o.trackers())
            .license(license)
            .build()
            .create()
            .torrentFile();
    TorrentInfo torrent = TorrentInfo.parse(torrentFile);
    List<Registration> registrations = new ArrayList<>();
    for (URI tracker : trackers) {
      registrations.add(register(tracker, torrentFile, torrent, o, state));
    }
    return new Published(torrent, registrations);
  }

  /** Only HTTP(S) and WebSocket trackers can register a torrent and carry tickets. */
  private static URI checkTracker(String url) throws PublishException {
    URI u;
    try {
      u = new URI(url);
    } catch (java.net.URISyntaxException e) {
      throw new PublishException("the tracker URL " + url + " is not a URL");
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (!List.of("http", "https", "ws", "wss").contains(scheme) || u.getRawAuthority() == null) {
      throw new PublishException(
          "a paid torrent needs HTTP(S) or WebSocket trackers; "
              + url
              + " cannot register it or carry access tickets");
    }
    return u;
  }

  private AssetDetails walletAsset(PaymentPointer wallet) throws IOException {
    Optional<AssetDetails> asset;
    try {
      asset = Spsp.assetDetails(wallet, http, TIMEOUT);
    } catch (IOException e) {
      throw new PublishException("cannot reach the wallet " + wallet + ": " + e.getMessage(), e);
    }
    return asset.orElseThrow(
        () ->
            new PublishException(
                "the wallet "
                    + wallet
                    + " does not tell its asset (no assetCode/assetScale at its address), so the"
                    + " price cannot be restated in its units"));
  }

  /** The price in the wallet's base units, exactly, or a refusal. */
  static BigInteger restate(BigDecimal price, AssetDetails asset) throws PublishException {
    BigDecimal units = price.movePointRight(asset.assetScale());
    BigInteger exact;
    try {
      exact = units.toBigIntegerExact();
    } catch (ArithmeticException e) {
      throw new PublishException(
          "the price "
              + price.toPlainString()
              + " "
              + asset.assetCode()
              + " cannot be written exactly at the wallet's scale "
              + asset.assetScale()
              + " (its smallest unit is 1e-"
              + asset.assetScale()
              + ")");
    }
    if (exact.signum() <= 0 || exact.compareTo(MAX_SPEND) > 0) {
      throw new PublishException(
          "the price "
              + price.toPlainString()
              + " "
              + asset.assetCode()
              + " is "
              + exact
              + " base units at scale "
              + asset.assetScale()
              + "; it must be 1.."
              + MAX_SPEND);
    }
    return exact;
  }

  private PaymentPointer proxyPointer(PaidSeedOptions o, SeedState state) throws IOException {
    String wallet = o.wallet().toString();
    String verifier = o.verifier().toString();
    Optional<String> stored = state.proxy(wallet, verifier);
    if (stored.isPresent()) {
      return PaymentPointer.parse(stored.get());
    }
    ReceiptVerifierClient.Builder b = ReceiptVerifierClient.builder(o.verifier()).timeout(TIMEOUT);
    o.verifierToken().ifPresent(b::registrationToken);
    PaymentPointer proxy;
    try {
      proxy = b.httpClient(http).build().registerPointer(o.wallet());
    } catch (VerifierException e) {
      throw new PublishException(
          "the verifier "
              + verifier
              + " refused to register the wallet ("
              + e.getMessage()
              + ")"
              + (e.status() == 401 ? ": give its operator token" : ""),
          e);
    } catch (IOException e) {
      throw new PublishException(
          "cannot register the wallet at the verifier " + verifier + ": " + e.getMessage(), e);
    }
    state.proxy(wallet, verifier, proxy.toString());
    return proxy;
  }

  private Registration register(
      URI tracker, byte[] torrentFile, TorrentInfo torrent, PaidSeedOptions o, SeedState state)
      throws IOException, InterruptedException {
    String hex = torrent.infoHash().toHex();
    String key = tracker.toString();
    URI endpoint = registrationUri(tracker);
    HttpRequest.Builder r =
        HttpRequest.newBuilder(endpoint)
            .timeout(TIMEOUT)
            .header("Content-Type", "application/x-bittorrent")
            .POST(HttpRequest.BodyPublishers.ofByteArray(torrentFile));
    o.trackerToken().ifPresent(t -> r.header("Authorization", "Bearer " + t));
    HttpResponse<String> answer;
    try {
      answer = http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new PublishException(
          "cannot register the torrent at the tracker " + endpoint + ": " + e.getMessage(), e);
    }
    int status = answer.statusCode();
    String body = answer.body() == null ? "" : answer.body().strip();
    if (status == 200 || status == 201) {
      Matcher token = SEEDER_TOKEN.matcher(body);
      if (!token.find()) {
        throw new PublishException("the tracker " + endpoint + " answered no seeder token");
      }
      Matcher ticketKey = TICKET_KEY.matcher(body);
      String tk = ticketKey.find() ? ticketKey.group(1) : null;
      state.registration(hex, key, token.group(1), tk);
      return new Registration(tracker, token.group(1), Optional.ofNullable(tk));
    }
    if (status == 409) {
      Optional<String> stored = state.seederToken(hex, key);
      if (stored.isEmpty()) {
        throw new PublishException(
            "the tracker "
                + endpoint
                + " already has this torrent registered, and the seed's state in "
                + state.folder()
                + " holds no seeder token for it (was it published from another state folder?)");
      }
      return new Registration(tracker, stored.get(), state.ticketKey(hex, key));
    }
    String why = body.length() > 120 ? body.substring(0, 120) : body;
    if (status == 401) {
      throw new PublishException(
          "the tracker " + endpoint + " refused the registration: give its operator token");
    }
    throw new PublishException(
        "the tracker " + endpoint + " refused the registration (" + status + " " + why + ")");
  }

  /** {@code POST /torrents} on the tracker's own host and port: ws(s) maps to http(s). */
  static URI registrationUri(URI tracker) {
    String scheme = tracker.getScheme().toLowerCase(java.util.Locale.ROOT);
    String http =
        switch (scheme) {
          case "ws" -> "http";
          case "wss" -> "https";
          default -> scheme;
        };
    return URI.create(http + "://" + tracker.getRawAuthority() + "/torrents");
  }
}

package org.ilptorrent.stream.wallet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.ilptorrent.magnet.PaymentPointer;
import org.ilptorrent.netty.server.HttpRequest;
import org.ilptorrent.netty.server.HttpResponse;
import org.ilptorrent.netty.server.NettyHttpServer;
import org.ilptorrent.netty.server.ServerLimits;
import org.ilptorrent.stream.AssetDetails;
import org.ilptorrent.stream.IlpPacket;
import org.ilptorrent.stream.IlpPacketCodec;
import org.ilptorrent.stream.InvalidStreamPacketException;
import org.ilptorrent.stream.StreamReceiver;
import org.ilptorrent.stream.internal.Oer;

/**
 * A small receiving and sending wallet for self-hosting, tests and the demo. On one HTTP port it
 * serves, per account: an SPSP endpoint ({@code GET /NAME}) that honours the {@code Receipt-Nonce}
 * and {@code Receipt-Secret} headers a receipt verifier adds, so payments to it carry STREAM
 * receipts; an ILP-over-HTTP endpoint ({@code POST /ilp}) where an account holder, identified by
 * its bearer token, sends Prepares to the wallet's own accounts; and {@code GET /accounts/NAME},
 * JSON with the balance. Same-asset payments only; it is not a connector.
 */
public final class Wallet implements AutoCloseable {
  private static final Pattern NAME = Pattern.compile("[a-z0-9_-]{1,64}");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_PACKET = 64 * 1024;

  /** An account as configured. */
  public record AccountSpec(String name, String assetCode, int assetScale, long balance) {
    /** Checks the name and balance. */
    public AccountSpec {
      if (name == null || !NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("account names are 1-64 of a-z 0-9 _ -");
      }
      if (balance < 0
          || assetScale < 0
          || assetScale > 255
          || assetCode == null
          || assetCode.isEmpty()) {
        throw new IllegalArgumentException("invalid asset or balance for account " + name);
      }
    }
  }

  private static final class Account {
    final AccountSpec spec;
    final String token;
    final StreamReceiver receiver;
    long balance;

    Account(AccountSpec spec, String token, StreamReceiver receiver) {
      this.spec = spec;
      this.token = token;
      this.receiver = receiver;
      this.balance = spec.balance();
    }
  }

  private final Map<String, Account> accounts = new LinkedHashMap<>();
  private final NettyHttpServer server;
  private final URI uri;
  private final String prefix;

  private Wallet(Builder b) throws IOException {
    this.prefix = b.addressPrefix;
    SecureRandom random = new SecureRandom();
    for (AccountSpec spec : b.accounts) {
      byte[] secret = new byte[32];
      random.nextBytes(secret);
      byte[] token = new byte[24];
      random.nextBytes(token);
      String name = spec.name();
      StreamReceiver receiver =
          new StreamReceiver(
              prefix + "." + name,
              secret,
              10_000,
              b.clock,
              (t, amount) -> credit(name, amount),
              new AssetDetails(spec.assetCode(), spec.assetScale()));
      accounts.put(name, new Account(spec, HexFormat.of().formatHex(token), receiver));
    }
    // Every request is answered from memory and a few AES and HMAC operations, so it runs on the
    // event loop; nothing here blocks.
    server =
        NettyHttpServer.builder("wallet", this::handle)
            .host(b.host)
            .port(b.port)
            .maxBody(MAX_PACKET, text(413, "request entity too large"))
            .limits(b.limits)
            .start();
    uri =
        URI.create(
            "http://"
                + (b.host.contains(":") && !b.host.startsWith("[") ? "[" + b.host + "]" : b.host)
                + ":"
                + server.port());
  }

  /** A builder: 127.0.0.1, a free port, address prefix {@code test.ilptorrent.wallet}. */
  public static Builder builder() {
    return new Builder();
  }

  /** The wallet's base URL. */
  public URI uri() {
    return uri;
  }

  /** The ILP-over-HTTP endpoint account holders send Prepares to. */
  public URI ilpUrl() {
    return URI.create(uri + "/ilp");
  }

  /** The account's payment pointer (an http URL on loopback, for local use). */
  public PaymentPointer pointer(String account) {
    return PaymentPointer.parse(uri + "/" + account(account).spec.name());
  }

  /** The account holder's bearer token for {@link #ilpUrl()}. */
  public String token(String account) {
    return account(account).token;
  }

  /** The account's balance in its base units. */
  public synchronized long balance(String account) {
    return account(account).balance;
  }

  /** The configured accounts, in order. */
  public List<AccountSpec> accounts() {
    List<AccountSpec> out = new ArrayList<>();
    accounts.values().forEach(a -> out.add(a.spec));
    return out;
  }

  /** Closes the port and every connection at once. Idempotent. */
  @Override
  public void close() {
    server.close();
  }

  private Account account(String name) {
    Account a = accounts.get(name);
    if (a == null) {
      throw new IllegalArgumentException("no account " + name);
    }
    return a;
  }

  private synchronized void credit(String name, long amount) {
    accounts.get(name).balance += amount;
  }

  private HttpResponse handle(HttpRequest exchange) throws IOException {
    try {
      String path = exchange.rawPath();
      String method = exchange.method();
      if (method.equals("POST") && path.equals("/ilp")) {
        return ilp(exchange);
      } else if (method.equals("GET") && path.startsWith("/accounts/")) {
        Account a = accounts.get(path.substring("/accounts/".length()));
        if (a == null) {
          return text(404, "Not Found");
        }
        ObjectNode json = JSON.createObjectNode();
        json.put("name", a.spec.name()).put("assetCode", a.spec.assetCode());
        json.put("assetScale", a.spec.assetScale()).put("balance", balance(a.spec.name()));
        return send(200, "application/json", JSON.writeValueAsBytes(json));
      } else if (method.equals("GET")
          && !path.isEmpty()
          && accounts.containsKey(path.substring(1))) {
        Account a = accounts.get(path.substring(1));
        if (wantsWalletAddress(exchange.header("Accept"))) {
          // Open Payments' wallet address document: how a publisher learns the asset unpaid
          ObjectNode json = JSON.createObjectNode();
          json.put("id", uri + path).put("assetCode", a.spec.assetCode());
          json.put("assetScale", a.spec.assetScale());
          return send(200, "application/json", JSON.writeValueAsBytes(json));
        } else {
          return spsp(exchange, a);
        }
      } else {
        return text(404, "Not Found");
      }
    } catch (RuntimeException e) {
      return text(500, "internal error");
    }
  }

  /** Plain JSON asked for, and not SPSP: the wallet address document. */
  private static boolean wantsWalletAddress(String accept) {
    return accept != null && accept.contains("application/json") && !accept.contains("spsp");
  }

  private HttpResponse spsp(HttpRequest exchange, Account account) throws IOException {
    byte[] nonce = base64(exchange.header("Receipt-Nonce"));
    byte[] secret = base64(exchange.header("Receipt-Secret"));
    boolean receipts = nonce != null && nonce.length == 16 && secret != null && secret.length == 32;
    StreamReceiver.Connection c =
        account.receiver.newConnection(receipts ? nonce : null, receipts ? secret : null);
    ObjectNode json = JSON.createObjectNode();
    json.put("destination_account", c.destinationAccount());
    json.put("shared_secret", Base64.getEncoder().encodeToString(c.sharedSecret()));
    json.put("receipts_enabled", receipts);
    return send(200, "application/spsp4+json", JSON.writeValueAsBytes(json));
  }

  private HttpResponse ilp(HttpRequest exchange) {
    String auth = exchange.header("Authorization");
    Account payer = null;
    for (Account a : accounts.values()) {
      if (auth != null
          && java.security.MessageDigest.isEqual(
              ("Bearer " + a.token).getBytes(), auth.getBytes())) {
        payer = a;
      }
    }
    if (payer == null) {
      return text(401, "unauthorized");
    }
    byte[] body = exchange.body();
    IlpPacket answer;
    try {
      IlpPacket packet = IlpPacketCodec.decode(body);
      answer =
          packet instanceof IlpPacket.Prepare p
              ? route(payer, p)
              : new IlpPacket.Reject("F01", prefix, "not a prepare", new byte[0]);
    } catch (InvalidStreamPacketException e) {
      answer = new IlpPacket.Reject("F01", prefix, "invalid packet", new byte[0]);
    }
    return send(200, "application/octet-stream", IlpPacketCodec.encode(answer));
  }

  private IlpPacket route(Account payer, IlpPacket.Prepare prepare) {
    String destination = prepare.destination();
    if (destination.equals("peer.config")) {
      return ildcp(payer);
    }
    Account payee = null;
    for (Account a : accounts.values()) {
      if (destination.startsWith(prefix + "." + a.spec.name() + ".")) {
        payee = a;
      }
    }
    if (payee == null
        || !payee.spec.assetCode().equals(payer.spec.assetCode())
        || payee.spec.assetScale() != payer.spec.assetScale()) {
      return new IlpPacket.Reject("F02", prefix, "no route", new byte[0]);
    }
    synchronized (this) {
      long before = payee.balance;
      Account from = payer;
      IlpPacket answer =
          payee.receiver.handle(prepare, amount -> Long.compareUnsigned(amount, from.balance) <= 0);
      // Debit only when the receiver credited: a retransmitted Prepare is answered again
      // without crediting, and must not be debited twice either.
      if (answer instanceof IlpPacket.Fulfill && payee.balance != before) {
        payer.balance -= prepare.amount();
      }
      return answer;
    }
  }

  /**
   * Answers an ILDCP request (RFC 31) from an account holder's plugin: its address, asset code and
   * scale, fulfilled with the peer-protocol fulfillment of 32 zero bytes.
   */
  private IlpPacket ildcp(Account account) {
    Oer.Writer w = new Oer.Writer();
    w.varOctetString(
        (prefix + "." + account.spec.name()).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    w.uint8(account.spec.assetScale());
    w.utf8(account.spec.assetCode());
    return new IlpPacket.Fulfill(new byte[32], w.toByteArray());
  }

  private static byte[] base64(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Base64.getDecoder().decode(text.strip());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static HttpResponse text(int status, String text) {
    return send(status, "text/plain", text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static HttpResponse send(int status, String type, byte[] body) {
    return HttpResponse.of(status, type, body);
  }

  /** Settings of a {@link Wallet}. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port;
    private String addressPrefix = "test.ilptorrent.wallet";
    private Clock clock = Clock.systemUTC();
    private final List<AccountSpec> accounts = new ArrayList<>();
    private ServerLimits limits =
        new ServerLimits(10_000, 256, Duration.ofSeconds(60), Duration.ofSeconds(10));

    Builder() {}

    /**
     * Open connections allowed in all (10,000 by default) and from one remote address (256). Past
     * either, a new connection is closed as soon as it is accepted.
     */
    public Builder maxConnections(int total, int perAddress) {
      this.limits = limits.withConnections(total, perAddress);
      return this;
    }

    /**
     * A connection with no traffic for {@code idle} (60 s by default) is closed, and so is one
     * whose request has not fully arrived within {@code request} of its first byte (10 s).
     */
    public Builder timeouts(Duration idle, Duration request) {
      this.limits = limits.withTimeouts(idle, request);
      return this;
    }

    /** The address to bind; 127.0.0.1 by default. */
    public Builder host(String host) {
      this.host = host;
      return this;
    }

    /** The port; 0 (a free one) by default. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** The ILP address prefix of the wallet's accounts. */
    public Builder addressPrefix(String prefix) {
      this.addressPrefix = IlpPacket.IlpAddresses.check(prefix);
      return this;
    }

    /** The clock for packet expiry. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** Adds an account. */
    public Builder account(String name, String assetCode, int assetScale, long balance) {
      accounts.add(new AccountSpec(name, assetCode, assetScale, balance));
      return this;
    }

    /** Starts the wallet. */
    public Wallet start() throws IOException {
      if (accounts.isEmpty()) {
        throw new IllegalArgumentException("a wallet needs at least one account");
      }
      return new Wallet(this);
    }
  }
}

package org.ilptorrent.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import org.ilptorrent.magnet.PaymentPointer;

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
  private final HttpServer server;
  private final ExecutorService executor;
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
    executor =
        Executors.newFixedThreadPool(
            8,
            r -> {
              Thread t = new Thread(r, "ilp-wallet-http");
              t.setDaemon(true);
              return t;
            });
    server = HttpServer.create(new InetSocketAddress(b.host, b.port), 128);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
    uri = URI.create("http://" + b.host + ":" + server.getAddress().getPort());
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

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
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

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getRawPath();
      String method = exchange.getRequestMethod();
      if (method.equals("POST") && path.equals("/ilp")) {
        ilp(exchange);
      } else if (method.equals("GET") && path.startsWith("/accounts/")) {
        Account a = accounts.get(path.substring("/accounts/".length()));
        if (a == null) {
          send(exchange, 404, "text/plain", "Not Found".getBytes());
          return;
        }
        ObjectNode json = JSON.createObjectNode();
        json.put("name", a.spec.name()).put("assetCode", a.spec.assetCode());
        json.put("assetScale", a.spec.assetScale()).put("balance", balance(a.spec.name()));
        send(exchange, 200, "application/json", JSON.writeValueAsBytes(json));
      } else if (method.equals("GET") && accounts.containsKey(path.substring(1))) {
        Account a = accounts.get(path.substring(1));
        if (wantsWalletAddress(exchange.getRequestHeaders().getFirst("Accept"))) {
          // Open Payments' wallet address document: how a publisher learns the asset unpaid
          ObjectNode json = JSON.createObjectNode();
          json.put("id", uri + path).put("assetCode", a.spec.assetCode());
          json.put("assetScale", a.spec.assetScale());
          send(exchange, 200, "application/json", JSON.writeValueAsBytes(json));
        } else {
          spsp(exchange, a);
        }
      } else {
        send(exchange, 404, "text/plain", "Not Found".getBytes());
      }
    } catch (RuntimeException e) {
      send(exchange, 500, "text/plain", "internal error".getBytes());
    }
  }

  /** Plain JSON asked for, and not SPSP: the wallet address document. */
  private static boolean wantsWalletAddress(String accept) {
    return accept != null && accept.contains("application/json") && !accept.contains("spsp");
  }

  private void spsp(HttpExchange exchange, Account account) throws IOException {
    byte[] nonce = base64(exchange.getRequestHeaders().getFirst("Receipt-Nonce"));
    byte[] secret = base64(exchange.getRequestHeaders().getFirst("Receipt-Secret"));
    boolean receipts = nonce != null && nonce.length == 16 && secret != null && secret.length == 32;
    StreamReceiver.Connection c =
        account.receiver.newConnection(receipts ? nonce : null, receipts ? secret : null);
    ObjectNode json = JSON.createObjectNode();
    json.put("destination_account", c.destinationAccount());
    json.put("shared_secret", Base64.getEncoder().encodeToString(c.sharedSecret()));
    json.put("receipts_enabled", receipts);
    send(exchange, 200, "application/spsp4+json", JSON.writeValueAsBytes(json));
  }

  private void ilp(HttpExchange exchange) throws IOException {
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    Account payer = null;
    for (Account a : accounts.values()) {
      if (auth != null
          && java.security.MessageDigest.isEqual(
              ("Bearer " + a.token).getBytes(), auth.getBytes())) {
        payer = a;
      }
    }
    if (payer == null) {
      send(exchange, 401, "text/plain", "unauthorized".getBytes());
      return;
    }
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readNBytes(MAX_PACKET + 1);
    }
    if (body.length > MAX_PACKET) {
      send(exchange, 413, "text/plain", "request entity too large".getBytes());
      return;
    }
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
    send(exchange, 200, "application/octet-stream", IlpPacketCodec.encode(answer));
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
    org.ilptorrent.stream.internal.Oer.Writer w = new org.ilptorrent.stream.internal.Oer.Writer();
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

  private static void send(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /** Settings of a {@link Wallet}. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port;
    private String addressPrefix = "test.ilptorrent.wallet";
    private Clock clock = Clock.systemUTC();
    private final List<AccountSpec> accounts = new ArrayList<>();

    Builder() {}

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
      // The JDK server writes headers and body apart; with Nagle's algorithm every keep-alive
      // request then waits for a delayed ACK (23 instead of hundreds of packets/s). Read once by
      // the JDK, when its first HTTP server is made; an application's own setting wins.
      if (System.getProperty("sun.net.httpserver.nodelay") == null) {
        System.setProperty("sun.net.httpserver.nodelay", "true");
      }
      if (accounts.isEmpty()) {
        throw new IllegalArgumentException("a wallet needs at least one account");
      }
      return new Wallet(this);
    }
  }
}

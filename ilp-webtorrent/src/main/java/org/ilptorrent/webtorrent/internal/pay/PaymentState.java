package org.ilptorrent.webtorrent.internal.pay;

import java.math.BigInteger;
import java.net.URI;
import java.security.KeyPair;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.ilptorrent.magnet.License;
import org.ilptorrent.magnet.PaymentPointer;
import org.ilptorrent.tracker.AccessKeys;

/**
 * What one paid download has done with money: the secret balance id its receipts are credited to,
 * the licence it paid, how much was delivered and credited, a receipt that arrived but is not yet
 * credited, whether a tracker admitted the balance, and the leecher's Ed25519 key for access
 * tickets. Kept with the download's files by {@link PaymentStateFile}.
 *
 * @param balanceId the balance id (a secret: never logged beyond {@link #shortId()})
 * @param license the licence this balance pays
 * @param delivered what receipts attest for this download, in the receiver's units
 * @param credited what the verifier credited of it
 * @param pendingReceipt base64 of the latest receipt not yet credited, or empty
 * @param pendingBase what {@code credited} was when that receipt's payment started
 * @param admitted whether a tracker admitted the balance (the price was spent)
 * @param leecherKey the leecher's Ed25519 key pair (PKCS#8 private key, base64) for access tickets
 * @param accessTicket the newest access ticket a tracker issued (hex), or empty
 */
public record PaymentState(
    String balanceId,
    License license,
    long delivered,
    long credited,
    Optional<String> pendingReceipt,
    long pendingBase,
    boolean admitted,
    Optional<LeecherKey> leecherKey,
    Optional<String> accessTicket) {

  /**
   * The leecher's Ed25519 key pair of this download, for access tickets.
   *
   * @param privateKeyPkcs8 the private key, PKCS#8 DER in base64 ({@code KeyFactory
   *     .getInstance("Ed25519")} with a {@code PKCS8EncodedKeySpec} reads it)
   * @param publicKeyHex the raw 32-byte public key in lowercase hex, as announced in {@code
   *     leecher_key}
   */
  public record LeecherKey(String privateKeyPkcs8, String publicKeyHex) {
    /** Checks both are present. */
    public LeecherKey {
      Objects.requireNonNull(privateKeyPkcs8, "privateKeyPkcs8");
      Objects.requireNonNull(publicKeyHex, "publicKeyHex");
    }

    /** A fresh Ed25519 key pair for one download. */
    public static LeecherKey generate() {
      KeyPair pair = AccessKeys.generate();
      return new LeecherKey(
          Base64.getEncoder().encodeToString(AccessKeys.encodePrivate(pair.getPrivate())),
          AccessKeys.toHex(pair.getPublic()));
    }

    /**
     * The key pair itself.
     *
     * @throws IllegalArgumentException when the stored keys are damaged or do not match
     */
    public KeyPair toKeyPair() {
      return AccessKeys.decodePair(
          Base64.getDecoder().decode(privateKeyPkcs8), HexFormat.of().parseHex(publicKeyHex));
    }

    @Override
    public String toString() {
      return "LeecherKey[" + publicKeyHex + "]";
    }
  }

  /** Checks the fields. */
  public PaymentState {
    Objects.requireNonNull(balanceId, "balanceId");
    Objects.requireNonNull(license, "license");
    Objects.requireNonNull(pendingReceipt, "pendingReceipt");
    Objects.requireNonNull(leecherKey, "leecherKey");
    Objects.requireNonNull(accessTicket, "accessTicket");
  }

  /** A fresh state: nothing paid yet. */
  public static PaymentState fresh(String balanceId, License license, LeecherKey leecherKey) {
    return new PaymentState(
        balanceId,
        license,
        0,
        0,
        Optional.empty(),
        0,
        false,
        Optional.ofNullable(leecherKey),
        Optional.empty());
  }

  /** The first 8 characters of the balance id: all that may appear in a log. */
  public String shortId() {
    return balanceId.substring(0, Math.min(8, balanceId.length()));
  }

  /** Whether the credited amount covers the licence's price. */
  public boolean coversPrice() {
    return BigInteger.valueOf(credited).compareTo(license.amount()) >= 0;
  }

  /**
   * A receipt arrived: receipts attest {@code deliveredTotal} for the whole download, and the
   * receipt's own total counts on top of {@code creditBase} once credited.
   */
  public PaymentState delivered(long deliveredTotal, String receipt, long creditBase) {
    return new PaymentState(
        balanceId,
        license,
        Math.max(delivered, deliveredTotal),
        credited,
        Optional.of(receipt),
        creditBase,
        admitted,
        leecherKey,
        accessTicket);
  }

  /** The pending receipt, attesting {@code total} since {@code pendingBase}, was credited. */
  public PaymentState credited(long total) {
    return new PaymentState(
        balanceId,
        license,
        delivered,
        Math.max(credited, pendingBase + total),
        Optional.empty(),
        0,
        admitted,
        leecherKey,
        accessTicket);
  }

  /** The pending receipt cannot be credited any more (expired, or a replay). */
  public PaymentState dropPending() {
    return new PaymentState(
        balanceId,
        license,
        delivered,
        credited,
        Optional.empty(),
        0,
        admitted,
        leecherKey,
        accessTicket);
  }

  /** A tracker admitted the balance. */
  public PaymentState admit() {
    return new PaymentState(
        balanceId,
        license,
        delivered,
        credited,
        pendingReceipt,
        pendingBase,
        true,
        leecherKey,
        accessTicket);
  }

  /** The same state with this leecher key (a state written before keys were kept had none). */
  public PaymentState withLeecherKey(LeecherKey key) {
    return new PaymentState(
        balanceId,
        license,
        delivered,
        credited,
        pendingReceipt,
        pendingBase,
        admitted,
        Optional.of(key),
        accessTicket);
  }

  /** The newest access ticket a tracker issued for this download. */
  public PaymentState withAccessTicket(String ticketHex) {
    return new PaymentState(
        balanceId,
        license,
        delivered,
        credited,
        pendingReceipt,
        pendingBase,
        admitted,
        leecherKey,
        Optional.of(ticketHex));
  }

  Properties toProperties() {
    Properties p = new Properties();
    p.setProperty("version", "1");
    p.setProperty("balanceId", balanceId);
    p.setProperty("license.paymentPointer", license.paymentPointer().toString());
    p.setProperty("license.verifier", license.verifier().toString());
    p.setProperty("license.amount", license.amount().toString());
    p.setProperty("license.assetCode", license.assetCode());
    p.setProperty("license.assetScale", Integer.toString(license.assetScale()));
    p.setProperty("delivered", Long.toString(delivered));
    p.setProperty("credited", Long.toString(credited));
    pendingReceipt.ifPresent(r -> p.setProperty("pendingReceipt", r));
    p.setProperty("pendingBase", Long.toString(pendingBase));
    p.setProperty("admitted", Boolean.toString(admitted));
    leecherKey.ifPresent(
        k -> {
          p.setProperty("leecherPrivateKey", k.privateKeyPkcs8());
          p.setProperty("leecherPublicKey", k.publicKeyHex());
        });
    accessTicket.ifPresent(t -> p.setProperty("accessTicket", t));
    return p;
  }

  /**
   * Reads a state written by {@link #toProperties()}.
   *
   * @throws IllegalArgumentException when a field is missing or malformed
   */
  static PaymentState fromProperties(Properties p) {
    if (!"1".equals(p.getProperty("version"))) {
      throw new IllegalArgumentException("unknown payment state version");
    }
    License license =
        new License(
            PaymentPointer.parse(required(p, "license.paymentPointer")),
            URI.create(required(p, "license.verifier")),
            new BigInteger(required(p, "license.amount")),
            required(p, "license.assetCode"),
            Integer.parseInt(required(p, "license.assetScale")));
    return new PaymentState(
        required(p, "balanceId"),
        license,
        Long.parseLong(required(p, "delivered")),
        Long.parseLong(required(p, "credited")),
        Optional.ofNullable(p.getProperty("pendingReceipt")),
        Long.parseLong(p.getProperty("pendingBase", "0")),
        Boolean.parseBoolean(required(p, "admitted")),
        p.getProperty("leecherPrivateKey") == null
            ? Optional.empty()
            : Optional.of(
                new LeecherKey(
                    p.getProperty("leecherPrivateKey"), required(p, "leecherPublicKey"))),
        Optional.ofNullable(p.getProperty("accessTicket")));
  }

  private static String required(Properties p, String key) {
    String v = p.getProperty(key);
    if (v == null) {
      throw new IllegalArgumentException("payment state without " + key);
    }
    return v;
  }

  @Override
  public String toString() {
    // The balance id is a secret: a state that ends up in a log shows only its start.
    return "PaymentState["
        + shortId()
        + "…, delivered "
        + delivered
        + ", credited "
        + credited
        + ", admitted "
        + admitted
        + "]";
  }
}

package org.ilptorrent.webtorrent.internal.ext;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.ilptorrent.bencode.BDictionary;
import org.ilptorrent.bencode.BInteger;
import org.ilptorrent.bencode.BString;
import org.ilptorrent.bencode.BValue;
import org.ilptorrent.bencode.Bencode;
import org.ilptorrent.webtorrent.internal.wire.PeerProtocolException;

/**
 * The BEP 10 extension handshake (extended message id 0).
 *
 * @param extensions {@code m}: extension name to the message id the sender wants to receive it
 *     under; id 0 means the sender turned the extension off
 * @param listenPort {@code p}: the sender's TCP listen port
 * @param client {@code v}: the sender's client name and version
 * @param yourIp {@code yourip}: how the sender sees the receiver's address
 * @param requestQueue {@code reqq}: how many outstanding requests the sender accepts
 * @param metadataSize {@code metadata_size} (BEP 9): bytes of the info dict
 * @param uploadOnly {@code upload_only} (BEP 21): the sender only seeds
 * @param accessChallenge {@code ilp_challenge}: the 32 random bytes a peer serving a paid torrent
 *     asks a ticket holder to sign ({@code ilp_access}, see the module README)
 */
public record ExtensionHandshake(
    Map<String, Integer> extensions,
    OptionalInt listenPort,
    Optional<String> client,
    Optional<InetAddress> yourIp,
    OptionalInt requestQueue,
    OptionalLong metadataSize,
    boolean uploadOnly,
    Optional<byte[]> accessChallenge) {
  /** BEP 9 metadata exchange. */
  public static final String UT_METADATA = "ut_metadata";

  /** BEP 11 peer exchange. */
  public static final String UT_PEX = "ut_pex";

  /** Access tickets for paid torrents (this project's extension, see the module README). */
  public static final String ILP_ACCESS = "ilp_access";

  /** The handshake key of a paid torrent's per-connection challenge. */
  public static final String ILP_CHALLENGE = "ilp_challenge";

  /** A handshake without an access challenge. */
  public ExtensionHandshake(
      Map<String, Integer> extensions,
      OptionalInt listenPort,
      Optional<String> client,
      Optional<InetAddress> yourIp,
      OptionalInt requestQueue,
      OptionalLong metadataSize,
      boolean uploadOnly) {
    this(
        extensions,
        listenPort,
        client,
        yourIp,
        requestQueue,
        metadataSize,
        uploadOnly,
        Optional.empty());
  }

  /** Copies the extension map and checks the ranges. */
  public ExtensionHandshake {
    extensions = Map.copyOf(extensions);
    for (Map.Entry<String, Integer> e : extensions.entrySet()) {
      if (e.getValue() < 0 || e.getValue() > 255) {
        throw new IllegalArgumentException("extension id out of range: " + e);
      }
    }
    Objects.requireNonNull(listenPort, "listenPort");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(yourIp, "yourIp");
    Objects.requireNonNull(requestQueue, "requestQueue");
    Objects.requireNonNull(metadataSize, "metadataSize");
    if (listenPort.isPresent() && (listenPort.getAsInt() <= 0 || listenPort.getAsInt() > 0xFFFF)) {
      throw new IllegalArgumentException("listen port out of range: " + listenPort);
    }
    if (requestQueue.isPresent() && requestQueue.getAsInt() <= 0) {
      throw new IllegalArgumentException("request queue must be positive: " + requestQueue);
    }
    if (metadataSize.isPresent() && metadataSize.getAsLong() <= 0) {
      throw new IllegalArgumentException("metadata size must be positive: " + metadataSize);
    }
    accessChallenge = accessChallenge.map(byte[]::clone);
  }

  /** The access challenge (a copy). */
  @Override
  public Optional<byte[]> accessChallenge() {
    return accessChallenge.map(byte[]::clone);
  }

  /** The id under which the sender wants {@code extension} messages, when it enabled it. */
  public OptionalInt idOf(String extension) {
    Integer id = extensions.get(extension);
    return id == null || id == 0 ? OptionalInt.empty() : OptionalInt.of(id);
  }

  /**
   * Decodes a handshake payload. Unknown keys are ignored, and so are {@code m} entries that are
   * not integers in 0..255, as other clients do; a field of the wrong type is an error.
   *
   * @throws PeerProtocolException when the payload is not a valid handshake dict
   */
  public static ExtensionHandshake decode(byte[] payload) throws PeerProtocolException {
    BDictionary d = PeerBencode.dictionary(payload);
    Map<String, Integer> m = new LinkedHashMap<>();
    Optional<BDictionary> md = PeerBencode.dictionary(d, "m");
    if (md.isPresent()) {
      for (Map.Entry<BString, BValue> e : md.get().entries().entrySet()) {
        if (e.getValue() instanceof BInteger id && id.value() >= 0 && id.value() <= 255) {
          m.put(name(e.getKey()), (int) id.value());
        }
      }
    }
    OptionalInt port = OptionalInt.empty();
    OptionalLong p = PeerBencode.integer(d, "p");
    if (p.isPresent() && p.getAsLong() > 0 && p.getAsLong() <= 0xFFFF) {
      port = OptionalInt.of((int) p.getAsLong());
    }
    OptionalInt reqq = OptionalInt.empty();
    OptionalLong q = PeerBencode.integer(d, "reqq");
    if (q.isPresent()) {
      if (q.getAsLong() <= 0) {
        throw new PeerProtocolException("reqq must be positive: " + q.getAsLong());
      }
      reqq = OptionalInt.of((int) Math.min(q.getAsLong(), Integer.MAX_VALUE));
    }
    OptionalLong size = PeerBencode.integer(d, "metadata_size");
    if (size.isPresent() && size.getAsLong() <= 0) {
      throw new PeerProtocolException("metadata_size must be positive: " + size.getAsLong());
    }
    Optional<InetAddress> yourIp = Optional.empty();
    Optional<BString> ip = PeerBencode.string(d, "yourip");
    if (ip.isPresent() && (ip.get().length() == 4 || ip.get().length() == 16)) {
      try {
        yourIp = Optional.of(InetAddress.getByAddress(ip.get().bytes()));
      } catch (UnknownHostException e) {
        throw new IllegalStateException("4 or 16 bytes are always an address", e);
      }
    }
    boolean uploadOnly = PeerBencode.integer(d, "upload_only").orElse(0) != 0;
    // A challenge of another length is no challenge: the peer then grants nobody, which is its
    // business; we never answer what we cannot sign as specified.
    Optional<byte[]> challenge =
        PeerBencode.string(d, ILP_CHALLENGE).filter(c -> c.length() == 32).map(BString::bytes);
    Optional<String> client = PeerBencode.string(d, "v").map(BString::text);
    return new ExtensionHandshake(m, port, client, yourIp, reqq, size, uploadOnly, challenge);
  }

  /** The canonical bencoded payload. */
  public byte[] encode() {
    BDictionary.Builder m = BDictionary.builder();
    extensions.forEach((name, id) -> m.put(key(name), id));
    BDictionary.Builder d = BDictionary.builder().put("m", m.build());
    listenPort.ifPresent(v -> d.put("p", v));
    client.ifPresent(v -> d.put("v", v));
    yourIp.ifPresent(v -> d.put("yourip", v.getAddress()));
    requestQueue.ifPresent(v -> d.put("reqq", v));
    metadataSize.ifPresent(v -> d.put("metadata_size", v));
    if (uploadOnly) {
      d.put("upload_only", 1);
    }
    accessChallenge.ifPresent(v -> d.put(ILP_CHALLENGE, v));
    return Bencode.encode(d.build());
  }

  // Extension names are read and written one char per byte, so that every byte of a name a peer
  // sent survives the round trip, whatever its encoding.
  private static String name(BString key) {
    return new String(key.bytes(), StandardCharsets.ISO_8859_1);
  }

  private static BString key(String name) {
    return BString.wrap(name.getBytes(StandardCharsets.ISO_8859_1));
  }
}

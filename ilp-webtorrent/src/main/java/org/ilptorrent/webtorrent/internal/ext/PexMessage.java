package org.ilptorrent.webtorrent.internal.ext;

import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.ilptorrent.bencode.BDictionary;
import org.ilptorrent.bencode.BString;
import org.ilptorrent.bencode.Bencode;
import org.ilptorrent.webtorrent.internal.wire.PeerProtocolException;

/**
 * A BEP 11 ut_pex message: peers the sender connected to and dropped since its last message, in
 * compact form ({@code added}/{@code added.f}/{@code dropped} for IPv4, {@code added6}/{@code
 * added6.f}/{@code dropped6} for IPv6). Only for public torrents.
 *
 * @param added peers added, with their flags
 * @param dropped peers dropped
 */
public record PexMessage(List<Peer> added, List<InetSocketAddress> dropped) {
  /** More peers than this in one list is refused (BEP 11 asks senders for at most 50). */
  public static final int MAX_PEERS = 1000;

  /** {@code added.f} bit: the peer prefers encryption. */
  public static final int FLAG_ENCRYPTION = 0x01;

  /** {@code added.f} bit: the peer is a seed or upload-only. */
  public static final int FLAG_SEED = 0x02;

  /** {@code added.f} bit: the peer supports uTP. */
  public static final int FLAG_UTP = 0x04;

  /** {@code added.f} bit: the peer supports holepunching. */
  public static final int FLAG_HOLEPUNCH = 0x08;

  /** {@code added.f} bit: the peer is reachable (the sender connected out to it). */
  public static final int FLAG_REACHABLE = 0x10;

  /**
   * One added peer.
   *
   * @param address its IP (v4 or v6, resolved) and TCP port
   * @param flags the {@code FLAG_*} bits
   */
  public record Peer(InetSocketAddress address, int flags) {
    public Peer {
      requireCompactable(address);
      if (flags < 0 || flags > 0xFF) {
        throw new IllegalArgumentException("flags must fit a byte: " + flags);
      }
    }
  }

  /** Copies the lists and checks their sizes. */
  public PexMessage {
    added = List.copyOf(added);
    dropped = List.copyOf(dropped);
    dropped.forEach(PexMessage::requireCompactable);
    if (added.size() > MAX_PEERS || dropped.size() > MAX_PEERS) {
      throw new IllegalArgumentException("more than " + MAX_PEERS + " peers in a pex message");
    }
  }

  /** The extended message payload. */
  public byte[] encode() {
    ByteArrayOutputStream a4 = new ByteArrayOutputStream();
    ByteArrayOutputStream f4 = new ByteArrayOutputStream();
    ByteArrayOutputStream a6 = new ByteArrayOutputStream();
    ByteArrayOutputStream f6 = new ByteArrayOutputStream();
    for (Peer p : added) {
      boolean v4 = p.address().getAddress() instanceof Inet4Address;
      compact(p.address(), v4 ? a4 : a6);
      (v4 ? f4 : f6).write(p.flags());
    }
    ByteArrayOutputStream d4 = new ByteArrayOutputStream();
    ByteArrayOutputStream d6 = new ByteArrayOutputStream();
    for (InetSocketAddress a : dropped) {
      compact(a, a.getAddress() instanceof Inet4Address ? d4 : d6);
    }
    BDictionary.Builder d =
        BDictionary.builder()
            .put("added", a4.toByteArray())
            .put("added.f", f4.toByteArray())
            .put("dropped", d4.toByteArray());
    if (a6.size() > 0 || d6.size() > 0) {
      d.put("added6", a6.toByteArray())
          .put("added6.f", f6.toByteArray())
          .put("dropped6", d6.toByteArray());
    }
    return Bencode.encode(d.build());
  }

  /**
   * Decodes a payload. A flags string of the wrong length is ignored (flags read as 0), and entries
   * with port 0 are skipped, as other clients do; a compact list whose length is not a multiple of
   * its entry size is an error.
   *
   * @throws PeerProtocolException when the payload is malformed or lists too many peers
   */
  public static PexMessage decode(byte[] payload) throws PeerProtocolException {
    BDictionary d = PeerBencode.dictionary(payload);
    List<Peer> added = new ArrayList<>();
    addPeers(d, "added", 4, added);
    addPeers(d, "added6", 16, added);
    List<InetSocketAddress> dropped = new ArrayList<>();
    dropped.addAll(addresses(bytes(d, "dropped"), 4, "dropped"));
    dropped.addAll(addresses(bytes(d, "dropped6"), 16, "dropped6"));
    if (added.size() > MAX_PEERS || dropped.size() > MAX_PEERS) {
      throw new PeerProtocolException("more than " + MAX_PEERS + " peers in a pex message");
    }
    return new PexMessage(added, dropped);
  }

  private static void addPeers(BDictionary d, String key, int ipLength, List<Peer> out)
      throws PeerProtocolException {
    Optional<byte[]> compact = bytes(d, key);
    List<InetSocketAddress> addresses = addresses(compact, ipLength, key);
    byte[] flags = bytes(d, key + ".f").orElse(new byte[0]);
    int entries = compact.map(c -> c.length / (ipLength + 2)).orElse(0);
    boolean useFlags = flags.length == entries;
    // addresses() skipped port-0 entries, so walk the compact list again to pair flags.
    int next = 0;
    for (int i = 0; i < entries; i++) {
      int at = i * (ipLength + 2) + ipLength;
      byte[] c = compact.get();
      int port = ((c[at] & 0xFF) << 8) | (c[at + 1] & 0xFF);
      if (port != 0) {
        out.add(new Peer(addresses.get(next++), useFlags ? flags[i] & 0xFF : 0));
      }
    }
  }

  private static Optional<byte[]> bytes(BDictionary d, String key) throws PeerProtocolException {
    return PeerBencode.string(d, key).map(BString::bytes);
  }

  private static List<InetSocketAddress> addresses(
      Optional<byte[]> compact, int ipLength, String key) throws PeerProtocolException {
    if (compact.isEmpty()) {
      return List.of();
    }
    byte[] c = compact.get();
    int entry = ipLength + 2;
    if (c.length % entry != 0) {
      throw new PeerProtocolException(
          key + ": " + c.length + " bytes is not a multiple of " + entry);
    }
    if (c.length / entry > MAX_PEERS) {
      throw new PeerProtocolException(key + ": more than " + MAX_PEERS + " peers");
    }
    List<InetSocketAddress> out = new ArrayList<>(c.length / entry);
    for (int at = 0; at < c.length; at += entry) {
      int port = ((c[at + ipLength] & 0xFF) << 8) | (c[at + ipLength + 1] & 0xFF);
      if (port == 0) {
        continue;
      }
      try {
        InetAddress ip = InetAddress.getByAddress(Arrays.copyOfRange(c, at, at + ipLength));
        out.add(new InetSocketAddress(ip, port));
      } catch (UnknownHostException e) {
        throw new IllegalStateException("4 or 16 bytes are always an address", e);
      }
    }
    return out;
  }

  private static void compact(InetSocketAddress a, ByteArrayOutputStream out) {
    out.writeBytes(a.getAddress().getAddress());
    out.write(a.getPort() >>> 8);
    out.write(a.getPort() & 0xFF);
  }

  private static void requireCompactable(InetSocketAddress a) {
    if (a == null
        || a.isUnresolved()
        || !(a.getAddress() instanceof Inet4Address || a.getAddress() instanceof Inet6Address)
        || a.getPort() == 0) {
      throw new IllegalArgumentException("pex peers need a resolved IP and a port: " + a);
    }
  }
}

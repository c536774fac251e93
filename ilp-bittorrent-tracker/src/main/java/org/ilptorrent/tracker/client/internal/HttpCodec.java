package org.ilptorrent.tracker.client.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ilptorrent.bencode.BDictionary;
import org.ilptorrent.bencode.BInteger;
import org.ilptorrent.bencode.BList;
import org.ilptorrent.bencode.BString;
import org.ilptorrent.bencode.BValue;
import org.ilptorrent.bencode.BencodeException;
import org.ilptorrent.bencode.BencodeReader;
import org.ilptorrent.magnet.License;

/**
 * The HTTP tracker protocol (BEP 3, 23, 7, 48) as pure functions: announce and scrape URLs with raw
 * percent-encoded ids, and the bencoded answers.
 */
public final class HttpCodec {
  /** The deepest nesting accepted; tracker answers need three levels. */
  static final int MAX_DEPTH = 32;

  private static final String HEX = "0123456789ABCDEF";

  private HttpCodec() {}

  /** The announce URL with every parameter of {@code r}, after any query the URL already has. */
  public static URI announceUri(URI announce, AnnounceRequest r) {
    return announceUri(announce, r, null);
  }

  /** Like {@link #announceUri(URI, AnnounceRequest)}, sending back a {@code trackerid}. */
  public static URI announceUri(URI announce, AnnounceRequest r, String trackerId) {
    StringBuilder q = new StringBuilder(announce.toString());
    q.append(announce.getRawQuery() == null ? '?' : '&');
    q.append("info_hash=").append(escape(r.infoHash().toBytes()));
    q.append("&peer_id=").append(escape(r.peerId().toBytes()));
    q.append("&port=").append(r.port());
    q.append("&uploaded=").append(r.stats().uploaded());
    q.append("&downloaded=").append(r.stats().downloaded());
    q.append("&left=").append(r.stats().left());
    q.append("&compact=1");
    q.append("&numwant=").append(r.numwant());
    if (r.event().wireName() != null) {
      q.append("&event=").append(r.event().wireName());
    }
    if (r.balanceId() != null) {
      q.append("&requestId=").append(escape(r.balanceId().getBytes(StandardCharsets.UTF_8)));
    }
    if (r.seederToken() != null) {
      q.append("&seeder_token=").append(escape(r.seederToken().getBytes(StandardCharsets.UTF_8)));
    }
    if (r.leecherKey() != null) {
      q.append("&leecher_key=").append(r.leecherKey());
    }
    if (trackerId != null) {
      q.append("&trackerid=").append(escape(trackerId.getBytes(StandardCharsets.ISO_8859_1)));
    }
    return URI.create(q.toString());
  }

  /**
   * The scrape URL of an announce URL (BEP 48): the last path segment must start with {@code
   * announce}, which becomes {@code scrape}. Empty when the tracker has no scrape convention.
   */
  public static Optional<URI> scrapeUri(URI announce, byte[] infoHash) {
    String s = announce.toString();
    int query = s.indexOf('?');
    String base = query < 0 ? s : s.substring(0, query);
    int slash = base.lastIndexOf('/');
    if (slash < 0 || !base.startsWith("announce", slash + 1)) {
      return Optional.empty();
    }
    String scrape =
        base.substring(0, slash + 1) + "scrape" + base.substring(slash + 1 + "announce".length());
    String rest = query < 0 ? "" : s.substring(query + 1) + "&";
    return Optional.of(URI.create(scrape + "?" + rest + "info_hash=" + escape(infoHash)));
  }

  /** Percent-encodes every byte outside RFC 3986's unreserved set. */
  public static String escape(byte[] bytes) {
    StringBuilder out = new StringBuilder(bytes.length * 3);
    for (byte b : bytes) {
      int c = b & 0xFF;
      if (c >= 'a' && c <= 'z'
          || c >= 'A' && c <= 'Z'
          || c >= '0' && c <= '9'
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 15));
      }
    }
    return out.toString();
  }

  /** Reads an announce answer; anything unreadable becomes a {@link AnnounceReply.Failure}. */
  public static AnnounceReply parseAnnounce(byte[] body, int maxBytes) {
    BDictionary d;
    try {
      d = read(body, maxBytes);
    } catch (IllegalArgumentException e) {
      return new AnnounceReply.Failure("unreadable tracker answer: " + e.getMessage());
    }
    Optional<AnnounceReply> failure = failure(d);
    if (failure.isPresent()) {
      return failure.get();
    }
    try {
      List<InetSocketAddress> peers = new ArrayList<>();
      BValue v4 = d.get("peers");
      if (v4 instanceof BString compact) {
        peers.addAll(CompactPeers.decode(compact.source(), compact.from(), compact.length(), 4));
      } else if (v4 instanceof BList list) {
        for (BValue entry : list.items()) {
          peer(entry).ifPresent(peers::add);
        }
      } else if (v4 != null) {
        throw new IllegalArgumentException("peers is neither a string nor a list");
      }
      if (d.get("peers6") instanceof BString compact6) {
        peers.addAll(
            CompactPeers.decode(compact6.source(), compact6.from(), compact6.length(), 16));
      }
      return new AnnounceReply.Accepted(
          seconds(d.get("interval"), "interval"),
          seconds(d.get("min interval"), "min interval"),
          count(d.get("complete")),
          count(d.get("incomplete")),
          peers,
          d.get("warning message") instanceof BString w
              ? "tracker warning: " + Text.printable(w.text())
              : null,
          d.get("tracker id") instanceof BString id && id.length() > 0 && id.length() <= 256
              ? new String(id.bytes(), StandardCharsets.ISO_8859_1)
              : null,
          hex(d.get("access ticket"), 125),
          hex(d.get("ticket key"), 32));
    } catch (IllegalArgumentException e) {
      return new AnnounceReply.Failure("unreadable tracker answer: " + e.getMessage());
    }
  }

  /**
   * The dictionary every tracker answer is, read strictly within {@code maxBytes} and {@value
   * #MAX_DEPTH} levels.
   *
   * @throws IllegalArgumentException with the fault and its byte offset
   */
  static BDictionary read(byte[] body, int maxBytes) {
    BValue value;
    try {
      value = BencodeReader.builder().maxDepth(MAX_DEPTH).maxLength(maxBytes).build().decode(body);
    } catch (BencodeException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    if (!(value instanceof BDictionary d)) {
      throw new IllegalArgumentException("the answer is not a dictionary");
    }
    return d;
  }

  /** The bytes of a hex string of {@code length} bytes, or {@code null} when it is not one. */
  static byte[] hex(BValue value, int length) {
    if (!(value instanceof BString b) || b.length() != length * 2) {
      return null;
    }
    return Text.hex(new String(b.bytes(), StandardCharsets.ISO_8859_1), length);
  }

  /**
   * Reads a scrape answer for one torrent.
   *
   * @throws IllegalArgumentException with the tracker's failure or what is unreadable
   */
  public static ScrapeCounts parseScrape(byte[] body, int maxBytes, byte[] infoHash) {
    BDictionary d = read(body, maxBytes);
    Optional<AnnounceReply> failure = failure(d);
    if (failure.isPresent()) {
      throw new IllegalArgumentException(
          failure.get() instanceof AnnounceReply.Failure f ? f.message() : "payment required");
    }
    if (!(d.get("files") instanceof BDictionary files)) {
      throw new IllegalArgumentException("scrape answer without files");
    }
    BString raw = BString.of(infoHash);
    // npm bittorrent-tracker writes the key as the UTF-8 of its one-char-per-byte string.
    BString npm = BString.of(new String(infoHash, StandardCharsets.ISO_8859_1));
    BValue file = files.has(raw) ? files.get(raw) : files.get(npm);
    if (!(file instanceof BDictionary f)) {
      throw new IllegalArgumentException("scrape answer without this torrent");
    }
    return new ScrapeCounts(
        count(f.get("complete")), count(f.get("incomplete")), count(f.get("downloaded")));
  }

  private static Optional<AnnounceReply> failure(BDictionary d) {
    BValue reason = d.get("failure reason");
    if (reason == null) {
      return Optional.empty();
    }
    String text =
        reason instanceof BString b
            ? b.text()
            : reason instanceof BInteger i ? Long.toString(i.value()) : reason.toString();
    if (text.equals("payment required") && d.has("license")) {
      try {
        return Optional.of(new AnnounceReply.PaymentRequired(licence(d.get("license"))));
      } catch (IllegalArgumentException | BencodeException e) {
        return Optional.of(
            new AnnounceReply.Failure(
                "payment required, but the licence is unreadable: " + e.getMessage()));
      }
    }
    return Optional.of(new AnnounceReply.Failure("tracker failure: " + Text.printable(text)));
  }

  /** The licence of a payment required answer, read by ilp-magnet-uri's licence codec. */
  private static License licence(BValue value) {
    if (!(value instanceof BDictionary d)) {
      throw new IllegalArgumentException("license is not a dictionary");
    }
    return License.fromBencode(d);
  }

  private static Optional<InetSocketAddress> peer(BValue entry) {
    if (!(entry instanceof BDictionary m)
        || !(m.get("ip") instanceof BString ip)
        || !(m.get("port") instanceof BInteger port)) {
      throw new IllegalArgumentException("a peer is not a dictionary with ip and port");
    }
    if (port.value() < 1 || port.value() > 65535) {
      return Optional.empty();
    }
    String text = new String(ip.bytes(), StandardCharsets.US_ASCII);
    // Only literal addresses: a tracker must not make us resolve names it chose.
    if (!text.matches("[0-9.]{7,15}|[0-9A-Fa-f:.]{2,45}")) {
      return Optional.empty();
    }
    try {
      return Optional.of(new InetSocketAddress(InetAddress.getByName(text), (int) port.value()));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  private static Duration seconds(BValue v, String field) {
    if (v == null) {
      return null;
    }
    if (!(v instanceof BInteger l) || l.value() < 0) {
      throw new IllegalArgumentException(field + " is not a non-negative integer");
    }
    return Duration.ofSeconds(l.value());
  }

  private static int count(BValue v) {
    return v instanceof BInteger l && l.value() >= 0
        ? (int) Math.min(l.value(), Integer.MAX_VALUE)
        : 0;
  }
}

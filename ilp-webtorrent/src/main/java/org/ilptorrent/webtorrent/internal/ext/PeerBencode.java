package org.ilptorrent.webtorrent.internal.ext;

import java.util.Optional;
import java.util.OptionalLong;
import org.ilptorrent.bencode.BDictionary;
import org.ilptorrent.bencode.BInteger;
import org.ilptorrent.bencode.BString;
import org.ilptorrent.bencode.BValue;
import org.ilptorrent.bencode.BencodeException;
import org.ilptorrent.bencode.BencodeReader;
import org.ilptorrent.webtorrent.internal.wire.PeerProtocolException;

/**
 * Extension payloads read from a peer with ilp-bencode: a malformed payload, and a field of the
 * wrong type, are a {@link PeerProtocolException} that closes that connection alone.
 *
 * <p>The payload's size is bounded before it gets here ({@code WireLimits.maxExtendedLength});
 * nesting is bounded here. Keys out of order are accepted: some clients write their extension
 * handshake unsorted, every major client reads it, and nothing read from a peer is hashed.
 */
final class PeerBencode {
  /** How deep lists and dictionaries may nest in a peer message. */
  static final int MAX_DEPTH = 32;

  private static final BencodeReader READER = BencodeReader.builder().maxDepth(MAX_DEPTH).build();

  private PeerBencode() {}

  /** The dictionary that fills {@code payload}. */
  static BDictionary dictionary(byte[] payload) throws PeerProtocolException {
    BValue value;
    try {
      value = READER.decode(payload);
    } catch (BencodeException e) {
      throw malformed(e);
    }
    return asDictionary(value, "message");
  }

  /** The value at the start of {@code payload}, with where it ends (ut_metadata data follows). */
  static BencodeReader.Result prefix(byte[] payload) throws PeerProtocolException {
    try {
      return READER.decodePrefix(payload);
    } catch (BencodeException e) {
      throw malformed(e);
    }
  }

  /** {@code value} as a dictionary, or a protocol error naming {@code what}. */
  static BDictionary asDictionary(BValue value, String what) throws PeerProtocolException {
    if (!(value instanceof BDictionary d)) {
      throw new PeerProtocolException(what + " is not a dict");
    }
    return d;
  }

  /** The dictionary under {@code key}, if any. */
  static Optional<BDictionary> dictionary(BDictionary d, String key) throws PeerProtocolException {
    BValue v = d.get(key);
    return v == null ? Optional.empty() : Optional.of(asDictionary(v, key));
  }

  /** The integer under {@code key}, if any. */
  static OptionalLong integer(BDictionary d, String key) throws PeerProtocolException {
    BValue v = d.get(key);
    if (v == null) {
      return OptionalLong.empty();
    }
    if (!(v instanceof BInteger i)) {
      throw new PeerProtocolException(key + " is not an integer");
    }
    return OptionalLong.of(i.value());
  }

  /** The integer under {@code key}, which must be there. */
  static long requireInteger(BDictionary d, String key) throws PeerProtocolException {
    return integer(d, key).orElseThrow(() -> new PeerProtocolException(key + " is missing"));
  }

  /** The byte string under {@code key}, if any. */
  static Optional<BString> string(BDictionary d, String key) throws PeerProtocolException {
    BValue v = d.get(key);
    if (v == null) {
      return Optional.empty();
    }
    if (!(v instanceof BString s)) {
      throw new PeerProtocolException(key + " is not a string");
    }
    return Optional.of(s);
  }

  private static PeerProtocolException malformed(BencodeException e) {
    return new PeerProtocolException("bencode: " + e.getMessage(), e);
  }
}

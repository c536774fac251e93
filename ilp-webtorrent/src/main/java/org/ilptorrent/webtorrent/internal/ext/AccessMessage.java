package org.ilptorrent.webtorrent.internal.ext;

import org.ilptorrent.bencode.BDictionary;
import org.ilptorrent.bencode.BString;
import org.ilptorrent.bencode.Bencode;
import org.ilptorrent.webtorrent.internal.wire.PeerProtocolException;

/**
 * An {@code ilp_access} extension message (see the module README): a ticket holder's proof, or the
 * serving peer's grant.
 */
public sealed interface AccessMessage {
  /** Bytes of a ticket. */
  int TICKET_LENGTH = 125;

  /** Bytes of an Ed25519 signature. */
  int SIGNATURE_LENGTH = 64;

  /**
   * {@code {"ticket": <125 bytes>, "signature": <64 bytes>}}: the tracker's ticket and the holder's
   * signature over the serving peer's challenge.
   */
  record Proof(byte[] ticket, byte[] signature) implements AccessMessage {
    /** Copies and checks the lengths. */
    public Proof {
      if (ticket.length != TICKET_LENGTH || signature.length != SIGNATURE_LENGTH) {
        throw new IllegalArgumentException("ticket must be 125 bytes and signature 64");
      }
      ticket = ticket.clone();
      signature = signature.clone();
    }

    @Override
    public byte[] ticket() {
      return ticket.clone();
    }

    @Override
    public byte[] signature() {
      return signature.clone();
    }
  }

  /** {@code {"granted": 1}}: the serving peer accepted the proof. */
  record Granted() implements AccessMessage {}

  /** The bencoded payload. */
  default byte[] encode() {
    BDictionary.Builder d = BDictionary.builder();
    if (this instanceof Proof p) {
      d.put("signature", p.signature).put("ticket", p.ticket);
    } else {
      d.put("granted", 1);
    }
    return Bencode.encode(d.build());
  }

  /**
   * Decodes a payload.
   *
   * @throws PeerProtocolException when it is neither a proof nor a grant
   */
  static AccessMessage decode(byte[] payload) throws PeerProtocolException {
    BDictionary d = PeerBencode.dictionary(payload);
    if (PeerBencode.integer(d, "granted").orElse(0) == 1) {
      return new Granted();
    }
    BString ticket =
        PeerBencode.string(d, "ticket")
            .orElseThrow(() -> new PeerProtocolException("ilp_access: no ticket"));
    BString signature =
        PeerBencode.string(d, "signature")
            .orElseThrow(() -> new PeerProtocolException("ilp_access: no signature"));
    if (ticket.length() != TICKET_LENGTH) {
      throw new PeerProtocolException("ilp_access: the ticket is not 125 bytes");
    }
    if (signature.length() != SIGNATURE_LENGTH) {
      throw new PeerProtocolException("ilp_access: the signature is not 64 bytes");
    }
    return new Proof(ticket.bytes(), signature.bytes());
  }
}

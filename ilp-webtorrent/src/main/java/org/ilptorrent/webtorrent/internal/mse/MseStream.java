package org.ilptorrent.webtorrent.internal.mse;

import java.nio.ByteBuffer;

/**
 * A connection's payload after a completed MSE handshake: RC4 both ways, or plaintext (then only
 * the initial payload IA the initiator sent inside step 3 is still RC4). Transforms bytes in place,
 * exactly once each, in stream order. Loop thread only.
 */
public final class MseStream {
  private final Rc4 inbound;
  private final Rc4 outbound;
  private long inboundLeft;
  private final byte[] infoHash;

  /**
   * @param rc4 whether RC4 was selected
   * @param inbound the peer's stream, already past the handshake
   * @param outbound ours, already past the handshake
   * @param initialPayload the IA length still to come from the peer (0 for the initiator)
   * @param infoHash the torrent (SKEY) the handshake was for
   */
  MseStream(boolean rc4, Rc4 inbound, Rc4 outbound, int initialPayload, byte[] infoHash) {
    this.inbound = inbound;
    this.outbound = rc4 ? outbound : null;
    this.inboundLeft = rc4 ? Long.MAX_VALUE : initialPayload;
    this.infoHash = infoHash.clone();
  }

  /** Whether the payload is RC4 (else plaintext inside an MSE handshake). */
  public boolean rc4() {
    return outbound != null;
  }

  /** The info hash the peer asked for (SKEY). */
  public byte[] infoHash() {
    return infoHash.clone();
  }

  /** Decrypts the received bytes {@code from}..{@code to} of {@code buf} in place. */
  public void decrypt(ByteBuffer buf, int from, int to) {
    if (inboundLeft <= 0 || from >= to) {
      return;
    }
    int end = (int) Math.min(to, from + Math.min(inboundLeft, Integer.MAX_VALUE));
    inbound.apply(buf, from, end);
    if (inboundLeft != Long.MAX_VALUE) {
      inboundLeft -= end - from;
    }
  }

  /** Encrypts the outgoing bytes {@code from}..{@code to} of {@code buf} in place. */
  public void encrypt(ByteBuffer buf, int from, int to) {
    if (outbound != null) {
      outbound.apply(buf, from, to);
    }
  }

  @Override
  public String toString() {
    return rc4() ? "RC4" : "plaintext";
  }
}

package org.ilptorrent.webtorrent.internal.session;

/**
 * The {@code ilp_access} state of one connection of a paid torrent: the challenge we sent, the one
 * the peer sent us, and how far each side got. Owned by its {@link PeerConnection}, written by
 * {@link AccessGate} only (whether we may serve the peer is {@link PeerState#servingLocked}). Loop
 * thread only.
 */
final class PeerAccess {
  /** Our challenge to the peer, sent in our extension handshake; null for a free torrent. */
  byte[] challenge;

  /** The peer's BEP 10 id for {@code ilp_access}, 0 when it does not speak it. */
  int extensionId;

  /** The peer's challenge to us, null when it does not gate. */
  byte[] peerChallenge;

  boolean proofSent;

  /** A ticket the peer showed was checked (a transport's stream is served without one). */
  boolean ticketChecked;

  boolean grantedByPeer;

  /** A peer that challenged us serves nothing (metadata included) before it granted us access. */
  boolean awaitsGrant() {
    return peerChallenge != null && !grantedByPeer;
  }
}

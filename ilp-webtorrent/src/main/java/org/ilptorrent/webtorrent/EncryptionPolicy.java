package org.ilptorrent.webtorrent;

/**
 * Whether TCP peer connections use Message Stream Encryption (MSE, also called PE: the
 * Diffie-Hellman handshake and RC4 stream of libtorrent, Transmission, WebTorrent, qBittorrent and
 * rtorrent). Set with {@link WebTorrent.Builder#encryption}; the default is {@link #PREFER}.
 *
 * <p>A retry in the other mode happens once per dial, only when the peer accepted the TCP
 * connection and closed it before its BitTorrent handshake. Paid torrents check the access ticket
 * the same way whatever the mode: MSE hides the stream, it does not admit anyone.
 */
public enum EncryptionPolicy {
  /**
   * Outgoing: the MSE handshake first, offering RC4 and plaintext (the peer picks), and a plaintext
   * retry if the peer drops it. Incoming: plaintext and MSE handshakes both accepted; inside MSE,
   * plaintext is selected when the peer offers both and RC4 when it offers only RC4, as libtorrent
   * and WebTorrent do by default. Works with every client: those that require encryption, those
   * that only speak plaintext, and node WebTorrent, which dials with MSE.
   */
  PREFER,

  /**
   * Outgoing: a plaintext handshake first, and an MSE retry if the peer drops it. Incoming: as
   * {@link #PREFER}.
   */
  ALLOW,

  /**
   * MSE with RC4 only, both ways: plaintext handshakes, and MSE peers that offer only plaintext,
   * are refused. Works only with peers that support MSE.
   */
  REQUIRE,

  /** Plaintext handshakes only, both ways; MSE handshakes are refused. */
  DISABLE
}

/**
 * WebRTC peers for the ilp-webtorrent client: a {@link org.ilptorrent.webtorrent.PeerTransport}
 * over webrtc-java, signalled through WebSocket trackers. Only {@code
 * org.ilptorrent.webtorrent.webrtc} is API; webrtc-java stays behind the unexported {@code
 * internal} package.
 */
module org.ilptorrent.webtorrent.webrtc {
  requires transitive org.ilptorrent.webtorrent;
  requires webrtc.java;
  requires org.slf4j;

  exports org.ilptorrent.webtorrent.webrtc;
}

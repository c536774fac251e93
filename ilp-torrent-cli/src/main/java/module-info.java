/** The {@code ilp-torrent} command line tool. */
module org.ilptorrent.cli {
  requires org.ilptorrent.magnet;
  requires org.ilptorrent.parse;
  requires org.ilptorrent.create;
  requires org.ilptorrent.verifier;
  requires org.ilptorrent.verifier.server;
  requires org.ilptorrent.stream;
  requires org.ilptorrent.stream.wallet;
  requires org.ilptorrent.tracker;
  requires org.ilptorrent.tracker.server;
  requires org.ilptorrent.webtorrent;
  requires org.ilptorrent.webtorrent.webrtc;
  requires java.net.http;
  requires info.picocli;
  requires com.fasterxml.jackson.databind;

  exports org.ilptorrent.cli;

  opens org.ilptorrent.cli.internal to
      info.picocli;
}

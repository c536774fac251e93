/** JMH benchmarks for the ILP Torrent modules; run from target/benchmarks.jar. */
module org.ilptorrent.benchmarks {
  requires org.ilptorrent.parse;
  requires org.ilptorrent.bencode;
  requires org.ilptorrent.create;
  requires org.ilptorrent.verifier;
  requires org.ilptorrent.stream;
  requires org.ilptorrent.stream.wallet;
  requires org.ilptorrent.fixtures;
  requires java.net.http;
  requires com.fasterxml.jackson.databind;
  requires jmh.core;
  requires bt.bencoding;

  opens org.ilptorrent.benchmarks to
      jmh.core;
  opens org.ilptorrent.benchmarks.jmh_generated to
      jmh.core;
}

/**
 * {@code Wallet}: a small receiving and sending Interledger wallet on one HTTP port (SPSP with
 * STREAM receipts, ILP-over-HTTP and balances) for self-hosting, tests and the demo, on Netty.
 * Payers need only {@code org.ilptorrent.stream}.
 */
module org.ilptorrent.stream.wallet {
  requires transitive org.ilptorrent.stream;
  requires org.ilptorrent.magnet;
  requires com.fasterxml.jackson.databind;
  requires org.ilptorrent.netty.server;

  exports org.ilptorrent.stream.wallet;
}

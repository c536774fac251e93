/**
 * The receipt verifier service: turns STREAM receipts into spendable balances, with its SPSP proxy,
 * payment-pointer registry and durable journal or Redis store, on Netty. Clients need only {@code
 * org.ilptorrent.verifier}.
 */
module org.ilptorrent.verifier.server {
  requires transitive org.ilptorrent.verifier;
  requires org.ilptorrent.magnet;
  requires com.fasterxml.jackson.databind;
  requires java.net.http;
  requires org.ilptorrent.netty.server;
  requires org.ilptorrent.redis;
  requires org.slf4j;

  exports org.ilptorrent.verifier.server;
}

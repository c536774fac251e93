/**
 * Internal support for the suite's servers, not an API: shared Netty event loops (io_uring or epoll
 * on Linux x86_64 when the native transport loads, NIO otherwise), connection limits, a bounded
 * HTTP/1.1 pipeline and prompt close. Exported only to the server modules; applications configure
 * servers through those servers' builders and never see a Netty type.
 */
module org.ilptorrent.netty.server {
  requires io.netty.transport;
  requires io.netty.buffer;
  requires io.netty.common;
  requires io.netty.codec;
  requires io.netty.codec.http;
  requires io.netty.handler;
  requires io.netty.transport.classes.epoll;
  requires io.netty.transport.classes.io_uring;
  requires io.netty.transport.unix.common;
  requires org.slf4j;

  exports org.ilptorrent.netty.server to
      org.ilptorrent.verifier.server,
      org.ilptorrent.stream.wallet,
      org.ilptorrent.tracker.server;
}

package org.ilptorrent.netty.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection whose request has not fully arrived within the deadline of its first byte:
 * the answer to slowloris, whose sockets are never idle yet never finish a request. Sits first in
 * the pipeline; the dispatcher disarms it when a whole request is decoded.
 */
final class RequestDeadline extends ChannelInboundHandlerAdapter {
  private final long nanos;
  private ScheduledFuture<?> timer;

  RequestDeadline(long nanos) {
    this.nanos = nanos;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (timer == null) {
      timer = ctx.executor().schedule(() -> ctx.close(), nanos, TimeUnit.NANOSECONDS);
    }
    ctx.fireChannelRead(msg);
  }

  /** A whole request arrived: the next one gets a fresh deadline from its first byte. */
  void disarm() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    disarm();
    ctx.fireChannelInactive();
  }
}

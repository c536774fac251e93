package org.ilptorrent.netty.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;

/**
 * Sits between the decoder and the aggregator and looks at each request head before its body:
 * versions other than HTTP/1.x get 505, and the server's {@link HeadFilter} may refuse the request.
 * A refused request is answered and the connection closed; nothing after it is read.
 */
final class HeadCheck extends ChannelInboundHandlerAdapter {
  private final HeadFilter filter;
  private boolean refused;

  HeadCheck(HeadFilter filter) {
    this.filter = filter;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (refused) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (msg instanceof io.netty.handler.codec.http.HttpRequest head
        && !(msg instanceof FullHttpRequest)
        && head.decoderResult().isSuccess()) {
      HttpResponse refusal = null;
      if (head.protocolVersion().majorVersion() != 1
          || !head.protocolVersion().protocolName().equals("HTTP")) {
        refusal = HttpResponse.text(505, "http version not supported");
      } else if (filter != null) {
        refusal =
            filter.check(
                new HttpRequest(
                    head.method().name(),
                    head.uri(),
                    head.headers(),
                    new byte[0],
                    (InetSocketAddress) ctx.channel().remoteAddress()));
      }
      if (refusal != null) {
        refused = true;
        ReferenceCountUtil.release(msg);
        ctx.channel().config().setAutoRead(false);
        Dispatcher.writeAndClose(ctx, refusal, head.protocolVersion().equals(HttpVersion.HTTP_1_0));
        return;
      }
    }
    ctx.fireChannelRead(msg);
  }
}

package org.ilptorrent.netty.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/**
 * Gathers a request body up to the server's limit. A body over it, announced or streamed, gets the
 * server's 413 answer and the connection is closed, so no byte of it is read as a next request.
 */
final class BoundedAggregator extends HttpObjectAggregator {
  private final HttpResponse tooLarge;

  BoundedAggregator(int maxBody, HttpResponse tooLarge) {
    super(maxBody);
    this.tooLarge = tooLarge;
  }

  @Override
  protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
    FullHttpResponse res =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            HttpResponseStatus.valueOf(tooLarge.status()),
            Unpooled.wrappedBuffer(tooLarge.body()));
    if (tooLarge.contentType() != null && tooLarge.body().length > 0) {
      res.headers().set(HttpHeaderNames.CONTENT_TYPE, tooLarge.contentType());
    }
    for (HttpResponse.Header h : tooLarge.headers()) {
      res.headers().add(h.name(), h.value());
    }
    res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, tooLarge.body().length);
    res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
  }
}

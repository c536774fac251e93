package org.ilptorrent.netty.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of an upgraded connection: text messages to the service, pings answered, a close
 * echoed, binary frames refused (1003), frames over the limit closed (1009, counted), and a
 * connection that sent nothing for the idle time closed (1001).
 */
final class WebSocketFrames extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(WebSocketFrames.class);

  private final WebSockets settings;
  private WebSocketSession session;
  private boolean closing;

  WebSocketFrames(WebSockets settings) {
    this.settings = settings;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    session = new WebSocketSession(ctx.channel());
    try {
      settings.service.onOpen(session);
    } catch (RuntimeException e) {
      LOG.warn("WebSocket open failed: {}", e.toString());
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (closing) {
        return;
      }
      if (msg instanceof TextWebSocketFrame text) {
        ByteBuf content = text.content();
        int length = content.readableBytes();
        byte[] utf8 = settings.scratch(length);
        content.getBytes(content.readerIndex(), utf8, 0, length);
        try {
          settings.service.onText(session, utf8, length);
        } catch (RuntimeException e) {
          LOG.warn("WebSocket message failed: {}", e.toString());
        }
      } else if (msg instanceof PingWebSocketFrame ping) {
        ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
      } else if (msg instanceof CloseWebSocketFrame close) {
        closing = true;
        int code = close.statusCode();
        CloseWebSocketFrame echo =
            code < 0 ? new CloseWebSocketFrame() : new CloseWebSocketFrame(code, "");
        ctx.writeAndFlush(echo).addListener(ChannelFutureListener.CLOSE);
      } else if (msg instanceof BinaryWebSocketFrame) {
        close(ctx, WebSocketCloseStatus.INVALID_MESSAGE_TYPE.code(), "text frames only");
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void close(ChannelHandlerContext ctx, int code, String reason) {
    if (closing) {
      return;
    }
    closing = true;
    if (ctx.channel().isActive()) {
      ctx.writeAndFlush(new CloseWebSocketFrame(code, reason))
          .addListener(ChannelFutureListener.CLOSE);
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof IdleStateEvent) {
      if (closing) {
        // The close frame was not answered within an idle period: the peer is gone.
        ctx.close();
      } else {
        close(ctx, WebSocketCloseStatus.ENDPOINT_UNAVAILABLE.code(), "idle");
      }
      return;
    }
    ctx.fireUserEventTriggered(evt);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    try {
      settings.service.onClose(session);
    } catch (RuntimeException e) {
      LOG.warn("WebSocket close failed: {}", e.toString());
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    boolean tooBig =
        cause instanceof TooLongFrameException
            || cause instanceof CorruptedWebSocketFrameException c
                && c.closeStatus().equals(WebSocketCloseStatus.MESSAGE_TOO_BIG);
    if (tooBig) {
      settings.oversized();
      if (cause instanceof TooLongFrameException) {
        // The aggregator's limit on a fragmented message: close it here.
        close(ctx, WebSocketCloseStatus.MESSAGE_TOO_BIG.code(), "frame too large");
      }
      // Else the decoder has sent its close frame (1009) and closes the connection itself.
      closing = true;
      return;
    }
    LOG.debug("WebSocket connection error: {}", cause.toString());
    if (cause instanceof CorruptedWebSocketFrameException) {
      // The decoder has sent its close frame and closes the connection itself.
      closing = true;
      return;
    }
    ctx.close();
  }
}

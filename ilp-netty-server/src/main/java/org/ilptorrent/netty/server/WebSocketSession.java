package org.ilptorrent.netty.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import java.net.InetSocketAddress;

/**
 * One upgraded WebSocket connection. Safe to use from any thread; sessions are equal only to
 * themselves, so they can key maps.
 */
public final class WebSocketSession {
  private final Channel channel;

  /** The WebSocket frame encoder's place in the pipeline, found at the first send of bytes. */
  private volatile ChannelHandlerContext frameEncoder;

  WebSocketSession(Channel channel) {
    this.channel = channel;
  }

  /** Whether the connection is still open. */
  public boolean isOpen() {
    return channel.isActive();
  }

  /**
   * Sends a text message; dropped when the connection is closed. A peer that lets more than the
   * write buffer's high mark pile up unread is disconnected instead.
   */
  public void send(String text) {
    if (!channel.isActive()) {
      return;
    }
    if (!channel.isWritable()) {
      // The peer does not read what it is sent: stop buffering for it.
      channel.close();
      return;
    }
    ByteBuf utf8 = ByteBufUtil.writeUtf8(channel.alloc(), text);
    channel.writeAndFlush(new TextWebSocketFrame(utf8), channel.voidPromise());
  }

  /**
   * Sends a text message given as UTF-8 bytes, {@code utf8[offset..offset+length)}, which the
   * caller guarantees to be valid UTF-8; the bytes are copied, so the array may be reused on
   * return. Otherwise as {@link #send(String)}. Saves encoding a string, and the frame is built in
   * one pooled buffer.
   */
  public void send(byte[] utf8, int offset, int length) {
    if (!channel.isActive()) {
      return;
    }
    if (!channel.isWritable()) {
      channel.close();
      return;
    }
    ChannelHandlerContext encoder = frameEncoder;
    if (encoder == null) {
      encoder = channel.pipeline().context(WebSocketFrameEncoder.class);
      if (encoder == null) {
        // Not (or no longer) a WebSocket pipeline: let the pipeline refuse or drop the frame.
        ByteBuf payload = channel.alloc().buffer(length).writeBytes(utf8, offset, length);
        channel.writeAndFlush(new TextWebSocketFrame(payload), channel.voidPromise());
        return;
      }
      frameEncoder = encoder;
    }
    // The frame as Netty's encoder writes it (FIN, text, unmasked as servers send), built in one
    // buffer and written from the encoder's place onwards: no second buffer and copy per message.
    ByteBuf frame = channel.alloc().buffer(length + 10);
    frame.writeByte(0x81);
    if (length < 126) {
      frame.writeByte(length);
    } else if (length <= 0xFFFF) {
      frame.writeByte(126).writeShort(length);
    } else {
      frame.writeByte(127).writeLong(length);
    }
    frame.writeBytes(utf8, offset, length);
    encoder.writeAndFlush(frame, encoder.voidPromise());
  }

  /** Sends a close frame with {@code code} and {@code reason}, then closes the connection. */
  public void close(int code, String reason) {
    if (channel.isActive()) {
      channel
          .writeAndFlush(new CloseWebSocketFrame(code, reason))
          .addListener(ChannelFutureListener.CLOSE);
    }
  }

  /** The peer's address. */
  public InetSocketAddress remoteAddress() {
    return (InetSocketAddress) channel.remoteAddress();
  }
}

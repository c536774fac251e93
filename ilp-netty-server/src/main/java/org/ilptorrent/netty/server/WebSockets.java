package org.ilptorrent.netty.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.FastThreadLocal;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server's WebSocket settings and the upgrade of an HTTP connection: Netty's RFC 6455 handshake
 * and frame codec with the server's frame limit, then {@link WebSocketFrames} in place of the HTTP
 * dispatcher, a read-idle timeout in place of the HTTP ones, and flushes gathered per read.
 */
final class WebSockets {
  private static final Logger LOG = LoggerFactory.getLogger(WebSockets.class);
  private static final long REPORT_EVERY_NANOS = 60_000_000_000L;

  final WebSocketService service;
  final int maxFrameBytes;
  final long idleNanos;
  private final WebSocketServerHandshakerFactory handshakers;
  private final AtomicLong unreported = new AtomicLong();

  /** Per event loop, the buffer each text message is copied into for the service (grows). */
  private final FastThreadLocal<byte[]> scratch =
      new FastThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
          return new byte[4096];
        }
      };

  private long lastReport = System.nanoTime() - REPORT_EVERY_NANOS;

  WebSockets(WebSocketService service, int maxFrameBytes, Duration idle) {
    this.service = service;
    this.maxFrameBytes = maxFrameBytes;
    this.idleNanos = idle.toNanos();
    WebSocketDecoderConfig config =
        WebSocketDecoderConfig.newBuilder()
            .maxFramePayloadLength(maxFrameBytes)
            .allowExtensions(false)
            .expectMaskedFrames(true)
            .closeOnProtocolViolation(true)
            .withUTF8Validator(true)
            .build();
    // The URL only goes into pre-RFC 6455 handshakes, which are not offered; the path is not
    // checked.
    this.handshakers = new WebSocketServerHandshakerFactory("ws://localhost/", null, config);
  }

  /**
   * The calling loop's scratch buffer, at least {@code length} bytes: messages are handed to the
   * service one at a time per loop, and never kept by it.
   */
  byte[] scratch(int length) {
    byte[] bytes = scratch.get();
    if (bytes.length < length) {
      bytes = new byte[Math.max(length, Math.min(maxFrameBytes, bytes.length * 2))];
      scratch.set(bytes);
    }
    return bytes;
  }

  /** Whether {@code request} asks for a WebSocket upgrade (RFC 6455 section 4.2.1). */
  static boolean isUpgrade(FullHttpRequest request) {
    String upgrade = request.headers().get(HttpHeaderNames.UPGRADE);
    return request.method().equals(HttpMethod.GET)
        && upgrade != null
        && upgrade.trim().equalsIgnoreCase("websocket");
  }

  /**
   * Answers the handshake and turns the connection's pipeline into a WebSocket one; false when the
   * handshake is refused (the caller answers 400), after an unsupported version's 426 when the
   * handshaker said so itself.
   */
  boolean upgrade(ChannelHandlerContext ctx, FullHttpRequest request) {
    WebSocketServerHandshaker handshaker = handshakers.newHandshaker(request);
    if (handshaker == null) {
      WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel())
          .addListener(f -> ctx.close());
      return true;
    }
    ChannelPipeline p = ctx.pipeline();
    try {
      handshaker.handshake(ctx.channel(), request);
    } catch (WebSocketHandshakeException e) {
      LOG.debug("WebSocket handshake refused: {}", e.getMessage());
      return false;
    }
    p.remove(RequestDeadline.class);
    p.remove("idle");
    if (p.get("head") != null) {
      p.remove("head");
    }
    p.addFirst("idle", new IdleStateHandler(idleNanos, 0, 0, TimeUnit.NANOSECONDS));
    p.addFirst("flush", new FlushConsolidationHandler(256, true));
    p.replace(ctx.handler(), "websocket", new WebSocketFrames(this));
    p.addBefore("websocket", "wsaggregator", new WebSocketFrameAggregator(maxFrameBytes));
    ctx.channel()
        .config()
        .setWriteBufferWaterMark(new WriteBufferWaterMark(256 * 1024, 1024 * 1024));
    return true;
  }

  /**
   * Counts a connection closed for a frame over the limit, and logs one line at most once a minute
   * with how many there were, never with a stack trace: any client can send such frames.
   */
  void oversized() {
    unreported.incrementAndGet();
    long now = System.nanoTime();
    long count;
    synchronized (this) {
      if (now - lastReport < REPORT_EVERY_NANOS) {
        return;
      }
      lastReport = now;
      count = unreported.getAndSet(0);
    }
    LOG.warn(
        "closed {} WebSocket connection(s) for a frame over {} bytes in the last minute",
        count,
        maxFrameBytes);
  }
}

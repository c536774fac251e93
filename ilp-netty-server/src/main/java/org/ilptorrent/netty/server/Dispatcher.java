package org.ilptorrent.netty.server;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands whole requests of one connection to the service, one at a time and in order (pipelined
 * requests wait in a short queue, and reading stops meanwhile), and writes each answer when it is
 * ready. Malformed heads get 400, 414 or 431 and a close.
 */
final class Dispatcher extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
  private static final int MAX_PIPELINED = 16;

  private record Pending(HttpRequest request, boolean keepAlive, boolean http10) {}

  private final AsyncHttpService service;
  private final WebSockets webSockets;
  private final Executor executor;
  private final RequestDeadline deadline;
  private final int maxHeaders;
  private final String name;
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private boolean busy;

  Dispatcher(
      AsyncHttpService service,
      WebSockets webSockets,
      Executor executor,
      RequestDeadline deadline,
      int maxHeaders,
      String name) {
    this.service = service;
    this.webSockets = webSockets;
    this.executor = executor;
    this.deadline = deadline;
    this.maxHeaders = maxHeaders;
    this.name = name;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof FullHttpRequest request)) {
      ReferenceCountUtil.release(msg);
      return;
    }
    try {
      deadline.disarm();
      DecoderResult result = request.decoderResult();
      if (result.isFailure()) {
        Throwable cause = result.cause();
        if (cause instanceof TooLongHttpLineException) {
          refuse(ctx, 414, "uri too long");
        } else if (cause instanceof TooLongHttpHeaderException) {
          refuse(ctx, 431, "request header fields too large");
        } else {
          refuse(ctx, 400, "bad request");
        }
        return;
      }
      if (request.headers().size() > maxHeaders) {
        refuse(ctx, 431, "request header fields too large");
        return;
      }
      if (webSockets != null && WebSockets.isUpgrade(request)) {
        if (busy || !queue.isEmpty()) {
          ctx.close();
        } else if (!webSockets.upgrade(ctx, request)) {
          refuse(ctx, 400, "bad request");
        }
        return;
      }
      if (queue.size() >= MAX_PIPELINED) {
        ctx.close();
        return;
      }
      HttpRequest copy =
          new HttpRequest(
              request.method().name(),
              request.uri(),
              request.headers(),
              ByteBufUtil.getBytes(request.content()),
              (InetSocketAddress) ctx.channel().remoteAddress());
      queue.add(
          new Pending(
              copy,
              HttpUtil.isKeepAlive(request),
              request.protocolVersion().equals(HttpVersion.HTTP_1_0)));
      if (busy) {
        // A pipelined request waits: stop reading until the queue drains. Only then, since each
        // switch is an epoll_ctl, and a client that waits for its answer never needs it.
        ctx.channel().config().setAutoRead(false);
      }
    } finally {
      request.release();
    }
    next(ctx);
  }

  private void next(ChannelHandlerContext ctx) {
    if (busy || queue.isEmpty() || !ctx.channel().isActive()) {
      return;
    }
    busy = true;
    Pending pending = queue.poll();
    Runnable task =
        () -> {
          CompletionStage<HttpResponse> stage;
          try {
            stage = service.handle(pending.request());
          } catch (Exception e) {
            stage = CompletableFuture.failedFuture(e);
          }
          if (stage == null) {
            stage = CompletableFuture.failedFuture(new NullPointerException("no answer"));
          }
          stage.whenComplete(
              (response, error) -> {
                HttpResponse answer = response;
                if (error != null || answer == null) {
                  LOG.warn(
                      "{}: request failed: {}",
                      name,
                      error == null ? "no answer" : unwrap(error).toString());
                  answer = HttpResponse.text(500, "internal error");
                }
                HttpResponse done = answer;
                if (ctx.executor().inEventLoop()) {
                  answer(ctx, pending, done);
                } else {
                  ctx.executor().execute(() -> answer(ctx, pending, done));
                }
              });
        };
    if (executor == null) {
      task.run();
      return;
    }
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      queue.clear();
      write(ctx, HttpResponse.text(503, "service unavailable"), false, false);
    }
  }

  private void answer(ChannelHandlerContext ctx, Pending pending, HttpResponse response) {
    write(ctx, response, pending.keepAlive(), pending.http10())
        .addListener(
            f -> {
              busy = false;
              if (!f.isSuccess() || !pending.keepAlive()) {
                ctx.close();
                return;
              }
              if (queue.isEmpty()) {
                ctx.channel().config().setAutoRead(true);
              } else {
                next(ctx);
              }
            });
  }

  private static Throwable unwrap(Throwable error) {
    return error instanceof CompletionException && error.getCause() != null
        ? error.getCause()
        : error;
  }

  private void refuse(ChannelHandlerContext ctx, int status, String text) {
    queue.clear();
    write(ctx, HttpResponse.text(status, text), false, false);
  }

  /** Writes {@code r} with {@code Connection: close}, then closes the connection. */
  static void writeAndClose(ChannelHandlerContext ctx, HttpResponse r, boolean http10) {
    write(ctx, r, false, http10);
  }

  private static io.netty.channel.ChannelFuture write(
      ChannelHandlerContext ctx, HttpResponse r, boolean keepAlive, boolean http10) {
    FullHttpResponse res =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            HttpResponseStatus.valueOf(r.status()),
            Unpooled.wrappedBuffer(r.body()));
    var headers = res.headers();
    if (r.contentType() != null && r.body().length > 0) {
      headers.set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
    }
    for (HttpResponse.Header h : r.headers()) {
      headers.add(h.name(), h.value());
    }
    if (r.status() != 204 && r.status() != 304 && r.status() >= 200) {
      headers.setInt(HttpHeaderNames.CONTENT_LENGTH, r.body().length);
    }
    if (!keepAlive) {
      headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    } else if (http10) {
      headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
    }
    var future = ctx.writeAndFlush(res);
    if (!keepAlive) {
      future.addListener(ChannelFutureListener.CLOSE);
    }
    return future;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof IdleStateEvent && !busy) {
      ctx.close();
      return;
    }
    ctx.fireUserEventTriggered(evt);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    queue.clear();
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug("{}: connection error: {}", name, cause.toString());
    ctx.close();
  }
}

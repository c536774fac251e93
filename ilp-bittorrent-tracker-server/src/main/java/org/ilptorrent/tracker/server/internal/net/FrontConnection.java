package org.ilptorrent.tracker.server.internal.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.framing.CloseFrame;

/**
 * One accepted connection. It starts as HTTP/1.1; a WebSocket upgrade hands the bytes to
 * Java-WebSocket's protocol engine ({@link WebSocketImpl}), which this class then feeds and drains.
 * HTTP requests are answered one at a time (reading pauses while one is being served).
 */
final class FrontConnection {
  final IoLoop loop;
  final FrontDoor door;
  final SocketChannel channel;
  final AtomicBoolean flushScheduled = new AtomicBoolean();
  final InetSocketAddress remote;
  final InetSocketAddress local;
  SelectionKey key;
  WebSocketImpl ws;

  private byte[] in = new byte[2048];
  private int inLength;
  private HttpRequest head;
  private int bodyLength;
  private boolean serving;
  private boolean closeAfterWrite;
  private final ArrayDeque<ByteBuffer> httpOut = new ArrayDeque<>();
  private long lastActivity = System.nanoTime();
  private boolean gone;

  FrontConnection(IoLoop loop, FrontDoor door, SocketChannel channel) throws IOException {
    this.loop = loop;
    this.door = door;
    this.channel = channel;
    this.remote = (InetSocketAddress) channel.getRemoteAddress();
    this.local = (InetSocketAddress) channel.getLocalAddress();
  }

  void readable() throws IOException {
    ByteBuffer buffer = loop.readBuffer;
    buffer.clear();
    int n = channel.read(buffer);
    if (n < 0) {
      if (ws != null) {
        ws.eot();
      } else {
        abort();
      }
      return;
    }
    if (n == 0) {
      return;
    }
    lastActivity = System.nanoTime();
    buffer.flip();
    if (ws != null) {
      ws.decode(buffer);
      return;
    }
    append(buffer);
    serveHttp();
  }

  private void append(ByteBuffer buffer) {
    int needed = inLength + buffer.remaining();
    if (needed > in.length) {
      in = Arrays.copyOf(in, Math.max(needed, in.length * 2));
    }
    buffer.get(in, inLength, buffer.remaining());
    inLength = needed;
  }

  private void serveHttp() throws IOException {
    while (!serving && !gone && ws == null) {
      try {
        if (head == null) {
          int end = door.parser.headEnd(in, inLength);
          if (end < 0) {
            return;
          }
          head = door.parser.parse(in, end, remote);
          if (head.isWebSocketUpgrade()) {
            upgrade();
            return;
          }
          consume(end);
          bodyLength = (int) HttpHeadParser.bodyLength(head, door.http.maxBody(head));
        }
        if (inLength < bodyLength) {
          return;
        }
        byte[] body = Arrays.copyOf(in, bodyLength);
        consume(bodyLength);
        HttpRequest request =
            new HttpRequest(
                head.method(),
                head.rawPath(),
                head.rawQuery(),
                head.version(),
                head.headers(),
                body,
                remote);
        head = null;
        serving = true;
        key.interestOps(key.interestOps() & ~SelectionKey.OP_READ);
        boolean keepAlive = request.keepAlive();
        door.http
            .handle(request)
            .whenComplete(
                (response, error) ->
                    loop.execute(
                        () ->
                            respond(
                                error == null ? response : HttpResponse.text(500, "internal error"),
                                keepAlive)));
      } catch (HttpHeadParser.BadRequest e) {
        serving = true;
        respond(HttpResponse.text(e.status(), e.getMessage()), false);
      }
    }
  }

  /** Hands the whole handshake (and any frames after it) to the WebSocket engine. */
  private void upgrade() {
    ws = new WebSocketImpl(door.bridge, door.drafts);
    ws.setAttachment(this);
    ws.setChannel(channel);
    ws.setSelectionKey(key);
    ByteBuffer received = ByteBuffer.wrap(in, 0, inLength);
    in = null;
    inLength = 0;
    head = null;
    ws.decode(received);
  }

  private void consume(int count) {
    System.arraycopy(in, count, in, 0, inLength - count);
    inLength -= count;
  }

  private void respond(HttpResponse response, boolean keepAlive) {
    if (gone) {
      return;
    }
    closeAfterWrite = !keepAlive;
    httpOut.add(ByteBuffer.wrap(response.encode(keepAlive)));
    try {
      flush();
    } catch (IOException e) {
      abort();
    }
  }

  /** Writes what is queued; called on the loop thread only. */
  void flush() throws IOException {
    if (gone) {
      return;
    }
    if (ws != null) {
      flushWebSocket();
      return;
    }
    while (!httpOut.isEmpty()) {
      ByteBuffer b = httpOut.peek();
      channel.write(b);
      if (b.hasRemaining()) {
        key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
        return;
      }
      httpOut.poll();
    }
    if (!serving) {
      return;
    }
    if (closeAfterWrite) {
      abort();
      return;
    }
    serving = false;
    lastActivity = System.nanoTime();
    key.interestOps(SelectionKey.OP_READ);
    serveHttp();
  }

  private void flushWebSocket() throws IOException {
    ByteBuffer b;
    while ((b = ws.outQueue.peek()) != null) {
      channel.write(b);
      if (b.hasRemaining()) {
        if (key.isValid()) {
          key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
        }
        return;
      }
      ws.outQueue.poll();
    }
    if (key.isValid() && (key.interestOps() & SelectionKey.OP_WRITE) != 0) {
      key.interestOps(SelectionKey.OP_READ);
    }
    if (ws.isFlushAndClose()) {
      ws.closeConnection();
    }
  }

  void checkTimeouts(long now) {
    if (gone) {
      return;
    }
    if (ws == null) {
      if (!serving && now - lastActivity > door.limits.requestTimeout().toNanos()) {
        abort();
      }
    } else if (now - lastActivity > door.limits.webSocketIdle().toNanos()) {
      if (ws.isFlushAndClose()) {
        // The close frame could not be delivered within a sweep: the peer is gone.
        ws.closeConnection(CloseFrame.ABNORMAL_CLOSE, "idle");
      } else {
        ws.close(CloseFrame.GOING_AWAY, "idle");
      }
    }
  }

  /** The WebSocket engine closed this connection. */
  void closedByEngine() {
    finish();
  }

  /** Drops the connection now. */
  void abort() {
    if (ws != null) {
      ws.closeConnection(CloseFrame.ABNORMAL_CLOSE, "connection dropped");
    }
    finish();
  }

  private void finish() {
    if (gone) {
      return;
    }
    gone = true;
    if (key != null) {
      key.cancel();
    }
    IoLoop.closeQuietly(channel);
    loop.forget(this);
    door.closed(this);
  }
}

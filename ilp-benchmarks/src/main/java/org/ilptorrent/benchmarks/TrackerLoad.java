package org.ilptorrent.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Iterator;
import java.util.SplittableRandom;

/**
 * Load generator for WebSocket trackers (npm bittorrent-tracker 11's protocol): one thread, one NIO
 * selector, N connections, each one peer of one of T torrents that keeps exactly one announce in
 * flight (send, wait for the reply, send the next). The announces are the frames npm's client sends
 * with no offers ({@code "event":"started"} first, then updates), encoded and masked once per
 * connection, so the generator costs little next to the server. A bench tool, not a WebSocket
 * client: it handles text, ping and close frames and nothing else.
 *
 * <p>It opens and handshakes every connection, waits for every {@code started} reply (no updates
 * until then), runs a warm-up, then counts replies during the measured window and, given the
 * server's pid, reads the server's CPU time (utime + stime of {@code /proc/PID/stat}) at both ends
 * of the window. Then it optionally holds the connections open (idle) for a while, for heap
 * measurements, and prints {@code holding} when it starts to.
 *
 * <p>Usage: {@code TrackerLoad <label> <ws://host:port> <peers> <torrents> <warmupSeconds>
 * <seconds> [serverPid clockTicksPerSecond [holdSeconds]]}. Prints one result line: {@code <label>
 * peers=.. torrents=.. announces=.. seconds=.. announces_per_s=.. server_cpu_s=..
 * announces_per_cpu_s=.. load_cpu_s=.. failures=.. closed=.. reconnected=..}, where load_cpu_s is
 * the generator's own CPU time in the window.
 */
public final class TrackerLoad {
  private static final int MAX_PENDING_HANDSHAKES = 200;
  private static final long CONNECT_TIMEOUT_NANOS = 120_000_000_000L;

  private final InetSocketAddress address;
  private final String hostHeader;
  private final String path;
  private final int peers;
  private final int torrents;
  private final Selector selector;
  private final SplittableRandom random = new SplittableRandom(20_261_201L);
  private final ArrayDeque<Conn> toConnect = new ArrayDeque<>();

  private boolean announcing;
  private String firstError;
  private int pendingHandshakes;
  private int started;
  private long replies;
  private long failures;
  private int closed;
  private int retried;

  private TrackerLoad(URI uri, int peers, int torrents) throws IOException {
    this.address = new InetSocketAddress(uri.getHost(), uri.getPort());
    this.hostHeader = uri.getHost() + ":" + uri.getPort();
    this.path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    this.peers = peers;
    this.torrents = torrents;
    this.selector = Selector.open();
  }

  /** Runs the load; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    if (args.length < 6) {
      System.err.println(
          "usage: TrackerLoad <label> <ws-url> <peers> <torrents> <warmupSeconds> <seconds>"
              + " [serverPid clockTicks [holdSeconds]]");
      System.exit(2);
    }
    String label = args[0];
    TrackerLoad load =
        new TrackerLoad(URI.create(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
    double warmup = Double.parseDouble(args[4]);
    double seconds = Double.parseDouble(args[5]);
    long pid = args.length > 6 ? Long.parseLong(args[6]) : -1;
    long ticks = args.length > 7 ? Long.parseLong(args[7]) : 100;
    double hold = args.length > 8 ? Double.parseDouble(args[8]) : 0;

    long connectStart = System.nanoTime();
    load.connectAll();
    System.err.printf(
        "%s: %d connections announced in %.1f s%s%n",
        label,
        load.peers,
        (System.nanoTime() - connectStart) / 1e9,
        load.retried > 0
            ? " (" + load.retried + " reconnected; first error: " + load.firstError + ")"
            : "");
    load.runFor(warmup);
    long repliesBefore = load.replies;
    long failuresBefore = load.failures;
    long self = ProcessHandle.current().pid();
    long cpuBefore = pid > 0 ? cpuTicks(pid) : 0;
    long selfBefore = cpuTicks(self);
    long start = System.nanoTime();
    load.runFor(seconds);
    long cpuAfter = pid > 0 ? cpuTicks(pid) : 0;
    long selfAfter = cpuTicks(self);
    double elapsed = (System.nanoTime() - start) / 1e9;
    long announces = load.replies - repliesBefore;
    double cpu = (cpuAfter - cpuBefore) / (double) ticks;
    System.out.printf(
        "%s peers=%d torrents=%d announces=%d seconds=%.2f announces_per_s=%.0f server_cpu_s=%.2f"
            + " announces_per_cpu_s=%.0f load_cpu_s=%.2f failures=%d closed=%d reconnected=%d%n",
        label,
        load.peers,
        load.torrents,
        announces,
        elapsed,
        announces / elapsed,
        cpu,
        cpu > 0 ? announces / cpu : 0,
        (selfAfter - selfBefore) / (double) ticks,
        load.failures - failuresBefore,
        load.closed,
        load.retried);
    if (hold > 0) {
      load.stopAnnouncing();
      System.out.println("holding");
      System.out.flush();
      load.runFor(hold);
    }
    load.closeAll();
  }

  /** utime + stime of a process, in clock ticks. */
  static long cpuTicks(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    // The command name (field 2) is in parentheses and may hold spaces: count from after it.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  private void connectAll() throws IOException {
    for (int i = 0; i < peers; i++) {
      toConnect.add(new Conn(i));
    }
    openMore();
    long deadline = System.nanoTime() + CONNECT_TIMEOUT_NANOS;
    while (started + closed < peers) {
      if (System.nanoTime() > deadline) {
        throw new IOException(
            "only " + started + " of " + peers + " connections announced (" + closed + " closed)");
      }
      poll(100);
    }
    if (closed > 0) {
      throw new IOException(
          closed + " of " + peers + " connections failed to start; first error: " + firstError);
    }
    // Updates start only now: while some connections still handshake, the others' announces
    // would starve them.
    announcing = true;
    for (SelectionKey key : selector.keys()) {
      if (key.isValid()) {
        ((Conn) key.attachment()).announce(false);
      }
    }
  }

  private void openMore() throws IOException {
    while (pendingHandshakes < MAX_PENDING_HANDSHAKES && !toConnect.isEmpty()) {
      Conn c = toConnect.poll();
      c.channel = SocketChannel.open();
      c.channel.configureBlocking(false);
      c.channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      if (address.getAddress().isLoopbackAddress()
          && address.getAddress().getAddress().length == 4) {
        // Servers cap connections per remote address (ours: 1,000); the peers of a real swarm come
        // from many addresses, so the generator spreads its connections over 127.0.0.1-64.
        c.channel.bind(new InetSocketAddress("127.0.0." + (1 + c.index % 64), 0));
      }
      c.key = c.channel.register(selector, SelectionKey.OP_CONNECT, c);
      if (c.channel.connect(address)) {
        c.onConnected();
      }
      pendingHandshakes++;
    }
  }

  private void runFor(double seconds) throws IOException {
    long end = System.nanoTime() + (long) (seconds * 1e9);
    for (long left; (left = end - System.nanoTime()) > 0; ) {
      poll(Math.max(1, left / 1_000_000));
    }
  }

  private void poll(long timeoutMillis) throws IOException {
    selector.select(timeoutMillis);
    Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
    while (keys.hasNext()) {
      SelectionKey key = keys.next();
      keys.remove();
      Conn c = (Conn) key.attachment();
      try {
        if (!key.isValid()) {
          continue;
        }
        if (key.isConnectable()) {
          if (c.channel.finishConnect()) {
            c.onConnected();
          }
        } else {
          if (key.isWritable()) {
            c.flush();
          }
          if (key.isValid() && key.isReadable()) {
            c.read();
          }
        }
      } catch (IOException | UncheckedIOException e) {
        if (firstError == null) {
          firstError = e.toString();
        }
        c.close();
      }
    }
    openMore();
  }

  private void stopAnnouncing() {
    announcing = false;
  }

  private void closeAll() throws IOException {
    for (SelectionKey key : selector.keys()) {
      key.channel().close();
    }
    selector.close();
  }

  /** The WebSocket frame (FIN, text, masked) of an npm-client announce without offers. */
  private byte[] announceFrame(byte[] infoHash, byte[] peerId, long left, boolean first) {
    String json =
        "{\"numwant\":50,\"uploaded\":0,\"downloaded\":0,\"left\":"
            + left
            + (first ? ",\"event\":\"started\"" : "")
            + ",\"action\":\"announce\",\"info_hash\":"
            + binaryString(infoHash)
            + ",\"peer_id\":"
            + binaryString(peerId)
            + ",\"offers\":[]}";
    return maskedFrame(0x1, json.getBytes(StandardCharsets.UTF_8));
  }

  private byte[] maskedFrame(int opcode, byte[] payload) {
    int headerLength = payload.length < 126 ? 2 : 4;
    byte[] frame = new byte[headerLength + 4 + payload.length];
    frame[0] = (byte) (0x80 | opcode);
    if (payload.length < 126) {
      frame[1] = (byte) (0x80 | payload.length);
    } else {
      frame[1] = (byte) (0x80 | 126);
      frame[2] = (byte) (payload.length >>> 8);
      frame[3] = (byte) payload.length;
    }
    byte[] mask = new byte[4];
    for (int i = 0; i < 4; i++) {
      mask[i] = (byte) random.nextInt(256);
    }
    System.arraycopy(mask, 0, frame, headerLength, 4);
    for (int i = 0; i < payload.length; i++) {
      frame[headerLength + 4 + i] = (byte) (payload[i] ^ mask[i & 3]);
    }
    return frame;
  }

  /**
   * A byte id as JavaScript's JSON.stringify writes npm's binary string (one char per byte, code
   * 0-255): quotes, backslashes and control characters escaped, the rest as UTF-8.
   */
  static String binaryString(byte[] id) {
    StringBuilder s = new StringBuilder("\"");
    for (byte b : id) {
      char c = (char) (b & 0xFF);
      switch (c) {
        case '"' -> s.append("\\\"");
        case '\\' -> s.append("\\\\");
        case '\b' -> s.append("\\b");
        case '\f' -> s.append("\\f");
        case '\n' -> s.append("\\n");
        case '\r' -> s.append("\\r");
        case '\t' -> s.append("\\t");
        default -> {
          if (c < 0x20) {
            s.append(String.format("\\u%04x", (int) c));
          } else {
            s.append(c);
          }
        }
      }
    }
    return s.append('"').toString();
  }

  /** One connection: one peer of one torrent. */
  private final class Conn {
    private final ByteBuffer startedFrame;
    private final ByteBuffer updateFrame;
    private ByteBuffer in = ByteBuffer.allocate(1024);
    private ByteBuffer pending;
    private SocketChannel channel;
    private SelectionKey key;
    private boolean upgraded;
    private boolean hasStarted;
    private int attempts;
    private final int index;

    Conn(int index) {
      this.index = index;
      byte[] infoHash = new byte[20];
      // Torrent t's info hash is derived from t alone, so every run uses the same torrents.
      new SplittableRandom(index % torrents).nextBytes(infoHash);
      byte[] peerId = new byte[20];
      random.nextBytes(peerId);
      // One peer in ten is a seeder, as in a swarm some time after it began.
      long left = index % 10 == 0 ? 0 : 1_000_000;
      startedFrame = ByteBuffer.wrap(announceFrame(infoHash, peerId, left, true));
      updateFrame = ByteBuffer.wrap(announceFrame(infoHash, peerId, left, false));
    }

    void onConnected() throws IOException {
      String request =
          "GET "
              + path
              + " HTTP/1.1\r\nHost: "
              + hostHeader
              + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
              + Base64.getEncoder().encodeToString(new byte[16])
              + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
      key.interestOps(SelectionKey.OP_READ);
      send(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
    }

    void send(ByteBuffer data) throws IOException {
      if (pending != null) {
        // One message in flight: only a pong can be queued behind a partial write.
        ByteBuffer joined = ByteBuffer.allocate(pending.remaining() + data.remaining());
        joined.put(pending).put(data).flip();
        pending = joined;
        return;
      }
      channel.write(data);
      if (data.hasRemaining()) {
        ByteBuffer copy = ByteBuffer.allocate(data.remaining());
        copy.put(data).flip();
        pending = copy;
        key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
      }
    }

    void flush() throws IOException {
      if (pending != null) {
        channel.write(pending);
        if (!pending.hasRemaining()) {
          pending = null;
          key.interestOps(SelectionKey.OP_READ);
        }
      }
    }

    void announce(boolean first) throws IOException {
      ByteBuffer frame = (first ? startedFrame : updateFrame).duplicate();
      send(frame);
    }

    void read() throws IOException {
      if (!in.hasRemaining()) {
        ByteBuffer bigger = ByteBuffer.allocate(in.capacity() * 2);
        in.flip();
        bigger.put(in);
        in = bigger;
      }
      int n = channel.read(in);
      if (n < 0) {
        if (firstError == null) {
          firstError = "closed by the server (end of stream)";
        }
        close();
        return;
      }
      in.flip();
      if (!upgraded && !readHandshake()) {
        in.compact();
        return;
      }
      while (readFrame()) {
        // each complete frame handled
      }
      in.compact();
    }

    private boolean readHandshake() throws IOException {
      int end = -1;
      for (int i = in.position(); i + 3 < in.limit(); i++) {
        if (in.get(i) == '\r'
            && in.get(i + 1) == '\n'
            && in.get(i + 2) == '\r'
            && in.get(i + 3) == '\n') {
          end = i + 4;
          break;
        }
      }
      if (end < 0) {
        return false;
      }
      byte[] head = new byte[end - in.position()];
      in.get(head);
      String status = new String(head, StandardCharsets.US_ASCII);
      if (!status.startsWith("HTTP/1.1 101")) {
        throw new IOException("handshake refused: " + status.lines().findFirst().orElse(""));
      }
      upgraded = true;
      pendingHandshakes--;
      announce(true);
      return true;
    }

    /** Handles one complete frame at the buffer's position; false when none is complete. */
    private boolean readFrame() throws IOException {
      int start = in.position();
      if (in.remaining() < 2) {
        return false;
      }
      int b0 = in.get(start) & 0xFF;
      int b1 = in.get(start + 1) & 0xFF;
      int header = 2;
      long length = b1 & 0x7F;
      if (length == 126) {
        if (in.remaining() < 4) {
          return false;
        }
        length = ((in.get(start + 2) & 0xFF) << 8) | (in.get(start + 3) & 0xFF);
        header = 4;
      } else if (length == 127) {
        if (in.remaining() < 10) {
          return false;
        }
        length = in.getLong(start + 2);
        header = 10;
      }
      if ((b1 & 0x80) != 0) {
        header += 4; // a server must not mask, but tolerate it
      }
      if (in.remaining() < header + length) {
        return false;
      }
      int opcode = b0 & 0x0F;
      int payload = start + header;
      int payloadLength = (int) length;
      in.position(payload + payloadLength);
      switch (opcode) {
        case 0x1 -> onReply(payload, payloadLength);
        case 0x9 -> {
          byte[] data = new byte[payloadLength];
          in.get(payload, data);
          send(ByteBuffer.wrap(maskedFrame(0xA, data)));
        }
        case 0x8 -> {
          if (firstError == null) {
            firstError = "closed by the server (close frame)";
          }
          close();
        }
        default -> {
          // pong or anything else: nothing to do
        }
      }
      return key.isValid();
    }

    private void onReply(int payload, int length) throws IOException {
      if (contains(payload, length, "failure reason")) {
        failures++;
      }
      replies++;
      if (!hasStarted) {
        hasStarted = true;
        started++;
      }
      if (announcing) {
        announce(false);
      }
    }

    private boolean contains(int from, int length, String text) {
      byte[] needle = text.getBytes(StandardCharsets.US_ASCII);
      outer:
      for (int i = from; i + needle.length <= from + length; i++) {
        for (int j = 0; j < needle.length; j++) {
          if (in.get(i + j) != needle[j]) {
            continue outer;
          }
        }
        return true;
      }
      return false;
    }

    void close() {
      if (key != null && !key.isValid()) {
        return;
      }
      if (!upgraded) {
        pendingHandshakes--;
      }
      try {
        channel.close();
      } catch (IOException e) {
        // closing anyway
      }
      if (!hasStarted && attempts < 3) {
        // A connection lost before its first reply is opened again (a busy server's accept
        // queue can overflow while thousands connect); it is counted, not hidden.
        attempts++;
        retried++;
        upgraded = false;
        pending = null;
        in.clear();
        toConnect.add(this);
      } else {
        closed++;
      }
    }
  }
}

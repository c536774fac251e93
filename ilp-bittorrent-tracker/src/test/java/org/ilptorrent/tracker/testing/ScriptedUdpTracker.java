package org.ilptorrent.tracker.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A UDP tracker for tests that follows a script: each expected request is an annotated hex table
 * ({@code .} matches any nibble) checked byte for byte, answered with fixed hex replies in which
 * {@code TXID} stands for the request's transaction id. A packet identical to the previous one is a
 * retransmission: it is counted and answered again with that step's last reply.
 */
public final class ScriptedUdpTracker implements AutoCloseable {
  /** One expected request and what to send back. */
  public record Step(String pattern, List<String> replies) {}

  public final List<String> failures = new CopyOnWriteArrayList<>();
  public final List<byte[]> requests = new CopyOnWriteArrayList<>();
  private final BlockingQueue<Step> steps = new LinkedBlockingQueue<>();
  private final DatagramSocket socket;
  private final Thread thread;

  public ScriptedUdpTracker() throws SocketException {
    socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
    thread = new Thread(this::serve, "scripted-udp-tracker");
    thread.setDaemon(true);
    thread.start();
  }

  /** Joins annotated table rows: each row is hex (spaces ignored) up to an optional comment. */
  public static String table(String... rows) {
    StringBuilder out = new StringBuilder();
    for (String row : rows) {
      int comment = row.indexOf("//");
      out.append((comment < 0 ? row : row.substring(0, comment)).replace(" ", ""));
    }
    return out.toString();
  }

  /** The next request must match {@code pattern}; it is answered with {@code replies}. */
  public void expect(String pattern, String... replies) {
    steps.add(new Step(pattern, List.of(replies)));
  }

  public URI uri(String pathAndQuery) {
    return URI.create("udp://127.0.0.1:" + socket.getLocalPort() + pathAndQuery);
  }

  /** How many packets came that repeat an earlier one exactly. */
  public int retransmissions() {
    int n = 0;
    for (int i = 1; i < requests.size(); i++) {
      if (Arrays.equals(requests.get(i), requests.get(i - 1))) {
        n++;
      }
    }
    return n;
  }

  private void serve() {
    byte[] buffer = new byte[2048];
    byte[] previous = null;
    Step previousStep = null;
    while (!socket.isClosed()) {
      DatagramPacket p = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(p);
      } catch (IOException e) {
        return;
      }
      byte[] request = Arrays.copyOf(p.getData(), p.getLength());
      requests.add(request);
      Step step;
      if (previous != null && Arrays.equals(previous, request)) {
        step = previousStep;
        if (step == null || step.replies().isEmpty()) {
          continue;
        }
        step = new Step(step.pattern(), List.of(step.replies().get(step.replies().size() - 1)));
      } else {
        step = steps.poll();
        previous = request;
        previousStep = step;
        if (step == null) {
          failures.add("unexpected request " + HexFormat.of().formatHex(request));
          continue;
        }
        String hex = HexFormat.of().formatHex(request);
        if (!matches(step.pattern(), hex)) {
          failures.add("request\n  " + hex + "\ndoes not match\n  " + step.pattern());
          continue;
        }
      }
      // Every BEP 15 request has its transaction id at bytes 12..15.
      String tx = HexFormat.of().formatHex(request, 12, 16);
      for (String reply : step.replies()) {
        byte[] bytes = HexFormat.of().parseHex(reply.replace("TXID", tx));
        try {
          socket.send(new DatagramPacket(bytes, bytes.length, p.getSocketAddress()));
        } catch (IOException e) {
          failures.add("send failed: " + e);
        }
      }
    }
  }

  private static boolean matches(String pattern, String hex) {
    if (pattern.length() != hex.length()) {
      return false;
    }
    for (int i = 0; i < hex.length(); i++) {
      if (pattern.charAt(i) != '.' && pattern.charAt(i) != hex.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** All the requests so far, as hex. */
  public List<String> requestHex() {
    List<String> out = new ArrayList<>();
    requests.forEach(r -> out.add(HexFormat.of().formatHex(r)));
    return out;
  }

  @Override
  public void close() throws InterruptedException {
    socket.close();
    thread.join(5000);
  }
}

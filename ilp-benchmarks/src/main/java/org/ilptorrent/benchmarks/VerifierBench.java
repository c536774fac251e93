package org.ilptorrent.benchmarks;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.ilptorrent.fixtures.SpspTestWallet;
import org.ilptorrent.verifier.Receipt;

/**
 * Load generator for receipt verifiers: each of N workers holds one keep-alive HTTP/1.1 connection
 * (TCP_NODELAY) and repeats "credit a fresh receipt, spend 1"; prints requests answered 200 per
 * second. A minimal client, so that the generator is not what is measured. Works against this
 * project's verifier and @coil/receipt-verifier alike. Run by bench-verifier.sh.
 *
 * <p>Usage: {@code VerifierBench <label> <balancesUrl> <spspUrl|register> <walletPort> <seconds>
 * <workers>}. With {@code register}, the wallet is registered at {@code balancesUrl/proxy} first
 * (the verifier must then allow open registration).
 */
public final class VerifierBench {
  private VerifierBench() {}

  /** Runs the load. */
  public static void main(String[] args) throws Exception {
    String label = args[0];
    URI base = URI.create(args[1]);
    int walletPort = Integer.parseInt(args[3]);
    int seconds = Integer.parseInt(args[4]);
    int workers = Integer.parseInt(args[5]);
    try (SpspTestWallet wallet = new SpspTestWallet(walletPort)) {
      URI spsp = args[2].equals("register") ? register(base, wallet) : URI.create(args[2]);
      try (Connection c = new Connection(spsp)) {
        c.send("GET", spsp.getRawPath(), null, "Accept: application/spsp4+json");
      }
      SpspTestWallet.Issued nonce = wallet.takeIssued();
      // Spends name the pointer the receipts paid (the npm verifier ignores the header).
      String pointerHeader = "Payment-Pointer: " + spsp;

      AtomicLong ok = new AtomicLong();
      AtomicLong failed = new AtomicLong();
      long end = System.nanoTime() + seconds * 1_000_000_000L;
      long start = System.nanoTime();
      List<Thread> threads = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        int stream = w % 256;
        String id = "bench-" + w;
        Thread t =
            new Thread(
                () -> {
                  try (Connection c = new Connection(base)) {
                    for (long total = 1; System.nanoTime() < end; total++) {
                      // Workers sharing a stream id use their own total range, so receipts stay
                      // fresh.
                      long value = total * 1024 + workerOffset(id);
                      String receipt =
                          Receipt.create(nonce.nonce(), stream, value, nonce.secret()).toBase64();
                      count(
                          c.send("POST", "/balances/" + id + ":creditReceipt", receipt, null),
                          ok,
                          failed);
                      count(
                          c.send("POST", "/balances/" + id + ":spend", "1", pointerHeader),
                          ok,
                          failed);
                    }
                  } catch (IOException e) {
                    failed.incrementAndGet();
                  }
                },
                "bench-" + w);
        threads.add(t);
        t.start();
      }
      for (Thread t : threads) {
        t.join();
      }
      double elapsed = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          "%s: %.0f ops/s (%d ok, %d failed, %.1f s, %d connections)%n",
          label, ok.get() / elapsed, ok.get(), failed.get(), elapsed, workers);
    }
  }

  /** Workers beyond 256 share stream ids; give each its own slice of totals. */
  private static long workerOffset(String id) {
    return Integer.parseInt(id.substring("bench-".length())) / 256;
  }

  private static URI register(URI base, SpspTestWallet wallet) throws IOException {
    try (Connection c = new Connection(base)) {
      String body = "{\"paymentPointer\":\"" + wallet.pointer() + "\"}";
      Connection.Reply r = c.send("POST", "/proxy", body, null);
      String hash = r.body().replaceAll(".*\"proxy\"\\s*:\\s*\"([0-9a-f]{64})\".*", "$1");
      return URI.create(base + "/spsp/" + hash);
    }
  }

  private static void count(Connection.Reply r, AtomicLong ok, AtomicLong failed) {
    if (r.status() == 200) {
      ok.incrementAndGet();
    } else {
      failed.incrementAndGet();
    }
  }

  /** One keep-alive HTTP/1.1 connection; responses must carry Content-Length. */
  private static final class Connection implements AutoCloseable {
    record Reply(int status, String body) {}

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final String host;

    Connection(URI uri) throws IOException {
      socket = new Socket(uri.getHost(), uri.getPort());
      socket.setTcpNoDelay(true);
      out = socket.getOutputStream();
      in = new BufferedInputStream(socket.getInputStream());
      host = uri.getHost() + ":" + uri.getPort();
    }

    /** Sends a request; {@code header} is one extra header line without its CRLF, or null. */
    Reply send(String method, String path, String body, String header) throws IOException {
      byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
      String head =
          method
              + " "
              + path
              + " HTTP/1.1\r\nHost: "
              + host
              + "\r\n"
              + (header != null ? header + "\r\n" : "")
              + "Content-Type: text/plain\r\nContent-Length: "
              + payload.length
              + "\r\n\r\n";
      byte[] h = head.getBytes(StandardCharsets.US_ASCII);
      byte[] request = new byte[h.length + payload.length];
      System.arraycopy(h, 0, request, 0, h.length);
      System.arraycopy(payload, 0, request, h.length, payload.length);
      out.write(request);
      out.flush();
      String status = line();
      int code = Integer.parseInt(status.split(" ")[1]);
      int length = 0;
      for (String l = line(); !l.isEmpty(); l = line()) {
        int colon = l.indexOf(':');
        if (colon > 0 && l.substring(0, colon).equalsIgnoreCase("content-length")) {
          length = Integer.parseInt(l.substring(colon + 1).strip());
        }
      }
      return new Reply(code, new String(in.readNBytes(length), StandardCharsets.UTF_8));
    }

    private String line() throws IOException {
      StringBuilder s = new StringBuilder();
      for (int b = in.read(); b != '\n'; b = in.read()) {
        if (b < 0) {
          throw new IOException("connection closed");
        }
        if (b != '\r') {
          s.append((char) b);
        }
      }
      return s.toString();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}

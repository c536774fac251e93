package org.ilptorrent.webtorrent.internal.mse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.security.SecureRandom;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Both roles over a real TCP connection on 127.0.0.1, then 1 MiB of RC4 payload each way. */
class MseLoopbackTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  @Test
  void bothRolesOverLoopbackThenAMegabyteEachWay() throws Exception {
    byte[] payload = new byte[1 << 20];
    new Random(9).nextBytes(payload);
    try (ServerSocketChannel server = ServerSocketChannel.open()) {
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      CompletableFuture<byte[]> responderGot =
          CompletableFuture.supplyAsync(
              () -> {
                try (SocketChannel ch = server.accept()) {
                  return run(ch, new MseResponder(MseHandshakeTest::lookup, 3, 2, RANDOM), payload);
                } catch (IOException e) {
                  throw new RuntimeException(e);
                }
              });
      byte[] initiatorGot;
      try (SocketChannel ch = SocketChannel.open(server.getLocalAddress())) {
        initiatorGot = run(ch, new MseInitiator(MseHandshakeTest.INFO_HASH, 3, RANDOM), payload);
      }
      assertThat(initiatorGot).isEqualTo(payload);
      assertThat(responderGot.get(60, TimeUnit.SECONDS)).isEqualTo(payload);
    }
  }

  /** Runs the handshake on a blocking socket, then sends and receives {@code payload}. */
  private static byte[] run(SocketChannel ch, MseHandshake mse, byte[] payload) throws IOException {
    ByteBuffer in = ByteBuffer.allocate(4096);
    writeAll(ch, mse.takeOutput());
    while (true) {
      if (ch.read(in) < 0) {
        throw new IOException("closed during the handshake");
      }
      in.flip();
      boolean done = mse.read(in);
      writeAll(ch, mse.takeOutput());
      if (done) {
        break;
      }
      in.compact();
    }
    MseStream stream = mse.result();
    assertThat(stream.rc4()).isTrue();
    ByteBuffer out = ByteBuffer.wrap(payload.clone());
    stream.encrypt(out, 0, payload.length);
    CompletableFuture<Void> sending =
        CompletableFuture.runAsync(
            () -> {
              try {
                while (out.hasRemaining()) {
                  ch.write(out);
                }
              } catch (IOException e) {
                throw new RuntimeException(e);
              }
            });
    ByteBuffer got = ByteBuffer.allocate(payload.length);
    int from = 0;
    stream.decrypt(in, in.position(), in.limit());
    got.put(in);
    from = got.position();
    while (got.hasRemaining()) {
      if (ch.read(got) < 0) {
        throw new IOException("closed during the payload");
      }
      stream.decrypt(got, from, got.position());
      from = got.position();
    }
    sending.join();
    return got.array();
  }

  private static void writeAll(SocketChannel ch, byte[] bytes) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    while (b.hasRemaining()) {
      ch.write(b);
    }
  }
}

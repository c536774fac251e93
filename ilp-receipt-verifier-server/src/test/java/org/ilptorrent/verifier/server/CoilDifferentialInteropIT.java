package org.ilptorrent.verifier.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import org.ilptorrent.fixtures.RedisProcess;
import org.ilptorrent.fixtures.SpspTestWallet;
import org.ilptorrent.fixtures.TestEnvironment;
import org.ilptorrent.magnet.PaymentPointer;
import org.ilptorrent.verifier.Receipt;
import org.ilptorrent.verifier.ReceiptVerifierClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same credit/spend sequence sent to npm @coil/receipt-verifier 1.0.3 (REDIS_URI=mock) and to
 * ours gives the same status codes and bodies, except where ours is documented to differ: the npm
 * mock store answers a failed spend with a Lua error (409) where ours answers 404 {@code balance
 * does not exist} or 409 {@code insufficient balance}, and a non-numeric amount is a 400 here. Ours
 * runs with the memory store and with the Redis store. Needs interop/install.sh; runs with
 * -Pinterop.
 */
class CoilDifferentialInteropIT {
  private static final byte[] SEED = new byte[32];
  private final HttpClient http = HttpClient.newHttpClient();
  private SpspTestWallet wallet;
  private Process coil;
  private URI coilBalances;
  private URI coilSpsp;
  private ReceiptVerifierServer ours;
  private RedisProcess redis;

  @BeforeEach
  void start() throws Exception {
    wallet = new SpspTestWallet();
    int balancesPort = TestEnvironment.freePort();
    int spspPort = TestEnvironment.freePort();
    Path dir = TestEnvironment.repositoryRoot().resolve("interop/npm/receipt-verifier");
    ProcessBuilder pb =
        new ProcessBuilder("node", "start.js").directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().put("VERIFIER_PORT", Integer.toString(balancesPort));
    pb.environment().put("SPSP_PROXY_PORT", Integer.toString(spspPort));
    pb.environment().put("SPSP_ENDPOINT", wallet.pointer());
    pb.environment().put("REDIS_URI", "mock");
    pb.environment().put("RECEIPT_SEED", Base64.getEncoder().encodeToString(SEED));
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    coil = pb.start();
    coilBalances = URI.create("http://127.0.0.1:" + balancesPort);
    coilSpsp = URI.create("http://127.0.0.1:" + spspPort + "/");
    TestEnvironment.awaitPort(balancesPort);
    TestEnvironment.awaitPort(spspPort);
  }

  /** Ours with the given store. */
  private void startOurs(String store, Path dir) throws Exception {
    // Unbound spends: the npm verifier has one balance per id and no Payment-Pointer header.
    ReceiptVerifierServer.Builder b =
        ReceiptVerifierServer.builder().seed(SEED).unboundSpends(true);
    if (store.equals("redis")) {
      assumeTrue(RedisProcess.available(), RedisProcess.MISSING);
      redis = RedisProcess.start(dir);
      b.store(RedisVerifierStore.connect(redis.uri()));
    }
    ours = b.start();
  }

  @AfterEach
  void stop() throws Exception {
    coil.destroy();
    if (ours != null) {
      ours.close();
    }
    wallet.close();
    if (redis != null) {
      redis.close();
    }
  }

  private record Reply(int status, String body) {}

  @ParameterizedTest
  @ValueSource(strings = {"memory", "redis"})
  void sameAnswersForTheSameRequests(String store, @TempDir Path dir) throws Exception {
    startOurs(store, dir);
    SpspTestWallet.Issued theirNonce = issue(coilSpsp);
    PaymentPointer proxy =
        ReceiptVerifierClient.builder(ours.uri())
            .registrationToken(ours.registrationToken().orElseThrow())
            .build()
            .registerPointer(PaymentPointer.parse(wallet.pointer()));
    SpspTestWallet.Issued ourNonce = issue(proxy.toUrl());

    List<Function<SpspTestWallet.Issued, String[]>> steps = new ArrayList<>();
    steps.add(n -> credit("id1", Receipt.create(n.nonce(), 1, 100, n.secret()).toBase64()));
    steps.add(n -> credit("id1", Receipt.create(n.nonce(), 1, 100, n.secret()).toBase64()));
    steps.add(n -> credit("id1", Receipt.create(n.nonce(), 1, 50, n.secret()).toBase64()));
    steps.add(n -> credit("id1", Receipt.create(n.nonce(), 1, 150, n.secret()).toBase64()));
    steps.add(n -> credit("id1", Receipt.create(n.nonce(), 2, 7, n.secret()).toBase64()));
    steps.add(n -> credit("id1", tamper(Receipt.create(n.nonce(), 1, 900, n.secret()), 57)));
    steps.add(n -> credit("id1", tamper(Receipt.create(n.nonce(), 1, 900, n.secret()), 0)));
    steps.add(n -> credit("id1", "AQID"));
    steps.add(n -> credit("id1", "A".repeat(81)));
    steps.add(n -> credit("id1", unissuedNonceReceipt()));
    steps.add(n -> spend("id1", "40"));
    steps.add(n -> spend("id1", "117"));
    steps.add(n -> spend("id1", "12345678901234567890"));

    for (int i = 0; i < steps.size(); i++) {
      String[] theirs = steps.get(i).apply(theirNonce);
      String[] mine = steps.get(i).apply(ourNonce);
      Reply a = send(coilBalances, theirs);
      Reply b = send(ours.uri(), mine);
      assertThat(b).as("step %d: %s", i, String.join(" ", mine)).isEqualTo(a);
    }

    // Documented differences: a real 404/409 instead of the mock store's Lua errors.
    Reply theirsUnknown = send(coilBalances, spend("nobody", "1"));
    assertThat(theirsUnknown.status()).isEqualTo(409);
    assertThat(theirsUnknown.body()).containsIgnoringCase("lua");
    assertThat(send(ours.uri(), spend("nobody", "1")))
        .isEqualTo(new Reply(404, "balance does not exist"));
    assertThat(send(coilBalances, spend("id1", "1000")).status()).isEqualTo(409);
    assertThat(send(ours.uri(), spend("id1", "1000")))
        .isEqualTo(new Reply(409, "insufficient balance"));
  }

  private static String[] credit(String id, String body) {
    return new String[] {"/balances/" + id + ":creditReceipt", body};
  }

  private static String[] spend(String id, String body) {
    return new String[] {"/balances/" + id + ":spend", body};
  }

  private static String tamper(Receipt r, int index) {
    byte[] b = r.toBytes();
    b[index] ^= 0x02;
    return Base64.getEncoder().encodeToString(b);
  }

  /** A correctly signed receipt for a nonce neither verifier handed out. */
  private static String unissuedNonceReceipt() {
    byte[] nonce = new byte[16];
    nonce[15] = 42;
    return Receipt.create(nonce, 1, 10, Receipt.secret(SEED, nonce)).toBase64();
  }

  private Reply send(URI base, String[] request) {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(base + request[0]))
                  .POST(HttpRequest.BodyPublishers.ofString(request[1]))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return new Reply(r.statusCode(), r.body());
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  private SpspTestWallet.Issued issue(URI spsp) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(spsp).header("Accept", "application/spsp4+json").build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return wallet.takeIssued();
  }
}

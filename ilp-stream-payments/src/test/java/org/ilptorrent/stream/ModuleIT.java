package org.ilptorrent.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.ilptorrent.fixtures.ModuleJars;
import org.ilptorrent.magnet.InfoHash;
import org.ilptorrent.verifier.Receipt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar on the module path with its dependencies' jars (no Netty, no server): a payment
 * from a sender to a receiver over an in-process link.
 */
class ModuleIT {

  @Test
  void paysFromTheModulePath(@TempDir Path dir) throws Exception {
    String out =
        ModuleJars.runOnModulePath(
            dir,
            String.join(
                "\n",
                "import org.ilptorrent.stream.*;",
                "import java.util.concurrent.CompletableFuture;",
                "public class Check {",
                "  public static void main(String[] args) throws Exception {",
                "    StreamReceiver receiver = new StreamReceiver(\"test.wallet.a\", new byte[32], 10,",
                "        java.time.Clock.systemUTC(), (token, amount) -> {});",
                "    byte[] nonce = new byte[16];",
                "    StreamReceiver.Connection c = receiver.newConnection(nonce,",
                "        org.ilptorrent.verifier.Receipt.secret(new byte[32], nonce));",
                "    IlpLink link = p -> CompletableFuture.completedFuture(receiver.handle(p));",
                "    PaymentResult r = new StreamSender(link)",
                "        .pay(c.destinationAccount(), c.sharedSecret(), 5000).join();",
                "    System.out.println(r.delivered() >= 5000);",
                "  }",
                "}"),
            List.of(
                ModuleJars.packagedJar("ilp-stream-payments"),
                ModuleJars.jarOf(InfoHash.class),
                ModuleJars.jarOf(Receipt.class),
                ModuleJars.jarOf(org.interledger.stream.StreamUtils.class),
                ModuleJars.jarOf(org.interledger.core.SharedSecret.class),
                ModuleJars.jarOf(com.google.common.primitives.UnsignedLong.class),
                ModuleJars.jarOf(
                    com.google.common.util.concurrent.internal.InternalFutureFailureAccess.class),
                ModuleJars.jarOf(com.fasterxml.jackson.databind.ObjectMapper.class),
                ModuleJars.jarOf(com.fasterxml.jackson.core.JsonFactory.class),
                ModuleJars.jarOf(com.fasterxml.jackson.annotation.JsonProperty.class),
                ModuleJars.jarOf(org.slf4j.LoggerFactory.class),
                ModuleJars.jarOf(org.ilptorrent.bencode.BDictionary.class)),
            "org.ilptorrent.stream",
            "run");

    assertThat(out.lines().filter(l -> !l.startsWith("SLF4J"))).containsExactly("true");
  }
}

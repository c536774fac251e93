package org.ilptorrent.stream.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.ilptorrent.fixtures.ModuleJars;
import org.ilptorrent.magnet.InfoHash;
import org.ilptorrent.stream.StreamSender;
import org.ilptorrent.verifier.Receipt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar on the module path with its dependencies' jars: a payment between accounts. */
class ModuleIT {

  @Test
  void paysFromTheModulePath(@TempDir Path dir) throws Exception {
    String out =
        ModuleJars.runOnModulePath(
            dir,
            String.join(
                "\n",
                "import org.ilptorrent.stream.*;",
                "import org.ilptorrent.stream.wallet.Wallet;",
                "public class Check {",
                "  public static void main(String[] args) throws Exception {",
                "    try (Wallet w = Wallet.builder().account(\"a\", \"USD\", 2, 0)",
                "        .account(\"b\", \"USD\", 2, 100000).start()) {",
                "      Spsp.Details d = Spsp.query(w.pointer(\"a\"),",
                "          java.net.http.HttpClient.newHttpClient(), java.time.Duration.ofSeconds(5));",
                "      PaymentResult r = new StreamSender(new IlpOverHttpLink(w.ilpUrl(), w.token(\"b\")))",
                "          .pay(d.destinationAccount(), d.sharedSecret(), 5000).join();",
                "      System.out.println(r.delivered() >= 5000);",
                "    }",
                "  }",
                "}"),
            Stream.concat(
                    Stream.of(
                        ModuleJars.packagedJar("ilp-stream-wallet"),
                        ModuleJars.jarOf(StreamSender.class),
                        ModuleJars.jarOf(org.ilptorrent.bencode.BDictionary.class),
                        ModuleJars.jarOf(InfoHash.class),
                        ModuleJars.jarOf(Receipt.class),
                        ModuleJars.jarOf(org.interledger.stream.StreamUtils.class),
                        ModuleJars.jarOf(org.interledger.core.SharedSecret.class),
                        ModuleJars.jarOf(com.google.common.primitives.UnsignedLong.class),
                        ModuleJars.jarOf(
                            com.google.common.util.concurrent.internal.InternalFutureFailureAccess
                                .class),
                        ModuleJars.jarOf(com.fasterxml.jackson.databind.ObjectMapper.class),
                        ModuleJars.jarOf(com.fasterxml.jackson.core.JsonFactory.class),
                        ModuleJars.jarOf(com.fasterxml.jackson.annotation.JsonProperty.class),
                        ModuleJars.jarOf(org.slf4j.LoggerFactory.class)),
                    ModuleJars.nettyServerJars().stream())
                .toList(),
            "org.ilptorrent.stream.wallet",
            "run");

    assertThat(out.lines().filter(l -> !l.startsWith("SLF4J") && !l.contains("Netty's")))
        .containsExactly("true");
  }
}

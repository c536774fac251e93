package org.ilptorrent.tracker.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.nio.file.Path;
import java.util.List;
import org.ilptorrent.fixtures.ModuleJars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client package as module users get it: exported, its internals not, usable from a program.
 */
class TrackerClientModuleIT {
  private static final String MODULE = "org.ilptorrent.tracker";

  @Test
  void exportsTheClientButNotItsInternals() throws Exception {
    ModuleDescriptor module =
        ModuleJars.descriptor(ModuleJars.packagedJar("ilp-bittorrent-tracker"), MODULE);
    assertThat(module.exports().stream().map(ModuleDescriptor.Exports::source))
        .contains("org.ilptorrent.tracker.client")
        .doesNotContain("org.ilptorrent.tracker.client.internal");
    // Client-only: the server is ilp-bittorrent-tracker-server's, and nothing here needs Netty.
    assertThat(module.packages()).noneMatch(p -> p.startsWith("org.ilptorrent.tracker.server"));
    assertThat(module.requires().stream().map(ModuleDescriptor.Requires::name))
        .noneMatch(name -> name.startsWith("io.netty") || name.startsWith("org.ilptorrent.netty"))
        .doesNotContain("org.ilptorrent.parse", "org.ilptorrent.verifier.server");
    assertThat(module.requires())
        .anyMatch(
            r ->
                r.name().equals("org.ilptorrent.magnet")
                    && r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE));
  }

  @Test
  void aProgramOnTheModulePathGetsAWarningFromADeadTracker(@TempDir Path dir) throws Exception {
    String out =
        ModuleJars.runOnModulePath(
            dir,
            String.join(
                "\n",
                "import java.net.URI;",
                "import java.util.List;",
                "import java.util.concurrent.CompletableFuture;",
                "import org.ilptorrent.magnet.InfoHash;",
                "import org.ilptorrent.tracker.client.*;",
                "public class Check {",
                "  public static void main(String[] args) throws Exception {",
                "    CompletableFuture<String> warning = new CompletableFuture<>();",
                "    try (TrackerClient c = TrackerClient.builder()",
                "        .infoHash(InfoHash.fromHex(\"ab\".repeat(20)))",
                "        .announce(List.of(URI.create(\"http://127.0.0.1:1/announce\")))",
                "        .listener(new TrackerListener() {",
                "          @Override public void onWarning(URI t, String m) { warning.complete(m); }",
                "        }).build()) {",
                "      c.start();",
                "      System.out.println(warning.get().startsWith(\"unreachable\"));",
                "    }",
                "  }",
                "}"),
            List.of(
                ModuleJars.packagedJar("ilp-bittorrent-tracker"),
                ModuleJars.jarOf(org.ilptorrent.bencode.Bencode.class),
                ModuleJars.jarOf(org.ilptorrent.magnet.InfoHash.class),
                ModuleJars.jarOf(org.ilptorrent.bencode.BDictionary.class),
                ModuleJars.jarOf(org.ilptorrent.verifier.ReceiptVerifierClient.class),
                ModuleJars.jarOf(org.java_websocket.client.WebSocketClient.class),
                ModuleJars.jarOf(com.fasterxml.jackson.databind.ObjectMapper.class),
                ModuleJars.jarOf(com.fasterxml.jackson.core.JsonFactory.class),
                ModuleJars.jarOf(com.fasterxml.jackson.annotation.JsonProperty.class),
                ModuleJars.jarOf(org.slf4j.LoggerFactory.class)),
            MODULE);
    assertThat(out.lines()).contains("true");
  }
}

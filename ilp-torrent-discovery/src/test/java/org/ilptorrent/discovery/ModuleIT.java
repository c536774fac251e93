package org.ilptorrent.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.nio.file.Path;
import java.util.List;
import org.ilptorrent.fixtures.ModuleJars;
import org.ilptorrent.parse.TorrentInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar on the module path, beside its dependencies' jars: what users get. */
class ModuleIT {

  @Test
  void exportsOnlyTheApi() {
    ModuleDescriptor module = ModuleJars.descriptor(jar(), "org.ilptorrent.discovery");
    assertThat(module.requires().stream().map(ModuleDescriptor.Requires::name))
        .containsExactlyInAnyOrder(
            "java.base", "org.ilptorrent.magnet", "org.ilptorrent.tracker", "org.slf4j");
    assertThat(module.exports().stream().map(ModuleDescriptor.Exports::source))
        .containsExactly("org.ilptorrent.discovery");
  }

  @Test
  void findsMagnetPeersFromTheModulePath(@TempDir Path dir) throws Exception {
    String out =
        ModuleJars.runOnModulePath(
            dir,
            String.join(
                "\n",
                "import org.ilptorrent.discovery.*;",
                "import org.ilptorrent.magnet.*;",
                "public class Check {",
                "  public static void main(String[] args) throws Exception {",
                "    MagnetUri m = MagnetUri.parse(\"magnet:?xt=urn:btih:"
                    + "0123456789abcdef0123456789abcdef01234567&x.pe=10.0.0.1:6881\");",
                "    java.util.concurrent.CountDownLatch got = new java.util.concurrent.CountDownLatch(1);",
                "    try (Discovery d = Discovery.builder().magnet(m).port(6881)",
                "        .listener(new DiscoveryListener() {",
                "          public void onPeer(java.net.InetSocketAddress p, PeerSource s) {",
                "            System.out.println(s + \" \" + p.getPort());",
                "            got.countDown();",
                "          }",
                "        }).build()) {",
                "      d.start();",
                "      got.await(10, java.util.concurrent.TimeUnit.SECONDS);",
                "    }",
                "  }",
                "}"),
            List.of(
                jar(),
                ModuleJars.jarOf(org.ilptorrent.magnet.InfoHash.class),
                ModuleJars.jarOf(org.ilptorrent.bencode.BDictionary.class),
                ModuleJars.jarOf(org.ilptorrent.tracker.client.TrackerClient.class),
                ModuleJars.jarOf(org.ilptorrent.bencode.Bencode.class),
                ModuleJars.jarOf(TorrentInfo.class),
                ModuleJars.jarOf(org.ilptorrent.verifier.ReceiptVerifierClient.class),
                ModuleJars.jarOf(org.java_websocket.client.WebSocketClient.class),
                ModuleJars.jarOf(com.fasterxml.jackson.databind.ObjectMapper.class),
                ModuleJars.jarOf(com.fasterxml.jackson.core.JsonFactory.class),
                ModuleJars.jarOf(com.fasterxml.jackson.annotation.JsonProperty.class),
                ModuleJars.jarOf(org.slf4j.Logger.class),
                ModuleJars.jarOf(org.slf4j.simple.SimpleLogger.class)),
            "org.ilptorrent.discovery");
    assertThat(out.lines()).contains("MAGNET 6881");
  }

  private static Path jar() {
    try {
      return ModuleJars.packagedJar("ilp-torrent-discovery");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

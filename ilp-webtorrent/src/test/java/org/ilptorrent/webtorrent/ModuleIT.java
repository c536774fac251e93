package org.ilptorrent.webtorrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.nio.file.Path;
import java.util.List;
import org.ilptorrent.fixtures.ModuleJars;
import org.ilptorrent.magnet.InfoHash;
import org.ilptorrent.parse.TorrentInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar on the module path, beside its dependencies' jars: what users get. */
class ModuleIT {

  @Test
  void exportsOnlyTheApi() throws Exception {
    ModuleDescriptor module =
        ModuleJars.descriptor(
            ModuleJars.packagedJar("ilp-webtorrent"), "org.ilptorrent.webtorrent");

    assertThat(module.requires().stream().map(ModuleDescriptor.Requires::name))
        .containsExactlyInAnyOrder(
            "java.base",
            "org.ilptorrent.magnet",
            "org.ilptorrent.parse",
            "org.ilptorrent.bencode",
            "org.ilptorrent.discovery",
            "org.ilptorrent.create",
            "org.ilptorrent.verifier",
            "org.ilptorrent.stream",
            "java.net.http",
            "org.slf4j");
    assertThat(module.exports().stream().map(ModuleDescriptor.Exports::source))
        .containsExactly("org.ilptorrent.webtorrent");
  }

  @Test
  void storesAndVerifiesFromTheModulePath(@TempDir Path dir) throws Exception {
    String out =
        ModuleJars.runOnModulePath(
            dir,
            String.join(
                "\n",
                "import java.nio.ByteBuffer;",
                "import org.ilptorrent.parse.TorrentInfo;",
                "import org.ilptorrent.webtorrent.*;",
                "public class Check {",
                "  public static void main(String[] args) throws Exception {",
                "    byte[] data = \"module path\".getBytes();",
                "    byte[] hash = java.security.MessageDigest.getInstance(\"SHA-1\").digest(data);",
                "    java.io.ByteArrayOutputStream t = new java.io.ByteArrayOutputStream();",
                "    t.writeBytes(\"d4:infod6:lengthi11e4:name1:x12:piece lengthi16384e6:pieces20:\"",
                "        .getBytes());",
                "    t.writeBytes(hash);",
                "    t.writeBytes(\"ee\".getBytes());",
                "    TorrentInfo torrent = TorrentInfo.parse(t.toByteArray());",
                "    try (FilePieceStore s = FilePieceStore.open(java.nio.file.Path.of(args[0]), torrent)) {",
                "      s.write(0, 0, ByteBuffer.wrap(data));",
                "      System.out.println(PieceVerifier.verify(torrent, s, 1));",
                "    }",
                "    System.out.println(org.ilptorrent.magnet.PeerId.generate(new java.util.Random(1)).toHex().substring(0, 16));",
                "  }",
                "}"),
            List.of(
                ModuleJars.packagedJar("ilp-webtorrent"),
                ModuleJars.jarOf(TorrentInfo.class),
                ModuleJars.jarOf(InfoHash.class),
                ModuleJars.jarOf(org.ilptorrent.discovery.Discovery.class),
                ModuleJars.jarOf(org.ilptorrent.create.TorrentCreator.class),
                ModuleJars.jarOf(org.ilptorrent.bencode.BDictionary.class),
                ModuleJars.jarOf(com.google.common.base.CharMatcher.class),
                ModuleJars.jarOf(
                    com.google.common.util.concurrent.internal.InternalFutureFailureAccess.class),
                ModuleJars.jarOf(org.ilptorrent.tracker.client.TrackerClient.class),
                ModuleJars.jarOf(org.ilptorrent.verifier.ReceiptVerifierClient.class),
                ModuleJars.jarOf(org.ilptorrent.stream.StreamSender.class),
                ModuleJars.jarOf(org.interledger.stream.StreamUtils.class),
                ModuleJars.jarOf(org.interledger.core.SharedSecret.class),
                ModuleJars.jarOf(org.java_websocket.client.WebSocketClient.class),
                ModuleJars.jarOf(com.fasterxml.jackson.databind.ObjectMapper.class),
                ModuleJars.jarOf(com.fasterxml.jackson.core.JsonFactory.class),
                ModuleJars.jarOf(com.fasterxml.jackson.annotation.JsonProperty.class),
                ModuleJars.jarOf(org.slf4j.Logger.class),
                ModuleJars.jarOf(org.slf4j.simple.SimpleLogger.class)),
            "org.ilptorrent.webtorrent",
            dir.resolve("store").toString());

    assertThat(out.lines()).containsExactly("{0}", "2d494a303130302d");
  }
}

package org.ilptorrent.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ilptorrent.fixtures.ModuleJars;
import org.ilptorrent.fixtures.TorrentFixture;
import org.ilptorrent.magnet.InfoHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar with only ilp-magnet-uri and ilp-bencode beside it on the module path. */
class ModuleIT {

  @Test
  void jarNeedsOnlyTheMagnetAndBencodeModules() throws Exception {
    ModuleDescriptor module =
        ModuleJars.descriptor(ModuleJars.packagedJar("ilp-parse-torrent"), "org.ilptorrent.parse");

    assertThat(module.requires().stream().map(ModuleDescriptor.Requires::name))
        .containsExactlyInAnyOrder("java.base", "org.ilptorrent.magnet", "org.ilptorrent.bencode");
    assertThat(module.exports().stream().map(ModuleDescriptor.Exports::source))
        .containsExactly("org.ilptorrent.parse");
  }

  @Test
  void parsesATorrentFromTheModulePath(@TempDir Path dir) throws Exception {
    Path torrent = dir.resolve("leaves.torrent");
    Files.write(torrent, TorrentFixture.named("leaves").torrent());

    String out =
        ModuleJars.runOnModulePath(
            dir,
            String.join(
                "\n",
                "import org.ilptorrent.parse.TorrentInfo;",
                "public class Check {",
                "  public static void main(String[] args) throws Exception {",
                "    System.out.println(TorrentInfo.parse(java.nio.file.Path.of(args[0])).infoHash());",
                "  }",
                "}"),
            List.of(
                ModuleJars.packagedJar("ilp-parse-torrent"),
                ModuleJars.jarOf(InfoHash.class),
                ModuleJars.jarOf(org.ilptorrent.bencode.BDictionary.class)),
            "org.ilptorrent.parse",
            torrent.toString());

    assertThat(out.strip()).isEqualTo(TorrentFixture.named("leaves").expected().infoHash());
  }
}

package org.ilptorrent.create;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ilptorrent.bencode.BDictionary;
import org.ilptorrent.fixtures.ModuleJars;
import org.ilptorrent.magnet.InfoHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar on the module path, beside its dependencies' jars (JDK only): what users get.
 */
class ModuleIT {

  @Test
  void exportsOnlyTheApi() throws Exception {
    ModuleDescriptor module =
        ModuleJars.descriptor(
            ModuleJars.packagedJar("ilp-create-torrent"), "org.ilptorrent.create");

    assertThat(module.requires().stream().map(ModuleDescriptor.Requires::name))
        .containsExactlyInAnyOrder("java.base", "org.ilptorrent.magnet", "org.ilptorrent.bencode");
    assertThat(module.exports().stream().map(ModuleDescriptor.Exports::source))
        .containsExactly("org.ilptorrent.create");
  }

  @Test
  void createsATorrentFromTheModulePath(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("a.bin");
    Files.write(file, new byte[100_000]);

    String out =
        ModuleJars.runOnModulePath(
            dir,
            String.join(
                "\n",
                "import org.ilptorrent.create.TorrentCreator;",
                "public class Check {",
                "  public static void main(String[] args) throws Exception {",
                "    System.out.println(TorrentCreator.builder().addPath(java.nio.file.Path.of(args[0]))",
                "        .noCreationDate().build().create().infoHash());",
                "  }",
                "}"),
            List.of(
                ModuleJars.packagedJar("ilp-create-torrent"),
                ModuleJars.jarOf(InfoHash.class),
                ModuleJars.jarOf(BDictionary.class)),
            "org.ilptorrent.create",
            file.toString());

    assertThat(out.strip())
        .isEqualTo(
            TorrentCreator.builder()
                .addPath(file)
                .noCreationDate()
                .build()
                .create()
                .infoHash()
                .toHex());
  }
}

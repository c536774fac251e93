package org.ilptorrent.bencode;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.nio.file.Path;
import java.util.List;
import org.ilptorrent.fixtures.ModuleJars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar, alone on the module path: what users who add only this module get. */
class ModuleIT {

  @Test
  void jarIsANamedModuleThatNeedsOnlyJavaBase() throws Exception {
    ModuleDescriptor module =
        ModuleJars.descriptor(ModuleJars.packagedJar("ilp-bencode"), "org.ilptorrent.bencode");

    assertThat(module.isAutomatic()).isFalse();
    assertThat(module.requires().stream().map(ModuleDescriptor.Requires::name))
        .containsExactly("java.base");
    assertThat(module.exports().stream().map(ModuleDescriptor.Exports::source))
        .containsExactly("org.ilptorrent.bencode");
  }

  @Test
  void decodesWhenLoadedFromTheModulePath(@TempDir Path dir) throws Exception {
    String out =
        ModuleJars.runOnModulePath(
            dir,
            String.join(
                "\n",
                "import org.ilptorrent.bencode.Bencode;",
                "public class Check {",
                "  public static void main(String[] args) {",
                "    var d = Bencode.decodeDictionary(args[0].getBytes());",
                "    System.out.println(Bencode.class.getModule().getName() + \" \"",
                "        + d.text(\"name\") + \" \" + d.integer(\"length\"));",
                "  }",
                "}"),
            List.of(ModuleJars.packagedJar("ilp-bencode")),
            "org.ilptorrent.bencode",
            "d6:lengthi7e4:name3:abce");

    assertThat(out.strip()).isEqualTo("org.ilptorrent.bencode abc 7");
  }
}

package org.ilptorrent.magnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.nio.file.Path;
import java.util.List;
import org.ilptorrent.fixtures.ModuleJars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar on the module path with ilp-bencode, its one dependency (JDK only): what users
 * who add only this module get.
 */
class ModuleIT {

  @Test
  void jarIsANamedModuleThatNeedsOnlyJavaBaseAndBencode() throws Exception {
    ModuleDescriptor module =
        ModuleJars.descriptor(ModuleJars.packagedJar("ilp-magnet-uri"), "org.ilptorrent.magnet");

    assertThat(module.isAutomatic()).isFalse();
    assertThat(module.requires().stream().map(ModuleDescriptor.Requires::name))
        .containsExactlyInAnyOrder("java.base", "org.ilptorrent.bencode");
    assertThat(module.exports().stream().map(ModuleDescriptor.Exports::source))
        .containsExactly("org.ilptorrent.magnet");
    assertThat(module.packages()).contains("org.ilptorrent.magnet.internal");
  }

  @Test
  void decodesAForkMagnetWhenLoadedFromTheModulePath(@TempDir Path dir) throws Exception {
    String out =
        ModuleJars.runOnModulePath(
            dir,
            String.join(
                "\n",
                "import org.ilptorrent.magnet.MagnetUri;",
                "public class Check {",
                "  public static void main(String[] args) {",
                "    MagnetUri m = MagnetUri.parse(args[0]);",
                "    System.out.println(MagnetUri.class.getModule().getName() + \" \"",
                "        + m.license().orElseThrow().paymentPointer());",
                "  }",
                "}"),
            List.of(
                ModuleJars.packagedJar("ilp-magnet-uri"),
                ModuleJars.jarOf(org.ilptorrent.bencode.BDictionary.class)),
            "org.ilptorrent.magnet",
            "magnet:?xt=urn:btih:d2474e86c95b19b8bcfdb92bc12c9d44667cfa36"
                + "&pp=%24wallet.example%2Falice&vr=https%3A%2F%2Fverifier.example");

    assertThat(out.strip()).isEqualTo("org.ilptorrent.magnet $wallet.example/alice");
  }
}

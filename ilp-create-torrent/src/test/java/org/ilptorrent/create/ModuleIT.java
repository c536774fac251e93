package org.ilptorrent.create;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import org.ilptorrent.fixtures.ModuleJars;
import org.junit.jupiter.api.Test;

/** The packaged jar's module descriptor: what users get on the module path. */
class ModuleIT {

  @Test
  void exportsOnlyTheApiAndNeedsMagnetAndBencoding() throws Exception {
    ModuleDescriptor module =
        ModuleJars.descriptor(
            ModuleJars.packagedJar("ilp-create-torrent"), "org.ilptorrent.create");

    assertThat(module.requires().stream().map(ModuleDescriptor.Requires::name))
        .containsExactlyInAnyOrder("java.base", "org.ilptorrent.magnet", "bt.bencoding");
    assertThat(module.exports().stream().map(ModuleDescriptor.Exports::source))
        .containsExactly("org.ilptorrent.create");
    assertThat(module.packages()).contains("org.ilptorrent.create.internal");
  }
}

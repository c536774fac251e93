package org.ilptorrent.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import org.ilptorrent.fixtures.ModuleJars;
import org.junit.jupiter.api.Test;

/** The packaged jar's module descriptor. */
class ModuleIT {

  @Test
  void exportsOnlyTheApi() throws Exception {
    ModuleDescriptor module =
        ModuleJars.descriptor(
            ModuleJars.packagedJar("ilp-receipt-verifier"), "org.ilptorrent.verifier");

    assertThat(module.exports().stream().map(ModuleDescriptor.Exports::source))
        .containsExactly("org.ilptorrent.verifier");
    assertThat(module.requires().stream().map(ModuleDescriptor.Requires::name))
        .contains("org.ilptorrent.magnet", "com.fasterxml.jackson.databind", "org.slf4j");
  }
}

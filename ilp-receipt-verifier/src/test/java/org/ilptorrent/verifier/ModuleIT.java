package org.ilptorrent.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import org.ilptorrent.fixtures.ModuleJars;
import org.junit.jupiter.api.Test;

/** The packaged jar's module descriptor. */
class ModuleIT {

  @Test
  void exportsOnlyTheApiAndNeedsNoServer() throws Exception {
    ModuleDescriptor module =
        ModuleJars.descriptor(
            ModuleJars.packagedJar("ilp-receipt-verifier"), "org.ilptorrent.verifier");

    assertThat(
            module.exports().stream()
                .filter(e -> !e.isQualified())
                .map(ModuleDescriptor.Exports::source))
        .containsExactly("org.ilptorrent.verifier");
    assertThat(module.exports().stream().filter(ModuleDescriptor.Exports::isQualified))
        .allSatisfy(e -> assertThat(e.source()).startsWith("org.ilptorrent.verifier.internal."));
    assertThat(module.packages()).noneMatch(p -> p.startsWith("org.ilptorrent.verifier.server"));
    assertThat(module.requires().stream().map(ModuleDescriptor.Requires::name))
        .contains("org.ilptorrent.magnet", "com.fasterxml.jackson.databind")
        .doesNotContain("org.ilptorrent.netty.server")
        .noneMatch(name -> name.startsWith("io.netty"));
  }
}

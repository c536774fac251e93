package org.ilptorrent.verifier.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import org.ilptorrent.fixtures.ModuleJars;
import org.junit.jupiter.api.Test;

/** The packaged jar's module descriptor. */
class ModuleIT {

  @Test
  void exportsOnlyTheServerApi() throws Exception {
    ModuleDescriptor module =
        ModuleJars.descriptor(
            ModuleJars.packagedJar("ilp-receipt-verifier-server"),
            "org.ilptorrent.verifier.server");

    assertThat(module.exports().stream().map(ModuleDescriptor.Exports::source))
        .containsExactly("org.ilptorrent.verifier.server");
    assertThat(module.packages())
        .containsExactlyInAnyOrder(
            "org.ilptorrent.verifier.server", "org.ilptorrent.verifier.server.internal");
    assertThat(module.requires())
        .anySatisfy(
            r -> {
              assertThat(r.name()).isEqualTo("org.ilptorrent.verifier");
              assertThat(r.modifiers()).contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE);
            });
    assertThat(module.requires().stream().map(ModuleDescriptor.Requires::name))
        .contains(
            "org.ilptorrent.magnet",
            "org.ilptorrent.netty.server",
            "com.fasterxml.jackson.databind",
            "org.slf4j");
  }
}

package org.ilptorrent.webtorrent.webrtc;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import org.ilptorrent.fixtures.ModuleJars;
import org.junit.jupiter.api.Test;

/** The packaged jar: what users get. */
class ModuleIT {

  @Test
  void exportsOnlyTheApiAndKeepsWebRtcJavaInside() throws Exception {
    ModuleDescriptor module =
        ModuleJars.descriptor(
            ModuleJars.packagedJar("ilp-webtorrent-webrtc"), "org.ilptorrent.webtorrent.webrtc");

    assertThat(module.requires().stream().map(ModuleDescriptor.Requires::name))
        .containsExactlyInAnyOrder(
            "java.base", "org.ilptorrent.webtorrent", "webrtc.java", "org.slf4j");
    assertThat(
            module.requires().stream()
                .filter(r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE))
                .map(ModuleDescriptor.Requires::name))
        .containsExactly("org.ilptorrent.webtorrent");
    assertThat(module.exports().stream().map(ModuleDescriptor.Exports::source))
        .containsExactly("org.ilptorrent.webtorrent.webrtc");
  }
}

package org.ilptorrent.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.ilptorrent.fixtures.ModuleJars;
import org.ilptorrent.fixtures.ReadmeExample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's example compiles and prints what the README says. */
class DiscoveryReadmeIT {
  @TempDir Path dir;

  @Test
  void theExampleRuns() throws Exception {
    List<String> out =
        ReadmeExample.run(
            ReadmeExample.moduleReadme(),
            dir,
            ReadmeExample.with(
                ModuleJars.TRACKER_CLIENT_CLASSES,
                ReadmeExample.withNettyServer(
                    Discovery.class, org.ilptorrent.tracker.server.TrackerServer.class)));
    assertThat(out).contains("MAGNET 10.0.0.7:6881", "TRACKER 127.0.0.1:7001");
    assertThat(out).noneMatch(line -> line.startsWith("warning"));
  }
}

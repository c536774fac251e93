package org.ilptorrent.tracker.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ilptorrent.fixtures.ModuleJars;
import org.ilptorrent.fixtures.ReadmeExample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client example of ilp-bittorrent-tracker's README compiles and prints what the README says.
 * It lives here because the example starts a tracker server.
 */
class TrackerClientReadmeIT {
  @TempDir Path dir;

  @Test
  void theClientExampleRuns() throws Exception {
    String readme =
        Files.readString(
            ReadmeExample.moduleReadme()
                .toAbsolutePath()
                .getParent()
                .resolveSibling("ilp-bittorrent-tracker")
                .resolve("README.md"));
    // Only the Client section: the access-ticket sections come first.
    Path section = dir.resolve("README.md");
    Files.writeString(section, readme.substring(readme.indexOf("\n## Client\n")));
    Path work = Files.createDirectory(dir.resolve("work"));
    List<String> out =
        ReadmeExample.run(
            section,
            work,
            ReadmeExample.with(
                ModuleJars.TRACKER_CLIENT_CLASSES,
                ReadmeExample.withNettyServer(TrackerServer.class)));
    assertThat(out).contains("announced: 1 seeder, next in 120 s");
  }
}

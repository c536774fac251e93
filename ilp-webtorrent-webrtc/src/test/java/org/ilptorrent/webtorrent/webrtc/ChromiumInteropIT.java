package org.ilptorrent.webtorrent.webrtc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Headless Chromium (Debian's {@code chromium}) running the upstream WebTorrent browser bundle in a
 * page served from http://127.0.0.1 (interop/npm/webtorrent/browser.mjs), against our client over
 * WebRTC through our WebSocket tracker, all inside a private network namespace ({@link Netns}): the
 * browser downloads from a Java seeder and checks the SHA-1 in the page, and a Java leecher
 * downloads what the browser seeds.
 */
class ChromiumInteropIT {
  private static final Duration START = Duration.ofSeconds(90);
  private static final Duration TRANSFER = Duration.ofSeconds(150);

  @TempDir Path dir;

  @Test
  void chromiumDownloadsFromAJavaSeeder() throws Exception {
    Path file = TestFiles.random(dir.resolve("seed"), "to-browser.bin", 3 * 1024 * 1024 + 3);
    try (Netns ns = Netns.create()) {
      String tracker = ns.javaTracker(dir, START);
      Netns.Proc page = page(ns, dir);
      String url = page.await("^page (\\S+)$", START).group(1);
      Netns.Proc seeder =
          ns.javaPeer(dir, "java-seeder", "seed", Netns.A, file.toString(), tracker, "webrtc");
      String magnet = seeder.await("^magnet (\\S+)$", START).group(1);

      chromium(ns, "chromium-leecher", url + "?mode=leech&magnet=" + encode(magnet));
      var done = page.await("^done ([0-9a-f]{40}) (\\d+)$", TRANSFER);
      assertThat(done.group(1)).isEqualTo(TestFiles.sha1(file));
      assertThat(Long.parseLong(done.group(2))).isEqualTo(Files.size(file));
      assertThat(page.output()).containsPattern("(?m)^peer webrtc$");
    }
  }

  @Test
  void aJavaLeecherDownloadsWhatChromiumSeeds() throws Exception {
    Path file =
        TestFiles.random(dir.resolve("browser-files"), "from-browser.bin", 2 * 1024 * 1024 + 9);
    try (Netns ns = Netns.create()) {
      String tracker = ns.javaTracker(dir, START);
      Netns.Proc page = page(ns, file.getParent());
      String url = page.await("^page (\\S+)$", START).group(1);
      chromium(
          ns,
          "chromium-seeder",
          url + "?mode=seed&file=from-browser.bin&tracker=" + encode(tracker));
      String magnet = page.await("^magnet (\\S+)$", START).group(1);

      Path out = Files.createDirectories(dir.resolve("java-out"));
      Netns.Proc leecher =
          ns.javaPeer(dir, "java-leecher", "leech", Netns.B, magnet, out.toString(), "webrtc");
      assertThat(leecher.waitFor(TRANSFER)).as(leecher.output()).isZero();
      assertThat(Files.mismatch(file, out.resolve("from-browser.bin"))).isEqualTo(-1);
      page.await("^upload [1-9]\\d*$", START);
    }
  }

  /** The test page's server, serving files from {@code files}; it prints what the page reports. */
  private Netns.Proc page(Netns ns, Path files) throws Exception {
    return ns.start(dir, "page", Netns.node(List.of(), "browser.mjs", files.toString()));
  }

  /**
   * Headless Chromium on {@code url}, with the flags it needs to use WebRTC between local
   * addresses: no mDNS names for local candidates, and loopback allowed.
   */
  private void chromium(Netns ns, String label, String url) throws Exception {
    Path profile = Files.createDirectories(dir.resolve(label + "-profile"));
    ns.start(
        dir,
        label,
        List.of(
            "chromium",
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--user-data-dir=" + profile,
            "--allow-loopback-in-peer-connection",
            "--disable-features=WebRtcHideLocalIpsWithMdns",
            url));
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}

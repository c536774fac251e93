package org.ilptorrent.webtorrent.webrtc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.module.Configuration;
import java.lang.module.FindException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ResolvedModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.ilptorrent.fixtures.ModuleJars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar: what users get. */
class ModuleIT {
  private static final String MODULE = "org.ilptorrent.webtorrent.webrtc";

  /** webrtc-java's native jar: no classes, only the library, so an automatic module of its own. */
  private static final String NATIVE_MODULE = "webrtc.linux.x86_64";

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

  @Test
  void theNativeJarIsAnAutomaticModuleThatNobodyRequires() throws Exception {
    Path nativeJar = nativeJar();
    ModuleDescriptor natives = ModuleJars.descriptor(nativeJar, NATIVE_MODULE);
    assertThat(natives.isAutomatic()).isTrue();
    assertThat(natives.packages()).isEmpty(); // the library sits at the jar's root
  }

  /**
   * A program on the module path starts the transport, so libwebrtc loads there too. Nothing
   * requires the native jar's module, but it is resolved with the client's other automatic modules
   * (stream-core, for one): launched with {@code --add-modules} of our module alone.
   */
  @Test
  void aProgramOnTheModulePathStartsTheTransport(@TempDir Path dir) throws Exception {
    String out =
        ModuleJars.runOnModulePath(
            dir,
            String.join(
                "\n",
                "import org.ilptorrent.webtorrent.webrtc.WebRtcTransport;",
                "public class Check {",
                "  public static void main(String[] args) throws Exception {",
                "    WebRtcTransport t = WebRtcTransport.builder().start();",
                "    System.out.println(\"started in \" + t.getClass().getModule().getName());",
                "    t.close();",
                "  }",
                "}"),
            modulePath(),
            MODULE);
    assertThat(out.lines()).contains("started in " + MODULE);
  }

  /**
   * The packaged jar and the jars of the modules it needs at run time, picked from this test's
   * class path by resolving it: what a user's module path holds.
   */
  private static List<Path> modulePath() throws Exception {
    List<Path> candidates = new ArrayList<>();
    candidates.add(ModuleJars.packagedJar("ilp-webtorrent-webrtc"));
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path p = Path.of(entry);
      if (!entry.endsWith(".jar") || !Files.isRegularFile(p) || p.equals(candidates.get(0))) {
        continue;
      }
      try {
        if (ModuleFinder.of(p).findAll().stream()
            .noneMatch(m -> m.descriptor().name().equals(MODULE))) {
          candidates.add(p);
        }
      } catch (FindException e) {
        // not a module a user would put on the module path
      }
    }
    ModuleFinder finder = ModuleFinder.of(candidates.toArray(Path[]::new));
    Configuration resolved =
        Configuration.empty()
            .resolve(ModuleFinder.ofSystem(), finder, Set.of(MODULE, NATIVE_MODULE));
    List<Path> path = new ArrayList<>();
    for (ResolvedModule m : resolved.modules()) {
      m.reference()
          .location()
          .filter(u -> u.getScheme().equals("file"))
          .map(Path::of)
          .ifPresent(path::add);
    }
    return path;
  }

  private static Path nativeJar() {
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (entry.matches(".*webrtc-java-[^/]*-linux-x86_64\\.jar")) {
        return Path.of(entry);
      }
    }
    throw new AssertionError("no webrtc-java native jar on the class path");
  }
}

package org.ilptorrent.webtorrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.module.FindException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A client-only app gets no server and no Netty: the modules org.ilptorrent.webtorrent needs at run
 * time, read from the JPMS descriptors of the jars and folders on the test class path and followed
 * through every non-static {@code requires}, hold no server module and no io.netty module. The test
 * class path also holds the servers (the tests start them); the walk only reaches what the
 * descriptors require.
 */
class ClientOnlyModuleGraphTest {

  @Test
  void theClientsRuntimeModuleGraphHasNoServerAndNoNetty() {
    Map<String, ModuleDescriptor> observable = observableModules();
    Set<String> graph = runtimeGraph("org.ilptorrent.webtorrent", observable);

    assertThat(graph)
        .contains(
            "org.ilptorrent.webtorrent",
            "org.ilptorrent.discovery",
            "org.ilptorrent.tracker",
            "org.ilptorrent.verifier",
            "org.ilptorrent.stream")
        .noneMatch(m -> m.startsWith("io.netty"))
        .doesNotContain(
            "org.ilptorrent.netty.server",
            "org.ilptorrent.tracker.server",
            "org.ilptorrent.verifier.server",
            "org.ilptorrent.stream.wallet");
    // No package of a server in any module of the graph either (no server code shipped inside a
    // client jar).
    assertThat(graph.stream().flatMap(m -> observable.get(m).packages().stream()))
        .noneMatch(
            p ->
                p.startsWith("org.ilptorrent.tracker.server")
                    || p.startsWith("org.ilptorrent.verifier.server")
                    || p.startsWith("org.ilptorrent.stream.wallet")
                    || p.startsWith("org.ilptorrent.netty")
                    || p.startsWith("io.netty"));
    // The check means something only if the servers are observable here: they are, as test
    // dependencies.
    assertThat(observable).containsKeys("org.ilptorrent.tracker.server", "io.netty.transport");
  }

  /** Every module the class path entries declare (explicit or automatic), by name. */
  private static Map<String, ModuleDescriptor> observableModules() {
    Map<String, ModuleDescriptor> modules = new HashMap<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path path = Path.of(entry);
      if (!Files.exists(path)) {
        continue;
      }
      try {
        for (ModuleReference ref : ModuleFinder.of(path).findAll()) {
          modules.putIfAbsent(ref.descriptor().name(), ref.descriptor());
        }
      } catch (FindException e) {
        // a folder without a descriptor (test classes) or a jar with no valid module name
      }
    }
    return modules;
  }

  /** The root and everything it needs at run time: non-static requires, transitively. */
  private static Set<String> runtimeGraph(String root, Map<String, ModuleDescriptor> observable) {
    Set<String> seen = new TreeSet<>();
    Deque<String> todo = new ArrayDeque<>();
    todo.add(root);
    while (!todo.isEmpty()) {
      String name = todo.poll();
      if (!seen.add(name) || ModuleLayer.boot().findModule(name).isPresent()) {
        continue; // the JDK's own modules end the walk
      }
      ModuleDescriptor d = observable.get(name);
      assertThat(d).as("module %s, needed by the client, is on the class path", name).isNotNull();
      for (ModuleDescriptor.Requires r : d.requires()) {
        if (!r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC)) {
          todo.add(r.name());
        }
      }
    }
    seen.removeIf(name -> ModuleLayer.boot().findModule(name).isPresent());
    return seen;
  }
}

package org.ilptorrent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ilptorrent.fixtures.TestEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An app that imports {@code ilp-bom} resolves the third-party versions the suite is tested with,
 * whatever the order of its own dependencies. Maven runs once on tiny consumer projects against
 * this build's POMs, written into a local repository of the test's own (never the user's), with the
 * user's repository as a read-only source of third-party artifacts before Maven Central.
 */
class BomConsumerIT {
  private static final String VERSION = "0.1.0-SNAPSHOT";
  private static final Path ROOT = TestEnvironment.repositoryRoot();

  @TempDir Path dir;

  @Test
  void anAppImportingTheBomGetsGuava338WhateverTheOrderOfItsDependencies() throws Exception {
    Path repo = Files.createDirectories(dir.resolve("repo"));
    publishPoms(repo);
    Path settings = settings(dir.resolve("settings.xml"));

    List<List<String>> orders =
        List.of(
            List.of("ilp-webtorrent", "ilp-torrent-cli"),
            List.of("ilp-torrent-cli", "ilp-webtorrent"),
            List.of("ilp-stream-payments"));
    List<Path> apps = new ArrayList<>();
    for (List<String> order : orders) {
      apps.add(consumer(apps.size(), order, true));
    }
    // Without the BOM the same app gets stream-core's older Guava: what the BOM is for.
    Path unmanagedApp = consumer(apps.size(), List.of("ilp-stream-payments"), false);
    apps.add(unmanagedApp);
    List<String> trees = trees(apps, repo, settings);

    for (int i = 0; i < orders.size(); i++) {
      List<String> order = orders.get(i);
      String tree = trees.get(i);
      assertThat(tree).as("%s", order).contains("com.google.guava:guava:jar:33.8.0-jre:compile");
      assertThat(tree).as("%s", order).doesNotContainPattern("guava:jar:(2|30|31|32)");
    }
    assertThat(trees.get(orders.size()))
        .containsPattern("com.google.guava:guava:jar:")
        .doesNotContain("33.8.0-jre");
  }

  @Test
  void theBomManagesTheParentsThirdPartyVersions() throws IOException {
    Map<String, String> bom = properties(ROOT.resolve("ilp-bom/pom.xml"));
    Map<String, String> parent = properties(ROOT.resolve("pom.xml"));
    bom.remove("project.build.outputTimestamp");

    assertThat(bom).containsKeys("guava.version", "jackson.version", "netty.version");
    bom.forEach((key, version) -> assertThat(parent).as(key).containsEntry(key, version));
  }

  private static Map<String, String> properties(Path pom) throws IOException {
    String xml = Files.readString(pom, StandardCharsets.UTF_8);
    String block = xml.substring(xml.indexOf("<properties>"), xml.indexOf("</properties>"));
    Map<String, String> found = new TreeMap<>();
    Matcher m = Pattern.compile("<([\\w.-]+)>([^<]*)</\\1>").matcher(block);
    while (m.find()) {
      found.put(m.group(1), m.group(2).strip());
    }
    return found;
  }

  /** This build's POMs (the BOM's among them), as a repository holds them: all ilp-* needs. */
  private static void publishPoms(Path repo) throws IOException {
    copy(ROOT.resolve("pom.xml"), repo, "ilp-torrent-parent");
    try (var modules = Files.list(ROOT)) {
      for (Path module :
          modules.filter(p -> p.getFileName().toString().startsWith("ilp-")).toList()) {
        if (Files.isRegularFile(module.resolve("pom.xml"))) {
          copy(module.resolve("pom.xml"), repo, module.getFileName().toString());
        }
      }
    }
  }

  private static void copy(Path pom, Path repo, String artifact) throws IOException {
    Path folder =
        Files.createDirectories(repo.resolve("org/ilptorrent/" + artifact + "/" + VERSION));
    Files.copy(pom, folder.resolve(artifact + "-" + VERSION + ".pom"));
  }

  /** The user's repository first (read only, so nothing is downloaded twice), then Central. */
  private static Path settings(Path file) throws IOException {
    Path userRepo = Path.of(System.getProperty("user.home"), ".m2", "repository");
    String repository =
        "<repository><id>user-cache</id><url>"
            + userRepo.toUri()
            + "</url><releases><enabled>true</enabled></releases>"
            + "<snapshots><enabled>false</enabled></snapshots></repository>";
    return Files.writeString(
        file,
        "<settings><profiles><profile><id>cache</id><repositories>"
            + repository
            + "</repositories><pluginRepositories>"
            + repository.replace("repository>", "pluginRepository>")
            + "</pluginRepositories></profile></profiles>"
            + "<activeProfiles><activeProfile>cache</activeProfile></activeProfiles></settings>");
  }

  private Path consumer(int index, List<String> dependencies, boolean importBom)
      throws IOException {
    Path project =
        Files.createDirectories(
            dir.resolve("apps/app-" + index + "-" + String.join("-", dependencies) + importBom));
    StringBuilder deps = new StringBuilder();
    for (String artifact : dependencies) {
      deps.append("<dependency><groupId>org.ilptorrent</groupId><artifactId>")
          .append(artifact)
          .append("</artifactId>")
          .append(importBom ? "" : "<version>" + VERSION + "</version>")
          .append("</dependency>");
    }
    String bom =
        importBom
            ? "<dependencyManagement><dependencies><dependency><groupId>org.ilptorrent</groupId>"
                + "<artifactId>ilp-bom</artifactId><version>"
                + VERSION
                + "</version><type>pom</type><scope>import</scope></dependency></dependencies>"
                + "</dependencyManagement>"
            : "";
    Files.writeString(
        project.resolve("pom.xml"),
        "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion>"
            + "<groupId>org.example</groupId><artifactId>app-"
            + index
            + "</artifactId><version>1</version>"
            + bom
            + "<dependencies>"
            + deps
            + "</dependencies></project>");
    return project;
  }

  /**
   * {@code dependency:tree} of each consumer, in one Maven run over an aggregator of them all:
   * collecting POMs is all it needs, no jar.
   */
  private List<String> trees(List<Path> apps, Path repo, Path settings) throws Exception {
    Path aggregator = dir.resolve("apps");
    StringBuilder modules = new StringBuilder();
    for (Path app : apps) {
      modules.append("<module>").append(app.getFileName()).append("</module>");
    }
    Files.writeString(
        aggregator.resolve("pom.xml"),
        "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion>"
            + "<groupId>org.example</groupId><artifactId>apps</artifactId><version>1</version>"
            + "<packaging>pom</packaging><modules>"
            + modules
            + "</modules></project>");
    List<String> command =
        new ArrayList<>(
            List.of(
                ROOT.resolve("mvnw").toString(),
                "-B",
                "-f",
                aggregator.resolve("pom.xml").toString(),
                "-s",
                settings.toString(),
                "-Dmaven.repo.local=" + repo,
                "org.apache.maven.plugins:maven-dependency-plugin:3.9.0:tree",
                // relative: each project writes its own, in its folder
                "-DoutputFile=tree.txt"));
    try (PartnerProcess maven = PartnerProcess.start(aggregator, "maven", command)) {
      assertThat(maven.exitCode(java.time.Duration.ofMinutes(10))).as(maven.output()).isZero();
    }
    List<String> trees = new ArrayList<>();
    for (Path app : apps) {
      trees.add(Files.readString(app.resolve("tree.txt")));
    }
    return trees;
  }
}

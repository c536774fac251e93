package org.ilptorrent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ilptorrent.cli.internal.RootCommand;
import org.ilptorrent.create.TorrentCreator;
import org.ilptorrent.magnet.License;
import org.ilptorrent.magnet.PaymentPointer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * What a new user sees when something is off: help that reads as sentences, and bad input refused
 * with one line on stderr that says what is wrong, never a Java class name.
 */
class CliMessagesTest {
  /** A Java class name, such as java.lang.IllegalArgumentException or a bare ConnectException. */
  static final String CLASS_NAME = "([a-z]+\\.)+[A-Z]\\w+|\\w+(Exception|Error)\\b";

  static void assertOneLineError(CliRun run, int code, String... contains) {
    assertThat(run.exitCode()).as(run.err()).isEqualTo(code);
    assertThat(run.out()).isEmpty();
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.err()).startsWith("ilp-torrent: ").contains(contains);
    assertThat(run.err()).doesNotContainPattern(CLASS_NAME);
  }

  @Test
  void topLevelHelpDescribesEachCommandInAWholeSentence() {
    CliRun run = CliRun.of("--help");

    assertThat(run.exitCode()).isZero();
    List<String> commands = commandList(run.out());
    assertThat(commands).hasSize(10);
    assertThat(commands).allSatisfy(line -> assertThat(line).matches("\\w+ +[A-Z].*\\.$"));
    assertThat(run.out()).doesNotContain("create-torrent and mktorrent\n", "--out, with a\n");
  }

  /** The command list, each entry with its wrapped lines joined. */
  private static List<String> commandList(String help) {
    List<String> entries = new ArrayList<>();
    boolean inList = false;
    for (String line : help.lines().toList()) {
      if (line.equals("Commands:")) {
        inList = true;
      } else if (inList && line.matches("  \\S.*")) {
        entries.add(line.strip());
      } else if (inList && line.matches(" {4,}\\S.*")) {
        entries.set(entries.size() - 1, entries.get(entries.size() - 1) + " " + line.strip());
      }
    }
    return entries;
  }

  @Test
  void everyDescriptionIsWholeParagraphsAndDefaultsAreSaidAsDefaults() {
    List<CommandSpec> all = new ArrayList<>();
    collect(new CommandLine(new RootCommand()).getCommandSpec(), all);
    assertThat(all).hasSizeGreaterThan(10);
    for (CommandSpec command : all) {
      String name = command.qualifiedName();
      // picocli prints each element on lines of its own: an element must not stop mid-sentence.
      for (String paragraph : command.usageMessage().description()) {
        assertThat(paragraph).as(name).matches("(?s)[A-Z'].*[.:]");
      }
      for (String header : command.usageMessage().header()) {
        assertThat(header).as(name).matches("[A-Z].*\\.");
      }
      for (OptionSpec option : command.options()) {
        String text = String.join(" ", option.description());
        String what = name + " " + option.longestName();
        if (option.defaultValue() != null && !option.usageHelp() && !option.versionHelp()) {
          assertThat(text).as(what).contains("Default: ");
        }
        // "(memory only)" or "(8000)" read as the option's meaning.
        assertThat(text)
            .as(what)
            .doesNotContainPattern("\\((?i:default|memory only|any|a free one|the current)")
            .doesNotContainPattern("\\(\\d+\\w*\\)");
      }
    }
  }

  private static void collect(CommandSpec spec, List<CommandSpec> into) {
    into.add(spec);
    spec.subcommands().values().forEach(sub -> collect(sub.getCommandSpec(), into));
  }

  @Test
  void infoOfAMissingFileSaysItIsMissing() {
    assertOneLineError(CliRun.of("info", "nosuch.torrent"), 2, "no such file: nosuch.torrent");
    assertOneLineError(CliRun.of("download", "nosuch.torrent"), 2, "no such file: nosuch.torrent");
  }

  @Test
  void infoOfAFileThatIsNotATorrentSaysSo(@TempDir Path dir) throws Exception {
    Path small = Files.write(dir.resolve("notes.txt"), "hello".getBytes());
    Path film = dir.resolve("film.bin");
    try (RandomAccessFile f = new RandomAccessFile(film.toFile(), "rw")) {
      f.setLength(20L << 20);
    }

    assertOneLineError(CliRun.of("info", small.toString()), 2, small + " is not a .torrent file: ");
    assertOneLineError(
        CliRun.of("info", film.toString()),
        2,
        film + " is not a .torrent file: 20.0 MiB, more than a torrent may be (16.0 MiB)");
    assertOneLineError(CliRun.of("info", dir.toString()), 2, dir + " is a folder");
    assertOneLineError(
        CliRun.of("info", "banana"), 2, "not a .torrent file, magnet link or info hash: 'banana'");
    assertOneLineError(
        CliRun.of("info", "magnet:?xt=urn:btih:zz"), 2, "not a magnet link: parameter 'xt'");
  }

  @Test
  void infoSaysWhetherALicenceIsCommitted(@TempDir Path dir) throws Exception {
    Path data = Files.write(dir.resolve("a.bin"), new byte[1000]);
    Path free = dir.resolve("free.torrent");
    Files.write(free, TorrentCreator.builder().addPath(data).build().create().torrentFile());
    Path paid = dir.resolve("paid.torrent");
    License license =
        License.ofPrice(
            PaymentPointer.parse("$wallet.example/alice"),
            java.net.URI.create("https://verifier.example"),
            new java.math.BigDecimal("0.50"),
            "USD",
            2);
    Files.write(
        paid,
        TorrentCreator.builder().addPath(data).license(license).build().create().torrentFile());

    assertThat(CliRun.of("info", free.toString()).out()).contains("license     none (free)\n");
    assertThat(CliRun.of("info", paid.toString()).out())
        .contains("license     0.50 USD via $wallet.example/alice")
        .contains("(committed: inside info, bound by the info hash)");
    assertThat(CliRun.of("info", "0123456789abcdef0123456789abcdef01234567").out())
        .contains("license     none in the magnet (no pp or vr)");
  }

  @Test
  void magnetDecodeOfAFreeMagnetHasANullLicence() {
    CliRun run = CliRun.of("magnet", "decode", "magnet:?xt=urn:btih:" + "ab".repeat(20));

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("\"license\" : null,").doesNotContain("paymentPointer");
  }

  @Test
  void badDurationsSizesAndUrlsAreNamedWithoutJavaClassNames() {
    assertOneLineError(
        CliRun.of("verifier", "--receipt-ttl", "banana"),
        2,
        "Invalid value for option '--receipt-ttl': not a duration: 'banana'");
    assertOneLineError(
        CliRun.of("download", "--timeout", "-5s", "ab".repeat(20)), 2, "must not be negative");
    assertOneLineError(
        CliRun.of("demo", "--size", "lots"), 2, "Invalid value for option '--size': not a size");
    assertOneLineError(
        CliRun.of("pay", "$wallet.example/bob", "5", "--ilp", "a b", "--token", "t"),
        2,
        "Invalid value for option '--ilp': not a URL: 'a b'");
  }

  @Test
  void unreachableServicesAreNamed() throws Exception {
    int dead = org.ilptorrent.fixtures.TestEnvironment.freePort();
    String url = "http://127.0.0.1:" + dead;
    assertOneLineError(
        CliRun.of("pay", url + "/alice", "5", "--ilp", url + "/ilp", "--token", "t"),
        2,
        "SPSP query to " + url + "/alice failed: connection refused");
    assertOneLineError(
        CliRun.of(
            "pay",
            url + "/alice",
            "5",
            "--ilp",
            url + "/ilp",
            "--token",
            "t",
            "--verifier",
            url,
            "--balance-id",
            "2f1e3a4b-5c6d-4e7f-8a9b-0c1d2e3f4a5b"),
        2,
        "cannot reach the verifier at " + url + ": connection refused; nothing paid");
  }
}

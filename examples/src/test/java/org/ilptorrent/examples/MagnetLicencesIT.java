package org.ilptorrent.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.ilptorrent.bencode.Bencode;
import org.ilptorrent.magnet.MagnetUri;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The magnet example needs nothing but ilp-magnet-uri and its one dependency, ilp-bencode: it runs
 * in a JVM whose class path is exactly those two and the example's own class.
 */
class MagnetLicencesIT {
  @TempDir Path dir;

  private static String whereIs(Class<?> c) throws Exception {
    return Paths.get(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }

  @Test
  void runsWithOnlyTheMagnetCodecOnTheClassPath() throws Exception {
    // the example's class file alone (it has no nested classes), not the rest of the examples
    Path classes = dir.resolve("classes/org/ilptorrent/examples");
    Files.createDirectories(classes);
    try (var in = MagnetLicences.class.getResourceAsStream("MagnetLicences.class")) {
      Files.copy(in, classes.resolve("MagnetLicences.class"));
    }
    String magnetJar = whereIs(MagnetUri.class);
    String bencodeJar = whereIs(Bencode.class);
    assertThat(magnetJar).contains("ilp-magnet-uri");
    assertThat(bencodeJar).contains("ilp-bencode");
    List<String> classPath = List.of(dir.resolve("classes").toString(), magnetJar, bencodeJar);

    ExampleRun run = ExampleRun.withClassPath(classPath, MagnetLicences.class);

    assertThat(run.exitCode()).as(run.out()).isZero();
    assertThat(run.lines())
        .containsExactly(
            "price 1.070000000 USD",
            "amount 1070000000 at scale 9",
            "magnet magnet:?xt=urn:btih:d2474e86c95b19b8bcfdb92bc12c9d44667cfa36"
                + "&dn=Leaves+of+Grass&tr=wss%3A%2F%2Ftracker.example"
                + "&pp=%24wallet.example%2Falice&vr=https%3A%2F%2Fverifier.example",
            "read pp $wallet.example/alice vr https://verifier.example",
            "same magnet true",
            "tracker licence matches true",
            "other licence matches false",
            "free magnet licence false",
            "bencoded d6:amount10:10700000009:assetCode3:USD10:assetScalei9e"
                + "14:paymentPointer21:$wallet.example/alice8:verifier24:https://verifier.examplee",
            "decoded equal true");
  }

  @Test
  void theMagnetCodecDependsOnNothingButTheBencodeCodec() throws Exception {
    // ilp-magnet-uri's module descriptor: java.base and org.ilptorrent.bencode, nothing else
    ModuleDescriptor magnet =
        ModuleFinder.of(Paths.get(whereIs(MagnetUri.class)))
            .find("org.ilptorrent.magnet")
            .orElseThrow()
            .descriptor();
    assertThat(magnet.requires().stream().map(ModuleDescriptor.Requires::name))
        .containsExactlyInAnyOrder("java.base", "org.ilptorrent.bencode");
    ModuleDescriptor bencode =
        ModuleFinder.of(Paths.get(whereIs(Bencode.class)))
            .find("org.ilptorrent.bencode")
            .orElseThrow()
            .descriptor();
    assertThat(bencode.requires().stream().map(ModuleDescriptor.Requires::name))
        .containsExactly("java.base");
  }
}

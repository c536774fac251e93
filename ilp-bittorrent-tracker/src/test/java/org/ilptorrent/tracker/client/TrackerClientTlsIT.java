package org.ilptorrent.tracker.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.ilptorrent.magnet.InfoHash;
import org.ilptorrent.tracker.testing.RecordingListener;
import org.ilptorrent.tracker.testing.Resources;
import org.ilptorrent.tracker.testing.ScriptedHttpTracker;
import org.ilptorrent.tracker.testing.ScriptedWsTracker;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wss} and {@code https} trackers with a self-signed certificate for 127.0.0.1: trusted
 * through the pool's {@code sslContext}, refused (a warning) with the JDK's default trust.
 */
class TrackerClientTlsIT {
  private static final InfoHash HASH = InfoHash.fromHex("5a".repeat(20));
  private static final char[] PASSWORD = "changeit".toCharArray();

  @TempDir static Path dir;
  private static SSLContext serverTls;
  private static SSLContext clientTls;
  @RegisterExtension final Resources resources = new Resources();
  private ScriptedWsTracker wss;
  private ScriptedHttpTracker https;

  @BeforeAll
  static void makeCertificate() throws Exception {
    Path store = dir.resolve("tracker.p12");
    Process keytool =
        new ProcessBuilder(
                Paths.get(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "tracker",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "SAN=ip:127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                new String(PASSWORD))
            .redirectErrorStream(true)
            .start();
    String out = new String(keytool.getInputStream().readAllBytes());
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue()).as(out).isZero();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keys.load(in, PASSWORD);
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, PASSWORD);
    serverTls = SSLContext.getInstance("TLS");
    serverTls.init(kmf.getKeyManagers(), null, null);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(keys);
    clientTls = SSLContext.getInstance("TLS");
    clientTls.init(null, tmf.getTrustManagers(), null);
  }

  /** Both trackers answer with the certificate; each test decides whether the client trusts it. */
  @BeforeEach
  void startTrackers() throws Exception {
    wss =
        resources.use(
            new ScriptedWsTracker(
                (c, m) -> List.of(ScriptedWsTracker.announced(m, 2, 0)), serverTls));
    https = resources.use(new ScriptedHttpTracker(serverTls));
  }

  /** Starts a client that announces to both trackers. */
  private void startClient(RecordingListener events, TrackerClient.Builder b) {
    resources
        .use(
            b.infoHash(HASH)
                .announce(List.of(wss.uri(), https.announce()))
                .listener(events)
                .build())
        .start();
  }

  @Test
  void trustedWssAndHttpsTrackersAnswer() throws Exception {
    TrackerConnections pool =
        resources.use(TrackerConnections.builder().sslContext(clientTls).build());
    RecordingListener events = new RecordingListener();
    startClient(
        events,
        TrackerClient.builder().options(TrackerClientOptions.builder().connections(pool).build()));
    events.awaitMatch(RecordingListener.Announced.class, a -> a.tracker().equals(wss.uri()));
    events.awaitMatch(RecordingListener.Announced.class, a -> a.tracker().equals(https.announce()));
    assertThat(wss.uri().getScheme()).isEqualTo("wss");
    assertThat(https.announce().getScheme()).isEqualTo("https");
    assertThat(events.ofType(RecordingListener.Warning.class)).isEmpty();
  }

  @Test
  void untrustedCertificatesAreWarnings() throws Exception {
    RecordingListener events = new RecordingListener();
    startClient(events, TrackerClient.builder());
    events.awaitMatch(RecordingListener.Warning.class, w -> w.tracker().equals(wss.uri()));
    events.awaitMatch(RecordingListener.Warning.class, w -> w.tracker().equals(https.announce()));
    assertThat(events.ofType(RecordingListener.Announced.class)).isEmpty();
    assertThat(https.queries).isEmpty();
  }
}

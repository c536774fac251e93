package org.ilptorrent.webtorrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ilptorrent.webtorrent.Swarms.address;
import static org.ilptorrent.webtorrent.Swarms.assertSameFiles;
import static org.ilptorrent.webtorrent.Swarms.awaitDone;
import static org.ilptorrent.webtorrent.Swarms.client;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.ilptorrent.magnet.InfoHash;
import org.ilptorrent.magnet.MagnetUri;
import org.ilptorrent.magnet.PeerId;
import org.ilptorrent.parse.TorrentInfo;
import org.ilptorrent.webtorrent.internal.ext.MetadataMessage;
import org.ilptorrent.webtorrent.internal.wire.Handshake;
import org.ilptorrent.webtorrent.internal.wire.PeerMessage;
import org.ilptorrent.webtorrent.internal.wire.PeerProtocolException;
import org.ilptorrent.webtorrent.internal.wire.PeerWireDecoder;
import org.ilptorrent.webtorrent.internal.wire.WireLimits;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A magnet download whose first peer lies about the metadata size (BEP 9 {@code metadata_size}
 * 4,000) and then sends garbage, rejects, or stays silent, while an honest seeder is connected too:
 * the honest seeder's metadata completes the download.
 */
class MetadataFromSeveralPeersIT {
  /**
   * Far below the time a lying peer used to cost (about 30 s, or forever), far above what the
   * download needs (well under a second here), so a slow machine does not fail the test.
   */
  private static final long DONE_WITHIN_SECONDS = 15;

  @TempDir Path seedDir;
  @TempDir Path leechDir;
  TorrentInfo meta;

  @BeforeEach
  void content() throws Exception {
    meta = Swarms.multiFile(seedDir, "set", 16 * 1024, 11, 200_000, 70_000, 3000);
    assertThat(meta.infoBytes().length).isNotEqualTo(LyingPeer.CLAIMED_SIZE);
  }

  @Test
  void aPeerSendingGarbageMetadataIsDroppedAndTheHonestSeederCompletesIt() throws Exception {
    downloadWith(LyingPeer.Mode.GARBAGE);
  }

  @Test
  void aPeerRejectingMetadataRequestsDoesNotStallTheDownload() throws Exception {
    downloadWith(LyingPeer.Mode.REJECT);
  }

  @Test
  void aSilentPeerDoesNotStallTheDownload() throws Exception {
    downloadWith(LyingPeer.Mode.SILENCE);
  }

  @Test
  void aSilentPeerClaimingTheRightSizeHasItsPiecesAskedOfOthers() throws Exception {
    // the same size for both, so the silent peer holds pieces the seeder must be asked for
    downloadWith(LyingPeer.Mode.SILENCE, meta.infoBytes().length);
  }

  private void downloadWith(LyingPeer.Mode mode) throws Exception {
    downloadWith(mode, LyingPeer.CLAIMED_SIZE);
  }

  private void downloadWith(LyingPeer.Mode mode, int claimedSize) throws Exception {
    try (WebTorrent seeder = client(seedDir);
        WebTorrent leecher = client(leechDir);
        LyingPeer liar = new LyingPeer(meta.infoHash(), mode, claimedSize)) {
      awaitDone(seeder.seed(meta, seedDir, SeedOptions.defaults()));
      Torrent t =
          leecher.add(
              MagnetUri.parse(meta.toMagnetUri().toString()),
              AddOptions.builder().addPeer(liar.address()).build());
      // the liar is the first peer to announce a size, and is asked for it
      assertThat(liar.asked.await(60, TimeUnit.SECONDS)).as("the liar was asked").isTrue();
      t.addPeer(address(seeder));

      t.whenDone().get(DONE_WITHIN_SECONDS, TimeUnit.SECONDS);

      assertThat(t.metadata().orElseThrow().infoBytes()).isEqualTo(meta.infoBytes());
      assertSameFiles(seedDir, leechDir);
    }
  }

  /**
   * A raw-socket peer that announces ut_metadata with a {@code metadata_size} of its choice (4,000
   * bytes unless told) and answers metadata requests as its mode says.
   */
  static final class LyingPeer implements AutoCloseable {
    static final int CLAIMED_SIZE = 4000;

    enum Mode {
      /** Answers with random bytes whose hash cannot match. */
      GARBAGE,
      /** Rejects every request. */
      REJECT,
      /** Reads requests and never answers. */
      SILENCE
    }

    final CountDownLatch asked = new CountDownLatch(1);
    private final ServerSocket server;
    private final InfoHash infoHash;
    private final Mode mode;
    private final int claimedSize;
    private final Thread thread;
    private volatile Socket connection;

    LyingPeer(InfoHash infoHash, Mode mode, int claimedSize) throws IOException {
      this.infoHash = infoHash;
      this.mode = mode;
      this.claimedSize = claimedSize;
      this.server = new ServerSocket();
      server.bind(new InetSocketAddress("127.0.0.1", 0));
      this.thread = new Thread(this::run, "lying-peer");
      thread.setDaemon(true);
      thread.start();
    }

    InetSocketAddress address() {
      return new InetSocketAddress("127.0.0.1", server.getLocalPort());
    }

    private void run() {
      while (!server.isClosed()) {
        try (Socket s = server.accept()) {
          connection = s;
          serve(s);
        } catch (IOException e) {
          // the client dropped us, or the test closed the server
        }
      }
    }

    private void serve(Socket s) throws IOException {
      DataInputStream in = new DataInputStream(s.getInputStream());
      OutputStream out = s.getOutputStream();
      in.readFully(new byte[Handshake.LENGTH]);
      ByteBuffer hs = ByteBuffer.allocate(Handshake.LENGTH);
      new Handshake(Handshake.EXTENSION_PROTOCOL, infoHash, PeerId.generate(new Random()))
          .writeTo(hs);
      out.write(hs.array());
      out.write(
          extended(
              0,
              ("d1:md11:ut_metadatai3ee13:metadata_sizei" + claimedSize + "ee")
                  .getBytes(StandardCharsets.US_ASCII)));
      PeerWireDecoder decoder = new PeerWireDecoder(WireLimits.beforeMetadata());
      Random random = new Random(7);
      int[] theirMetadataId = {0};
      byte[] chunk = new byte[4096];
      while (true) {
        int n = in.read(chunk);
        if (n < 0) {
          return;
        }
        decoder.feed(
            ByteBuffer.wrap(chunk, 0, n),
            m -> {
              if (!(m instanceof PeerMessage.Extended e)) {
                return;
              }
              String text = new String(e.payload(), StandardCharsets.ISO_8859_1);
              if (e.id() == 0) {
                int at = text.indexOf("11:ut_metadatai");
                theirMetadataId[0] =
                    Integer.parseInt(text.substring(at + 15, text.indexOf('e', at + 15)));
                return;
              }
              if (e.id() != 3) {
                return;
              }
              MetadataMessage request;
              try {
                request = MetadataMessage.decode(e.payload());
              } catch (PeerProtocolException x) {
                throw new IOException(x);
              }
              if (!(request instanceof MetadataMessage.Request r)) {
                return;
              }
              asked.countDown();
              switch (mode) {
                case GARBAGE -> {
                  int from = r.piece() * MetadataMessage.PIECE_LENGTH;
                  byte[] junk =
                      new byte[Math.min(MetadataMessage.PIECE_LENGTH, claimedSize - from)];
                  random.nextBytes(junk);
                  out.write(
                      extended(
                          theirMetadataId[0],
                          new MetadataMessage.Data(r.piece(), claimedSize, junk).encode()));
                }
                case REJECT ->
                    out.write(
                        extended(
                            theirMetadataId[0], new MetadataMessage.Reject(r.piece()).encode()));
                case SILENCE -> {}
              }
            });
      }
    }

    private static byte[] extended(int id, byte[] payload) {
      ByteBuffer b = ByteBuffer.allocate(6 + payload.length);
      b.putInt(2 + payload.length).put((byte) 20).put((byte) id).put(payload);
      return b.array();
    }

    @Override
    public void close() throws Exception {
      server.close();
      Socket s = connection;
      if (s != null) {
        s.close();
      }
      thread.join(5000);
    }
  }
}

package org.ilptorrent.bencode;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Reading a 10,000-file torrent (about 700 KB) takes well under 10 ms. A smoke check, not a
 * benchmark: the best of 30 reads after warming up, so that a busy build machine does not fail it.
 * ilp-benchmarks measures it properly.
 */
class DecodeSpeedTest {

  @Test
  void decodesATenThousandFileTorrentInUnderTenMilliseconds() throws Exception {
    byte[] torrent = Torrents.manyFiles(10_000);
    for (int i = 0; i < 200; i++) {
      Bencode.decodeDictionary(torrent);
    }
    long[] nanos = new long[30];
    BDictionary d = null;
    for (int i = 0; i < nanos.length; i++) {
      long start = System.nanoTime();
      d = Bencode.decodeDictionary(torrent);
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    System.out.printf(
        "ilp-bencode: decode of a 10,000-file torrent (%,d bytes): best %.2f ms, median %.2f ms%n",
        torrent.length, nanos[0] / 1e6, nanos[nanos.length / 2] / 1e6);
    assertThat(nanos[0]).isLessThan(10_000_000L);

    BDictionary info = d.dictionary("info");
    assertThat(info.list("files").size()).isEqualTo(10_000);
    assertThat(((BDictionary) info.list("files").get(9_999)).list("path").get(1))
        .isEqualTo(BString.of("file-9999.bin"));
    // The info hash is the SHA-1 of the exact bytes, read without a copy.
    MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
    sha1.update(torrent, info.offset(), info.encoded().length);
    assertThat(sha1.digest()).isEqualTo(MessageDigest.getInstance("SHA-1").digest(info.encoded()));
  }
}

package org.ilptorrent.bencode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.Random;
import org.ilptorrent.fixtures.BencodeMutations;
import org.junit.jupiter.api.Test;

/**
 * Feeds 100,000 mutated, truncated and spliced encodings to the reader: each is read as a value or
 * refused with {@link BencodeException}, nothing else. Seeded, so a failure is reproducible.
 */
class BencodeFuzzTest {
  private static final int CASES = 100_000;

  @Test
  void mutatedEncodingsGiveAValueOrTheTypedError() {
    Random random = new Random(0xbe9c0deL);
    List<byte[]> seeds =
        List.of(
            Torrents.manyFiles(20),
            Bencode.encode(RandomValues.value(new Random(1), 5)),
            Bencode.encode(RandomValues.value(new Random(2), 5)),
            Bencode.encode(RandomValues.value(new Random(3), 5)),
            "d1:ad1:bl1:ci1ei-2edeleee1:d0:e".getBytes());
    BencodeReader reader = BencodeReader.builder().maxDepth(16).maxLength(1 << 20).build();
    int accepted = 0;
    for (int i = 0; i < CASES; i++) {
      byte[] input = BencodeMutations.mutate(seeds.get(i % seeds.size()), random);
      Throwable thrown = catchThrowable(() -> check(reader, input));
      if (thrown == null) {
        accepted++;
      } else {
        assertThat(thrown).as("case %d", i).isInstanceOf(BencodeException.class);
        long offset = ((BencodeException) thrown).offset();
        assertThat(offset).as("case %d", i).isBetween(0L, (long) input.length);
      }
    }
    assertThat(accepted).isBetween(1, CASES - 1);
  }

  /** Reads, and checks that what was read writes back to the same bytes when it was canonical. */
  private static void check(BencodeReader reader, byte[] input) {
    BencodeReader.Result r = reader.read(input);
    if (r.canonical()) {
      assertThat(Bencode.encode(r.value())).isEqualTo(input);
    }
    assertThat(r.value().encoded()).isEqualTo(input);
  }
}

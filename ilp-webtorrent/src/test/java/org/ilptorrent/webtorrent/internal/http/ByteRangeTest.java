package org.ilptorrent.webtorrent.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ByteRangeTest {
  private static final long LENGTH = 1000;

  private static ByteRange of(String field) {
    return ByteRange.of(List.of(field), LENGTH);
  }

  @ParameterizedTest(name = "{0} -> {1}-{2}")
  @CsvSource({
    // field,            first, last
    "bytes=0-0,              0,   0", // the first byte
    "bytes=0-499,            0, 499",
    "bytes=999-999,        999, 999", // the last byte
    "bytes=500-,           500, 999", // open-ended
    "bytes=-1,             999, 999", // suffix: the last byte
    "bytes=-300,           700, 999",
    "bytes=-5000,            0, 999", // a suffix longer than the file is the whole file
    "bytes=10-99999999999,  10, 999", // past the end: clipped
    "bytes=10-99999999999999999999999, 10, 999", // too large for a long: clipped too
    "BYTES=1-2,              1,   2", // the unit is case-insensitive
    "' bytes = 3-4 ',        3,   4",
  })
  void aSingleRangeIsServedClippedToTheFile(String field, long first, long last) {
    assertThat(of(field)).isEqualTo(new ByteRange.Part(first, last));
  }

  @ParameterizedTest
  @CsvSource({
    "bytes=1000-", // starts at the end
    "bytes=1000-2000",
    "bytes=99999999999999999999999-",
    "bytes=-0", // an empty suffix
  })
  void aValidRangeOutsideTheFileIsUnsatisfiable(String field) {
    assertThat(of(field)).isInstanceOf(ByteRange.Unsatisfiable.class);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "bytes=5-1", // last before first
        "bytes=abc",
        "bytes=a-b",
        "bytes=-",
        "bytes=",
        "bytes=1-2-3",
        "bytes=+1-2",
        "bytes=0x10-",
        "bytes=1 -2",
        "items=0-1", // another unit
        "bytes 0-1",
        "bytes=0-1,5-6", // several ranges: not served as multipart, the whole file is
        "bytes=0-1, -5",
      })
  void aMalformedOrMultipleRangeIsIgnored(String field) {
    assertThat(of(field)).isInstanceOf(ByteRange.Whole.class);
  }

  @Test
  void noFieldOrTwoFieldsMeanTheWholeFile() {
    assertThat(ByteRange.of(List.of(), LENGTH)).isInstanceOf(ByteRange.Whole.class);
    assertThat(ByteRange.of(List.of("bytes=0-1", "bytes=2-3"), LENGTH))
        .isInstanceOf(ByteRange.Whole.class);
  }

  @Test
  void anEmptyFileHasNoSatisfiableRange() {
    assertThat(ByteRange.of(List.of("bytes=0-"), 0)).isInstanceOf(ByteRange.Unsatisfiable.class);
    assertThat(ByteRange.of(List.of("bytes=-10"), 0)).isInstanceOf(ByteRange.Unsatisfiable.class);
    assertThat(ByteRange.of(List.of(), 0)).isInstanceOf(ByteRange.Whole.class);
  }

  @Test
  void mediaTypesComeFromTheExtensionInAnyCase() {
    assertThat(MediaTypes.of("film.MP4")).isEqualTo("video/mp4");
    assertThat(MediaTypes.of("a.b.webm")).isEqualTo("video/webm");
    assertThat(MediaTypes.of("x.mkv")).isEqualTo("video/x-matroska");
    assertThat(MediaTypes.of("s.srt")).isEqualTo("application/x-subrip");
    assertThat(MediaTypes.of("s.vtt")).startsWith("text/vtt");
    assertThat(MediaTypes.of("song.flac")).isEqualTo("audio/flac");
    assertThat(MediaTypes.of("noext")).isEqualTo(MediaTypes.DEFAULT);
    assertThat(MediaTypes.of("trailing.")).isEqualTo(MediaTypes.DEFAULT);
    assertThat(MediaTypes.of("x.exe")).isEqualTo("application/octet-stream");
  }
}

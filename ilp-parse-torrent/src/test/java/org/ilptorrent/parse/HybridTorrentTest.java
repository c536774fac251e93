package org.ilptorrent.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.ilptorrent.bencode.BDictionary;
import org.ilptorrent.bencode.BString;
import org.ilptorrent.bencode.Bencode;
import org.junit.jupiter.api.Test;

/**
 * Hybrid v1+v2 (BEP 52) and v2-only torrents made by libtorrent 2.0.8 ({@code
 * interop/libtorrent/hybrid-fixtures.py}), compared with what libtorrent itself reported about them
 * ({@code hybrid/*.properties}).
 */
class HybridTorrentTest {

  static byte[] torrent(String name) {
    try (InputStream in =
        HybridTorrentTest.class.getResourceAsStream("hybrid/" + name + ".torrent")) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Properties libtorrent(String name) {
    Properties p = new Properties();
    try (InputStream in =
        HybridTorrentTest.class.getResourceAsStream("hybrid/" + name + ".properties")) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }

  @Test
  void aHybridTorrentParsesAsItsV1View() {
    byte[] bytes = torrent("hybrid");
    Properties lt = libtorrent("hybrid");

    TorrentInfo t = TorrentInfo.parse(bytes);

    assertThat(t.infoHash().toHex()).isEqualTo(lt.getProperty("v1"));
    assertThat(t.infoHashV2()).contains(lt.getProperty("v2"));
    assertThat(t.pieceLength()).isEqualTo(Integer.parseInt(lt.getProperty("pieceLength")));
    assertThat(t.pieceCount()).isEqualTo(Integer.parseInt(lt.getProperty("pieces")));
    assertThat(t.length()).isEqualTo(Long.parseLong(lt.getProperty("length")));
    assertThat(t.toTorrentFile()).isEqualTo(bytes);

    int count = Integer.parseInt(lt.getProperty("files"));
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      expected.add(
          String.join(
              " ",
              lt.getProperty("file." + i + ".path"),
              lt.getProperty("file." + i + ".length"),
              lt.getProperty("file." + i + ".offset"),
              lt.getProperty("file." + i + ".pad")));
    }
    assertThat(t.files())
        .extracting(f -> f.path() + " " + f.length() + " " + f.offset() + " " + f.padding())
        .containsExactlyElementsOf(expected);
    assertThat(t.files())
        .filteredOn(FileEntry::padding)
        .isNotEmpty()
        .allMatch(f -> f.attr().equals("p"));
  }

  @Test
  void pieceLayersAreKeyedByBinaryHashes() {
    BDictionary top = Bencode.decodeDictionary(torrent("hybrid"));
    List<BString> keys = new ArrayList<>(top.dictionary("piece layers").entries().keySet());

    assertThat(keys).isNotEmpty().allMatch(k -> k.length() == 32);
    assertThat(keys).anySatisfy(k -> assertThatThrownBy(k::utf8).hasMessageContaining("UTF-8"));
  }

  @Test
  void aV1TorrentHasNoV2Hash() {
    assertThat(
            TorrentInfo.parse(org.ilptorrent.fixtures.TorrentFixture.named("leaves").torrent())
                .infoHashV2())
        .isEmpty();
  }

  @Test
  void aV2OnlyTorrentIsRefusedClearly() {
    assertThat(libtorrent("v2-only").getProperty("v1")).isEmpty();

    assertThatThrownBy(() -> TorrentInfo.parse(torrent("v2-only")))
        .isInstanceOf(InvalidTorrentException.class)
        .hasMessageStartingWith("info: ")
        .hasMessageContaining("v2-only torrents are not supported");
    assertThat(TorrentInfo.tryParse(torrent("v2-only"))).isEmpty();
  }

  @Test
  void padFilesAreMarkedByTheirAttributes() {
    assertThat(new FileEntry("t/.pad/5", List.of("t", ".pad", "5"), "5", 5, 0, "p").padding())
        .isTrue();
    assertThat(new FileEntry("t/x", List.of("t", "x"), "x", 5, 0, "xh").padding()).isFalse();
    assertThat(new FileEntry("t/x", List.of("t", "x"), "x", 5, 0).attr()).isEmpty();
  }
}

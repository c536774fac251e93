package org.ilptorrent.create;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.ilptorrent.parse.TorrentInfo;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For the same files and options, the info hash equals what npm create-torrent 6.1.3 and Debian
 * mktorrent 1.1 produced (interop/npm/create-torrent-fixtures/generate.mjs made the torrents and
 * the manifest).
 */
class CreateTorrentFixturesTest {
  private static final JsonNode MANIFEST = load();

  static Stream<Named<JsonNode>> cases() {
    List<Named<JsonNode>> out = new ArrayList<>();
    MANIFEST.get("cases").forEach(c -> out.add(Named.of(c.get("name").asText(), c)));
    return out.stream();
  }

  @ParameterizedTest
  @MethodSource("cases")
  void sameInfoHashAsCreateTorrentAndMktorrent(JsonNode c, @TempDir Path dir) throws Exception {
    for (Iterator<Map.Entry<String, JsonNode>> it = c.get("files").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> file = it.next();
      SampleInputs.write(dir, file.getKey(), file.getValue().asInt());
    }
    TorrentCreator.Builder b =
        TorrentCreator.builder().creationDate(Instant.parse(MANIFEST.get("created").asText()));
    c.get("inputs").forEach(i -> b.addPath(dir.resolve(i.asText())));
    JsonNode options = c.get("options");
    if (options.has("pieceLength")) {
      b.pieceLength(options.get("pieceLength").asInt());
    }
    if (options.has("private")) {
      b.isPrivate(true);
    }

    CreatedTorrent created = b.build().create();

    assertThat(created.infoHash().toHex()).isEqualTo(c.get("createTorrentInfoHash").asText());
    if (!c.get("mktorrentInfoHash").isNull()) {
      assertThat(created.infoHash().toHex()).isEqualTo(c.get("mktorrentInfoHash").asText());
    }
    TorrentInfo mine = TorrentInfo.parse(created.torrentFile());
    TorrentInfo theirs =
        TorrentInfo.parse(resource(c.get("name").asText() + ".create-torrent.torrent"));
    assertThat(mine.infoBytes()).isEqualTo(theirs.infoBytes());
    assertThat(mine.pieceLength()).isEqualTo(c.get("pieceLength").asInt());
    assertThat(mine.created()).isEqualTo(theirs.created());
    assertThat(mine.infoHash()).isEqualTo(created.infoHash());
    assertThat(created.magnet().infoHash()).contains(created.infoHash());
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = CreateTorrentFixturesTest.class.getResourceAsStream(name)) {
      return in.readAllBytes();
    }
  }

  private static JsonNode load() {
    try {
      return new ObjectMapper().readTree(resource("manifest.json"));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}

package org.ilptorrent.benchmarks;

import bt.bencoding.serializers.BEParser;
import bt.bencoding.types.BEMap;
import java.util.concurrent.TimeUnit;
import org.ilptorrent.bencode.BDictionary;
import org.ilptorrent.bencode.Bencode;
import org.ilptorrent.bencode.BencodeWriter;
import org.ilptorrent.parse.TorrentInfo;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time to read a multi-file .torrent (goal: a 10,000-file torrent in under 10 ms): the whole {@link
 * TorrentInfo#parse} ({@link #parse}), ilp-bencode's reader alone ({@link #decode}), and
 * bt-bencoding's {@code BEParser} building its tree of the same bytes ({@link #btBencodingDecode}),
 * the reader the project used before. The torrent has files of 1 MiB in 100 folders and 1 MiB
 * pieces.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ParseTorrentBench {
  @Param({"10000"})
  int files;

  private byte[] torrent;

  @Setup
  public void build() {
    int pieceLength = 1 << 20;
    BencodeWriter w = new BencodeWriter();
    w.beginDictionary().key("announce").string("http://127.0.0.1:8000/announce");
    w.key("info").beginDictionary().key("files").beginList();
    for (int i = 0; i < files; i++) {
      w.beginDictionary()
          .key("length")
          .integer(pieceLength)
          .key("path")
          .beginList()
          .string("dir-" + (i / 100))
          .string("file-" + i + ".bin")
          .end()
          .end();
    }
    w.end();
    w.key("name").string("bench");
    w.key("piece length").integer(pieceLength);
    w.key("pieces").string(new byte[20 * files]);
    torrent = w.end().end().toByteArray();
    if (TorrentInfo.parse(torrent).files().size() != files
        || btBencodingDecode().getValue().size() != 2) {
      throw new IllegalStateException("bench torrent did not parse as built");
    }
  }

  /** Parses the whole torrent: read, sanitised file list, info hash. */
  @Benchmark
  public TorrentInfo parse() {
    return TorrentInfo.parse(torrent);
  }

  /** ilp-bencode's reader alone: the value tree with offsets and exact bytes. */
  @Benchmark
  public BDictionary decode() {
    return Bencode.decodeDictionary(torrent);
  }

  /** The baseline: bt-bencoding's {@code BEParser} building its tree of the same bytes. */
  @Benchmark
  public BEMap btBencodingDecode() {
    try (BEParser parser = new BEParser(torrent)) {
      return parser.readMap();
    }
  }
}

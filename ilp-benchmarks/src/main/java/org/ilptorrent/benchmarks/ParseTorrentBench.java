package org.ilptorrent.benchmarks;

import bt.bencoding.serializers.BEEncoder;
import bt.bencoding.types.BEInteger;
import bt.bencoding.types.BEList;
import bt.bencoding.types.BEMap;
import bt.bencoding.types.BEString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
 * Time to parse a multi-file .torrent (issue goal: a 10,000-file torrent in under 50 ms). The
 * torrent has files of 1 MiB in nested folders and 1 MiB pieces.
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
    List<BEMap> entries = new ArrayList<>();
    for (int i = 0; i < files; i++) {
      entries.add(
          new BEMap(
              Map.of(
                  "length", new BEInteger(pieceLength),
                  "path",
                      new BEList(
                          List.of(
                              new BEString("dir-" + (i / 100)),
                              new BEString("file-" + i + ".bin"))))));
    }
    BEMap info =
        new BEMap(
            Map.of(
                "files", new BEList(entries),
                "name", new BEString("bench"),
                "piece length", new BEInteger(pieceLength),
                "pieces", new BEString(new byte[20 * files])));
    BEMap root =
        new BEMap(Map.of("announce", new BEString("http://127.0.0.1:8000/announce"), "info", info));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      BEEncoder.encoder().encode(root, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    torrent = out.toByteArray();
    if (TorrentInfo.parse(torrent).files().size() != files) {
      throw new IllegalStateException("bench torrent did not parse as built");
    }
  }

  /** Parses the whole torrent: scan, tree, sanitised file list, info hash. */
  @Benchmark
  public TorrentInfo parse() {
    return TorrentInfo.parse(torrent);
  }
}

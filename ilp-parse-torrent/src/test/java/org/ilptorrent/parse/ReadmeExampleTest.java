package org.ilptorrent.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.ilptorrent.bencode.BDictionary;
import org.ilptorrent.fixtures.ReadmeExample;
import org.ilptorrent.magnet.InfoHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadmeExampleTest {

  @Test
  void readmeExampleCompilesAndRuns(@TempDir Path dir) throws Exception {
    assertThat(
            ReadmeExample.run(
                ReadmeExample.moduleReadme(),
                dir,
                TorrentInfo.class,
                InfoHash.class,
                BDictionary.class))
        .containsExactly(
            "demo 8 bytes",
            "demo/a.txt @0",
            "demo/sub/b.txt @3",
            "magnet:?xt=urn:btih:"
                + TorrentInfo.parse(
                        ("d8:announce30:http://127.0.0.1:8000/announce4:infod5:filesld6:lengthi3e"
                                + "4:pathl5:a.txteed6:lengthi5e4:pathl3:sub5:b.txteee4:name4:demo"
                                + "12:piece lengthi16384e6:pieces20:AAAAAAAAAAAAAAAAAAAAee")
                            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))
                    .infoHash()
                + "&dn=demo&tr=http%3A%2F%2F127.0.0.1%3A8000%2Fannounce",
            "true",
            "true");
  }
}

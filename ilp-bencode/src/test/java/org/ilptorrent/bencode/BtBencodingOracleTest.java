package org.ilptorrent.bencode;

import static org.assertj.core.api.Assertions.assertThat;

import bt.bencoding.BEType;
import bt.bencoding.model.BEObject;
import bt.bencoding.serializers.BEParser;
import bt.bencoding.types.BEInteger;
import bt.bencoding.types.BEList;
import bt.bencoding.types.BEMap;
import bt.bencoding.types.BEString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * bt-bencoding (atomashpolskiy/bt) as an oracle: random values encoded by both are byte-identical,
 * and bt-bencoding reads back from our bytes the value we wrote.
 */
class BtBencodingOracleTest {
  private static final int CASES = 5_000;

  @Test
  void bothEncodeRandomValuesToTheSameBytes() throws IOException {
    Random random = new Random(0x0ac1eL);
    for (int i = 0; i < CASES; i++) {
      BValue value = RandomValues.value(random, 4);
      byte[] ours = Bencode.encode(value);
      ByteArrayOutputStream theirs = new ByteArrayOutputStream();
      toBt(value).writeTo(theirs);
      assertThat(ours).as("case %d: %s", i, value).isEqualTo(theirs.toByteArray());
    }
  }

  @Test
  void btBencodingReadsBackWhatWeWrote() {
    Random random = new Random(0xbacL);
    for (int i = 0; i < CASES; i++) {
      BValue value = RandomValues.value(random, 4);
      byte[] ours = Bencode.encode(value);
      BValue theirs;
      try (BEParser parser = new BEParser(ours)) {
        theirs = fromBt(read(parser));
      }
      assertThat(theirs).as("case %d", i).isEqualTo(value);
      assertThat(Bencode.decode(ours)).as("case %d", i).isEqualTo(value);
    }
  }

  private static BEObject<?> read(BEParser parser) {
    BEType type = parser.readType();
    switch (type) {
      case MAP:
        return parser.readMap();
      case LIST:
        return parser.readList();
      case INTEGER:
        return parser.readInteger();
      default:
        return parser.readString();
    }
  }

  private static BEObject<?> toBt(BValue v) {
    if (v instanceof BString s) {
      return new BEString(s.bytes());
    } else if (v instanceof BInteger i) {
      return new BEInteger(BigInteger.valueOf(i.value()));
    } else if (v instanceof BList l) {
      List<BEObject<?>> items = new ArrayList<>();
      l.items().forEach(item -> items.add(toBt(item)));
      return new BEList(items);
    }
    Map<String, BEObject<?>> map = new LinkedHashMap<>();
    ((BDictionary) v).entries().forEach((k, item) -> map.put(k.utf8(), toBt(item)));
    return new BEMap(map);
  }

  private static BValue fromBt(BEObject<?> o) {
    if (o instanceof BEString s) {
      return BString.of(s.getValue());
    } else if (o instanceof BEInteger i) {
      return new BInteger(i.longValueExact());
    } else if (o instanceof BEList l) {
      List<BValue> items = new ArrayList<>();
      l.getValue().forEach(item -> items.add(fromBt(item)));
      return new BList(items);
    }
    BDictionary.Builder d = BDictionary.builder();
    ((BEMap) o).getValue().forEach((k, item) -> d.put(k, fromBt(item)));
    return d.build();
  }
}

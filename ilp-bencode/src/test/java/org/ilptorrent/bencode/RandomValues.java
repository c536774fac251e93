package org.ilptorrent.bencode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random bencode values for property tests. */
final class RandomValues {
  private RandomValues() {}

  /** A random value nested at most {@code depth} deep; keys are UTF-8 text (any code point). */
  static BValue value(Random r, int depth) {
    int kind = r.nextInt(depth <= 0 ? 2 : 4);
    switch (kind) {
      case 0:
        return new BInteger(integer(r));
      case 1:
        {
          byte[] b = new byte[r.nextInt(r.nextInt(10) == 0 ? 300 : 12)];
          r.nextBytes(b);
          return BString.wrap(b);
        }
      case 2:
        {
          List<BValue> items = new ArrayList<>();
          for (int n = r.nextInt(6); n > 0; n--) {
            items.add(value(r, depth - 1));
          }
          return new BList(items);
        }
      default:
        {
          BDictionary.Builder d = BDictionary.builder();
          for (int n = r.nextInt(7); n > 0; n--) {
            d.put(BString.of(text(r)), value(r, depth - 1));
          }
          return d.build();
        }
    }
  }

  private static long integer(Random r) {
    switch (r.nextInt(4)) {
      case 0:
        return r.nextLong();
      case 1:
        return r.nextInt(21) - 10;
      case 2:
        return r.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE;
      default:
        return r.nextInt();
    }
  }

  /** Text of ASCII, two- and three-byte, and supplementary characters. */
  static String text(Random r) {
    StringBuilder s = new StringBuilder();
    for (int n = r.nextInt(6); n > 0; n--) {
      switch (r.nextInt(4)) {
        case 0:
          s.appendCodePoint(0x80 + r.nextInt(0x780));
          break;
        case 1:
          {
            int cp = 0x800 + r.nextInt(0xF800);
            s.appendCodePoint(cp >= 0xD800 && cp < 0xE000 ? 0xE000 + (cp & 0xFFF) : cp);
            break;
          }
        case 2:
          s.appendCodePoint(0x10000 + r.nextInt(0x100000));
          break;
        default:
          s.append((char) (0x20 + r.nextInt(0x5F)));
      }
    }
    return new String(s.toString().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
  }
}

package org.ilptorrent.parse.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.ilptorrent.parse.InvalidTorrentException;

/**
 * Checks bencoded bytes strictly before a tree is built from them, and remembers where each field
 * starts so that errors can name a byte offset.
 *
 * <p>It covers what the tree builder does not: nesting depth (without recursion, so hostile input
 * cannot overflow the stack), trailing bytes, duplicate and non-UTF-8 dictionary keys, integers
 * with leading zeros or {@code -0}, and string lengths past the end of the input. Dictionary keys
 * out of order are accepted, since real torrents have them, and reported through {@link
 * Result#canonical()}.
 */
public final class BencodeScanner {
  /** How deep below the top-level dictionary paths are remembered; deeper fields have none. */
  private static final int RECORDED_DEPTH = 4;

  private BencodeScanner() {}

  /**
   * What a scan found: where fields start, the exact bytes of each top-level value, and whether
   * keys were in canonical order.
   */
  public record Result(
      Map<String, Integer> offsets, Map<String, byte[]> topLevel, boolean canonical) {
    /** The offset at which {@code path} starts, or -1 when it was not recorded. */
    public int offsetOf(String path) {
      return offsets.getOrDefault(path, -1);
    }
  }

  /** A dictionary or list being scanned. */
  private static final class Frame {
    final boolean dict;
    final String path;
    final int depth;
    final int start;
    int index;
    String key;
    byte[] lastKey;
    Set<String> keys;

    Frame(boolean dict, String path, int depth, int start) {
      this.dict = dict;
      this.path = path;
      this.depth = depth;
      this.start = start;
    }

    String childPath() {
      if (dict) {
        return path.isEmpty() ? key : path + "." + key;
      }
      return path + "[" + index + "]";
    }
  }

  /**
   * Scans {@code data}, which must hold exactly one bencoded dictionary.
   *
   * @throws InvalidTorrentException naming the offset of the first fault
   */
  public static Result scan(byte[] data, int maxDepth) {
    if (data.length == 0 || data[0] != 'd') {
      throw new InvalidTorrentException(null, 0, "not a bencoded dictionary");
    }
    Map<String, Integer> offsets = new HashMap<>();
    Map<String, byte[]> topLevel = new HashMap<>();
    boolean canonical = true;
    Deque<Frame> stack = new ArrayDeque<>();
    int pos = 0;
    do {
      Frame top = stack.peek();
      if (pos >= data.length) {
        throw new InvalidTorrentException(
            top == null ? null : fieldName(top.path), pos, "truncated: input ends inside a value");
      }
      byte b = data[pos];
      if (top != null && b == 'e') {
        if (top.dict && top.key != null) {
          throw new InvalidTorrentException(fieldName(top.childPath()), pos, "key has no value");
        }
        stack.pop();
        pos++;
        if (top.depth == 1) {
          topLevel.put(top.path, Arrays.copyOfRange(data, top.start, pos));
        }
        continue;
      }
      if (top != null && top.dict && top.key == null) {
        // A dictionary key: a UTF-8 string, unique, ideally greater than the one before.
        int keyStart = pos;
        int[] span = stringSpan(data, pos, top.path);
        byte[] key = Arrays.copyOfRange(data, span[0], span[1]);
        String name = utf8(key, top.path, keyStart);
        if (top.keys == null) {
          top.keys = new HashSet<>();
        }
        if (!top.keys.add(name)) {
          throw new InvalidTorrentException(
              fieldName(top.path.isEmpty() ? name : top.path + "." + name),
              keyStart,
              "duplicate dictionary key");
        }
        if (top.lastKey != null && Arrays.compareUnsigned(top.lastKey, key) > 0) {
          canonical = false;
        }
        top.lastKey = key;
        top.key = name;
        pos = span[1];
        continue;
      }
      String path = top == null ? "" : top.childPath();
      int depth = top == null ? 0 : top.depth + 1;
      if (top != null && depth <= RECORDED_DEPTH) {
        offsets.put(path, pos);
      }
      if (b == 'd' || b == 'l') {
        if (depth > maxDepth) {
          throw new InvalidTorrentException(fieldName(path), pos, "nested deeper than " + maxDepth);
        }
        advance(top);
        stack.push(new Frame(b == 'd', path, depth, pos));
        pos++;
      } else if (b == 'i' || (b >= '0' && b <= '9')) {
        int start = pos;
        pos = b == 'i' ? integerEnd(data, pos, path) : stringSpan(data, pos, path)[1];
        if (depth == 1) {
          topLevel.put(path, Arrays.copyOfRange(data, start, pos));
        }
        advance(top);
      } else {
        throw new InvalidTorrentException(
            fieldName(path), pos, "unexpected byte 0x" + Integer.toHexString(b & 0xFF));
      }
    } while (!stack.isEmpty());
    if (pos != data.length) {
      throw new InvalidTorrentException(
          null, pos, (data.length - pos) + " trailing bytes after the torrent");
    }
    return new Result(offsets, topLevel, canonical);
  }

  private static void advance(Frame top) {
    if (top == null) {
      return;
    }
    if (top.dict) {
      top.key = null;
    } else {
      top.index++;
    }
  }

  /** The [start, end) of a string's bytes; {@code pos} points at its length prefix. */
  private static int[] stringSpan(byte[] data, int pos, String path) {
    int start = pos;
    long length = 0;
    int digits = 0;
    while (pos < data.length && data[pos] >= '0' && data[pos] <= '9') {
      length = length * 10 + (data[pos] - '0');
      digits++;
      pos++;
      if (digits > 10) {
        throw new InvalidTorrentException(fieldName(path), start, "string length is too large");
      }
    }
    if (digits == 0) {
      throw new InvalidTorrentException(fieldName(path), start, "expected a string");
    }
    if (digits > 1 && data[start] == '0') {
      throw new InvalidTorrentException(fieldName(path), start, "string length has a leading zero");
    }
    if (pos >= data.length || data[pos] != ':') {
      throw new InvalidTorrentException(
          fieldName(path), pos, "string length is not followed by ':'");
    }
    pos++;
    if (length > data.length - pos) {
      throw new InvalidTorrentException(
          fieldName(path), start, "truncated: string of " + length + " bytes runs past the end");
    }
    return new int[] {pos, (int) (pos + length)};
  }

  /** The offset just past an integer; {@code pos} points at its {@code i}. */
  private static int integerEnd(byte[] data, int pos, String path) {
    int start = pos++;
    boolean negative = pos < data.length && data[pos] == '-';
    if (negative) {
      pos++;
    }
    int first = pos;
    while (pos < data.length && data[pos] >= '0' && data[pos] <= '9') {
      pos++;
    }
    int digits = pos - first;
    if (pos >= data.length) {
      throw new InvalidTorrentException(fieldName(path), start, "truncated: integer has no end");
    }
    if (digits == 0 || data[pos] != 'e') {
      throw new InvalidTorrentException(fieldName(path), start, "malformed integer");
    }
    if (digits > 19) {
      throw new InvalidTorrentException(fieldName(path), start, "integer is out of range");
    }
    if ((digits > 1 && data[first] == '0') || (negative && data[first] == '0')) {
      throw new InvalidTorrentException(fieldName(path), start, "integer has a leading zero");
    }
    return pos + 1;
  }

  private static String utf8(byte[] key, String path, int offset) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(key))
          .toString();
    } catch (CharacterCodingException e) {
      throw new InvalidTorrentException(fieldName(path), offset, "dictionary key is not UTF-8");
    }
  }

  private static String fieldName(String path) {
    return path.isEmpty() ? null : path;
  }
}

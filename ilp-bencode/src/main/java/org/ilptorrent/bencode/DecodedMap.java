package org.ilptorrent.bencode;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The entries of a dictionary read from input, in input order, with where each value starts and the
 * dictionary's own bytes. Small dictionaries (most of a torrent's) are searched in place; larger
 * ones get a hash index.
 */
final class DecodedMap extends AbstractMap<BString, BValue> {
  private static final int INDEXED = 8;

  final byte[] source;
  final int start;
  final int end;
  private final BString[] keys;
  private final BValue[] values;
  private final int[] offsets;
  private final Map<BString, Integer> index;

  DecodedMap(byte[] source, int start, int end, BString[] keys, BValue[] values, int[] offsets) {
    this.source = source;
    this.start = start;
    this.end = end;
    this.keys = keys;
    this.values = values;
    this.offsets = offsets;
    if (keys.length > INDEXED) {
      index = new HashMap<>(keys.length * 2);
      for (int i = 0; i < keys.length; i++) {
        index.put(keys[i], i);
      }
    } else {
      index = null;
    }
  }

  int indexOf(Object key) {
    if (!(key instanceof BString k)) {
      return -1;
    }
    if (index != null) {
      Integer i = index.get(k);
      return i == null ? -1 : i;
    }
    for (int i = 0; i < keys.length; i++) {
      if (keys[i].equals(k)) {
        return i;
      }
    }
    return -1;
  }

  int indexOf(String key) {
    if (index != null) {
      return indexOf(BString.of(key));
    }
    for (int i = 0; i < keys.length; i++) {
      if (keys[i].contentEquals(key)) {
        return i;
      }
    }
    return -1;
  }

  BValue get(String key) {
    int i = indexOf(key);
    return i < 0 ? null : values[i];
  }

  int offsetAt(int i) {
    return offsets[i];
  }

  @Override
  public BValue get(Object key) {
    int i = indexOf(key);
    return i < 0 ? null : values[i];
  }

  @Override
  public boolean containsKey(Object key) {
    return indexOf(key) >= 0;
  }

  @Override
  public int size() {
    return keys.length;
  }

  byte[] encoded() {
    return Arrays.copyOfRange(source, start, end);
  }

  @Override
  public Set<Entry<BString, BValue>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Entry<BString, BValue>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < keys.length;
          }

          @Override
          public Entry<BString, BValue> next() {
            if (next >= keys.length) {
              throw new NoSuchElementException();
            }
            int i = next++;
            return new SimpleImmutableEntry<>(keys[i], values[i]);
          }
        };
      }

      @Override
      public int size() {
        return keys.length;
      }
    };
  }
}

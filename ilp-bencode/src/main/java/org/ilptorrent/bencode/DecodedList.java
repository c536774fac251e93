package org.ilptorrent.bencode;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;

/** The items of a list read from input, with where each starts and the list's own bytes. */
final class DecodedList extends AbstractList<BValue> implements RandomAccess {
  final byte[] source;
  final int start;
  final int end;
  private final BValue[] values;
  private final int[] offsets;

  DecodedList(byte[] source, int start, int end, BValue[] values, int[] offsets) {
    this.source = source;
    this.start = start;
    this.end = end;
    this.values = values;
    this.offsets = offsets;
  }

  @Override
  public BValue get(int index) {
    return values[index];
  }

  @Override
  public int size() {
    return values.length;
  }

  int offsetOf(int index) {
    return offsets[index];
  }

  byte[] encoded() {
    return Arrays.copyOfRange(source, start, end);
  }
}

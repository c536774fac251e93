package org.ilptorrent.bencode;

import java.util.List;

/**
 * A bencoded list, in order.
 *
 * @param items the items; unmodifiable
 */
public record BList(List<BValue> items) implements BValue {

  /** Copies {@code items} unless they were read from input (those are already immutable). */
  public BList {
    if (!(items instanceof DecodedList)) {
      items = List.copyOf(items);
    }
  }

  /** A list of {@code items}. */
  public static BList of(BValue... items) {
    return new BList(List.of(items));
  }

  /** The item at {@code index}. */
  public BValue get(int index) {
    return items.get(index);
  }

  /** How many items. */
  public int size() {
    return items.size();
  }

  /**
   * The byte offset in the input where the item at {@code index} starts, or -1 when this list was
   * not read from input.
   */
  public int offsetOf(int index) {
    return items instanceof DecodedList d ? d.offsetOf(index) : -1;
  }

  /** The byte offset in the input where this list starts, or -1 when it was not read from input. */
  public int offset() {
    return items instanceof DecodedList d ? d.start : -1;
  }

  /** For a list read from input, the exact input bytes of it; otherwise the canonical encoding. */
  @Override
  public byte[] encoded() {
    return items instanceof DecodedList d ? d.encoded() : Bencode.encode(this);
  }

  /** Whether this list was read from input, so that {@link #encoded()} is the input's bytes. */
  public boolean isDecoded() {
    return items instanceof DecodedList;
  }

  @Override
  public String toString() {
    return BencodeWriter.describe(this);
  }
}

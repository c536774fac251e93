package org.ilptorrent.bencode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes bencode into a growing byte array, canonically: dictionary keys in unsigned byte order,
 * integers and lengths in their one allowed form. Values can be given whole ({@link
 * #value(BValue)}) or piece by piece ({@link #beginDictionary()}, {@link #key(String)}, ..., {@link
 * #end()}), in which case keys must come in order; already-encoded bytes go in verbatim through
 * {@link #raw(byte[])} or {@link #exact(BValue)}.
 *
 * <p>Writing does not recurse, so any depth the reader accepted can be written back. Misuse (a
 * value where a key is due, a key out of order, {@link #end()} with nothing open) throws {@link
 * IllegalStateException} or {@link IllegalArgumentException}: encoders are strict.
 *
 * <p>Not thread-safe.
 */
public final class BencodeWriter {
  private static final int DESCRIBED = 2_000;

  private byte[] buf = new byte[256];
  private int size;
  private final Deque<Open> open = new ArrayDeque<>();

  /** A container opened with {@link #beginList()} or {@link #beginDictionary()}. */
  private static final class Open {
    final boolean dict;
    BString lastKey;
    boolean keyDue;

    Open(boolean dict) {
      this.dict = dict;
      this.keyDue = dict;
    }
  }

  /** An empty writer. */
  public BencodeWriter() {}

  /** Writes {@code value} canonically, whatever order a dictionary read from input had. */
  public BencodeWriter value(BValue value) {
    beforeValue();
    write(Objects.requireNonNull(value, "value"), false);
    return afterValue();
  }

  /**
   * Writes {@code value}, but each dictionary or list in it that was read from input as its exact
   * input bytes (see {@link BDictionary#encoded()}): the way to put a torrent's info dictionary
   * back unchanged, so its info hash stays what it was.
   */
  public BencodeWriter exact(BValue value) {
    beforeValue();
    write(Objects.requireNonNull(value, "value"), true);
    return afterValue();
  }

  /**
   * Writes {@code encoded}, one value's bencoding, verbatim. It is not checked: pass only bytes
   * that a writer made or a reader accepted.
   */
  public BencodeWriter raw(byte[] encoded) {
    beforeValue();
    put(encoded, 0, encoded.length);
    return afterValue();
  }

  /** Writes an integer. */
  public BencodeWriter integer(long value) {
    beforeValue();
    writeInteger(value);
    return afterValue();
  }

  /** Writes a byte string. */
  public BencodeWriter string(byte[] value) {
    beforeValue();
    writeString(value, 0, value.length);
    return afterValue();
  }

  /** Writes the UTF-8 bytes of {@code value}. */
  public BencodeWriter string(String value) {
    return string(value.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes a byte string. */
  public BencodeWriter string(BString value) {
    beforeValue();
    writeString(value.source(), value.from(), value.to());
    return afterValue();
  }

  /** Opens a list; close it with {@link #end()}. */
  public BencodeWriter beginList() {
    beforeValue();
    put('l');
    open.push(new Open(false));
    return this;
  }

  /**
   * Opens a dictionary; give keys in order with {@link #key(String)}; close it with {@link #end()}.
   */
  public BencodeWriter beginDictionary() {
    beforeValue();
    put('d');
    open.push(new Open(true));
    return this;
  }

  /**
   * Writes the next key of the open dictionary.
   *
   * @throws IllegalStateException when no dictionary is open or its key was already given
   * @throws IllegalArgumentException when {@code key} is not after the previous key in byte order
   */
  public BencodeWriter key(BString key) {
    Open top = open.peek();
    if (top == null || !top.dict || !top.keyDue) {
      throw new IllegalStateException("no dictionary key is due here");
    }
    if (top.lastKey != null && top.lastKey.compareTo(key) >= 0) {
      throw new IllegalArgumentException(
          "dictionary key " + key + " is not after " + top.lastKey + " in byte order");
    }
    writeString(key.source(), key.from(), key.to());
    top.lastKey = key;
    top.keyDue = false;
    return this;
  }

  /** Writes the next key, the UTF-8 bytes of {@code key}. */
  public BencodeWriter key(String key) {
    return key(BString.of(key));
  }

  /** Closes the innermost open list or dictionary. */
  public BencodeWriter end() {
    Open top = open.peek();
    if (top == null) {
      throw new IllegalStateException("nothing is open");
    }
    if (top.dict && !top.keyDue) {
      throw new IllegalStateException("key " + top.lastKey + " has no value");
    }
    open.pop();
    put('e');
    return afterValue();
  }

  /** How many bytes have been written. */
  public int size() {
    return size;
  }

  /**
   * The bytes written.
   *
   * @throws IllegalStateException when a list or dictionary is still open
   */
  public byte[] toByteArray() {
    if (!open.isEmpty()) {
      throw new IllegalStateException(open.size() + " lists or dictionaries are still open");
    }
    return Arrays.copyOf(buf, size);
  }

  private void beforeValue() {
    Open top = open.peek();
    if (top != null && top.dict && top.keyDue) {
      throw new IllegalStateException("a dictionary key is due here, not a value");
    }
  }

  private BencodeWriter afterValue() {
    Open top = open.peek();
    if (top != null && top.dict) {
      top.keyDue = true;
    }
    return this;
  }

  /** Writes a value tree without recursion: a stack of iterators over items or entries. */
  private void write(BValue root, boolean exact) {
    Deque<Iterator<?>> stack = new ArrayDeque<>();
    Object next = root;
    while (true) {
      BValue v;
      if (next instanceof Map.Entry<?, ?> e) {
        BString key = (BString) e.getKey();
        writeString(key.source(), key.from(), key.to());
        v = (BValue) e.getValue();
      } else {
        v = (BValue) next;
      }
      if (v instanceof BString s) {
        writeString(s.source(), s.from(), s.to());
      } else if (v instanceof BInteger i) {
        writeInteger(i.value());
      } else if (v instanceof BList l) {
        if (exact && l.items() instanceof DecodedList d) {
          put(d.source, d.start, d.end - d.start);
        } else {
          put('l');
          stack.push(l.items().iterator());
        }
      } else if (v instanceof BDictionary d) {
        if (exact && d.entries() instanceof DecodedMap m) {
          put(m.source, m.start, m.end - m.start);
        } else {
          put('d');
          stack.push(inKeyOrder(d.entries()));
        }
      }
      while (!stack.isEmpty() && !stack.peek().hasNext()) {
        stack.pop();
        put('e');
      }
      if (stack.isEmpty()) {
        return;
      }
      next = stack.peek().next();
    }
  }

  /** The entries in unsigned byte order of their keys; no sort when they already are. */
  private static Iterator<Map.Entry<BString, BValue>> inKeyOrder(Map<BString, BValue> entries) {
    BString last = null;
    boolean sorted = true;
    for (BString key : entries.keySet()) {
      if (last != null && last.compareTo(key) > 0) {
        sorted = false;
        break;
      }
      last = key;
    }
    if (sorted) {
      return entries.entrySet().iterator();
    }
    @SuppressWarnings("unchecked")
    Map.Entry<BString, BValue>[] array = entries.entrySet().toArray(new Map.Entry[0]);
    Arrays.sort(array, Map.Entry.comparingByKey());
    return List.of(array).iterator();
  }

  private void writeInteger(long value) {
    put('i');
    putAscii(Long.toString(value));
    put('e');
  }

  private void writeString(byte[] data, int from, int to) {
    putAscii(Integer.toString(to - from));
    put(':');
    put(data, from, to - from);
  }

  private void putAscii(String s) {
    ensure(s.length());
    for (int i = 0; i < s.length(); i++) {
      buf[size++] = (byte) s.charAt(i);
    }
  }

  private void put(int b) {
    ensure(1);
    buf[size++] = (byte) b;
  }

  private void put(byte[] data, int from, int length) {
    ensure(length);
    System.arraycopy(data, from, buf, size, length);
    size += length;
  }

  private void ensure(int more) {
    if (more > buf.length - size) {
      long wanted = Math.max((long) buf.length * 2, (long) size + more);
      if (wanted > Integer.MAX_VALUE - 8) {
        if ((long) size + more > Integer.MAX_VALUE - 8) {
          throw new OutOfMemoryError("bencoding is over 2 GiB");
        }
        wanted = Integer.MAX_VALUE - 8;
      }
      buf = Arrays.copyOf(buf, (int) wanted);
    }
  }

  /**
   * A readable rendering for {@code toString()}: {@code {announce: http://..., info: {...}}},
   * without recursion and cut after about 2,000 characters.
   */
  static String describe(BValue root) {
    StringBuilder out = new StringBuilder();
    Deque<Iterator<?>> stack = new ArrayDeque<>();
    Deque<Character> closers = new ArrayDeque<>();
    Object next = root;
    boolean first = true;
    while (out.length() < DESCRIBED) {
      if (!first) {
        out.append(", ");
      }
      BValue v;
      if (next instanceof Map.Entry<?, ?> e) {
        out.append(e.getKey()).append(": ");
        v = (BValue) e.getValue();
      } else {
        v = (BValue) next;
      }
      first = false;
      if (v instanceof BList l) {
        out.append('[');
        stack.push(l.items().iterator());
        closers.push(']');
        first = true;
      } else if (v instanceof BDictionary d) {
        out.append('{');
        stack.push(d.entries().entrySet().iterator());
        closers.push('}');
        first = true;
      } else {
        out.append(v);
      }
      while (!stack.isEmpty() && !stack.peek().hasNext()) {
        stack.pop();
        out.append(closers.pop());
        first = false;
      }
      if (stack.isEmpty()) {
        return out.toString();
      }
      next = stack.peek().next();
    }
    return out.append("...").toString();
  }
}

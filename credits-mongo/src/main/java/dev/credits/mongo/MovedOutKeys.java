package dev.credits.mongo;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.bson.types.Binary;

/**
 * A Bloom filter, kept in the wallet document, over every idempotency key whose record was moved
 * out to a document of its own. "Not in it" is certain (no false negatives): a keyed command whose
 * key is neither in the wallet's recent records nor in this filter was never applied, so it needs
 * no read of a moved-out record. "Maybe in it" (about 2 % of new keys after 2,000 moved-out keys,
 * 15 % after 4,000, more later) only means the key's record must be looked up, as without the
 * filter. The size is fixed ({@value #BYTES} bytes), so the cost never grows with the history.
 *
 * <p>The hash is FNV-1a 64 of the key's UTF-8 bytes with double hashing: the same in every JVM and
 * every process, since the filter is shared through the document. Immutable.
 */
final class MovedOutKeys {
  static final int BYTES = 2048;
  private static final int BITS = BYTES * 8;
  private static final int HASHES = 4;
  /** Nothing was ever moved out. */
  static final MovedOutKeys NONE = new MovedOutKeys(new byte[BYTES]);
  /** Unknown (a document written before the filter existed): every key may have been moved out. */
  static final MovedOutKeys UNKNOWN = new MovedOutKeys(null);

  private final byte[] bits;

  private MovedOutKeys(byte[] bits) {
    this.bits = bits;
  }

  /** The filter stored in a document, or {@link #NONE} / {@link #UNKNOWN} when the field is absent. */
  static MovedOutKeys of(Binary stored, boolean anyMovedOut) {
    if (stored == null) {
      return anyMovedOut ? UNKNOWN : NONE;
    }
    byte[] data = stored.getData();
    return data.length == BYTES ? new MovedOutKeys(data.clone()) : UNKNOWN;
  }

  /** The value to store, or null when nothing was moved out yet or the filter is unknown. */
  Binary toBinary() {
    return bits == null || this == NONE ? null : new Binary(bits.clone());
  }

  /** True unless {@code key} was certainly never added. */
  boolean mightContain(String key) {
    if (bits == null) {
      return true;
    }
    long h1 = fnv(key);
    long h2 = mix(h1) | 1;
    for (int i = 0; i < HASHES; i++) {
      int bit = (int) Long.remainderUnsigned(h1 + i * h2, BITS);
      if ((bits[bit >>> 3] & (1 << (bit & 7))) == 0) {
        return false;
      }
    }
    return true;
  }

  /** This filter with more keys. */
  MovedOutKeys with(List<String> keys) {
    if (bits == null || keys.isEmpty()) {
      return this;
    }
    byte[] next = Arrays.copyOf(bits, BYTES);
    for (String key : keys) {
      long h1 = fnv(key);
      long h2 = mix(h1) | 1;
      for (int i = 0; i < HASHES; i++) {
        int bit = (int) Long.remainderUnsigned(h1 + i * h2, BITS);
        next[bit >>> 3] |= (byte) (1 << (bit & 7));
      }
    }
    return new MovedOutKeys(next);
  }

  private static long fnv(String key) {
    long h = 0xcbf29ce484222325L;
    for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }

  /** The SplitMix64 finaliser: a second, independent-looking hash from the first. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}

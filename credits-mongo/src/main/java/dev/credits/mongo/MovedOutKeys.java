package dev.credits.mongo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bson.Document;

/**
 * A Bloom filter, kept in the wallet document, over every idempotency key whose record was moved
 * out to a document of its own. "Not in it" is certain (no false negatives): a keyed command whose
 * key is neither in the wallet's recent records nor in this filter was never applied, so it needs
 * no read of a moved-out record. "Maybe in it" (about 2 % of new keys after 2,000 moved-out keys,
 * 15 % after 4,000, more later) only means the key's record must be looked up, as without the
 * filter. The size is fixed ({@value #WORDS} words of {@value #WORD_BITS} bits), so the cost never
 * grows with the history.
 *
 * <p>It is stored as an array of {@value #WORDS} non-negative 64-bit integers holding
 * {@value #WORD_BITS} bits each, not as binary data: a query can then test a key's bits on the
 * server ({@link #clearOf}), with arithmetic that is exact in a double, so that a quick spend
 * proves its key new in the same update that applies it.
 *
 * <p>The hash is FNV-1a 64 of the key's UTF-8 bytes with double hashing: the same in every JVM and
 * every process, since the filter is shared through the document. Immutable.
 */
final class MovedOutKeys {
  static final int WORDS = 316;
  static final int WORD_BITS = 52;
  private static final int BITS = WORDS * WORD_BITS;
  private static final int HASHES = 4;
  /** Nothing was ever moved out. */
  static final MovedOutKeys NONE = new MovedOutKeys(new long[WORDS]);
  /** Unknown (a stored value this code cannot read): every key may have been moved out. */
  static final MovedOutKeys UNKNOWN = new MovedOutKeys(null);

  private final long[] words;

  private MovedOutKeys(long[] words) {
    this.words = words;
  }

  /** The filter stored in a document: {@link #NONE} when the field is absent, {@link #UNKNOWN} when unreadable. */
  static MovedOutKeys of(Object stored) {
    if (stored == null) {
      return NONE;
    }
    if (!(stored instanceof List) || ((List<?>) stored).size() != WORDS) {
      return UNKNOWN;
    }
    long[] words = new long[WORDS];
    List<?> list = (List<?>) stored;
    for (int i = 0; i < WORDS; i++) {
      if (!(list.get(i) instanceof Number)) {
        return UNKNOWN;
      }
      words[i] = ((Number) list.get(i)).longValue();
    }
    return new MovedOutKeys(words);
  }

  /** The value to store, or null when nothing was moved out yet or the filter is unknown. */
  List<Long> toStored() {
    if (words == null || this == NONE) {
      return null;
    }
    List<Long> out = new ArrayList<>(WORDS);
    for (long w : words) {
      out.add(w);
    }
    return out;
  }

  /** True unless {@code key} was certainly never added. */
  boolean mightContain(String key) {
    if (words == null) {
      return true;
    }
    for (int bit : bits(key)) {
      if ((words[bit / WORD_BITS] & (1L << (bit % WORD_BITS))) == 0) {
        return false;
      }
    }
    return true;
  }

  /** This filter with more keys. */
  MovedOutKeys with(List<String> keys) {
    if (words == null || keys.isEmpty()) {
      return this;
    }
    long[] next = Arrays.copyOf(words, WORDS);
    for (String key : keys) {
      for (int bit : bits(key)) {
        next[bit / WORD_BITS] |= 1L << (bit % WORD_BITS);
      }
    }
    return new MovedOutKeys(next);
  }

  /**
   * A query condition ({@code $expr}) that holds exactly when the filter stored in
   * {@code field} certainly does not contain {@code key}: at least one of the key's bits is clear
   * (an absent field is an empty filter). Bit {@code b} of word {@code v} is
   * {@code floor(v / 2^b) mod 2}; every value involved is below 2^53, so the division is exact.
   */
  static Document clearOf(String field, String key) {
    List<Document> clear = new ArrayList<>(HASHES);
    for (int bit : bits(key)) {
      Document word = new Document("$ifNull", List.of(
          new Document("$arrayElemAt", List.of("$" + field, bit / WORD_BITS)), 0L));
      Document shifted = new Document("$floor", new Document("$divide", List.of(word, 1L << (bit % WORD_BITS))));
      clear.add(new Document("$eq", List.of(new Document("$mod", List.of(shifted, 2L)), 0L)));
    }
    return new Document("$expr", new Document("$or", clear));
  }

  private static int[] bits(String key) {
    long h1 = fnv(key);
    long h2 = mix(h1) | 1;
    int[] out = new int[HASHES];
    for (int i = 0; i < HASHES; i++) {
      out[i] = (int) Long.remainderUnsigned(h1 + i * h2, BITS);
    }
    return out;
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

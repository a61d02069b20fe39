package dev.credits.mongo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bson.Document;

/**
 * Bloom filters, kept in the wallet document, over the idempotency keys whose records were moved
 * out to documents of their own, in two generations: {@code cur} takes new keys, {@code prev} is
 * the one before. "In neither" is certain (no false negatives): a keyed command whose key is neither
 * in the wallet's recent records nor in these filters was never applied within {@link #RETENTION},
 * so it needs no read of a moved-out record. "Maybe" only means the key's record must be looked up.
 *
 * <p>A full {@code cur} ({@value #GENERATION} keys or more) becomes {@code prev} as soon as the
 * old {@code prev} holds only keys moved out more than {@link #RETENTION} ago; those are forgotten.
 * So the filters hold the keys of at most two generations, and of no more than the last
 * {@code RETENTION} once a wallet moves out fewer than {@value #GENERATION} keys per
 * {@code RETENTION}: under 2 % of new keys get a "maybe" whatever the length of the history. (A
 * wallet that moves out keys faster fills {@code cur} beyond a generation until the retention has
 * passed, and more of its keys get a "maybe": the cost follows the rate, never the history.)
 *
 * <p>Each filter is stored as an array of {@value #WORDS} non-negative 64-bit integers holding
 * {@value #WORD_BITS} bits each, not as binary data: a query can then test a key's bits on the
 * server ({@link #clearOf}), with arithmetic that is exact in a double, so that a quick write
 * proves its key new in the same update that applies it.
 *
 * <p>The hash is FNV-1a 64 of the key's UTF-8 bytes with double hashing: the same in every JVM and
 * every process, since the filters are shared through the document. Immutable.
 */
final class MovedOutKeys {
  /** How long a moved-out key is remembered at least; its record in {@code wallet_keys} lives as long. */
  static final Duration RETENTION = Duration.ofDays(7);
  static final int WORDS = 316;
  static final int WORD_BITS = 52;
  /** The keys a generation takes before it may be retired. */
  static final int GENERATION = 1_500;
  private static final int BITS = WORDS * WORD_BITS;
  private static final int HASHES = 4;
  /** Nothing was ever moved out. */
  static final MovedOutKeys NONE = new MovedOutKeys(new long[WORDS], 0, Long.MIN_VALUE, null, Long.MIN_VALUE);
  /** Unknown (a stored value this code cannot read): every key may have been moved out. */
  static final MovedOutKeys UNKNOWN = new MovedOutKeys(null, 0, Long.MIN_VALUE, null, Long.MIN_VALUE);

  private final long[] cur;
  private final long count;
  private final long newest;
  private final long[] prev;
  private final long prevNewest;

  private MovedOutKeys(long[] cur, long count, long newest, long[] prev, long prevNewest) {
    this.cur = cur;
    this.count = count;
    this.newest = newest;
    this.prev = prev;
    this.prevNewest = prevNewest;
  }

  /** The filters stored in a document: {@link #NONE} when the field is absent, {@link #UNKNOWN} when unreadable. */
  static MovedOutKeys of(Object stored) {
    if (stored == null) {
      return NONE;
    }
    if (!(stored instanceof Document)) {
      return UNKNOWN;
    }
    Document d = (Document) stored;
    long[] cur = words(d.get("cur"));
    Object prevStored = d.get("prev");
    long[] prev = prevStored == null ? null : words(prevStored);
    if (cur == null || (prevStored != null && prev == null) || !(d.get("n") instanceof Number)
        || !(d.get("newest") instanceof Number) || !(d.get("prevNewest") instanceof Number)) {
      return UNKNOWN;
    }
    return new MovedOutKeys(cur, Bsons.longValue(d, "n"), Bsons.longValue(d, "newest"), prev,
        Bsons.longValue(d, "prevNewest"));
  }

  private static long[] words(Object stored) {
    if (!(stored instanceof List) || ((List<?>) stored).size() != WORDS) {
      return null;
    }
    long[] words = new long[WORDS];
    List<?> list = (List<?>) stored;
    for (int i = 0; i < WORDS; i++) {
      if (!(list.get(i) instanceof Number)) {
        return null;
      }
      words[i] = ((Number) list.get(i)).longValue();
    }
    return words;
  }

  /** The value to store, or null when nothing was moved out yet or the filters are unknown. */
  Document toStored() {
    if (cur == null || this == NONE) {
      return null;
    }
    return new Document("cur", list(cur)).append("n", count).append("newest", newest)
        .append("prev", prev == null ? null : list(prev)).append("prevNewest", prevNewest);
  }

  private static List<Long> list(long[] words) {
    List<Long> out = new ArrayList<>(WORDS);
    for (long w : words) {
      out.add(w);
    }
    return out;
  }

  /** True unless {@code key} was certainly not moved out within the retention. */
  boolean mightContain(String key) {
    if (cur == null) {
      return true;
    }
    int[] bits = bits(key);
    return contains(cur, bits) || (prev != null && contains(prev, bits));
  }

  private static boolean contains(long[] words, int[] bits) {
    for (int bit : bits) {
      if ((words[bit / WORD_BITS] & (1L << (bit % WORD_BITS))) == 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * These filters with more keys, moved out at {@code now}: first retiring a full {@code cur} to
   * {@code prev} when the old {@code prev} is past the retention.
   */
  MovedOutKeys with(List<String> keys, Instant now) {
    if (cur == null || keys.isEmpty()) {
      return this;
    }
    long at = now.toEpochMilli();
    long[] nextCur = cur;
    long nextCount = count;
    long[] nextPrev = prev;
    long nextPrevNewest = prevNewest;
    boolean prevExpired = prev == null || prevNewest < at - RETENTION.toMillis();
    if (count >= GENERATION && prevExpired) {
      nextPrev = cur;
      nextPrevNewest = newest;
      nextCur = new long[WORDS];
      nextCount = 0;
    } else if (prev != null && prevExpired) {
      nextPrev = null; // every key in it is past the retention: forget them, fewer "maybe"s
      nextPrevNewest = Long.MIN_VALUE;
    }
    long[] added = Arrays.copyOf(nextCur, WORDS);
    for (String key : keys) {
      for (int bit : bits(key)) {
        added[bit / WORD_BITS] |= 1L << (bit % WORD_BITS);
      }
    }
    return new MovedOutKeys(added, nextCount + keys.size(), Math.max(newest, at), nextPrev, nextPrevNewest);
  }

  /**
   * A query condition ({@code $expr}) that holds exactly when the filters stored in {@code field}
   * certainly do not contain {@code key}: in each generation, at least one of the key's bits is
   * clear (an absent filter is empty). Bit {@code b} of word {@code v} is
   * {@code floor(v / 2^b) mod 2}; every value involved is below 2^53, so the division is exact.
   */
  static Document clearOf(String field, String key) {
    int[] bits = bits(key);
    return new Document("$expr", new Document("$and", List.of(clearIn("$" + field + ".cur", bits),
        clearIn("$" + field + ".prev", bits))));
  }

  private static Document clearIn(String path, int[] bits) {
    List<Document> clear = new ArrayList<>(HASHES);
    for (int bit : bits) {
      Document word = new Document("$ifNull", List.of(new Document("$arrayElemAt", List.of(path, bit / WORD_BITS)),
          0L));
      Document shifted = new Document("$floor", new Document("$divide", List.of(word, 1L << (bit % WORD_BITS))));
      clear.add(new Document("$eq", List.of(new Document("$mod", List.of(shifted, 2L)), 0L)));
    }
    return new Document("$or", clear);
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

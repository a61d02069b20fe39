package dev.credits.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the filter of moved-out idempotency keys")
class MovedOutKeysTest {
  private static final Instant T0 = Instant.parse("2026-01-31T10:00:00Z");

  private static List<String> keys(String prefix, int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(prefix + i);
    }
    return out;
  }

  @Test
  @DisplayName("never forgets a key it was given, also after a trip through its stored form")
  void noFalseNegatives() {
    List<String> added = keys("order-7f3a-", 5_000);
    MovedOutKeys f = MovedOutKeys.NONE;
    for (int i = 0; i < added.size(); i += 32) {
      f = f.with(added.subList(i, Math.min(i + 32, added.size())), T0);
    }
    MovedOutKeys stored = MovedOutKeys.of(f.toStored());

    assertThat(added).allMatch(f::mightContain).allMatch(stored::mightContain);
  }

  @Test
  @DisplayName("rarely claims a key it was not given: under 5 % after 2,000 keys")
  void fewFalsePositives() {
    MovedOutKeys f = MovedOutKeys.NONE.with(keys("used-", 2_000), T0);

    long claimed = keys("fresh-", 10_000).stream().filter(f::mightContain).count();

    assertThat(claimed).isLessThan(500);
  }

  @Test
  @DisplayName("empty is not stored and contains nothing; an unreadable filter contains everything")
  void emptyAndUnknown() {
    assertThat(MovedOutKeys.NONE.toStored()).isNull();
    assertThat(MovedOutKeys.of(null).mightContain("k")).isFalse();
    assertThat(MovedOutKeys.of(new Binary(new byte[3])).mightContain("k")).as("a foreign type").isTrue();
    assertThat(MovedOutKeys.of(new Document("cur", List.of(1L, 2L))).mightContain("k")).as("a foreign size").isTrue();
    assertThat(MovedOutKeys.UNKNOWN.with(List.of("k"), T0).toStored()).isNull();
  }

  @Test
  @DisplayName("stores words below 2^52, so that a server can test its bits exactly in a double")
  void wordsFitADouble() {
    @SuppressWarnings("unchecked")
    List<Long> stored = (List<Long>) MovedOutKeys.NONE.with(keys("k-", 20_000), T0).toStored().get("cur");

    assertThat(stored).hasSize(MovedOutKeys.WORDS).allMatch(w -> w >= 0 && w < (1L << MovedOutKeys.WORD_BITS))
        .contains((1L << MovedOutKeys.WORD_BITS) - 1);
  }

  @Test
  @DisplayName("adding keys leaves the original filter unchanged")
  void immutable() {
    MovedOutKeys before = MovedOutKeys.NONE.with(List.of("a"), T0);
    MovedOutKeys after = before.with(List.of("b"), T0);

    assertThat(after.mightContain("b")).isTrue();
    assertThat(before.mightContain("b")).isFalse();
    assertThat(MovedOutKeys.NONE.mightContain("a")).isFalse();
  }

  @Test
  @DisplayName("keeps two generations: a full one retires once the one before is past the retention, "
      + "so a long history costs no more maybes than a short one")
  void generations() {
    MovedOutKeys f = MovedOutKeys.NONE;
    Instant t = T0;
    List<String> recent = new ArrayList<>();
    for (int day = 0; day < 100; day++) { // 100 days, 192 keys a day (under 1,500 a week): 19,200 keys in all
      for (int batch = 0; batch < 6; batch++) {
        List<String> keys = keys("d" + day + "-b" + batch + "-", 32);
        f = f.with(keys, t);
        if (day >= 93) {
          recent.addAll(keys);
        }
      }
      t = t.plus(Duration.ofDays(1));
    }

    assertThat(recent).as("every key of the last 7 days").allMatch(f::mightContain);
    long claimed = keys("fresh-", 10_000).stream().filter(f::mightContain).count();
    assertThat(claimed).as("maybes among new keys, after 19,200 keys").isLessThan(200);
    assertThat(MovedOutKeys.of(f.toStored()).mightContain(recent.get(0))).as("through its stored form").isTrue();
  }

  @Test
  @DisplayName("a generation is kept while it holds a key younger than the retention, however full")
  void neverForgetsWithinRetention() {
    List<String> first = keys("first-", 2_000);
    MovedOutKeys f = MovedOutKeys.NONE.with(first, T0)
        .with(keys("second-", 2_000), T0.plus(Duration.ofDays(1)))
        .with(keys("third-", 32), T0.plus(Duration.ofDays(2)));

    assertThat(first).as("within 7 days of its move").allMatch(f::mightContain);
  }
}

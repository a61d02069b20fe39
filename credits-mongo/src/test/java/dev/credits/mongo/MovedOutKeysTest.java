package dev.credits.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.bson.types.Binary;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the filter of moved-out idempotency keys")
class MovedOutKeysTest {
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
      f = f.with(added.subList(i, Math.min(i + 32, added.size())));
    }
    MovedOutKeys stored = MovedOutKeys.of(f.toStored());

    assertThat(added).allMatch(f::mightContain).allMatch(stored::mightContain);
  }

  @Test
  @DisplayName("rarely claims a key it was not given: under 5 % after 2,000 keys")
  void fewFalsePositives() {
    MovedOutKeys f = MovedOutKeys.NONE.with(keys("used-", 2_000));

    long claimed = keys("fresh-", 10_000).stream().filter(f::mightContain).count();

    assertThat(claimed).isLessThan(500);
  }

  @Test
  @DisplayName("empty is not stored and contains nothing; an unreadable filter contains everything")
  void emptyAndUnknown() {
    assertThat(MovedOutKeys.NONE.toStored()).isNull();
    assertThat(MovedOutKeys.of(null).mightContain("k")).isFalse();
    assertThat(MovedOutKeys.of(new Binary(new byte[3])).mightContain("k")).as("a foreign type").isTrue();
    assertThat(MovedOutKeys.of(List.of(1L, 2L)).mightContain("k")).as("a foreign size").isTrue();
    assertThat(MovedOutKeys.UNKNOWN.with(List.of("k")).toStored()).isNull();
  }

  @Test
  @DisplayName("stores words below 2^52, so that a server can test its bits exactly in a double")
  void wordsFitADouble() {
    List<Long> stored = MovedOutKeys.NONE.with(keys("k-", 20_000)).toStored();

    assertThat(stored).hasSize(MovedOutKeys.WORDS).allMatch(w -> w >= 0 && w < (1L << MovedOutKeys.WORD_BITS))
        .contains((1L << MovedOutKeys.WORD_BITS) - 1);
  }

  @Test
  @DisplayName("adding keys leaves the original filter unchanged")
  void immutable() {
    MovedOutKeys before = MovedOutKeys.NONE.with(List.of("a"));
    MovedOutKeys after = before.with(List.of("b"));

    assertThat(after.mightContain("b")).isTrue();
    assertThat(before.mightContain("b")).isFalse();
    assertThat(MovedOutKeys.NONE.mightContain("a")).isFalse();
  }
}

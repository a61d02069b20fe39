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
    MovedOutKeys stored = MovedOutKeys.of(f.toBinary(), true);

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
  @DisplayName("empty is not stored and contains nothing; an unknown filter contains everything")
  void emptyAndUnknown() {
    assertThat(MovedOutKeys.NONE.toBinary()).isNull();
    assertThat(MovedOutKeys.of(null, false).mightContain("k")).isFalse();
    assertThat(MovedOutKeys.of(null, true).mightContain("k")).isTrue();
    assertThat(MovedOutKeys.of(new Binary(new byte[3]), false).mightContain("k")).as("a foreign size").isTrue();
    assertThat(MovedOutKeys.UNKNOWN.with(List.of("k")).toBinary()).isNull();
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

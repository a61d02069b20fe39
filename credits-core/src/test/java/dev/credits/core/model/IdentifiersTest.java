package dev.credits.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.credits.core.InvalidRequestException;
import dev.credits.core.spi.WalletKey;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Typed identifiers")
class IdentifiersTest {

  static Stream<Arguments> factories() {
    return Stream.of(
        Arguments.of("UserId", (Function<String, Object>) UserId::of),
        Arguments.of("OfferId", (Function<String, Object>) OfferId::of),
        Arguments.of("OrderId", (Function<String, Object>) OrderId::of),
        Arguments.of("HoldId", (Function<String, Object>) HoldId::of));
  }

  static Stream<Arguments> badValues() {
    return factories().flatMap(f -> Stream.of(null, "", " ", "\t\n")
        .map(v -> Arguments.of(f.get()[0], f.get()[1], v)));
  }

  @ParameterizedTest(name = "{0} of [{2}]")
  @MethodSource("badValues")
  @DisplayName("null and blank values are rejected with the id's name in the message")
  void rejectsBlank(String name, Function<String, Object> of, String value) {
    assertThatThrownBy(() -> of.apply(value))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining(name);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("factories")
  @DisplayName("ids are compared by value and print as their value")
  void valueSemantics(String name, Function<String, Object> of) {
    assertThat(of.apply("abc-1")).isEqualTo(of.apply("abc-1")).hasToString("abc-1");
    assertThat(of.apply("abc-1")).isNotEqualTo(of.apply("abc-2"));
    assertThat(of.apply(" padded ")).hasToString(" padded ");
  }

  @Test
  @DisplayName("ids of different kinds with the same text are not equal")
  void kindsDiffer() {
    assertThat((Object) UserId.of("x")).isNotEqualTo(OrderId.of("x"));
  }

  @Test
  @DisplayName("a wallet key needs a user and a non-blank group")
  void walletKey() {
    assertThatThrownBy(() -> new WalletKey(null, "chat")).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> new WalletKey(UserId.of("u"), " ")).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> new WalletKey(UserId.of("u"), null)).isInstanceOf(InvalidRequestException.class);
    assertThat(new WalletKey(UserId.of("u"), "chat")).isEqualTo(new WalletKey(UserId.of("u"), "chat"));
  }
}

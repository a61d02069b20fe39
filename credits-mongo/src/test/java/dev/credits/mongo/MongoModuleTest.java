package dev.credits.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import dagger.Component;
import dev.credits.core.Credits;
import dev.credits.core.model.UserId;
import dev.credits.core.spi.CreditsStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the Dagger module")
class MongoModuleTest {
  @Component(modules = MongoModule.class)
  interface App {
    CreditsStore store();
  }

  @Test
  @DisplayName("binds one MongoDB store that a Credits facade can use")
  void wiresTheStore() {
    App app = DaggerMongoModuleTest_App.builder()
        .mongoModule(new MongoModule(InProcessMongo.client(), InProcessMongo.freshDatabase()))
        .build();

    CreditsStore store = app.store();
    Credits credits = Credits.builder().store(store).build();
    credits.grantTokens(UserId.of("u"), "g", 5, null, "k");

    assertThat(app.store()).isSameAs(store);
    assertThat(store).isInstanceOf(MongoCreditsStore.class);
    assertThat(credits.getUserCredits(UserId.of("u")).balance("g")).isEqualTo(5);
  }
}

package dev.credits.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.credits.core.InvalidRequestException;
import dev.credits.core.StoreUnavailableException;
import dev.credits.core.model.UserId;
import dev.credits.core.spi.CreditsStore;
import dev.credits.core.spi.WalletCommand;
import dev.credits.core.spi.WalletKey;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("MongoDB failures become typed exceptions")
class MongoFailureTest {
  @Test
  @DisplayName("a server that went away is StoreUnavailableException, never a raw driver exception")
  void serverGone() {
    MongoServer server = new MongoServer(new MemoryBackend());
    String url = server.bindAndGetConnectionString();
    try (MongoClient client = MongoClients.create(MongoClientSettings.builder()
        .applyConnectionString(new ConnectionString(url))
        .applyToClusterSettings(c -> c.serverSelectionTimeout(300, TimeUnit.MILLISECONDS))
        .applyToSocketSettings(s -> s.connectTimeout(300, TimeUnit.MILLISECONDS))
        .build())) {
      CreditsStore store = MongoCredits.create(client, "gone");
      server.shutdownNow();
      WalletKey key = new WalletKey(UserId.of("u"), "g");

      assertThatThrownBy(() -> store.wallets().execute(new WalletCommand.Consume(key, 1, 0, "k"), Instant.EPOCH))
          .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("retry");
      assertThatThrownBy(() -> store.orders().findByUser(UserId.of("u")))
          .isInstanceOf(StoreUnavailableException.class);
      assertThatThrownBy(() -> MongoCredits.create(client, "other")).isInstanceOf(StoreUnavailableException.class);
    } finally {
      server.shutdownNow();
    }
  }

  @Test
  @DisplayName("a blank database name is rejected")
  void blankDatabase() {
    assertThatThrownBy(() -> MongoCredits.create(InProcessMongo.client(), " "))
        .isInstanceOf(InvalidRequestException.class);
    assertThat(InProcessMongo.client()).isNotNull();
  }
}

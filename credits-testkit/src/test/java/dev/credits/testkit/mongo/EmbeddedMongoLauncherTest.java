package dev.credits.testkit.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the embedded MongoDB launcher")
class EmbeddedMongoLauncherTest {
  @Test
  @DisplayName("by default runs mongo-java-server in process, and a document round-trips through the real driver")
  void inProcessRoundTrip() {
    try (EmbeddedMongo mongo = EmbeddedMongo.start(MongoSettings.from(Map.of(), Map.of()))) {
      assertThat(mongo.settings().mode()).isEqualTo(MongoMode.IN_PROCESS);
      assertThat(mongo.uri()).startsWith("mongodb://");
      assertThat(mongo.description()).contains("in-process mongo-java-server", mongo.uri(), "default");

      MongoCollection<Document> things = mongo.client().getDatabase(mongo.newDatabaseName()).getCollection("things");
      things.insertOne(new Document("_id", "a").append("tokens", 42L).append("tags", java.util.List.of("x", "y")));

      Document back = things.find(new Document("_id", "a")).first();
      assertThat(back).isNotNull();
      assertThat(back.getLong("tokens")).isEqualTo(42L);
      assertThat(back.getList("tags", String.class)).containsExactly("x", "y");
    }
  }

  @Test
  @DisplayName("hands out database names that are never reused, and its URI serves other clients too")
  void freshNamesAndUri() {
    try (EmbeddedMongo mongo = EmbeddedMongo.start(MongoSettings.inProcess());
        MongoClient other = MongoClients.create(mongo.uri())) {
      String first = mongo.newDatabaseName();
      String second = mongo.newDatabaseName();
      assertThat(first).isNotEqualTo(second).startsWith("credits_test_").hasSizeLessThan(64);

      mongo.client().getDatabase(first).getCollection("c").insertOne(new Document("_id", 1));

      assertThat(other.getDatabase(first).getCollection("c").countDocuments()).isEqualTo(1);
      assertThat(other.getDatabase(second).getCollection("c").countDocuments()).isZero();
    }
  }

  @Test
  @DisplayName("two launchers never name the same database")
  void launchersDoNotCollide() {
    try (EmbeddedMongo a = EmbeddedMongo.start(MongoSettings.inProcess());
        EmbeddedMongo b = EmbeddedMongo.start(MongoSettings.inProcess())) {
      assertThat(a.newDatabaseName()).isNotEqualTo(b.newDatabaseName());
    }
  }

  @Test
  @DisplayName("on an existing server, close drops the databases it named; closing twice is harmless")
  void existingServerCleansUp() {
    try (EmbeddedMongo server = EmbeddedMongo.start(MongoSettings.inProcess())) {
      EmbeddedMongo onIt = EmbeddedMongo.start(MongoSettings.uri(server.uri()));
      assertThat(onIt.settings().mode()).isEqualTo(MongoMode.URI);
      String name = onIt.newDatabaseName();
      onIt.client().getDatabase(name).getCollection("c").insertOne(new Document("_id", 1));
      assertThat(server.client().listDatabaseNames()).contains(name);

      onIt.close();
      onIt.close();

      assertThat(server.client().listDatabaseNames()).doesNotContain(name);
      assertThat(server.client().getDatabase("admin").runCommand(new Document("ping", 1))).isNotNull();
    }
  }

  @Test
  @DisplayName("an unreachable CREDITS_MONGODB_URI fails fast, saying which setting named it and what to do")
  void unreachableUri() {
    MongoSettings settings = MongoSettings.from(
        Map.of("CREDITS_MONGODB_URI", "mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=300&connectTimeoutMS=300"),
        Map.of());

    assertThatThrownBy(() -> EmbeddedMongo.start(settings))
        .isInstanceOf(EmbeddedMongoException.class)
        .hasMessageContaining("cannot use the MongoDB server named by CREDITS_MONGODB_URI=mongodb://127.0.0.1:1/")
        .hasMessageContaining("MongoTimeoutException")
        .hasMessageContaining("Start that server or correct the URI")
        .hasMessageContaining("unset CREDITS_MONGODB_URI to use the in-process server");
  }

  @Test
  @DisplayName("a password in an unreachable URI never reaches the message")
  void passwordHidden() {
    MongoSettings settings = MongoSettings.uri("mongodb://admin:s3cret@127.0.0.1:1/?serverSelectionTimeoutMS=200");

    assertThatThrownBy(() -> EmbeddedMongo.start(settings))
        .isInstanceOf(EmbeddedMongoException.class)
        .hasMessageContaining("mongodb://admin:***@127.0.0.1:1/")
        .hasMessageNotContaining("s3cret");
  }
}

package dev.credits.testkit.mongo;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@EmbeddedMongoTest
@DisplayName("a test class on the embedded MongoDB")
class MongoExtensionUsageTest {
  private final MongoDatabase db;

  MongoExtensionUsageTest(MongoDatabase db) { // this class's own database, shared by its tests
    this.db = db;
  }

  @Test
  @DisplayName("writes a document and reads it back")
  void roundTrip() {
    MongoCollection<Document> notes = db.getCollection("notes");
    notes.insertOne(new Document("_id", "roundTrip").append("text", "hello"));

    assertThat(notes.find(eq("_id", "roundTrip")).first()).containsEntry("text", "hello");
  }

  @Test
  @DisplayName("can also have the client, the database's name and the server itself")
  void otherParameters(MongoClient client, @MongoDatabaseName String name, EmbeddedMongo mongo) {
    assertThat(name).isEqualTo(db.getName());
    assertThat(client).isSameAs(mongo.client());
    assertThat(mongo.newDatabaseName()).isNotEqualTo(name); // a database of its own, when a test needs one
  }

  @Nested
  @DisplayName("a nested class")
  class Inner {
    @Test
    @DisplayName("gets a database of its own, on the same server")
    void ownDatabase(MongoDatabase inner, MongoClient client) {
      assertThat(inner.getName()).isNotEqualTo(db.getName());
      assertThat(client.listDatabaseNames()).isNotNull();
    }
  }
}

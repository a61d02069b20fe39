package dev.credits.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the moved-out filter tested by the server")
class MovedOutKeysServerTest {
  @Test
  @DisplayName("the server's test of a key's bits agrees with the filter's own answer, key by key")
  void serverAgrees() {
    List<String> moved = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      moved.add("moved-" + i);
    }
    MovedOutKeys filter = MovedOutKeys.NONE.with(moved.subList(0, 1_600), java.time.Instant.EPOCH)
        .with(moved.subList(1_600, moved.size()), java.time.Instant.EPOCH.plus(java.time.Duration.ofDays(8)));
    MongoCollection<Document> c = InProcessMongo.client().getDatabase(InProcessMongo.freshDatabase())
        .getCollection("filters");
    c.insertOne(new Document("_id", "with").append("f", filter.toStored()));
    c.insertOne(new Document("_id", "without"));

    List<String> probes = new ArrayList<>(moved.subList(0, 300));
    for (int i = 0; i < 700; i++) {
      probes.add("fresh-" + i);
    }
    int maybes = 0;
    for (String key : probes) {
      Document clear = MovedOutKeys.clearOf("f", key);
      boolean serverSaysClear = c.countDocuments(new Document("_id", "with").append("$expr", clear.get("$expr"))) == 1;
      assertThat(serverSaysClear).as(key).isEqualTo(!filter.mightContain(key));
      assertThat(c.countDocuments(new Document("_id", "without").append("$expr", clear.get("$expr"))))
          .as("an absent filter holds nothing").isEqualTo(1);
      maybes += serverSaysClear ? 0 : 1;
    }
    assertThat(maybes).as("every moved key is a maybe (two generations), few fresh ones are").isBetween(300, 330);
  }
}

package dev.credits.testkit.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.mongodb.client.MongoDatabase;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

@DisplayName("the MongoDB extension, over a whole test run")
class MongoExtensionTest {
  /** What the classes below saw, in the order their tests ran. */
  static final List<EmbeddedMongo> SERVERS = new CopyOnWriteArrayList<>();
  static final List<String> DATABASES = new CopyOnWriteArrayList<>();

  @EmbeddedMongoTest
  static class FirstClass {
    @Test
    void one(EmbeddedMongo mongo, MongoDatabase db) {
      SERVERS.add(mongo);
      DATABASES.add(db.getName());
      db.getCollection("c").insertOne(new Document("_id", "first"));
    }

    @Test
    void two(EmbeddedMongo mongo, MongoDatabase db) {
      SERVERS.add(mongo);
      DATABASES.add(db.getName());
    }
  }

  @ExtendWith(MongoExtension.class)
  static class SecondClass {
    @Test
    void one(EmbeddedMongo mongo, MongoDatabase db) {
      SERVERS.add(mongo);
      DATABASES.add(db.getName());
      assertThat(db.getCollection("c").countDocuments()).isZero();
    }
  }

  private static Events run(Class<?>... classes) {
    return EngineTestKit.engine("junit-jupiter")
        .selectors(Arrays.stream(classes).map(c -> selectClass(c)).toArray(DiscoverySelector[]::new))
        .execute()
        .testEvents();
  }

  @BeforeEach
  void forget() {
    SERVERS.clear();
    DATABASES.clear();
  }

  @Test
  @DisplayName("starts one server for every class of a run, gives each class its own empty database, and closes the server when the run ends")
  void oneServerPerRun() {
    Events events = run(FirstClass.class, SecondClass.class);

    events.assertStatistics(s -> s.started(3).succeeded(3));
    assertThat(SERVERS).hasSize(3).allSatisfy(s -> assertThat(s).isSameAs(SERVERS.get(0)));
    assertThat(DATABASES).hasSize(3);
    assertThat(DATABASES.get(0)).isEqualTo(DATABASES.get(1));
    assertThat(DATABASES.get(2)).isNotEqualTo(DATABASES.get(0));
    // the run's root store closed it: its client is closed
    assertThatThrownBy(() -> SERVERS.get(0).client().listDatabaseNames().first())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  @DisplayName("a server that cannot be chosen fails each test that asks for it, with the reason and what to set")
  void failureReachesEveryTest() {
    String property = MongoSettings.Key.MODE.property();
    System.setProperty(property, "docker");
    try {
      Events events = run(FirstClass.class, SecondClass.class);

      events.assertStatistics(s -> s.started(3).failed(3));
      List<Throwable> failures = events.failed().stream()
          .map(e -> e.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow())
          .collect(Collectors.toList());
      assertThat(failures).allSatisfy(f -> assertThat(f)
          .hasCauseInstanceOf(EmbeddedMongoException.class)
          .hasMessageContaining("-Dcredits.mongodb.mode=docker names no mode"));
      // chosen once for the run: the same failure is reported to each test
      assertThat(failures).extracting(Throwable::getCause).allSatisfy(c -> assertThat(c).isSameAs(failures.get(0).getCause()));
      assertThat(SERVERS).isEmpty();
    } finally {
      System.clearProperty(property);
    }
  }
}

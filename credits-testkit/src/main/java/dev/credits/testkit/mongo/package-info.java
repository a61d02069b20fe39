/**
 * A MongoDB server for tests: {@link dev.credits.testkit.mongo.EmbeddedMongo} starts (or connects
 * to) one, and {@link dev.credits.testkit.mongo.MongoExtension} hands its client and a database of
 * their own to JUnit 5 test classes.
 *
 * <p>The server is chosen by {@link dev.credits.testkit.mongo.MongoSettings}: an existing server
 * named by {@code CREDITS_MONGODB_URI}; a real {@code mongod} run by flapdoodle when
 * {@code CREDITS_MONGODB_MODE=flapdoodle}; otherwise the in-process mongo-java-server. A mode that
 * cannot start fails with an {@link dev.credits.testkit.mongo.EmbeddedMongoException} that says why
 * and what to set; it never falls back to another server.
 *
 * <p>The MongoDB driver, mongo-java-server and flapdoodle are optional dependencies of the testkit:
 * a project that uses this package declares the ones it needs with test scope.
 */
package dev.credits.testkit.mongo;

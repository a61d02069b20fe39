/**
 * The MongoDB store of Credits, on the MongoDB Java sync driver: {@link dev.credits.mongo.MongoCredits}
 * creates it, {@link dev.credits.mongo.MongoModule} binds it with Dagger. Every other class is an
 * implementation detail.
 */
package dev.credits.mongo;

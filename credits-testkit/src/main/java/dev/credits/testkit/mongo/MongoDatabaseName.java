package dev.credits.testkit.mongo;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code String} parameter that {@link MongoExtension} fills with the test class's
 * database name (the database a {@code MongoDatabase} parameter of the same class points to).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface MongoDatabaseName {}

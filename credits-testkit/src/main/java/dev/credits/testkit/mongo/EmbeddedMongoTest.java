package dev.credits.testkit.mongo;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class that runs against the test MongoDB server: the same as
 * {@code @ExtendWith(MongoExtension.class)}. See {@link MongoExtension} for the parameters it
 * resolves.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(MongoExtension.class)
public @interface EmbeddedMongoTest {}

package dev.credits.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import dev.credits.core.ConflictException;
import dev.credits.core.InvalidRequestException;
import dev.credits.core.StoreUnavailableException;
import java.util.function.Supplier;

/**
 * Turns driver exceptions into the core's: a document that would pass MongoDB's size limit is an
 * {@link InvalidRequestException} (nothing was written); a duplicate key is a {@link ConflictException}; a
 * timeout, a socket error, a lost primary, a write concern failure or any other driver failure is
 * a {@link StoreUnavailableException} (the outcome of a write is then unknown, and retrying the
 * same call with the same idempotency key is safe). Messages never include connection strings.
 */
final class Errors {
  private Errors() {}

  static <T> T call(String what, Supplier<T> action) {
    try {
      return action.get();
    } catch (MongoException e) {
      throw translate(what, e);
    } catch (org.bson.BsonMaximumSizeExceededException e) {
      // Nothing was sent: the document would pass MongoDB's 16 MiB limit (the library's Limits keep it far below).
      throw new InvalidRequestException(what + " would make a MongoDB document larger than its size limit; nothing"
          + " was written", e);
    } catch (org.bson.BSONException e) {
      throw new StoreUnavailableException(what + " failed on MongoDB (" + e.getClass().getSimpleName()
          + "); the outcome is unknown, retry with the same idempotency key", e);
    }
  }

  static void run(String what, Runnable action) {
    call(what, () -> {
      action.run();
      return null;
    });
  }

  static RuntimeException translate(String what, MongoException e) {
    if (isDuplicateKey(e)) {
      return new ConflictException(what + ": already exists", e);
    }
    return new StoreUnavailableException(what + " failed on MongoDB (" + e.getClass().getSimpleName() + ", code "
        + e.getCode() + "); the outcome is unknown, retry with the same idempotency key", e);
  }

  /** Whether every error in {@code e} is a duplicate key. */
  static boolean isDuplicateKey(MongoException e) {
    if (e instanceof MongoWriteException) {
      return ((MongoWriteException) e).getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
    }
    if (e instanceof MongoBulkWriteException) {
      MongoBulkWriteException bulk = (MongoBulkWriteException) e;
      if (bulk.getWriteConcernError() != null || bulk.getWriteErrors().isEmpty()) {
        return false;
      }
      for (BulkWriteError err : bulk.getWriteErrors()) {
        if (err.getCategory() != ErrorCategory.DUPLICATE_KEY) {
          return false;
        }
      }
      return true;
    }
    if (e instanceof MongoCommandException) {
      return ErrorCategory.fromErrorCode(e.getCode()) == ErrorCategory.DUPLICATE_KEY;
    }
    return false;
  }
}

package dev.credits.core.spi;

import dev.credits.core.model.Offer;
import dev.credits.core.model.OfferId;
import java.util.List;
import java.util.Optional;

/** Stores the catalog. Thread-safe; writes are rare, reads frequent. */
public interface OfferStore {
  /**
   * Inserts or replaces an offer (atomic per offer; last write wins).
   *
   * @param offer the offer
   */
  void save(Offer offer);

  /**
   * Reads one offer.
   *
   * @param id the id
   * @return it, or empty
   */
  Optional<Offer> find(OfferId id);

  /**
   * Reads the whole catalog in one round trip where the store allows it.
   *
   * @return every offer, any order
   */
  List<Offer> findAll();
}

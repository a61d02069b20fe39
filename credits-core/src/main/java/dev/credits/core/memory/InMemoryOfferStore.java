package dev.credits.core.memory;

import dev.credits.core.model.Offer;
import dev.credits.core.model.OfferId;
import dev.credits.core.spi.OfferStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The catalog in a concurrent map. */
final class InMemoryOfferStore implements OfferStore {
  private final Map<OfferId, Offer> offers = new ConcurrentHashMap<>();

  @Override
  public void save(Offer offer) {
    offers.put(offer.id(), offer);
  }

  @Override
  public Optional<Offer> find(OfferId id) {
    return Optional.ofNullable(offers.get(id));
  }

  @Override
  public List<Offer> findAll() {
    return List.copyOf(offers.values());
  }
}

package dev.credits.mongo;

import dev.credits.core.model.OfferId;
import dev.credits.core.model.OrderId;
import dev.credits.core.spi.WalletCommand;
import dev.credits.core.spi.WalletKey;
import java.time.Instant;
import org.bson.Document;

/**
 * Every field of a {@link WalletCommand} except its wallet and key, as a document: two commands
 * with the same key are "the same request" exactly when their fingerprints are equal, as
 * {@code equals} decides for the in-memory store. Instants are kept as exact ISO strings. (A retry
 * of a hold carries another expiry, derived from the time of the call: the facade then asks again
 * with the expiry of the hold still in the wallet, and a closed hold's key is a conflict.)
 */
final class Fingerprints {
  private Fingerprints() {}

  static Document of(WalletCommand<?> command) {
    if (command instanceof WalletCommand.Consume) {
      WalletCommand.Consume c = (WalletCommand.Consume) command;
      return new Document("type", "consume").append("count", c.count()).append("overdraftLimit", c.overdraftLimit());
    }
    if (command instanceof WalletCommand.AddGrant) {
      WalletCommand.AddGrant c = (WalletCommand.AddGrant) command;
      return new Document("type", "grant")
          .append("grantId", c.grantId())
          .append("offerId", Bsons.str(c.offerId()))
          .append("orderId", Bsons.str(c.orderId()))
          .append("subscription", c.subscription())
          .append("tokens", c.tokens())
          .append("cycle", Bsons.cycle(c.cycle()))
          .append("periods", c.periods())
          .append("appendDate", c.appendDate())
          .append("expiresAt", Bsons.str(c.expiresAt()));
    }
    if (command instanceof WalletCommand.PlaceHold) {
      WalletCommand.PlaceHold c = (WalletCommand.PlaceHold) command;
      return new Document("type", "hold").append("holdId", c.holdId().value()).append("amount", c.amount())
          .append("expiresAt", Bsons.str(c.expiresAt()));
    }
    if (command instanceof WalletCommand.CaptureHold) {
      WalletCommand.CaptureHold c = (WalletCommand.CaptureHold) command;
      return new Document("type", "capture").append("holdId", c.holdId().value()).append("amount", c.amount());
    }
    if (command instanceof WalletCommand.ReleaseHold) {
      WalletCommand.ReleaseHold c = (WalletCommand.ReleaseHold) command;
      return new Document("type", "release").append("holdId", c.holdId().value());
    }
    if (command instanceof WalletCommand.Reverse) {
      WalletCommand.Reverse c = (WalletCommand.Reverse) command;
      return new Document("type", "reverse").append("orderId", c.orderId().value())
          .append("refundedTotal", c.refundedTotal()).append("total", c.total());
    }
    if (command instanceof WalletCommand.Freeze) {
      WalletCommand.Freeze c = (WalletCommand.Freeze) command;
      return new Document("type", "freeze").append("orderId", c.orderId().value()).append("frozen", c.frozen());
    }
    if (command instanceof WalletCommand.Settle) {
      return new Document("type", "settle");
    }
    throw new IllegalArgumentException("no fingerprint for a wallet command of " + command.getClass());
  }

  /**
   * The command a fingerprint describes, for the kinds a wallet document queues (spends and
   * grants): the inverse of {@link #of} with the wallet and the key given back.
   *
   * @throws IllegalStateException for any other kind
   */
  static WalletCommand<?> command(WalletKey wallet, Document d, String key) {
    String type = d.getString("type");
    if ("consume".equals(type)) {
      return new WalletCommand.Consume(wallet, Bsons.longValue(d, "count"), Bsons.longValue(d, "overdraftLimit"), key);
    }
    if ("grant".equals(type)) {
      String offer = d.getString("offerId");
      String order = d.getString("orderId");
      String expiresAt = d.getString("expiresAt");
      return new WalletCommand.AddGrant(wallet, d.getString("grantId"), offer == null ? null : OfferId.of(offer),
          order == null ? null : OrderId.of(order), Bsons.bool(d, "subscription"), Bsons.longValue(d, "tokens"),
          Bsons.cycle(d.get("cycle", Document.class)), Bsons.longValue(d, "periods"), Bsons.bool(d, "appendDate"),
          expiresAt == null ? null : Instant.parse(expiresAt), key);
    }
    throw new IllegalStateException("a wallet document cannot queue a command of type '" + type + "'");
  }
}

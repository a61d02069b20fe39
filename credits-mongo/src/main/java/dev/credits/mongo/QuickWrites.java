package dev.credits.mongo;

import dev.credits.core.model.Burn;
import dev.credits.core.model.Consumption;
import dev.credits.core.model.Grant;
import dev.credits.core.model.GrantState;
import dev.credits.core.model.Hold;
import dev.credits.core.spi.Wallet;
import dev.credits.core.spi.WalletChange;
import dev.credits.core.spi.WalletCommand;
import dev.credits.core.spi.WalletEngine;
import dev.credits.core.spi.WalletKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * Spending and granting tokens in one round trip: a {@code findOneAndUpdate} whose filter proves
 * what the engine would do, and whose update queues the command in the wallet document.
 *
 * <p>Every full write of a wallet stores, next to the state, a {@code quick} summary of it
 * ({@link #summary}): the tokens of its active grants ({@code available}), its balance, its active
 * grants with what remains of each and their burn-order keys ({@code burnOrder}), the tokens an
 * overflow check counts ({@code live}), and the latest end of its running periods
 * ({@code chainEnd}). Nothing in the summary changes by itself while nothing is due
 * ({@code nextDueAt} absent or later than now): no grant starts or ends, no hold expires.
 *
 * <p><b>A spend</b> of {@code n} tokens applies when {@code quick.available >= n} (the engine then
 * spends them with no shortfall, whatever the debt and the overdraft limit), nothing is due, fewer
 * than {@value #MAX_QUEUED} commands are queued, and its key (if any) is in none of the document's
 * records, queued commands or moved-out filter. The update decrements the summary's counts,
 * increments the ledger sequence and the version, and queues the spend. Its result comes from the
 * document the update returns ({@link #spent}): the balance, the sequence number, and the burns,
 * found by burning the queue's spends, in order, from the summary's grants and the queue's grants
 * in burn order (nothing is due, so no grant starts or ends in between).
 *
 * <p><b>A grant</b> applies when the wallet has no debt, nothing is due, the grant id is unknown,
 * the tokens cannot overflow, and the grant starts now (it does not chain after a period still
 * running). It is then active at once with all its tokens, and its result is the engine's grant on
 * an empty wallet at the same instant ({@link #granted}). For a wallet that does not exist yet the
 * same update creates it (an upsert): a first purchase costs one round trip too.
 *
 * <p>A reader of the document replays the queue, in order and at each command's own instant,
 * through core's {@link WalletEngine} ({@link #fold}): the same engine, on the same state, gives the
 * same burns, ledger entries (same sequence numbers and balances) and idempotency records, which
 * the next full write stores, emptying the queue. Quick writes therefore obey every wallet rule; a
 * filter that does not match sends the command to the general path (read, apply,
 * compare-and-set), which decides the outcome. The one rule computed here as well as in the engine
 * is burn order (to answer a spend without reading the state), and the two always agree: the
 * testkit's contract kit and a differential test against the in-memory store check it.
 */
final class QuickWrites {
  /** The most commands a wallet document queues before a full write must fold them. */
  static final int MAX_QUEUED = 32;
  static final String QUICK = "quick";
  static final String QUEUE = "queue";
  static final String AVAILABLE = "available";
  static final String BALANCE = "balance";
  static final String ORDER = "burnOrder";
  static final String LIVE = "live";
  static final String CHAIN_END = "chainEnd";
  /** The burn-order end of a grant that never ends: after every instant. */
  private static final long NEVER = Long.MAX_VALUE;
  /** The latest end when there is no running period: before every instant. */
  private static final long NONE = Long.MIN_VALUE;

  private QuickWrites() {}

  /**
   * A command queued in a wallet document.
   *
   * @param command a {@link WalletCommand.Consume} or a {@link WalletCommand.AddGrant}
   * @param at when it applied, at millisecond precision (as stored)
   */
  record Queued(WalletCommand<?> command, Instant at) {
    static Queued of(WalletCommand<?> command, Instant now) {
      return new Queued(command, Instant.ofEpochMilli(now.toEpochMilli()));
    }

    static Queued of(WalletKey wallet, Document d) {
      Document command = d.get("c", Document.class);
      String key = d.getString("k");
      Instant at = Bsons.instant(d, "at");
      if (command == null) { // a spend: its count and, when not 0, its overdraft limit
        Object limit = d.get("l");
        return new Queued(new WalletCommand.Consume(wallet, Bsons.longValue(d, "n"),
            limit == null ? 0 : ((Number) limit).longValue(), key), at);
      }
      return new Queued(Fingerprints.command(wallet, command, key), at);
    }

    /** A spend's entry: {@code n} (count), {@code l} (overdraft limit, when not 0), {@code k} (key, when any), {@code at}. */
    Document toDocument() {
      Document d = new Document();
      if (command instanceof WalletCommand.Consume) {
        WalletCommand.Consume c = (WalletCommand.Consume) command;
        d.append("n", c.count());
        if (c.overdraftLimit() != 0) {
          d.append("l", c.overdraftLimit());
        }
      } else {
        d.append("c", Fingerprints.of(command));
      }
      if (command.idempotencyKey() != null) {
        d.append("k", command.idempotencyKey());
      }
      return d.append("at", Bsons.date(at));
    }

    /** A queued grant's entry: with the grant as it burns ({@code g}: id, tokens, burn-order keys). */
    Document toDocument(Grant g) {
      return toDocument().append("g", slot(g.id(), g.remaining(), g.expires(), g.starts()));
    }
  }

  /** The summary a full write stores in {@code quick}: nothing spent since. */
  static Document summary(Wallet w) {
    List<Grant> order = new ArrayList<>();
    long available = 0;
    long live = 0;
    long chainEnd = NONE;
    for (Grant g : w.grants()) {
      boolean active = g.state() == GrantState.ACTIVE;
      if (active && g.remaining() > 0) {
        order.add(g);
        available += g.remaining();
      }
      if (active || g.state() == GrantState.SCHEDULED) {
        live = saturated(live, g.remaining());
        if (g.expires() != null) {
          chainEnd = Math.max(chainEnd, g.expires().toEpochMilli());
        }
      }
    }
    for (Hold h : w.holds()) {
      live = saturated(live, h.amount());
    }
    List<Document> burnOrder = new ArrayList<>(order.size());
    for (Grant g : order) {
      burnOrder.add(slot(g.id(), g.remaining(), g.expires(), g.starts()));
    }
    return new Document(AVAILABLE, available).append(BALANCE, available - w.debt()).append(ORDER, burnOrder)
        .append(LIVE, live).append(CHAIN_END, chainEnd);
  }

  /** A grant as a spend burns it: id, tokens left, and its burn-order keys (end, or never; start) in epoch ms. */
  private static Document slot(String id, long remaining, Instant expires, Instant starts) {
    return new Document("id", id).append("remaining", remaining).append("e", ends(expires))
        .append("s", starts.toEpochMilli());
  }

  private static long ends(Instant expires) {
    return expires == null ? NEVER : expires.toEpochMilli();
  }

  private static long saturated(long a, long b) {
    long sum = a + b;
    return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
  }

  /**
   * Whether a state this store knows (its cache: the document's, queue folded) lets a quick spend
   * match: a spend the cached state refuses need not try it.
   */
  static boolean worthTrying(StoredWallet cached, WalletCommand.Consume c, Instant now) {
    if (cached == null) {
      return true;
    }
    if (cached.queued() >= MAX_QUEUED) {
      return false;
    }
    Wallet w = cached.wallet();
    Instant due = w.nextDueAt();
    if (due != null && !due.isAfter(now)) {
      return false;
    }
    long available = w.storedBalance() + w.debt();
    return available >= c.count() && (c.idempotencyKey() == null
        || (cached.recorded(c.idempotencyKey()) == null && !cached.movedOut().mightContain(c.idempotencyKey())));
  }

  /** What every quick write's filter requires: the wallet, its schema, nothing due, room in the queue, a new key. */
  private static Document common(WalletCommand<?> c, Instant now) {
    Document f = MongoWalletStore.byId(c.key())
        .append(Bsons.V, Bsons.SCHEMA)
        .append(WalletCodec.DUE, new Document("$not", new Document("$lte", Bsons.date(now))))
        .append(QUEUE + "." + (MAX_QUEUED - 1), new Document("$exists", false));
    String key = c.idempotencyKey();
    if (key != null) {
      f.append(WalletCodec.RECENT + ".key", new Document("$ne", key))
          .append(QUEUE + ".k", new Document("$ne", key))
          .append("$expr", MovedOutKeys.clearOf(WalletCodec.MOVED_OUT, key).get("$expr"));
    }
    return f;
  }

  /** The filter of a quick spend: every condition under which the engine spends as queued. */
  static Document filter(WalletCommand.Consume c, Instant now) {
    return common(c, now).append(QUICK + "." + AVAILABLE, new Document("$gte", c.count()));
  }

  /** The update of a quick spend. */
  static Document spendUpdate(Queued spend) {
    long n = ((WalletCommand.Consume) spend.command()).count();
    return new Document("$inc", new Document(QUICK + "." + AVAILABLE, -n).append(QUICK + "." + BALANCE, -n)
        .append(QUICK + "." + LIVE, -n).append(WalletCodec.SEQ, 1L)
        .append(WalletCodec.VERSION, 1L))
        .append("$push", new Document(QUEUE, spend.toDocument()));
  }

  /** The fields of the updated document that {@link #spent} reads. */
  static Document projection() {
    return new Document(QUICK + "." + BALANCE, 1).append(QUICK + "." + ORDER, 1).append(QUEUE + ".n", 1)
        .append(QUEUE + ".g", 1).append(WalletCodec.SEQ, 1).append(WalletCodec.VERSION, 1);
  }

  /**
   * The outcome of a quick spend of {@code count}, from the document its update returned: its
   * spend is the last one queued. Burns the queue's spends in order from the summary's grants and
   * the queue's grants, each from the grants in {@link WalletEngine#BURN_ORDER} (end, never last;
   * start; id), which is what the engine does to the same state while nothing is due.
   */
  static Consumption.Spent spent(Document after, long count) {
    Document quick = after.get(QUICK, Document.class);
    List<long[]> left = new ArrayList<>(); // per slot: remaining, end, start
    List<String> ids = new ArrayList<>();
    for (Document g : quick.getList(ORDER, Document.class, List.of())) {
      addSlot(g, left, ids);
    }
    List<Burn> burns = List.of();
    for (Document q : after.getList(QUEUE, Document.class, List.of())) {
      Document g = q.get("g", Document.class);
      if (g != null) {
        addSlot(g, left, ids);
      } else {
        burns = burn(Bsons.longValue(q, "n"), left, ids);
      }
    }
    return new Consumption.Spent(count, Bsons.longValue(quick, BALANCE), burns, 0,
        Bsons.longValue(after, WalletCodec.SEQ));
  }

  private static void addSlot(Document g, List<long[]> left, List<String> ids) {
    long[] slot = {Bsons.longValue(g, "remaining"), Bsons.longValue(g, "e"), Bsons.longValue(g, "s")};
    String id = g.getString("id");
    int at = 0;
    while (at < ids.size() && before(left.get(at), ids.get(at), slot, id)) {
      at++;
    }
    left.add(at, slot);
    ids.add(at, id);
  }

  private static boolean before(long[] a, String aId, long[] b, String bId) {
    if (a[1] != b[1]) {
      return a[1] < b[1];
    }
    if (a[2] != b[2]) {
      return a[2] < b[2];
    }
    return aId.compareTo(bId) < 0;
  }

  private static List<Burn> burn(long n, List<long[]> left, List<String> ids) {
    List<Burn> burns = new ArrayList<>();
    long rest = n;
    for (int i = 0; i < left.size() && rest > 0; i++) {
      long take = Math.min(rest, left.get(i)[0]);
      if (take > 0) {
        left.get(i)[0] -= take;
        burns.add(new Burn(ids.get(i), take));
        rest -= take;
      }
    }
    return burns;
  }

  /**
   * The grant the engine makes when {@link #grantFilter} matches: the same as on an empty wallet at
   * the same instant (it starts then, takes all its tokens, pays no debt).
   *
   * @throws dev.credits.core.InvalidRequestException as the engine does (a grant that ends before it starts)
   */
  static Grant granted(Queued grant) {
    WalletCommand.AddGrant c = (WalletCommand.AddGrant) grant.command();
    return c.apply(Wallet.empty(c.key()), grant.at()).result();
  }

  /** The filter of a quick grant: every condition under which the engine grants {@code g} as computed. */
  static Document grantFilter(WalletCommand.AddGrant c, Grant g, Instant at) {
    Document f = common(c, at)
        .append(WalletCodec.DEBT, 0L)
        .append(WalletCodec.GRANTS + ".id", new Document("$ne", c.grantId()))
        .append(QUEUE + ".g.id", new Document("$ne", c.grantId()))
        .append(QUICK + "." + LIVE, new Document("$lte", Long.MAX_VALUE - c.tokens()));
    if (c.appendDate()) {
      f.append(QUICK + "." + CHAIN_END, new Document("$lte", at.toEpochMilli()));
    }
    return f;
  }

  /**
   * The update of a quick grant; with {@code upsert}, it also creates a wallet that does not exist
   * (the filter's equalities give the id, user, schema and debt; {@code $setOnInsert} the rest).
   */
  static Document grantUpdate(Queued grant, Grant g) {
    long t = g.remaining();
    Document update = new Document("$inc", new Document(QUICK + "." + AVAILABLE, t).append(QUICK + "." + BALANCE, t)
        .append(QUICK + "." + LIVE, t).append(WalletCodec.SEQ, 1L).append(WalletCodec.VERSION, 1L))
        .append("$push", new Document(QUEUE, grant.toDocument(g)))
        .append("$setOnInsert", new Document(WalletCodec.GROUP, grant.command().key().offerGroup())
            .append(WalletCodec.GRANTS, List.of()).append(WalletCodec.HOLDS, List.of())
            .append(WalletCodec.RECENT, List.of()).append(WalletCodec.PENDING, List.of())
            .append(QUICK + "." + ORDER, List.of()));
    if (g.expires() != null) {
      update.append("$max", new Document(QUICK + "." + CHAIN_END, g.expires().toEpochMilli()))
          .append("$min", new Document(WalletCodec.DUE, Bsons.date(g.expires())));
    }
    return update;
  }

  /**
   * Replays queued commands on a stored state through the engine, as if each had been a full
   * write: the state after them, their ledger entries added to the pending ones, their keys
   * recorded.
   *
   * @param base the state before the queue (its ledger sequence is the one before it)
   * @param queue the queued commands, in order
   * @param version the version of the document that holds the queue
   * @throws IllegalStateException when a queued command does not replay as it applied (a corrupt document)
   */
  static StoredWallet fold(StoredWallet base, List<Queued> queue, long version) {
    Wallet w = base.wallet();
    String id = WalletCodec.id(w.key());
    List<StoredWallet.Recorded> recent = new ArrayList<>(base.recent());
    List<Document> pending = new ArrayList<>(base.pending());
    for (Queued q : queue) {
      WalletChange<?> change = q.command().apply(w, q.at());
      if (!change.changed() || change.entries().size() != 1
          || (q.command() instanceof WalletCommand.Consume && !(change.result() instanceof Consumption.Spent))) {
        throw new IllegalStateException("a queued " + Fingerprints.of(q.command()).getString("type") + " in wallet "
            + id + " does not replay as it applied: " + change.result());
      }
      w = change.wallet();
      change.entries().forEach(e -> pending.add(LedgerCodec.encode(id, e)));
      if (q.command().idempotencyKey() != null) {
        recent.add(new StoredWallet.Recorded(q.command().idempotencyKey(), Fingerprints.of(q.command()),
            Results.encode(id, change.result())));
      }
    }
    Wallet folded = new Wallet(w.key(), w.grants(), w.holds(), w.debt(), w.ledgerSeq(), version);
    return new StoredWallet(folded, recent, pending, base.movedOut(), base.queued() + queue.size());
  }
}

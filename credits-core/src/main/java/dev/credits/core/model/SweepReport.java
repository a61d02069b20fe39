package dev.credits.core.model;

/**
 * What one sweep pass did.
 *
 * @param walletsSettled wallets whose due events were recorded
 * @param ledgerEntries ledger entries written by those settlements
 * @param ordersExpired pending orders expired by this pass
 * @param ordersGranted paid orders whose grants this pass completed
 * @param ran false when another instance held the sweep lock and this pass did nothing
 */
public record SweepReport(int walletsSettled, int ledgerEntries, int ordersExpired, int ordersGranted, boolean ran) {}

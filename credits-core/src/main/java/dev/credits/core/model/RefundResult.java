package dev.credits.core.model;

/**
 * A refund at the processor.
 *
 * @param refundId the processor's refund id
 * @param amount amount refunded by this refund
 * @param succeeded true when the money is on its way back; false when still pending
 */
public record RefundResult(String refundId, Money amount, boolean succeeded) {}

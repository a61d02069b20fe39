/**
 * The ticket-lock / order-expiry module: sellers list tickets, buyers reserve one for a window
 * (an ordinary order of the core that locks the ticket), pay within it, or lose it when the window
 * passes. Entry point: {@link dev.credits.core.ticket.Tickets}, from
 * {@link dev.credits.core.Credits#tickets()}; storage: {@link dev.credits.core.spi.TicketStore}.
 */
package dev.credits.core.ticket;

package org.sadasya.decision;

/**
 * What the server makes of the challenge ticket an enrolment names; the names are stable keys in
 * the LIVENESS rule's evidence ({@code ticket}). Only {@link #TICKET_VALID} lets LIVENESS pass.
 */
public enum TicketStatus {
    /** Genuine, this worker's, used for a capture before it expired, arrived within the grace, first use. */
    TICKET_VALID,
    /** The capture names no ticket (the app's offline fallback, or an old app). */
    NO_TICKET,
    /** The signature does not match: times or signature altered, or the id was never issued. */
    TICKET_FORGED,
    /** A genuine ticket, issued to another worker. */
    TICKET_OTHER_WORKER,
    /** A genuine ticket whose steps were changed on the way. */
    TICKET_STEPS_CHANGED,
    /** Signed with this service's key, but the service has no record of issuing it (single use cannot be checked). */
    TICKET_UNKNOWN,
    /** The capture was made after the ticket expired. */
    TICKET_EXPIRED,
    /** The capture arrived after the ticket's expiry plus the grace for waiting outboxes. */
    TICKET_ARRIVED_LATE,
    /** Another enrolment used the ticket first. */
    TICKET_USED
}

/**
 * What an operator or an auditor watches: health of the verifier's queue and of the face index, the
 * service's own metrics, and the audit trail's read and verify endpoints ({@code AuditController};
 * the log itself is {@code org.sadasya.audit}, below security).
 */
package org.sadasya.ops;

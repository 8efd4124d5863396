/**
 * Worker fraud signals (issue 13, item 4): per worker, facts computed from their enrolments that
 * make a reviewer look closer (many enrolments from one spot, outside the booth, impossible travel,
 * reused photos, high rejection or liveness failure rates, repeated mobiles, night work). A signal
 * asks for a look; it does not prove fraud. Thresholds: {@code sadasya.signals.*}.
 */
package org.sadasya.signals;

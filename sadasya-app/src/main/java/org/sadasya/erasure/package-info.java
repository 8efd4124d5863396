/**
 * Erasure of a member's biometric data on request: photos, burst frames, embeddings (tombstones in
 * the face change feed) and the card, recorded in the audit log. Depends on the features whose data
 * it erases; nothing depends on it.
 */
package org.sadasya.erasure;

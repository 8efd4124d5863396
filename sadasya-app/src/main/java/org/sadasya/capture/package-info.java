/**
 * The worker's capture app (a PWA under {@code /app/}): the pages it is served from and the text
 * catalogue it renders, built from the same message files as the API.
 */
package org.sadasya.capture;

/**
 * The district console (plain pages under {@code /console/}) for reviewers and admins: the page's
 * shell and its text catalogue, built from the same message files as the API.
 */
package org.sadasya.console;

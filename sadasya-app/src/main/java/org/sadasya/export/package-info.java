/** CSV export of enrolments and members in a reviewer's scope, streamed from the database. */
package org.sadasya.export;

package org.sadasya.review;

import org.sadasya.enrollment.EnrollmentRecord;
import org.sadasya.enrollment.EnrollmentRepository;
import org.sadasya.security.Actor;
import org.sadasya.security.Role;
import org.sadasya.web.ApiException;
import org.springframework.stereotype.Component;

/**
 * The enrolments a caller may look at as evidence: a reviewer's within their unit, an admin's
 * everywhere. Anyone else, and anything outside the scope, is not found: the answer must not tell
 * a worker or another district's reviewer that the enrolment exists.
 */
@Component
public class ReviewableEnrollments {

    private final EnrollmentRepository enrollments;

    public ReviewableEnrollments(EnrollmentRepository enrollments) {
        this.enrollments = enrollments;
    }

    public EnrollmentRecord find(Actor actor, String submissionId) {
        boolean reviewer = actor.role() == Role.REVIEWER || actor.role() == Role.ADMIN;
        return enrollments.findBySubmissionId(submissionId.toLowerCase(java.util.Locale.ROOT))
                .filter(e -> reviewer && actor.covers(e.boothPath()))
                .orElseThrow(() -> ApiException.notFound("enrollment"));
    }
}
